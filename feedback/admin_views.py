"""Moderation actions for the comment queue: one comment or a selection at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from .models import Comment

ACTIONS = {
    "approve": (Comment.Status.APPROVED, "approved"),
    "reject": (Comment.Status.REJECTED, "rejected"),
    "spam": (Comment.Status.SPAM, "marked as spam"),
    "pending": (Comment.Status.PENDING, "returned to the queue"),
}


class ModerateCommentsView(View):
    model_admin = None  # set by CommentAdmin when it registers the URL

    def post(self, request):
        if not self.model_admin.permission_helper.user_can_edit_obj(request.user, None):
            raise PermissionDenied
        action, ids = self.requested(request.POST)
        if action not in ACTIONS or not ids:
            return HttpResponseBadRequest("Choose an action and at least one comment.")
        status, done = ACTIONS[action]
        comments = Comment.objects.filter(pk__in=ids).exclude(status=status)
        count = 0
        for comment in comments:  # one at a time, so save signals see every change
            comment.moderate(status)
            count += 1
        noun = "comment" if count == 1 else "comments"
        messages.success(request, f"{count} {noun} {done}.")
        return redirect(self.next_url(request))

    @staticmethod
    def requested(data):
        """(action, ids) from a row's own button ("approve:12") or the bulk form."""
        if data.get("single"):
            action, _, pk = data["single"].partition(":")
            return action, [pk] if pk.isdigit() else []
        return data.get("action"), [pk for pk in data.getlist("ids") if pk.isdigit()]

    def next_url(self, request):
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return target
        return self.model_admin.url_helper.index_url

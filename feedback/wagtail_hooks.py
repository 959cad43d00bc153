"""The "Reader feedback" admin menu (wagtail-modeladmin) and the dashboard panel."""

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.template.defaultfilters import pluralize
from django.urls import re_path, reverse
from wagtail import hooks
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from core.dashboard import DashboardPanel

from .admin_views import ModerateCommentsView
from .models import Comment, ReaderRating


class ReaderContentPermissionHelper(PermissionHelper):
    """Readers write comments and ratings; the admin only moderates them."""

    def user_can_create(self, user):
        return False


class CommentAdmin(ModelAdmin):
    model = Comment
    menu_label = "Comments"
    menu_icon = "comment"
    permission_helper_class = ReaderContentPermissionHelper
    list_display = ("excerpt", "name", "page", "status", "created_at")
    list_filter = ("status", ("page", RelatedOnlyFieldListFilter))
    search_fields = ("name", "email", "body")
    list_per_page = 50
    ordering = ("-created_at",)
    inspect_view_enabled = True
    inspect_view_fields = (
        "page",
        "parent",
        "name",
        "email",
        "website",
        "body",
        "status",
        "spam_reasons",
        "created_at",
        "moderated_at",
    )
    index_template_name = "feedback/admin/comment_index.html"
    inspect_template_name = "feedback/admin/comment_inspect.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page")

    def moderate_url_name(self):
        return self.url_helper.get_action_url_name("moderate")

    def get_admin_urls_for_registration(self):
        view = ModerateCommentsView.as_view(model_admin=self)
        pattern = rf"^{self.url_helper.base_url_path}/moderate/$"
        return (
            *super().get_admin_urls_for_registration(),
            re_path(pattern, view, name=self.moderate_url_name()),
        )


class ReaderRatingAdmin(ModelAdmin):
    model = ReaderRating
    menu_label = "Reader ratings"
    menu_icon = "pick"
    permission_helper_class = ReaderContentPermissionHelper
    list_display = ("review", "score", "updated_at")
    list_filter = ("score", "review")
    ordering = ("-updated_at",)


class ReaderFeedbackGroup(ModelAdminGroup):
    menu_label = "Reader feedback"
    menu_icon = "comment"
    menu_order = 250
    items = (CommentAdmin, ReaderRatingAdmin)


modeladmin_register(ReaderFeedbackGroup)


class PendingCommentsPanel(DashboardPanel):
    name = "pending_comments"
    order = 50
    heading = "Comments awaiting moderation"
    empty_text = "No comments are waiting."

    def get_button(self):
        count = Comment.objects.filter(status=Comment.Status.PENDING).count()
        if not count:
            return None
        queue = reverse("feedback_comment_modeladmin_index")
        text = f"{count} comment{pluralize(count)} waiting"
        return text, f"{queue}?status__exact={Comment.Status.PENDING}"


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm("feedback.change_comment"):
        panels.append(PendingCommentsPanel())

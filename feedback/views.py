"""Readers post comments and ratings here; both forms live on the page they are about."""

import secrets
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from core.links import absolute_url
from core.proxies import client_ip

from . import notices
from .forms import CommentForm, RatingForm
from .models import Comment, CommentSettings, ReaderRating
from .protection import FormTokenError, is_same_origin, private_hash, read_token, start_token
from .spam import Submission, rate_limited, spam_reasons

VOTER_COOKIE = "reader"
VOTER_COOKIE_SALT = "feedback.voter"
VOTER_COOKIE_AGE = 60 * 60 * 24 * 365 * 2
SEND_AGAIN = (
    "Nearly there: please check your comment below and press “Send comment” to send it. "
    "(This step keeps out automated spam.)"
)


def live_page(page_id, model):
    """The published, public page a form is about; anything else is a 404."""
    page = model.objects.live().public().filter(pk=page_id).specific().first()
    if page is None:
        raise Http404("No such page.")
    return page


def refuse(request, page, message, status=403):
    """Explain why a post was not accepted, and give the reader back what they wrote."""
    context = {"page": page, "message": message, "text": request.POST.get("body", "")}
    return TemplateResponse(request, "feedback/refused.html", context, status=status)


def page_with_forms(request, page, status, **forms):
    """The page again, with the reader's form, its errors and their input."""
    context = {**page.get_context(request), **forms}
    return TemplateResponse(request, page.get_template(request), context, status=status)


def guard(request, page):
    """The form token of a post, or a refusal response for a forged or stale post."""
    if not is_same_origin(request):
        return None, refuse(request, page, "The form was not sent from this site.")
    try:
        return read_token(request.POST.get("form_token"), page), None
    except FormTokenError as error:
        return None, refuse(request, page, str(error))


def reader_form(model):
    """A POST from a reader form about a live page of `model`, guarded as protection.py explains.

    Django's CSRF check is off for these views: a cached page cannot carry its per-visitor token.
    """

    def decorate(view):
        @csrf_exempt
        @require_POST
        @wraps(view)
        def guarded(request, page_id):
            page = live_page(page_id, model)
            token, refusal = guard(request, page)
            return refusal or view(request, page, token)

        return guarded

    return decorate


def commentable_page(page_id):
    page = live_page(page_id, Page)
    if not getattr(page, "comments_open", False):
        raise Http404("Comments on this page are closed.")
    return page


@never_cache
@require_GET
def start_comment(request, page_id):
    """A start token for a reader who begins writing a comment (asked for by comment-form.js)."""
    return JsonResponse({"form_token": start_token(commentable_page(page_id))})


@reader_form(Page)
def post_comment(request, page, token):
    if not getattr(page, "comments_open", False):
        return refuse(request, page, f"Comments on this {page._meta.verbose_name} are closed.")

    form = CommentForm(request.POST, page=page)
    if not token.nonce:
        # The page's own token cannot tell when this reader started (it may be an hour old,
        # from the cache): show the comment back once, with a token that starts now.
        if not form.is_valid():
            return comment_form_again(request, page, form, 400, start_token(page))
        form.add_error(None, SEND_AGAIN)
        return comment_form_again(request, page, form, 200, start_token(page))
    if not form.is_valid():
        return comment_form_again(request, page, form, 400)
    comment = form.save(commit=False)
    comment.page = page
    comment.parent = form.cleaned_data["parent"]
    comment.form_nonce = token.nonce
    earlier = Comment.objects.filter(form_nonce=token.nonce).first()
    if earlier is not None:
        return repeated(request, page, comment, earlier)

    ip = client_ip(request)
    comment.ip_hash = private_hash("ip", ip)
    if rate_limited(comment.ip_hash):
        form.add_error(
            None,
            "You have sent several comments in a short time. Please wait a few minutes, "
            "then send this one again.",
        )
        return comment_form_again(request, page, form, 429)

    moderation = CommentSettings.for_request(request)
    reasons = spam_reasons(
        Submission(
            name=comment.name,
            email=comment.email,
            website=comment.website,
            body=comment.body,
            ip=ip,
            user_agent=request.headers.get("User-Agent", ""),
            referrer=request.headers.get("Referer", ""),
            seconds_taken=token.age,
            honeypot=form.cleaned_data["homepage"],
            permalink=absolute_url(page, request),
        ),
        moderation.blocked_word_list(),
    )
    comment.status = initial_status(comment, reasons, moderation.auto_approve)
    comment.spam_reasons = "; ".join(reasons)[:255]
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        earlier = Comment.objects.filter(form_nonce=token.nonce).first()
        if earlier is None:
            raise
        return repeated(request, page, comment, earlier)  # sent twice at once: a double click
    if (
        comment.status == Comment.Status.PENDING
        and moderation.moderator_email == CommentSettings.ModeratorEmail.EACH
    ):
        notices.tell_moderators(page.get_site(), [comment])
    return sent(request, page, comment)


def comment_form_again(request, page, form, status, token=None):
    """The page with the reader's comment and what to fix; the reader's own start token is
    kept unless a new one is given, so their time on the form keeps counting."""
    token = token or request.POST["form_token"]
    return page_with_forms(request, page, status, comment_form=form, comment_token=token)


def sent(request, page, comment):
    """Where the reader goes after sending: their published comment, or the thank-you note."""
    if comment.status == Comment.Status.APPROVED:
        return redirect(f"{page.get_url(request)}?comment=published#comment-{comment.pk}")
    return redirect(f"{page.get_url(request)}?comment=received#comments")


def repeated(request, page, comment, earlier):
    """A form token already used: a double click gets the first post's answer; else refused."""
    if comment.is_same_submission(earlier):
        return sent(request, page, earlier)
    return refuse(
        request,
        page,
        "This form has already sent a comment. To write another, reload the page.",
        status=409,
    )


def initial_status(comment, reasons, auto_approve):
    if reasons:
        return Comment.Status.SPAM
    returning = Comment.objects.filter(
        status=Comment.Status.APPROVED,
        email__iexact=comment.email,
        name__iexact=comment.name,
    ).exists()
    return Comment.Status.APPROVED if auto_approve and returning else Comment.Status.PENDING


@reader_form(ReaderRating.rated_model())
def rate_review(request, review, token):
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = RatingForm(request.POST)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        return page_with_forms(request, review, 400, rating_form=form)

    voter_id = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_COOKIE_SALT)
    known_reader = voter_id is not None
    voter_id = voter_id or secrets.token_urlsafe(18)
    score = form.cleaned_data["score"]
    ReaderRating.record(
        review,
        voter_hash=private_hash("voter", voter_id),
        ip_hash=private_hash("ip", client_ip(request)),
        score=score,
        known_reader=known_reader,
    )

    if wants_json:
        response = JsonResponse({"score": score, **ReaderRating.summary_for_display(review)})
    else:
        response = redirect(f"{review.get_url(request)}?rated={score}#reader-rating")
    response.set_signed_cookie(
        VOTER_COOKIE,
        voter_id,
        salt=VOTER_COOKIE_SALT,
        max_age=VOTER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response

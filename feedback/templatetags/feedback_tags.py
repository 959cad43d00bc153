from django import template
from django.utils.safestring import mark_safe

from feedback import cache
from feedback.forms import CommentForm
from feedback.models import RATING_SCALE, Comment, ReaderRating, rating_text
from feedback.protection import issue_token
from pagecache import keys, tags

register = template.Library()

COMMENT_LIST_SECONDS = 7 * 24 * 60 * 60

POST_MESSAGES = {
    "received": "Thank you: your comment is awaiting moderation and will appear once approved.",
    "published": "Thank you: your comment is published.",
}


def approved_threads(page):
    """Approved comments, oldest first, each with its approved replies (one query)."""
    approved = Comment.objects.filter(page=page, status=Comment.Status.APPROVED)
    comments = list(approved.order_by("created_at"))
    threads = {comment.pk: comment for comment in comments if comment.parent_id is None}
    for thread in threads.values():
        thread.approved_replies = []
    for comment in comments:
        if comment.parent_id in threads:
            threads[comment.parent_id].approved_replies.append(comment)
    return list(threads.values())


def reply_target(request, page):
    """The approved comment named by ?replyto=, if the reader chose to reply to one."""
    wanted = request.GET.get("replyto", "") if request else ""
    if not wanted.isdigit():
        return None
    approved = Comment.objects.filter(page=page, status=Comment.Status.APPROVED)
    return approved.filter(pk=int(wanted)).first()


def comment_list(context, page):
    """The approved comments as HTML, and how many; kept until a moderator changes one.

    Fifty comments are most of the work of rendering a review page.
    """

    def build():
        threads = approved_threads(page)
        values = {"threads": threads, "page": page, "request": context.get("request")}
        template = context.template.engine.get_template("feedback/includes/comment_list.html")
        listed = {
            "html": template.render(context.new(values)),
            "count": sum(1 + len(thread.approved_replies) for thread in threads),
        }
        # The page tag too: closing comments removes the reply links.
        return listed, {cache.comments(page.pk), keys.page(page.pk)}

    return tags.fetch_or_build(f"comment-list:{page.pk}", build, COMMENT_LIST_SECONDS)


BLANK_FIELDS = {}  # the empty form's fields, the same on every review: rendered once a process


def blank_fields(context, page):
    """The fields of a new, empty comment form, rendered once: they only change with the code."""
    if "html" not in BLANK_FIELDS:
        template = context.template.engine.get_template("feedback/includes/comment_fields.html")
        form = CommentForm(page=page)
        BLANK_FIELDS["html"] = mark_safe(template.render(context.new({"form": form})))
    return BLANK_FIELDS["html"]


@register.inclusion_tag("feedback/includes/comments.html", takes_context=True)
def page_comments(context, page):
    request = context.get("request")
    shown = comment_list(context, page)
    form = context.get("comment_form")  # sent back with errors
    if form is not None:
        replying_to = form.cleaned_data.get("parent")
    else:
        replying_to = reply_target(request, page)
        # A new comment needs no form of its own: the blank fields are the same everywhere.
        form = replying_to and CommentForm(page=page, initial={"parent": replying_to.pk})
    return {
        "request": request,
        "page": page,
        "comment_list": mark_safe(shown["html"]),
        "blank_fields": None if form else blank_fields(context, page),
        "count": shown["count"],
        "form": form,
        # A page answering a post keeps the reader's start token (feedback/protection.py).
        "form_token": context.get("comment_token") or issue_token(page),
        "replying_to": replying_to,
        "message": POST_MESSAGES.get(request.GET.get("comment")) if request else None,
        "privacy_page": privacy_page(context),
    }


def privacy_page(context):
    chrome = context.get("chrome")
    return chrome.settings.privacy_notice if chrome is not None else None


def rating_summary(context, review):
    return context.get("rating_summary") or ReaderRating.cached_summary(review)


@register.inclusion_tag("feedback/includes/rating.html", takes_context=True)
def reader_rating(context, review):
    request = context.get("request")
    rated = request.GET.get("rated", "") if request else ""
    summary = rating_summary(context, review)
    return {
        "review": review,
        "summary": summary,
        "summary_text": rating_text(summary["average"], summary["count"]),
        "distribution": vote_distribution(summary),
        "form": context.get("rating_form"),  # only a rating sent back with an error
        "form_token": issue_token(review),
        "scale": list(RATING_SCALE),
        "rated": int(rated) if rated.isdigit() and int(rated) in RATING_SCALE else None,
        "privacy_page": privacy_page(context),
    }


def vote_distribution(summary):
    """(score, votes) from the highest score down, as review sites list them."""
    votes = summary.get("votes") or [0] * len(RATING_SCALE)
    return list(reversed(list(zip(RATING_SCALE, votes, strict=True))))


@register.inclusion_tag("feedback/includes/reader_average.html", takes_context=True)
def reader_average(context, review):
    """The readers' average in a review's header, as stars and a number."""
    summary = rating_summary(context, review)
    return {"average": summary["average"], "count": summary["count"], "best": RATING_SCALE[-1]}

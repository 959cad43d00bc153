from django import template
from django.utils.safestring import mark_safe

from core.chrome import chrome_for
from feedback import cache
from feedback.forms import CommentForm
from feedback.models import RATING_SCALE, Comment, ReaderRating, rating_text
from feedback.protection import issue_token
from pagecache import keys, tags

register = template.Library()

COMMENT_LIST_SECONDS = 7 * 24 * 60 * 60
SECTION_SECONDS = 24 * 60 * 60
# Where a kept section's forms carry their token: each render puts a new one in its place. It is
# markup, so no reader's text (always escaped) can contain it.
TOKEN_SLOT = mark_safe("<form-token>")

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


@register.simple_tag(takes_context=True)
def page_comments(context, page):
    """The comments and the form for a new one, kept while every reader gets the same: unless
    the page answers a comment (one to correct, or sent) or offers a reply to one."""
    request = context.get("request")
    form = context.get("comment_form")  # sent back with errors
    if form is not None:
        replying_to = form.cleaned_data.get("parent")
    else:
        replying_to = reply_target(request, page)
        # A new comment needs no form of its own: the blank fields are the same everywhere.
        form = replying_to and CommentForm(page=page, initial={"parent": replying_to.pk})
    message = POST_MESSAGES.get(request.GET.get("comment")) if request else None

    def values(form_token):
        shown = comment_list(context, page)
        return {
            "request": request,
            "page": page,
            "comment_list": mark_safe(shown["html"]),
            "blank_fields": None if form else blank_fields(context, page),
            "count": shown["count"],
            "form": form,
            "form_token": form_token,
            "replying_to": replying_to,
            "message": message,
            "privacy_page": privacy_page(context),
        }

    # A page answering a post keeps the reader's start token (feedback/protection.py).
    token = context.get("comment_token")
    if form or message or token:
        return section(context, "comments.html", values(token or issue_token(page)))
    shown = {cache.comments(page.pk), keys.page(page.pk)}  # closing comments removes the form
    return kept_section(context, "comments", page, shown, values)


def privacy_page(context):
    chrome = context.get("chrome")
    return chrome.settings.privacy_notice if chrome is not None else None


def rating_summary(context, review):
    return context.get("rating_summary") or ReaderRating.cached_summary(review)


@register.simple_tag(takes_context=True)
def reader_rating(context, review):
    """The readers' votes and the rating form, kept while every reader gets the same: unless
    the page answers a vote (thanks for it, or a rating to correct)."""
    request = context.get("request")
    rated = request.GET.get("rated", "") if request else ""
    rated = int(rated) if rated.isdigit() and int(rated) in RATING_SCALE else None
    form = context.get("rating_form")  # only a rating sent back with an error

    def values(form_token, summary):
        return {
            "review": review,
            "summary": summary,
            "summary_text": rating_text(summary["average"], summary["count"]),
            "distribution": vote_distribution(summary),
            "form": form,
            "form_token": form_token,
            "scale": list(RATING_SCALE),
            "rated": rated,
            "privacy_page": privacy_page(context),
        }

    if form is not None or rated is not None:
        summary = rating_summary(context, review)
        return section(context, "rating.html", values(issue_token(review), summary))
    # Read again for the kept section (see kept_section), not taken from the page's context.
    return kept_section(
        context,
        "rating",
        review,
        {cache.ratings(review.pk)},
        lambda form_token: values(form_token, ReaderRating.cached_summary(review)),
    )


def section(context, name, values):
    template = context.template.engine.get_template(f"feedback/includes/{name}")
    return mark_safe(template.render(context.new(values)))


def kept_section(context, name, page, shown, values):
    """The section as `values(form_token)` renders it, kept until one of the tags `shown` or a
    chrome part it reads changes; every render puts a new form token in it.

    `values` reads what it shows through the cache, not from what the page read earlier: what
    is kept must be read after the generation it is stored against (pagecache.tags)."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return section(context, f"{name}.html", values(issue_token(page)))

    def build():
        with chrome_for(request).tags_read() as read:
            html = section(context, f"{name}.html", values(TOKEN_SLOT))
        return {"html": html, "chrome": sorted(read)}, shown | read

    key = f"feedback-{name}:{request.scheme}://{request.get_host()}:{page.pk}"
    kept = tags.fetch_or_build(key, build, SECTION_SECONDS)
    tags.also_depends_on(request, *kept["chrome"])  # as reading those parts would
    return mark_safe(kept["html"].replace(TOKEN_SLOT, issue_token(page)))


def vote_distribution(summary):
    """(score, votes) from the highest score down, as review sites list them."""
    votes = summary.get("votes") or [0] * len(RATING_SCALE)
    return list(reversed(list(zip(RATING_SCALE, votes, strict=True))))


@register.inclusion_tag("feedback/includes/reader_average.html", takes_context=True)
def reader_average(context, review):
    """The readers' average in a review's header, as stars and a number."""
    summary = rating_summary(context, review)
    return {"average": summary["average"], "count": summary["count"], "best": RATING_SCALE[-1]}

from django import template

from feedback.forms import CommentForm, RatingForm
from feedback.models import RATING_SCALE, Comment, ReaderRating, rating_text
from feedback.protection import issue_token

register = template.Library()

POST_MESSAGES = {
    "received": "Thank you: your comment is awaiting moderation and will appear once approved.",
    "published": "Thank you: your comment is published.",
}


def approved_threads(review):
    """Approved comments, oldest first, each with its approved replies (one query)."""
    approved = Comment.objects.filter(review=review, status=Comment.Status.APPROVED)
    comments = list(approved.order_by("created_at"))
    threads = {comment.pk: comment for comment in comments if comment.parent_id is None}
    for thread in threads.values():
        thread.approved_replies = []
    for comment in comments:
        if comment.parent_id in threads:
            threads[comment.parent_id].approved_replies.append(comment)
    return list(threads.values())


def reply_target(request, threads):
    """The approved comment named by ?replyto=, if the reader chose to reply to one."""
    wanted = request.GET.get("replyto", "") if request else ""
    comments = [c for thread in threads for c in [thread, *thread.approved_replies]]
    return next((c for c in comments if str(c.pk) == wanted), None)


@register.inclusion_tag("feedback/includes/comments.html", takes_context=True)
def review_comments(context, review):
    request = context.get("request")
    threads = approved_threads(review)
    form = context.get("comment_form")
    replying_to = None
    if form is None:
        replying_to = reply_target(request, threads)
        form = CommentForm(review=review, initial={"parent": replying_to and replying_to.pk})
    else:
        replying_to = form.cleaned_data.get("parent")
    return {
        "request": request,
        "review": review,
        "threads": threads,
        "count": sum(1 + len(thread.approved_replies) for thread in threads),
        "form": form,
        "form_token": issue_token(review),
        "replying_to": replying_to,
        "message": POST_MESSAGES.get(request.GET.get("comment")) if request else None,
    }


@register.inclusion_tag("feedback/includes/rating.html", takes_context=True)
def reader_rating(context, review):
    request = context.get("request")
    rated = request.GET.get("rated", "") if request else ""
    return {
        "review": review,
        "summary_text": rating_text(
            **(context.get("rating_summary") or ReaderRating.summary(review))
        ),
        "form": context.get("rating_form") or RatingForm(),
        "form_token": issue_token(review),
        "scale": list(RATING_SCALE),
        "rated": int(rated) if rated.isdigit() and int(rated) in RATING_SCALE else None,
    }

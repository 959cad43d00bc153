"""What reader feedback shows on pages, and what a change to it retires.

- comments:<page id>  a page's approved comments (and their count, wherever it is shown)
- ratings:<page id>   a review's reader votes

Connected in FeedbackConfig.ready(); the senders are named lazily because the models use
these names too.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from pagecache import tags


def comments(page_pk):
    return f"comments:{page_pk}"


def ratings(page_pk):
    return f"ratings:{page_pk}"


@receiver(pre_save, sender="feedback.Comment")
def remember_comment_status(sender, instance, **kwargs):
    before = sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance.status_before = before


@receiver(post_save, sender="feedback.Comment")
@receiver(post_delete, sender="feedback.Comment")
def comment_changed(sender, instance, **kwargs):
    """Only approved comments are shown: a change that never touched one retires nothing."""
    if sender.Status.APPROVED in (instance.status, getattr(instance, "status_before", None)):
        tags.invalidate(comments(instance.page_id))


def comments_added(shown_on):
    """New approved comments on the pages of these ids, inserted in bulk (no signals)."""
    if shown_on:
        tags.invalidate(*(comments(page_pk) for page_pk in sorted(shown_on)))


@receiver(post_save, sender="feedback.ReaderRating")
@receiver(post_delete, sender="feedback.ReaderRating")
def rating_changed(sender, instance, **kwargs):
    tags.invalidate(ratings(instance.review_id))

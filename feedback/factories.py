import factory
from factory.django import DjangoModelFactory

from .models import Comment


class CommentFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.LazyAttribute(lambda comment: f"{comment.name.replace(' ', '.')}@example.com")
    body = factory.Sequence(lambda n: f"Comment number {n}.")
    status = Comment.Status.APPROVED
    ip_hash = "0" * 64

    class Meta:
        model = Comment


def comment_threads(page, threads=30, replies=20):
    """Approved comments on `page`: `threads` of them, the first `replies` with one reply."""
    started = CommentFactory.create_batch(threads, page=page)
    for parent in started[:replies]:
        CommentFactory(page=page, parent=parent)

"""The benchmark's own content: a long review with many comments and 1,000 short reviews."""

import django

django.setup()

import wagtail_factories  # noqa: E402
from django.db import transaction  # noqa: E402

from feedback.factories import comment_threads  # noqa: E402
from reviews.factories import ReviewPageFactory, budget_review_body  # noqa: E402
from reviews.models import Category, Critic, ReviewIndexPage, ReviewPage  # noqa: E402

LISTED = 1000


def long_review(index):
    images = [wagtail_factories.ImageFactory(title=f"Benchmark still {n}") for n in range(3)]
    body = budget_review_body(images, paragraph="Paragraph {n} of the benchmark review. " * 8)
    review = ReviewPageFactory(
        parent=index,
        title="Benchmark review",
        slug="benchmark-review",
        body=body,
        poster=wagtail_factories.ImageFactory(title="Benchmark poster"),
        author=Critic.objects.first(),
        categories=list(Category.objects.all()[:2]),
    )
    review.save_revision().publish()
    comment_threads(review)  # 50 comments


@transaction.atomic
def main():
    index = ReviewIndexPage.objects.get()
    if not ReviewPage.objects.filter(slug="benchmark-review").exists():
        long_review(index)
    existing = ReviewPage.objects.filter(slug__startswith="listed-").count()
    for n in range(existing, LISTED):
        ReviewPageFactory(parent=index, title=f"Listed {n}", slug=f"listed-{n}")


main()

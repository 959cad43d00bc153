"""Factories for tests: reviews, their snippets and the blocks of a review body."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from core import block_values as shared_blocks

from . import block_values as review_blocks
from .models import AffiliateDisclosure, Category, Critic, ReviewIndexPage, ReviewPage, VerdictLabel


class CategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    description = "Films that share something."

    class Meta:
        model = Category


class CriticFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Critic {n}")

    class Meta:
        model = Critic


class AffiliateDisclosureFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Disclosure {n}")
    text = factory.Sequence(lambda n: f"<p>Disclosure text number {n}.</p>")

    class Meta:
        model = AffiliateDisclosure


class ReviewIndexPageFactory(wagtail_factories.PageFactory):
    title = "Reviews"
    slug = "reviews"

    class Meta:
        model = ReviewIndexPage


def verdict_block(label="Must See", score="8.5", summary="Worth your evening.", details=""):
    label_id = VerdictLabel.objects.get(name=label).pk
    return review_blocks.verdict(label_id, summary, score=score, details=details)


class ReviewPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Film {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    intro = factory.LazyAttribute(lambda page: f"A spoiler-free look at {page.title}.")
    kind = ReviewPage.Kind.FILM
    release_year = 1930
    director = "A. Director"
    date_published = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(n))
    body = factory.LazyFunction(
        lambda: [shared_blocks.text_section("<p>Plain review text.</p>"), verdict_block()]
    )
    # As if published through the admin, which stamps the first publication.
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    # `categories=[...]` goes to the constructor: modelcluster saves them with the page.

    class Meta:
        model = ReviewPage


def budget_review_body(images, paragraph="Paragraph {n}."):
    """The body the speed and weight budgets are set for: 20 blocks, every kind among them.

    8 text sections, 2 spoiler sections, a cast of 10, 3 quotes, an image block for each of
    the 3 `images`, 2 trailers and the verdict.
    """
    return [
        *(
            shared_blocks.text_section(f"<p>{paragraph.format(n=n)}</p>", heading=f"Part {n}")
            for n in range(8)
        ),
        review_blocks.spoiler("<p>The first secret.</p>", heading="The ending"),
        review_blocks.spoiler("<p>The second secret.</p>", heading="The ending"),
        review_blocks.cast([(f"Character {n}", f"Performer {n}", "") for n in range(10)]),
        *(shared_blocks.quote(f"Memorable line {n}.", speaker="Someone") for n in range(3)),
        *(
            shared_blocks.image(image.pk, "A still", caption="A still", credit="Public domain")
            for image in images
        ),
        review_blocks.trailer("https://archive.org/details/night_of_the_living_dead"),
        review_blocks.trailer("https://archive.org/details/the_general"),
        verdict_block(),
    ]

"""Factories for tests: reviews, their snippets and the blocks of a review body."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

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


def text_block(text="Plain review text.", heading=""):
    return {"type": "text", "value": {"heading": heading, "text": f"<p>{text}</p>"}}


def spoiler_block(text, heading="The ending", warning_label="Spoilers ahead"):
    value = {"heading": heading, "warning_label": warning_label, "text": f"<p>{text}</p>"}
    return {"type": "spoiler", "value": value}


def cast_block(*members, heading="Cast"):
    rows = [
        {"character": character, "performer": performer, "note": note}
        for character, performer, note in members
    ]
    return {"type": "cast", "value": {"heading": heading, "members": rows}}


def quote_block(quote, speaker="", source=""):
    return {"type": "quote", "value": {"quote": quote, "speaker": speaker, "source": source}}


def verdict_block(label="Must See", score="8.5", summary="Worth your evening."):
    label_id = VerdictLabel.objects.get(name=label).pk
    return {"type": "verdict", "value": {"label": label_id, "score": score, "summary": summary}}


def image_block(image, alt_text="A still", caption="", credit=""):
    value = {
        "image": {"image": image.pk, "decorative": False, "alt_text": alt_text},
        "caption": caption,
        "credit": credit,
    }
    return {"type": "image", "value": value}


def trailer_block(url, caption=""):
    return {"type": "trailer", "value": {"video": url, "caption": caption}}


class ReviewPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Film {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    intro = factory.LazyAttribute(lambda page: f"A spoiler-free look at {page.title}.")
    kind = ReviewPage.Kind.FILM
    release_year = 1930
    director = "A. Director"
    date_published = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(n))
    body = factory.LazyFunction(lambda: [text_block(), verdict_block()])
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
        *(text_block(paragraph.format(n=n), heading=f"Part {n}") for n in range(8)),
        spoiler_block("The first secret."),
        spoiler_block("The second secret."),
        cast_block(*((f"Character {n}", f"Performer {n}", "") for n in range(10))),
        *(quote_block(f"Memorable line {n}.", speaker="Someone") for n in range(3)),
        *(image_block(image, caption="A still", credit="Public domain") for image in images),
        trailer_block("https://archive.org/details/night_of_the_living_dead"),
        trailer_block("https://archive.org/details/the_general"),
        verdict_block(),
    ]

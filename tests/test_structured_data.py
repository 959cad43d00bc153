"""JSON-LD on each review, checked field by field."""

import json

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from reviews import block_values as review_blocks
from reviews.factories import CriticFactory, ReviewPageFactory, verdict_block


def json_ld(client, review):
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture
def nosferatu(review_index):
    return ReviewPageFactory(
        parent=review_index,
        title="Nosferatu review",
        work_title="Nosferatu",
        original_title="Nosferatu, eine Symphonie des Grauens",
        release_year=1922,
        director="F. W. Murnau",
        intro="A shadow with a plague in its coat.",
        author=CriticFactory(name="Ada Marlowe"),
        poster=wagtail_factories.ImageFactory(),
        body=[
            review_blocks.cast(
                [("Count Orlok", "Max Schreck", ""), ("Ellen", "Greta Schröder", "")]
            ),
            review_blocks.cast([("Orlok's shadow", "Max Schreck", "")]),
            verdict_block("Must See", "9.5", "Still terrifying."),
        ],
    )


def test_critic_review_of_a_movie(client, nosferatu):
    data = json_ld(client, nosferatu)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CriticReview"
    assert data["name"] == "Nosferatu review"
    assert data["url"] == f"http://testserver{nosferatu.url}"
    assert data["description"] == "A shadow with a plague in its coat."
    assert data["datePublished"] == nosferatu.date_published.isoformat()
    assert data["author"] == {"@type": "Person", "name": "Ada Marlowe"}
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "The Projection Booth",
        "url": "http://testserver/",
    }
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 9.5,
        "bestRating": 10.0,
        "worstRating": 0,
        "ratingExplanation": "Must See: Still terrifying.",
    }
    work = data["itemReviewed"]
    assert work["@type"] == "Movie"
    assert work["name"] == "Nosferatu"
    assert work["alternateName"] == "Nosferatu, eine Symphonie des Grauens"
    assert work["dateCreated"] == "1922"
    people = "http://testserver/people"
    assert work["director"] == [
        {"@type": "Person", "name": "F. W. Murnau", "url": f"{people}/f-w-murnau/"}
    ]
    assert work["actor"] == [
        {"@type": "Person", "name": "Max Schreck", "url": f"{people}/max-schreck/"},
        {"@type": "Person", "name": "Greta Schröder", "url": f"{people}/greta-schroder/"},
    ]
    assert work["image"].startswith("http://testserver/")
    assert "aggregateRating" not in work


def test_aggregate_rating_appears_with_reader_votes(client, nosferatu, rate):
    rate(nosferatu, 4, ip="198.51.100.1", client=type(client)())
    rate(nosferatu, 5, ip="198.51.100.2", client=type(client)())
    assert json_ld(client, nosferatu)["itemReviewed"]["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "ratingCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_series_have_creators_and_unscored_reviews_no_rating(client, review_index):
    review = ReviewPageFactory(
        parent=review_index,
        kind="tv_series",
        director="Rod Serling, Someone Else",
        author=None,
        body=[verdict_block("Mixed", None)],
    )
    data = json_ld(client, review)
    assert data["itemReviewed"]["@type"] == "TVSeries"
    assert data["itemReviewed"]["creator"] == [
        {"@type": "Person", "name": "Rod Serling", "url": "http://testserver/people/rod-serling/"},
        {
            "@type": "Person",
            "name": "Someone Else",
            "url": "http://testserver/people/someone-else/",
        },
    ]
    assert "reviewRating" not in data
    assert data["author"] == {"@type": "Organization", "name": "The Projection Booth"}


def test_other_kinds_are_creative_works(client, review_index):
    review = ReviewPageFactory(parent=review_index, kind="anime")
    assert json_ld(client, review)["itemReviewed"]["@type"] == "CreativeWork"


def test_json_stays_valid_and_inert_with_hostile_text(client, review_index):
    title = '</script><script>alert("x")</script> & <!-- "quotes"'
    review = ReviewPageFactory(parent=review_index, title=title, slug="hostile")
    html = client.get(review.url).text
    assert '<script>alert("x")' not in html
    assert json_ld(client, review)["name"] == title

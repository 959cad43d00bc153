"""A review's header says how good the work is before a word of the text: the critic's score as
a ring with its label, the readers' stars, the facts in one line, reading time and the byline."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from core import block_values as shared_blocks
from offers.factories import OfferFactory, ServiceFactory
from reviews.factories import CriticFactory, ReviewPageFactory, verdict_block


def page(client, review):
    return BeautifulSoup(client.get(review.url).content, "html.parser")


@pytest.fixture
def scored_review(review_index):
    return ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        release_year=1922,
        director="F. W. Murnau",
        runtime_minutes=94,
        poster=wagtail_factories.ImageFactory(),
        author=CriticFactory(name="Ada Marlowe"),
        body=[
            shared_blocks.text_section("<p>" + "word " * 700 + "</p>"),
            verdict_block("Must See", "9.5", "A shadow that still stretches."),
        ],
    )


def test_the_verdict_is_echoed_in_the_header_as_a_ring_filled_to_the_score(client, scored_review):
    soup = page(client, scored_review)
    header = soup.select_one(".review__header")
    score = header.select_one(".score")
    assert " ".join(score.get_text().split()) == "Verdict: Must See 9.5/10"
    assert "score--positive" in score["class"]
    assert score.select_one(".score__fill")["stroke-dasharray"] == "95 100"
    # The verdict block keeps its place at the end of the text.
    assert soup.select_one(".review__body section.verdict .verdict__label").get_text() == "Must See"


def test_the_header_gives_the_facts_reading_time_and_a_byline_to_the_critic(client, scored_review):
    header = page(client, scored_review).select_one(".review__header")
    assert header.select_one(".review__facts").get_text() == "1922 · F. W. Murnau · 94 min · Film"
    byline = " ".join(header.select_one(".byline").get_text().split())
    assert "3 min read" in byline  # 700 words and the verdict at 230 words a minute
    author = header.select_one(".byline__author")
    assert (author.get_text(), author["href"]) == ("Ada Marlowe", "/reviews/critic/ada-marlowe/")


def test_the_readers_average_shows_as_stars_beside_the_score(client, scored_review, rate):
    empty = page(client, scored_review).select_one(".review__scores .reader-average")
    assert empty.get_text(strip=True) == "No reader ratings yet: rate it"
    rate(scored_review, 4, ip="198.51.100.1")
    rate(scored_review, 3, client=type(client)(), ip="198.51.100.2")
    average = page(client, scored_review).select_one(".review__scores .reader-average")
    assert " ".join(average.get_text().split()) == "3.5 out of 5 from 2 readers"
    assert average.select_one("clipPath rect")["width"] == "70"  # 3.5 of 5 stars filled
    assert average.a["href"] == "#reader-rating"


def test_a_review_without_a_score_shows_its_label_alone(client, review_index):
    review = ReviewPageFactory(parent=review_index, body=[verdict_block("Mixed", None, "Hm.")])
    score = page(client, review).select_one(".review__header .score")
    assert " ".join(score.get_text().split()) == "Verdict: Mixed"
    assert score.select_one("svg") is None


def test_the_poster_sits_in_the_header_and_the_facts_box_before_the_text(
    client, review_index, scored_review
):
    scored_review.offers = [OfferFactory(service=ServiceFactory(name="Archive"))]
    scored_review.save_revision().publish()
    soup = page(client, scored_review)
    assert soup.select_one(".review__header .review__poster") is not None
    article = soup.select_one("article.review")
    order = [child["class"][0] for child in article.find_all(recursive=False)]
    assert order == ["review__header", "review__aside", "review__body", "review__footer"]
    assert soup.select_one(".review__aside > .work-facts")

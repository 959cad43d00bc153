"""Each critic has a page: their bio, then their reviews, newest first; bylines link to it."""

import datetime

import pytest
from bs4 import BeautifulSoup

from reviews.factories import CriticFactory, ReviewPageFactory


@pytest.fixture
def ada(db):
    return CriticFactory(name="Ada Marlowe", short_bio="Fifteen years of silent cinema.")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [a.get_text() for a in soup.select(".review-card__title a")]


def test_a_critics_page_lists_their_reviews_newest_first_under_their_bio(client, review_index, ada):
    ReviewPageFactory(
        parent=review_index, title="Older", author=ada, date_published=datetime.date(2026, 1, 1)
    )
    ReviewPageFactory(
        parent=review_index, title="Newer", author=ada, date_published=datetime.date(2026, 2, 1)
    )
    ReviewPageFactory(parent=review_index, title="Someone else's", author=CriticFactory())

    response = client.get("/reviews/critic/ada-marlowe/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.h1.get_text() == "Reviews by Ada Marlowe"
    assert "Fifteen years of silent cinema." in soup.select_one(".listing-header").get_text()
    assert titles(soup) == ["Newer", "Older"]
    assert soup.title.get_text() == "Reviews by Ada Marlowe · The Projection Booth"


def test_names_with_accents_have_plain_addresses(client, review_index):
    tomas = CriticFactory(name="Tomás Reyes")
    review = ReviewPageFactory(parent=review_index, author=tomas)
    soup = soup_of(client.get(review.url))
    assert soup.select_one(".byline__author")["href"] == "/reviews/critic/tomas-reyes/"
    assert client.get("/reviews/critic/tomas-reyes/").status_code == 200


def test_an_unknown_critic_is_a_404(client, review_index, ada):
    assert client.get("/reviews/critic/nobody/").status_code == 404


def test_a_new_review_by_the_critic_appears_on_their_cached_page(client, review_index, ada):
    ReviewPageFactory(parent=review_index, title="First", author=ada)
    assert titles(soup_of(client.get("/reviews/critic/ada-marlowe/"))) == ["First"]
    draft = ReviewPageFactory(
        parent=review_index,
        title="Second",
        author=ada,
        date_published=datetime.date(2030, 1, 1),
        live=False,
    )
    draft.save_revision().publish()
    assert titles(soup_of(client.get("/reviews/critic/ada-marlowe/"))) == ["Second", "First"]


def test_a_review_given_to_the_critic_later_joins_their_page(client, review_index, ada):
    review = ReviewPageFactory(parent=review_index, title="Reassigned", author=CriticFactory())
    assert titles(soup_of(client.get("/reviews/critic/ada-marlowe/"))) == []
    review.author = ada
    review.save_revision().publish()
    assert titles(soup_of(client.get("/reviews/critic/ada-marlowe/"))) == ["Reassigned"]


@pytest.mark.parametrize(
    "name, address",
    [
        (
            "Жанна Петрова",
            "/reviews/critic/%D0%B6%D0%B0%D0%BD%D0%BD%D0%B0-%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B0/",
        ),
        ("—", "/reviews/critic/critic/"),
    ],
)
def test_every_critic_has_a_page_whatever_the_script_of_their_name(
    client, review_index, name, address
):
    review = ReviewPageFactory(parent=review_index, title="Faust", author=CriticFactory(name=name))
    assert soup_of(client.get(review.url)).select_one(".byline__author")["href"] == address
    page = client.get(address)
    assert page.status_code == 200
    assert titles(soup_of(page)) == ["Faust"]


def test_names_that_slugify_alike_get_pages_of_their_own(client, review_index):
    hyphen = CriticFactory(name="Anne-Marie Roy")
    space = CriticFactory(name="Anne Marie Roy")
    ReviewPageFactory(parent=review_index, title="Hers", author=hyphen)
    ReviewPageFactory(parent=review_index, title="Theirs", author=space)
    assert (hyphen.slug, space.slug) == ("anne-marie-roy", "anne-marie-roy-2")
    assert titles(soup_of(client.get("/reviews/critic/anne-marie-roy/"))) == ["Hers"]
    assert titles(soup_of(client.get("/reviews/critic/anne-marie-roy-2/"))) == ["Theirs"]

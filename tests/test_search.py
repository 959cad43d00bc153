"""Search over reviews: what it finds, what it never shows, and hostile queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core import block_values as shared_blocks
from reviews import block_values as review_blocks
from reviews import views
from reviews.factories import ReviewPageFactory
from reviews.views import MAX_QUERY_LENGTH, RESULTS_PER_PAGE

SECRET = "zeppelin"


@pytest.fixture
def night(review_index):
    return ReviewPageFactory(
        parent=review_index,
        title="A house under siege",
        work_title="Night of the Living Dead",
        director="George A. Romero",
        intro="Seven strangers barricade a farmhouse.",
        body=[
            shared_blocks.text_section("<p>Shot in grainy black and white near Pittsburgh.</p>"),
            review_blocks.cast([("Ben", "Duane Jones", "")]),
            review_blocks.spoiler(f"<p>A posse arrives with a {SECRET}.</p>"),
        ],
    )


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    return response, BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [a.get_text() for a in soup.select(".review-card__title a")]


@pytest.mark.parametrize(
    "query", ["siege", "Living Dead", "Romero", "Duane Jones", "farmhouse", "Pittsburgh"]
)
def test_finds_reviews_by_title_work_people_intro_and_text(client, night, query):
    _, soup = search(client, query)
    assert titles(soup) == ["A house under siege"]
    assert "1 review found" in soup.select_one(".search-summary").get_text()


def test_spoilers_are_neither_searched_nor_shown(client, night):
    _, soup = search(client, SECRET)
    assert titles(soup) == []
    _, soup = search(client, "farmhouse")
    assert SECRET not in soup.get_text()
    assert soup.select_one(".review-card__intro").get_text() == night.intro


def test_unpublished_reviews_are_not_found(client, night):
    night.unpublish()
    _, soup = search(client, "farmhouse")
    assert titles(soup) == []


def test_empty_query_shows_just_the_form(client, night):
    response, soup = search(client, "   ")
    assert response.status_code == 200
    assert soup.select_one("input[name=q]")["value"] == ""
    assert soup.select_one(".search-summary") is None


def test_overlong_query_is_shortened_with_a_notice(client, night):
    response, soup = search(client, "farmhouse " * 50)
    assert response.status_code == 200
    assert len(soup.select_one("input[name=q]")["value"]) <= MAX_QUERY_LENGTH
    assert "shortened" in soup.select_one(".notice").get_text()
    assert titles(soup) == ["A house under siege"]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "a\x00b",
        "NOT",
        "OR OR",
        "NEAR(a b)",
        "a AND (b",
        "*",
        "^x",
        "col:x",
        "'",
        "\\",
    ],
)
def test_hostile_queries_never_fail(client, night, query):
    response, _ = search(client, query)
    assert response.status_code == 200


def test_results_are_paginated(client, review_index):
    for n in range(RESULTS_PER_PAGE + 2):
        ReviewPageFactory(parent=review_index, title=f"Lantern {n}", intro="A lantern film.")
    _, first = search(client, "lantern")
    _, second = search(client, "lantern", page=2)
    assert len(titles(first)) == RESULTS_PER_PAGE
    assert len(titles(second)) == 2
    assert first.select_one("a[rel=next]")["href"] == "?q=lantern&page=2"
    assert search(client, "lantern", page=3)[0].status_code == 404
    assert search(client, "lantern", page="x")[0].status_code == 404


def full_text_queries(queries):
    return [q for q in queries if "wagtailsearch_indexentry" in q["sql"]]


def test_a_search_is_one_full_text_query_and_then_none(client, night):
    for n in range(RESULTS_PER_PAGE + 1):
        ReviewPageFactory(parent=night.get_parent(), title=f"Farmhouse {n}", intro="A farmhouse.")
    with CaptureQueriesContext(connection) as first:
        _, soup = search(client, "farmhouse")
    assert len(full_text_queries(first)) == 1
    assert f"{RESULTS_PER_PAGE + 2} reviews found" in soup.select_one(".search-summary").text
    # Another page, the same words written otherwise: the ranked list is reused.
    with CaptureQueriesContext(connection) as second:
        _, soup = search(client, "  FarmHouse ", page=2)
    assert full_text_queries(second) == []
    assert len(titles(soup)) == 2
    with CaptureQueriesContext(connection) as again:
        search(client, "farmhouse", page=2)
    assert len(again) == 0


def test_results_follow_publishing_like_pages(client, night):
    assert titles(search(client, "lighthouse")[1]) == []
    keeper = ReviewPageFactory(parent=night.get_parent(), title="The Keeper", intro="A lighthouse.")
    keeper.save_revision().publish()  # as editors publish
    assert titles(search(client, "lighthouse")[1]) == ["The Keeper"]

    night.intro = "Seven strangers barricade a lighthouse."
    night.save_revision().publish()
    assert sorted(titles(search(client, "lighthouse")[1])) == ["A house under siege", "The Keeper"]

    keeper.title = "The Last Keeper"
    keeper.save_revision().publish()
    assert "The Last Keeper" in titles(search(client, "lighthouse")[1])

    keeper.unpublish()
    assert titles(search(client, "lighthouse")[1]) == ["A house under siege"]
    PageViewRestriction.objects.create(page=night, restriction_type="login")
    assert titles(search(client, "lighthouse")[1]) == []


def test_past_the_counted_results_the_count_says_more(client, review_index, monkeypatch):
    monkeypatch.setattr(views, "MOST_RESULTS", 3)
    for n in range(5):
        ReviewPageFactory(parent=review_index, title=f"Lantern {n}", intro="A lantern film.")
    _, soup = search(client, "lantern")
    assert (
        soup.select_one(".search-summary").get_text() == "More than 3 reviews found for “lantern”."
    )
    assert len(titles(soup)) == 3

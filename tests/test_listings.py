"""The review index: newest first, paginated, and safe with any page number."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.factories import CategoryFactory, ReviewPageFactory, verdict_block
from reviews.models import REVIEWS_PER_PAGE


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".review-card__title a")]


@pytest.fixture
def many_reviews(review_index):
    start = datetime.date(2025, 1, 1)
    return [
        ReviewPageFactory(
            parent=review_index, title=f"Film {n:02}", date_published=start + datetime.timedelta(n)
        )
        for n in range(REVIEWS_PER_PAGE + 3)
    ]


def test_newest_first_and_paginated(client, review_index, many_reviews):
    first = client.get(review_index.url)
    assert titles(first) == [f"Film {n:02}" for n in range(14, 2, -1)]
    second = client.get(review_index.url, {"page": 2})
    assert titles(second) == ["Film 02", "Film 01", "Film 00"]
    assert 'rel="next"' in first.text
    assert 'rel="prev"' in second.text
    assert "Page 2 of 2" in second.text


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", "", "%00"])
def test_page_numbers_that_do_not_exist_are_404(client, review_index, many_reviews, page):
    response = client.get(review_index.url, {"page": page})
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_drafts_and_other_indexes_are_left_out(client, review_index):
    ReviewPageFactory(parent=review_index, title="Published")
    draft = ReviewPageFactory(parent=review_index, title="Draft")
    draft.unpublish()
    assert titles(client.get(review_index.url)) == ["Published"]


def test_cards_show_the_verdict(client, review_index):
    ReviewPageFactory(parent=review_index, body=[verdict_block("Skip It", "2.5", "Dull.")])
    soup = BeautifulSoup(client.get(review_index.url).content, "html.parser")
    badge = soup.select_one(".review-card .score")
    assert " ".join(badge.get_text().split()) == "Verdict: Skip It 2.5/10"
    assert "score--negative" in badge["class"]
    # The ring is filled to the score: a quarter of the circle for 2.5/10.
    assert badge.select_one(".score__fill")["stroke-dasharray"] == "25 100"


def test_empty_index_says_so(client, review_index):
    assert "No reviews yet." in client.get(review_index.url).text


def count_queries(client, url):
    client.get(url)  # the first request fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_queries_do_not_grow_with_the_number_of_reviews(client, review_index):
    ReviewPageFactory(parent=review_index, categories=[CategoryFactory()])
    one = count_queries(client, review_index.url)
    for _ in range(REVIEWS_PER_PAGE):
        ReviewPageFactory(parent=review_index, categories=[CategoryFactory(), CategoryFactory()])
    assert count_queries(client, review_index.url) == one


def test_listings_by_kind_of_work(client, review_index):
    ReviewPageFactory(parent=review_index, title="A film", kind="film")
    ReviewPageFactory(parent=review_index, title="A series", kind="tv_series")

    response = client.get(review_index.url + "kind/tv_series/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "TV series reviews"
    assert titles(response) == ["A series"]
    kinds = {a.get_text(): a["href"] for a in soup.select(".browse__group")[1].select("a")}
    assert kinds == {"Film": "/reviews/kind/film/", "TV series": "/reviews/kind/tv_series/"}
    assert client.get(review_index.url + "kind/opera/").status_code == 404


def test_listings_by_release_year(client, review_index):
    ReviewPageFactory(parent=review_index, title="Old", release_year=1922)
    ReviewPageFactory(parent=review_index, title="Newer", release_year=1968)

    response = client.get(review_index.url + "year/1922/")
    assert titles(response) == ["Old"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Reviews of works from 1922"
    current = soup.select_one('.browse a[aria-current="page"]')
    assert current.get_text() == "1922"
    assert client.get(review_index.url + "year/1700/").status_code == 404


def test_review_links_to_its_kind_and_year(client, review_index):
    review = ReviewPageFactory(parent=review_index, kind="documentary", release_year=1922)
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    assert soup.select_one(".review__kicker a")["href"] == "/reviews/kind/documentary/"
    assert soup.select_one(".work-facts dd a")["href"] == "/reviews/year/1922/"


def test_related_reviews_share_categories(client, review_index):
    horror, silent, comedy = (CategoryFactory(name=n) for n in ("Horror", "Silent", "Comedy"))
    review = ReviewPageFactory(parent=review_index, title="Nosferatu", categories=[horror, silent])
    ReviewPageFactory(parent=review_index, title="Caligari", categories=[horror, silent])
    ReviewPageFactory(parent=review_index, title="Night", categories=[horror])
    ReviewPageFactory(parent=review_index, title="The General", categories=[comedy])

    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    related = [a.get_text() for a in soup.select(".related .review-card__title a")]
    assert related == ["Caligari", "Night"]

"""Category pages and the "Listed under" links on each review."""

import pytest
from bs4 import BeautifulSoup

from reviews.factories import CategoryFactory, ReviewPageFactory


@pytest.fixture
def horror(review_index):
    return CategoryFactory(name="Horror", description="Things that go bump.")


def test_category_page_lists_only_its_reviews(client, review_index, horror):
    ReviewPageFactory(parent=review_index, title="Nosferatu", categories=[horror])
    ReviewPageFactory(parent=review_index, title="The General")

    response = client.get(review_index.url + "category/horror/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert soup.h1.get_text() == "Horror reviews"
    assert soup.title.get_text().startswith("Horror reviews")
    assert "Things that go bump." in soup.select_one(".listing-header").get_text()
    assert [a.get_text() for a in soup.select(".review-card__title a")] == ["Nosferatu"]
    current = soup.select_one('.browse a[aria-current="page"]')
    assert current.get_text() == "Horror"


def test_category_filter_links_are_shareable_addresses(client, review_index, horror):
    soup = BeautifulSoup(client.get(review_index.url).content, "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select(".browse__group")[0].select("a")}
    assert links == {"All reviews": "/reviews/", "Horror": "/reviews/category/horror/"}


def test_unknown_category_is_404(client, review_index):
    assert client.get(review_index.url + "category/nothing-here/").status_code == 404


def test_empty_category_says_so(client, review_index, horror):
    assert "No reviews here yet." in client.get(review_index.url + "category/horror/").text


def test_review_lists_its_categories_as_links(client, review_index, horror):
    comedy = CategoryFactory(name="Comedy")
    review = ReviewPageFactory(parent=review_index, categories=[horror, comedy])

    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    footer = soup.select_one(".review__footer")
    assert footer.h2.get_text() == "Listed under"
    links = {a.get_text(): a["href"] for a in footer.select(".category-links a")}
    assert links == {"Comedy": "/reviews/category/comedy/", "Horror": "/reviews/category/horror/"}
    for href in links.values():
        assert client.get(href).status_code == 200


def test_category_pages_paginate_like_the_index(client, review_index, horror):
    for _ in range(13):
        ReviewPageFactory(parent=review_index, categories=[horror])
    url = review_index.url + "category/horror/"
    assert client.get(url, {"page": 2}).status_code == 200
    assert client.get(url, {"page": 3}).status_code == 404


def test_a_category_page_narrows_by_kind_and_year_together(client, review_index):
    horror = CategoryFactory(name="Horror", slug="horror")
    ReviewPageFactory(parent=review_index, title="Old film", categories=[horror], release_year=1922)
    ReviewPageFactory(parent=review_index, title="New film", categories=[horror], release_year=1968)
    ReviewPageFactory(
        parent=review_index,
        title="Old doc",
        kind="documentary",
        categories=[horror],
        release_year=1922,
    )
    ReviewPageFactory(parent=review_index, title="Not horror", release_year=1922)
    url = review_index.url + "category/horror/"

    soup = BeautifulSoup(client.get(url, {"kind": "film", "year": 1922}).content, "html.parser")
    assert [a.get_text() for a in soup.select(".review-card__title a")] == ["Old film"]
    # Each filter link keeps the other choice and the category.
    links = {a.get_text(): a["href"] for a in soup.select(".browse a")}
    assert links["Documentary"] == "?kind=documentary&year=1922"
    assert links["1968"] == "?kind=film&year=1968"
    assert links["Any kind"] == "?year=1922"
    current = [a.get_text() for a in soup.select('.browse a[aria-current="page"]')]
    assert current == ["Horror", "Film", "1922"]


def test_unknown_filters_on_a_category_page_are_404s(client, review_index):
    CategoryFactory(name="Horror", slug="horror")
    url = review_index.url + "category/horror/"
    assert client.get(url, {"kind": "opera"}).status_code == 404
    assert client.get(url, {"year": "19x2"}).status_code == 404
    assert client.get(url, {"year": "²²²²"}).status_code == 404  # digits to isdigit(), not int()


def test_a_narrowed_category_page_has_a_title_of_its_own(client, review_index):
    horror = CategoryFactory(name="Horror", slug="horror")
    ReviewPageFactory(parent=review_index, categories=[horror], release_year=1922)
    soup = BeautifulSoup(
        client.get(review_index.url + "category/horror/", {"kind": "film", "year": 1922}).content,
        "html.parser",
    )
    assert soup.title.get_text() == "Horror reviews: Film, 1922 · The Projection Booth"


def test_a_category_offers_only_the_kinds_and_years_it_has(client, review_index):
    horror = CategoryFactory(name="Horror", slug="horror")
    ReviewPageFactory(parent=review_index, categories=[horror], release_year=1922)
    ReviewPageFactory(parent=review_index, kind="documentary", release_year=1968)
    soup = BeautifulSoup(client.get(review_index.url + "category/horror/").content, "html.parser")
    groups = {
        group.h2.get_text(): [a.get_text() for a in group.select("a")]
        for group in soup.select(".browse__group")
    }
    assert groups["Year"] == ["Any year", "1922"]
    assert "Kind" not in groups  # films only: nothing to choose

"""Uncached pages for anonymous readers cost a fixed, small number of queries."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback.factories import CommentFactory
from reviews.factories import (
    CategoryFactory,
    CriticFactory,
    ReviewPageFactory,
    cast_block,
    image_block,
    quote_block,
    spoiler_block,
    text_block,
    trailer_block,
    verdict_block,
)

BUDGET = 12


def uncached_queries(client, url):
    """Queries for one anonymous request that misses the page cache."""
    client.get(url)  # let per-revision fragments and rendition lookups warm up
    joiner = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}{joiner}uncached=1")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return len(queries)


def big_review(index, categories):
    images = [wagtail_factories.ImageFactory() for _ in range(3)]
    cast = [(f"Character {n}", f"Performer {n}", "") for n in range(10)]
    body = [
        *(text_block(f"Paragraph {n}.", heading=f"Part {n}") for n in range(8)),
        spoiler_block("First secret."),
        spoiler_block("Second secret."),
        cast_block(*cast),
        *(quote_block(f"Line {n}.", speaker="Someone") for n in range(3)),
        *(image_block(image, caption="Still") for image in images),
        trailer_block("https://archive.org/details/first"),
        trailer_block("https://archive.org/details/second"),
        verdict_block(),
    ]
    assert len(body) == 20
    review = ReviewPageFactory(
        parent=index,
        body=body,
        poster=wagtail_factories.ImageFactory(),
        author=CriticFactory(),
        categories=categories,
    )
    threads = CommentFactory.create_batch(30, review=review)
    for parent in threads[:20]:
        CommentFactory(review=review, parent=parent)
    return review


@pytest.fixture
def site_with_content(review_index):
    categories = [CategoryFactory(), CategoryFactory()]
    for _ in range(5):
        ReviewPageFactory(parent=review_index, categories=categories)
    return big_review(review_index, categories)


def test_review_page_with_20_blocks_and_50_comments(client, site_with_content):
    assert uncached_queries(client, site_with_content.url) <= BUDGET


def test_home_page(client, site_with_content):
    assert uncached_queries(client, "/") <= BUDGET


def test_review_page_queries_do_not_grow_with_comments(client, site_with_content):
    before = uncached_queries(client, site_with_content.url)
    CommentFactory.create_batch(40, review=site_with_content)
    assert uncached_queries(client, site_with_content.url) == before


def test_listing_page_of_12_out_of_1000_reviews(client, review_index):
    categories = [CategoryFactory(), CategoryFactory()]
    poster = wagtail_factories.ImageFactory()
    for n in range(1000):
        ReviewPageFactory(
            parent=review_index,
            body=[text_block(), verdict_block()],
            poster=poster if n % 2 else None,
            categories=categories[: n % 3],
        )
    category_url = f"{review_index.url}category/{categories[0].slug}/"
    for url in (review_index.url, f"{review_index.url}?page=40", category_url):
        assert uncached_queries(client, url) <= BUDGET, url

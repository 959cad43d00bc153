"""Uncached pages for anonymous readers cost a fixed, small number of queries."""

import os
import uuid

import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.settings.base import cache_settings
from core import block_values as shared_blocks
from feedback.factories import CommentFactory
from reviews.factories import CategoryFactory, ReviewPageFactory, verdict_block

BUDGET = 12
# With every cache empty each cached part loads what it shows again, once.
COLD_BUDGET = 12
# A review shows more parts than a listing: its offers, the people it credits, its comments.
COLD_REVIEW_BUDGET = 15


def uncached_queries(client, url):
    """Queries for one anonymous request that misses the page cache."""
    client.get(url)  # let per-revision fragments and rendition lookups warm up
    joiner = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}{joiner}uncached=1")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return len(queries)


def test_review_page_with_20_blocks_and_50_comments(client, site_with_content):
    assert uncached_queries(client, site_with_content.url) <= BUDGET


def test_home_page(client, site_with_content):
    assert uncached_queries(client, "/") <= BUDGET


def test_review_page_queries_do_not_grow_with_comments(client, site_with_content):
    before = uncached_queries(client, site_with_content.url)
    CommentFactory.create_batch(40, page=site_with_content)
    assert uncached_queries(client, site_with_content.url) == before


def test_listing_page_of_12_out_of_1000_reviews(client, review_index, settings):
    # Listings do not search; indexing the 1,000 reviews took a third of this test's time.
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**backend, "AUTO_UPDATE": False}}
    categories = [CategoryFactory(), CategoryFactory()]
    poster = wagtail_factories.ImageFactory()
    for n in range(1000):
        ReviewPageFactory(
            parent=review_index,
            body=[shared_blocks.text_section("<p>Plain review text.</p>"), verdict_block()],
            poster=poster if n % 2 else None,
            categories=categories[: n % 3],
        )
    category_url = f"{review_index.url}category/{categories[0].slug}/"
    for url in (review_index.url, f"{review_index.url}?page=40", category_url):
        assert uncached_queries(client, url) <= BUDGET, url


def cold_queries(client, settings, url):
    """Queries for the first visit after every cache was emptied (a Redis restart, say).

    Image renditions and video embeds exist by then: the first render ever makes them once,
    and they are kept in the database. The caches get a key prefix of their own instead of
    being flushed: other test runs may share the Redis database.
    """
    client.get(url)
    settings.CACHES = cache_settings(os.environ.get("REDIS_URL"), f"tests-{uuid.uuid4().hex}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return len(queries)


def test_review_page_with_every_cache_empty(
    client, settings, site_with_content, default_disclosure
):
    # The site, the review, its images with their renditions, embeds, comments, related reviews.
    assert cold_queries(client, settings, site_with_content.url) <= COLD_REVIEW_BUDGET


def test_home_and_listing_pages_with_every_cache_empty(client, settings, site_with_content):
    index = site_with_content.get_parent()
    for url in ("/", index.url, f"{index.url}?page=1"):
        assert cold_queries(client, settings, url) <= COLD_BUDGET, url


def test_review_page_with_every_cache_empty_does_not_grow_with_comments(
    client, settings, site_with_content
):
    before = cold_queries(client, settings, site_with_content.url)
    CommentFactory.create_batch(40, page=site_with_content)
    assert cold_queries(client, settings, site_with_content.url) == before

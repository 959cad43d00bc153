"""With every cache empty a page shows exactly what it showed before: only faster to load."""

import os
import uuid

import wagtail_factories
from bs4 import BeautifulSoup

from config.settings.base import cache_settings
from core import block_values as shared_blocks
from reviews.factories import ReviewPageFactory, budget_review_body


def article(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [str(part) for part in soup.select("article.review, section.related, head meta")]


def test_a_review_rendered_cold_shows_what_it_showed_warm(client, settings, site_with_content):
    url = site_with_content.url
    first = article(client, url)  # the first render ever makes renditions and embeds
    assert "<iframe" in "".join(first) and "<picture" in "".join(first)
    settings.CACHES = cache_settings(os.environ.get("REDIS_URL"), f"tests-{uuid.uuid4().hex}")
    assert article(client, url) == first


def test_an_image_shown_twice_keeps_each_alt_text_when_rendered_cold(
    client, settings, review_index
):
    still = wagtail_factories.ImageFactory()
    review = ReviewPageFactory(
        parent=review_index,
        poster=still,
        body=[
            shared_blocks.image(still.pk, "The count at the window"),
            shared_blocks.image(still.pk, "The count at the door"),
            *budget_review_body([])[:1],
        ],
    )
    client.get(review.url)
    settings.CACHES = cache_settings(os.environ.get("REDIS_URL"), f"tests-{uuid.uuid4().hex}")
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    alts = [img["alt"] for img in soup.select(".review__body img")]
    assert alts == ["The count at the window", "The count at the door"]

"""Feeds opened in a browser read as a page: XML that browsers lay out with the feed stylesheet."""

import pytest

from reviews.factories import CategoryFactory, ReviewPageFactory

FEEDS = [
    "/feeds/reviews/rss/",
    "/feeds/reviews/atom/",
    "/feeds/category/horror/rss/",
    "/feeds/category/horror/atom/",
]


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_names_its_stylesheet_before_its_first_element(client, review_index, url):
    ReviewPageFactory(parent=review_index, categories=[CategoryFactory(slug="horror")])
    response = client.get(url)
    body = response.content.decode()
    # Sent as XML, which browsers lay out, rather than as a feed type they show as raw text.
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    instruction = '<?xml-stylesheet href="/static/css/feed.css" media="screen" type="text/css"?>'
    assert instruction in body
    assert body.index(instruction) < body.index("<rss" if "rss" in url else "<feed")


def test_the_feed_stylesheet_is_served_and_explains_what_a_feed_is(client, db):
    response = client.get("/static/css/feed.css")
    assert response.status_code == 200
    css = b"".join(response.streaming_content).decode()
    assert "feed reader" in css
    for element in ("item", "entry"):
        assert element in css

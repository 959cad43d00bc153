"""Sharing and search engines: OpenGraph, Twitter cards, canonical links, sitemap, robots."""

import xml.etree.ElementTree as ET

import wagtail_factories
from bs4 import BeautifulSoup

from reviews import block_values as review_blocks
from reviews.factories import CategoryFactory, ReviewPageFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def head(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser").head


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_review_has_opengraph_and_twitter_tags_without_spoilers(client, review_index):
    review = ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        intro="A shadow with a plague in its coat.",
        poster=wagtail_factories.ImageFactory(file__width=800, file__height=1200),
        body=[review_blocks.spoiler("<p>Ellen dies at dawn.</p>")],
    )
    soup = head(client, review.url)
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == "Nosferatu"
    assert meta(soup, "og:description") == "A shadow with a plague in its coat."
    assert meta(soup, "description") == "A shadow with a plague in its coat."
    assert meta(soup, "og:url") == f"http://testserver{review.url}"
    assert meta(soup, "og:site_name") == "The Projection Booth"
    assert meta(soup, "og:image").startswith("http://testserver/")
    assert meta(soup, "og:image:width") == "800"
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert soup.find("link", rel="canonical")["href"] == f"http://testserver{review.url}"
    assert "Ellen dies" not in soup.decode()


def test_pages_without_an_image_share_the_site_card(client, home_page):
    soup = head(client, "/")
    assert meta(soup, "og:image") == "http://testserver/static/images/social-card.png"
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "twitter:card") == "summary_large_image"
    card = client.get("/static/images/social-card.png")
    card.close()
    assert card.status_code == 200
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:title") == "The Projection Booth"


def test_canonical_of_a_listing_keeps_only_the_page_number(client, review_index):
    for _ in range(13):
        ReviewPageFactory(parent=review_index)
    soup = head(client, review_index.url + "?page=2&utm_source=x")
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/reviews/?page=2"
    assert (
        head(client, review_index.url + "?utm_source=x").find("link", rel="canonical")["href"]
        == "http://testserver/reviews/"
    )


def test_sitemap_lists_reviews_and_category_pages(client, review_index):
    horror = CategoryFactory(name="Horror")
    CategoryFactory(name="Empty")
    review = ReviewPageFactory(parent=review_index, categories=[horror])
    draft = ReviewPageFactory(parent=review_index)
    draft.unpublish()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    paths = [loc.split("localhost", 1)[1] for loc in locations]
    assert review.url in paths
    assert "/reviews/category/horror/" in paths
    assert "/reviews/category/empty/" not in paths
    assert draft.url not in paths


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_share_links_are_plain_links(client, review_index):
    review = ReviewPageFactory(parent=review_index, title="Charade")
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select(".share-links a")}
    assert set(links) == {"Email", "Bluesky", "Facebook", "X"}
    encoded = "http%3A%2F%2Ftestserver%2Freviews%2Fcharade%2F"
    assert all(encoded in href for href in links.values())
    scripts = [s.get("src") for s in soup.find_all("script") if s.get("src")]
    assert scripts == ["/static/js/rating.js", "/static/js/comment-form.js", "/static/js/review.js"]


def test_footer_offers_social_and_feed_links(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    subscribe = soup.find("nav", attrs={"aria-label": "Subscribe"})
    assert [a["href"] for a in subscribe.find_all("a")] == [
        "/feeds/reviews/rss/",
        "/feeds/reviews/atom/",
    ]

"""RSS 2.0 and Atom feeds: valid XML, complete entries, never a spoiler."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from bs4 import BeautifulSoup

from core import block_values as shared_blocks
from offers.factories import AffiliateServiceFactory, OfferFactory, ServiceFactory
from reviews import block_values as review_blocks
from reviews.factories import (
    CategoryFactory,
    CriticFactory,
    ReviewPageFactory,
    verdict_block,
)

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SECRET = "the count dies at dawn"


@pytest.fixture
def reviews(review_index):
    horror = CategoryFactory(name="Horror")
    critic = CriticFactory(name="Ada Marlowe")
    nosferatu = ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        intro="A shadow with a plague in its coat.",
        author=critic,
        categories=[horror],
        body=[
            shared_blocks.text_section("<p>Murnau at his best.</p>"),
            review_blocks.spoiler(f"<p>{SECRET}</p>"),
            verdict_block(),
        ],
    )
    general = ReviewPageFactory(
        parent=review_index,
        title="The General",
        body=[shared_blocks.text_section("<p>Plain review text.</p>")],
    )
    return nosferatu, general


def fetch_xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert SECRET not in response.content.decode()
    return ET.fromstring(response.content)


def test_rss_feed_of_all_reviews(client, reviews):
    rss = fetch_xml(client, "/feeds/reviews/rss/", "application/xml")
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["The General", "Nosferatu"]
    item = items[1]
    assert item.findtext("link") == f"http://testserver{reviews[0].url}"
    assert item.findtext("description").startswith("A shadow with a plague in its coat.")
    assert "Verdict: Must See." in item.findtext("description")
    assert item.findtext(f"{DC}creator") == "Ada Marlowe"
    assert [c.text for c in item.findall("category")] == ["Horror"]
    assert parsedate_to_datetime(item.findtext("pubDate")).date() == reviews[0].date_published
    assert item.findtext("guid")


def test_atom_feed_of_all_reviews(client, reviews):
    feed = fetch_xml(client, "/feeds/reviews/atom/", "application/xml")
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{required}")
    entry = feed.findall(f"{ATOM}entry")[1]
    assert entry.findtext(f"{ATOM}title") == "Nosferatu"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{reviews[0].url}"
    assert entry.findtext(f"{ATOM}id")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}published").startswith(str(reviews[0].date_published))
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Ada Marlowe"
    assert entry.find(f"{ATOM}category").get("term") == "Horror"
    assert entry.findtext(f"{ATOM}summary").startswith("A shadow with a plague")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feeds_hold_only_that_category(client, reviews, kind):
    root = fetch_xml(client, f"/feeds/category/horror/{kind}/", "application/")
    titles = [el.text for el in root.iter() if el.tag in ("title", f"{ATOM}title")]
    assert "Nosferatu" in titles
    assert "The General" not in titles
    assert any("Horror reviews" in (title or "") for title in titles)


def test_unknown_category_feed_is_404(client, reviews):
    assert client.get("/feeds/category/nothing/rss/").status_code == 404


def test_drafts_stay_out_of_feeds(client, reviews):
    reviews[1].unpublish()
    rss = fetch_xml(client, "/feeds/reviews/rss/", "application/xml")
    assert [item.findtext("title") for item in rss.iter("item")] == ["Nosferatu"]


def test_feeds_are_discoverable(client, reviews, review_index):
    soup = BeautifulSoup(client.get(review_index.url + "category/horror/").content, "html.parser")
    alternates = {link["href"]: link["type"] for link in soup.find_all("link", rel="alternate")}
    assert alternates == {
        "/feeds/reviews/rss/": "application/rss+xml",
        "/feeds/reviews/atom/": "application/atom+xml",
        "/feeds/category/horror/rss/": "application/rss+xml",
        "/feeds/category/horror/atom/": "application/atom+xml",
    }


def test_entries_with_affiliate_offers_carry_the_disclosure(client, reviews, default_disclosure):
    nosferatu, general = reviews
    nosferatu.offers = [OfferFactory(service=AffiliateServiceFactory())]
    nosferatu.save_revision().publish()
    general.offers = [OfferFactory(service=ServiceFactory())]
    general.save_revision().publish()

    for url, find in [
        ("/feeds/reviews/rss/", lambda feed: feed.iter("item")),
        ("/feeds/reviews/atom/", lambda feed: feed.iter(f"{ATOM}entry")),
    ]:
        feed = ET.fromstring(client.get(url).content)
        entries = {
            entry.findtext("title") or entry.findtext(f"{ATOM}title"): (
                entry.findtext("description") or entry.findtext(f"{ATOM}summary")
            )
            for entry in find(feed)
        }
        assert entries["Nosferatu"].endswith("We earn a commission on shop links.")
        assert "commission" not in entries["The General"]

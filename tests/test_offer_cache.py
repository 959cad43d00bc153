"""A change to an offer or a service refreshes exactly the cached pages that show it."""

import pytest
import wagtail_factories

from core import block_values as shared_blocks
from home.factories import StandardPageFactory
from offers.factories import AffiliateServiceFactory, OfferFactory, ServiceFactory
from offers.models import Kind
from reviews.factories import ReviewPageFactory

from .test_page_cache import states, warm


@pytest.fixture
def site(home_page, review_index, default_disclosure):
    """Reviews with offers from different services, one with no offers, an unrelated page."""
    archive = ServiceFactory(name="Archive", kind=Kind.STREAM, website="https://archive.example/")
    shop = ServiceFactory(name="Shop", kind=Kind.BUY, website="https://shop.example/")
    with_archive = ReviewPageFactory(
        parent=review_index, title="Nosferatu", offers=[OfferFactory(service=archive)]
    )
    with_shop = ReviewPageFactory(
        parent=review_index, title="The General", offers=[OfferFactory(service=shop)]
    )
    linking_to_shop = ReviewPageFactory(
        parent=review_index,
        title="Charade",
        body=[shared_blocks.text_section('<p><a href="https://shop.example/charade">Buy</a></p>')],
    )
    plain = ReviewPageFactory(parent=review_index, title="Metropolis")
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    return {
        "archive": archive,
        "shop": shop,
        "with_archive": with_archive.url,
        "with_shop": with_shop.url,
        "linking_to_shop": linking_to_shop.url,
        "plain": plain.url,
        "index": review_index.url,
        "home": "/",
        "about": about.url,
        "reviews": {"with_archive": with_archive},
    }


PAGES = ["with_archive", "with_shop", "linking_to_shop", "plain", "index", "home", "about"]


def missed(client, site):
    """Which pages missed the cache (were rendered again) after a change."""
    by_url = states(client, [site[name] for name in PAGES])
    return {name for name in PAGES if by_url[site[name]] == "miss"}


def test_renaming_a_service_refreshes_only_the_reviews_showing_it(client, site):
    warm(client, *(site[name] for name in PAGES))
    site["archive"].name = "The Internet Archive"
    site["archive"].save()
    assert missed(client, site) == {"with_archive"}
    assert "The Internet Archive" in client.get(site["with_archive"]).text


def test_a_service_becoming_free_refreshes_its_reviews_and_the_listings(client, site):
    warm(client, *(site[name] for name in PAGES))
    site["archive"].kind = Kind.FREE
    site["archive"].save()
    # Every card may say "Free to watch" now; only the review with the offer shows the service.
    assert missed(client, site) == {"with_archive", "index", "home"}
    assert "Free to watch" in client.get(site["index"]).text


def test_a_service_becoming_an_affiliate_refreshes_reviews_linking_to_it(client, site):
    warm(client, *(site[name] for name in PAGES))
    shop = site["shop"]
    shop.is_affiliate = True
    shop.save()
    assert missed(client, site) == {"with_shop", "linking_to_shop", "index", "home"}
    assert 'rel="sponsored noopener"' in client.get(site["with_shop"]).text
    assert 'rel="sponsored noopener"' in client.get(site["linking_to_shop"]).text
    assert "We earn a commission" in client.get(site["linking_to_shop"]).text


def test_a_new_affiliate_service_refreshes_reviews_linking_to_its_site(client, site):
    warm(client, *(site[name] for name in PAGES))
    AffiliateServiceFactory(website="https://other.example/")
    assert missed(client, site) == {"linking_to_shop"}  # the only review that links out


def test_publishing_a_changed_offer_refreshes_its_review_and_cards(client, site):
    warm(client, *(site[name] for name in PAGES))
    review = site["reviews"]["with_archive"]
    offer = review.offers.get()
    offer.price_text = "£2.99"
    offer.kind = Kind.FREE
    review.offers = [offer]
    review.save_revision().publish()
    assert missed(client, site) == {"with_archive", "index", "home"}
    assert "£2.99" in client.get(site["with_archive"]).text


def test_a_new_service_logo_refreshes_the_reviews_showing_it(client, site):
    archive = site["archive"]
    archive.logo = wagtail_factories.ImageFactory()
    archive.save()
    warm(client, *(site[name] for name in PAGES))
    archive.logo.title = "Renamed"
    archive.logo.save()
    assert missed(client, site) == {"with_archive"}

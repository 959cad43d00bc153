"""Where to watch: services and offers, what editors may enter, and what readers see."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from offers.factories import AffiliateServiceFactory, OfferFactory, ServiceFactory
from offers.models import Kind, Offer, Service
from reviews.factories import ReviewIndexPageFactory, ReviewPageFactory
from reviews.models import ReviewPage


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def box(client, review):
    return page(client, review.url).select_one("section.where-to-watch")


@pytest.fixture
def archive(db):
    return ServiceFactory(name="Internet Archive", kind=Kind.FREE, website="https://archive.org/")


@pytest.fixture
def shop(db):
    return AffiliateServiceFactory(name="Reel Shop", website="https://reelshop.example/")


# Services and offers: what is accepted


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": Kind.FREE, "is_affiliate": True}, "is_affiliate", "never an affiliate"),
        ({"affiliate_url_template": "?tag=x"}, "affiliate_url_template", "Only affiliate"),
        (
            {"is_affiliate": True, "affiliate_url_template": "https://partner.example/go"},
            "affiliate_url_template",
            "{url}",
        ),
        (
            {"is_affiliate": True, "affiliate_url_template": "https://p.example/?to={url}&id={id}"},
            "affiliate_url_template",
            "Only {url} and {url_encoded}",
        ),
        (
            {"is_affiliate": True, "affiliate_url_template": "javascript:{url}"},
            "affiliate_url_template",
            "http:// or https://",
        ),
        ({"website": "ftp://files.example/"}, "website", "valid URL"),
    ],
)
def test_service_refuses_what_cannot_work(db, fields, field, message):
    service = Service(name="Somewhere", **fields)
    with pytest.raises(ValidationError) as refused:
        service.full_clean()
    assert message in " ".join(refused.value.message_dict[field])


@pytest.mark.parametrize(
    ("template", "destination"),
    [
        ("", "https://shop.example/film?format=bluray"),
        ("?tag=booth-21", "https://shop.example/film?format=bluray&tag=booth-21"),
        (
            "https://partner.example/click?id=7&to={url_encoded}",
            "https://partner.example/click?id=7&to=https%3A%2F%2Fshop.example%2Ffilm%3Fformat%3Dbluray",
        ),
    ],
)
def test_affiliate_template_makes_the_destination(db, template, destination):
    service = AffiliateServiceFactory(affiliate_url_template=template)
    service.full_clean()
    offer = Offer(service=service, url="https://shop.example/film?format=bluray")
    assert offer.destination() == destination


def test_a_service_that_is_not_an_affiliate_is_linked_as_it_is(archive):
    offer = Offer(service=archive, url="https://archive.org/details/nosferatu")
    assert offer.destination() == offer.href == "https://archive.org/details/nosferatu"
    assert offer.rel == "noopener"


def offer_errors(review_index, **fields):
    review = ReviewPageFactory(parent=review_index)
    offer = Offer(review=review, **fields)
    with pytest.raises(ValidationError) as refused:
        offer.full_clean()
    return refused.value.message_dict


def test_offer_refuses_a_bad_region_or_address(review_index, archive):
    errors = offer_errors(review_index, service=archive, url="ftp://x.example/", region="G1")
    assert set(errors) == {"url", "region"}


def test_offer_region_is_kept_in_capitals(review_index, archive):
    offer = Offer(
        review=ReviewPageFactory(parent=review_index), service=archive, url="https://archive.org/x"
    )
    offer.region = "gb"
    offer.full_clean()
    assert offer.region == "GB"


def test_a_free_offer_is_never_an_affiliate_link(review_index, shop):
    errors = offer_errors(review_index, service=shop, url="https://reelshop.example/f", kind="free")
    assert "never an affiliate" in errors["kind"][0]


def test_offer_kind_falls_back_to_the_services(archive, shop):
    assert Offer(service=archive).shown_kind == Kind.FREE
    assert Offer(service=archive, kind=Kind.BUY).shown_kind == Kind.BUY


def test_every_offer_gets_its_own_short_code_even_in_a_copied_review(review_index, shop):
    review = ReviewPageFactory(parent=review_index, offers=[OfferFactory(service=shop)])
    code = review.offers.get().short_code
    assert len(code) == 8

    copy = review.copy(update_attrs={"slug": "copied", "title": "Copied"})
    copied = Offer.objects.get(review=copy)
    assert copied.short_code != code
    assert review.offers.get().short_code == code  # publishing again keeps a code
    review.save_revision().publish()
    assert review.offers.get().short_code == code


# What readers see


def test_review_shows_its_offers_with_honest_links(client, review_index, archive, shop):
    affiliate = OfferFactory(
        service=shop, url="https://reelshop.example/nosferatu", price_text="£9"
    )
    free = OfferFactory(service=archive, url="https://archive.org/details/nosferatu", region="US")
    review = ReviewPageFactory(parent=review_index, offers=[free, affiliate])

    section = box(client, review)
    assert section.h2.get_text() == "Where to watch"
    items = section.select("li.where-to-watch__offer")
    assert [item.a.get_text(strip=True) for item in items] == ["Internet Archive", "Reel Shop"]
    free_link, shop_link = (item.a for item in items)
    assert free_link["href"] == "https://archive.org/details/nosferatu"
    assert free_link["rel"] == ["noopener"]
    code = Offer.objects.get(service=shop).short_code
    assert shop_link["href"] == f"/go/{code}/"
    assert shop_link["rel"] == ["sponsored", "noopener"]
    assert " ".join(items[0].get_text().split()) == "Internet Archive Free · US only"
    assert " ".join(items[1].get_text().split()) == "Reel Shop Buy · £9 · affiliate link"


def test_the_box_sits_with_the_facts_before_the_review_text(client, review_index, archive):
    review = ReviewPageFactory(parent=review_index, offers=[OfferFactory(service=archive)])
    section = box(client, review)
    assert section.find_parent("aside", class_="work-facts") is not None
    assert section.find_next(class_="review__body") is not None


def test_review_without_offers_has_no_box(client, review_index):
    assert box(client, ReviewPageFactory(parent=review_index)) is None


def test_listing_cards_say_free_to_watch_when_a_free_offer_exists(client, review_index, archive):
    streaming = ServiceFactory(kind=Kind.STREAM)
    ReviewPageFactory(parent=review_index, title="Free", offers=[OfferFactory(service=archive)])
    ReviewPageFactory(
        parent=review_index,
        title="Free here",
        offers=[OfferFactory(service=streaming, kind=Kind.FREE)],
    )
    ReviewPageFactory(parent=review_index, title="Paid", offers=[OfferFactory(service=streaming)])
    ReviewPageFactory(parent=review_index, title="None")

    cards = page(client, review_index.url).select("article.review-card")
    free = {card.h2.get_text(strip=True) for card in cards if card.select(".review-card__free")}
    assert free == {"Free", "Free here"}


# The editor's form


class OfferFormTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = ReviewIndexPageFactory(parent=HomePage.objects.get())
        self.archive = ServiceFactory(name="Internet Archive", kind=Kind.FREE)

    def form_data(self, offers):
        return nested_form_data(
            {
                "title": "Sherlock Jr.",
                "slug": "sherlock-jr",
                "kind": "film",
                "intro": "Keaton walks into a film.",
                "date_published": "2026-11-01",
                "disclosure_choice": "default",
                "body": streamfield([("text", {"heading": "", "text": rich_text("<p>Hi.</p>")})]),
                "offers": inline_formset(offers),
            }
        )

    def offer(self, **fields):
        return {
            "service": str(self.archive.pk),
            "url": "https://archive.org/details/sherlock_jr",
            "kind": "",
            "price_text": "",
            "region": "",
            "last_checked": "",
            **fields,
        }

    def test_review_is_published_with_its_offers(self):
        self.assertCanCreate(self.index, ReviewPage, self.form_data([self.offer(region="gb")]))
        offer = ReviewPage.objects.get(slug="sherlock-jr").offers.get()
        self.assertEqual((offer.service, offer.region), (self.archive, "GB"))

    def test_a_bad_offer_is_refused_and_the_rest_is_kept(self):
        add_url = reverse("wagtailadmin_pages:add", args=("reviews", "reviewpage", self.index.pk))
        response = self.client.post(add_url, self.form_data([self.offer(url="not an address")]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a valid URL.")
        self.assertContains(response, "Keaton walks into a film.")
        self.assertFalse(ReviewPage.objects.filter(slug="sherlock-jr").exists())

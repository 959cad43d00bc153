"""/go/<code>/: affiliate links redirect, are counted once per reader's click, and never indexed."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from offers.factories import AffiliateServiceFactory, OfferFactory
from offers.models import ClickCount, Offer
from reviews.factories import ReviewPageFactory

from .conftest import COMMITTED_DB

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def offer(review_index):
    shop = AffiliateServiceFactory(affiliate_url_template="?tag=booth-21")
    offer = OfferFactory(service=shop, url="https://reelshop.example/film/42")
    ReviewPageFactory(parent=review_index, offers=[offer])
    return Offer.objects.get(pk=offer.pk)


def go(client, offer_or_code, **headers):
    code = getattr(offer_or_code, "short_code", offer_or_code)
    return client.get(f"/go/{code}/", HTTP_USER_AGENT=headers.pop("agent", BROWSER), **headers)


def clicks(offer):
    return sum(ClickCount.objects.filter(offer=offer).values_list("clicks", flat=True))


def test_link_redirects_to_the_affiliate_address(client, offer):
    response = go(client, offer)
    assert response.status_code == 302
    assert response["Location"] == "https://reelshop.example/film/42?tag=booth-21"


def test_link_is_never_indexed_nor_cached(client, offer):
    first, second = go(client, offer), go(client, offer)
    for response in (first, second):
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        assert "X-Page-Cache" not in response
    assert clicks(offer) == 2  # the second visit reached the server too
    assert "Disallow: /go/" in client.get("/robots.txt").text


def test_each_click_counts_once_for_the_offer_and_the_day(client, offer):
    for _ in range(3):
        go(client, offer)
    count = ClickCount.objects.get()
    assert (count.offer, count.day, count.clicks) == (offer, timezone.localdate(), 3)
    assert (count.review_id, count.service_id) == (offer.review_id, offer.service_id)


def test_counting_keeps_nothing_about_the_reader(client, offer):
    response = go(client, offer, REMOTE_ADDR="203.0.113.9", HTTP_REFERER="https://elsewhere/")
    assert not response.cookies
    assert "Set-Cookie" not in response
    fields = {field.name for field in ClickCount._meta.get_fields()}
    assert fields == {"id", "offer", "review", "service", "day", "clicks"}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_crawlers_are_sent_on_but_not_counted(client, offer, agent):
    assert go(client, offer, agent=agent).status_code == 302
    assert clicks(offer) == 0


def test_head_requests_and_prefetches_are_not_counted(client, offer):
    client.head(f"/go/{offer.short_code}/", HTTP_USER_AGENT=BROWSER)
    go(client, offer, HTTP_SEC_PURPOSE="prefetch")
    assert clicks(offer) == 0


@pytest.mark.parametrize("code", ["unknown1", "a" * 300, "%E2%98%83", "x%00y"])
def test_unknown_code_is_a_404_with_a_way_home(client, offer, code):
    response = client.get(f"/go/{code}/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 404
    assert b'href="/"' in response.content
    assert ClickCount.objects.count() == 0


def test_retired_offer_or_unpublished_review_is_a_404(client, offer):
    review = offer.review
    review.offers = []
    review.save_revision().publish()
    assert go(client, offer).status_code == 404

    again = OfferFactory(service=offer.service)
    review.offers = [again]
    review.save_revision().publish()
    code = review.offers.get().short_code
    assert go(client, code).status_code == 302
    review.unpublish()
    assert go(client, code).status_code == 404


@COMMITTED_DB
def test_concurrent_clicks_from_many_threads_are_all_counted(review_index):
    shop = AffiliateServiceFactory()
    ReviewPageFactory(parent=review_index, offers=[OfferFactory(service=shop)])
    offer = Offer.objects.get()
    readers, clicks_each = 8, 15
    start = threading.Barrier(readers)

    def reader(_):
        client = Client()
        start.wait()
        try:
            return [go(client, offer).status_code for _ in range(clicks_each)]
        finally:
            connection.close()  # each thread's own connection

    with ThreadPoolExecutor(max_workers=readers) as pool:
        statuses = [status for result in pool.map(reader, range(readers)) for status in result]
    assert statuses == [302] * readers * clicks_each
    assert ClickCount.objects.get().clicks == readers * clicks_each


@COMMITTED_DB
def test_counting_does_not_wait_for_the_disk_nor_change_the_connection(review_index):
    ReviewPageFactory(parent=review_index, offers=[OfferFactory(service=AffiliateServiceFactory())])
    offer = Offer.objects.get()
    assert go(Client(), offer).status_code == 302
    assert ClickCount.objects.get().clicks == 1
    if connection.vendor == "postgresql":  # the setting lasted for the counting statement only
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone() == ("on",)

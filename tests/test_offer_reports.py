"""Admin: clicks per review, service and day (table, chart, CSV), and every offer's link."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from offers.factories import AffiliateServiceFactory, OfferFactory, ServiceFactory
from offers.models import ClickCount, LinkCheck, Offer
from reviews.factories import ReviewPageFactory

from .test_roles import refused

TODAY = timezone.localdate()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def clicked(review_index):
    """Two reviews, two shops: clicks on three days, and one count from long ago."""
    shop, store = AffiliateServiceFactory(name="Reel Shop"), AffiliateServiceFactory(name="Store")
    nosferatu = ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        offers=[OfferFactory(service=shop), OfferFactory(service=store)],
    )
    general = ReviewPageFactory(
        parent=review_index, title="The General", offers=[OfferFactory(service=shop)]
    )
    on_nosferatu_shop, on_nosferatu_store = nosferatu.offers.all()
    on_general = general.offers.get()
    for offer, day, clicks in [
        (on_nosferatu_shop, days_ago(0), 5),
        (on_nosferatu_shop, days_ago(2), 3),
        (on_nosferatu_store, days_ago(2), 4),
        (on_general, days_ago(1), 2),
        (on_general, days_ago(90), 100),  # outside the last 30 days
    ]:
        ClickCount.objects.create(
            offer=offer,
            review_id=offer.review_id,
            service_id=offer.service_id,
            day=day,
            clicks=clicks,
        )
    return {"nosferatu": nosferatu, "general": general}


def report(client, **params):
    response = client.get("/admin/offer_clicks/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table(soup):
    rows = soup.select("table.listing tbody tr")
    return [[" ".join(cell.get_text().split()) for cell in row.select("td")] for row in rows]


def test_clicks_per_review_in_the_last_30_days(admin_client, clicked):
    soup = report(admin_client)
    assert table(soup) == [["Nosferatu", "12"], ["The General", "2"]]
    link = soup.select_one("table.listing tbody a")
    assert link["href"] == f"/admin/pages/{clicked['nosferatu'].pk}/edit/"
    assert "14 clicks on offers" in soup.get_text()


def test_clicks_per_service(admin_client, clicked):
    assert table(report(admin_client, group_by="service")) == [["Reel Shop", "10"], ["Store", "4"]]


def test_clicks_per_day_for_a_chosen_period_include_quiet_days(admin_client, clicked):
    period = {"period_from": str(days_ago(3)), "period_to": str(days_ago(1))}
    rows = table(report(admin_client, group_by="day", **period))
    assert [clicks for _, clicks in rows] == ["0", "7", "2"]


def test_the_chart_is_drawn_on_the_server_to_scale(admin_client, clicked):
    soup = report(admin_client)
    chart = soup.select_one("svg.offer-chart")
    assert chart["role"] == "img"
    bars = chart.select("rect")
    assert [bar.title.get_text() for bar in bars] == ["Nosferatu: 12", "The General: 2"]
    widths = [float(bar["width"]) for bar in bars]
    assert widths[0] == pytest.approx(widths[1] * 6, abs=0.5)  # rounded to tenths
    assert not soup.select("script[src^=http]")  # no third-party scripts

    columns = report(admin_client, group_by="day").select("svg.offer-chart rect")
    assert len(columns) == 30


def test_clicks_export_as_csv(admin_client, clicked):
    response = admin_client.get("/admin/offer_clicks/", {"group_by": "service", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    first, last = days_ago(29), TODAY
    assert f"offer-clicks-per-service-{first}-to-{last}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [["Service", "Clicks"], ["Reel Shop", "10"], ["Store", "4"]]


def test_counts_outlive_a_removed_offer(admin_client, clicked):
    general = clicked["general"]
    general.offers = []
    general.save_revision().publish()
    period = {"period_from": str(days_ago(100)), "period_to": str(TODAY)}
    assert ["The General", "102"] in table(report(admin_client, **period))


def test_reports_are_for_those_allowed_to_see_them(client, user_in, clicked):
    client.force_login(user_in("Editors"))
    assert refused(client.get("/admin/offer_clicks/"))
    assert "/admin/offer_clicks/" not in client.get("/admin/").text
    assert client.get("/admin/offer_links/").status_code == 200
    client.force_login(user_in("Site owners"))
    assert client.get("/admin/offer_clicks/").status_code == 200
    menu = client.get("/admin/").text
    assert "/admin/offer_clicks/" in menu and "/admin/snippets/offers/service/" in menu


# Offer links


@pytest.fixture
def checked(review_index):
    archive = ServiceFactory(name="Archive")
    ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        offers=[
            OfferFactory(service=archive, url="https://archive.example/works"),
            OfferFactory(service=archive, url="https://archive.example/broken-today"),
            OfferFactory(service=archive, url="https://archive.example/broken-long-ago"),
            OfferFactory(service=archive, url="https://archive.example/never-checked"),
        ],
    )
    now = timezone.now()
    for url, status, broken_since in [
        ("works", 200, None),
        ("broken-today", 404, now),
        ("broken-long-ago", 410, now - datetime.timedelta(days=8)),
    ]:
        offer = Offer.objects.get(url=f"https://archive.example/{url}")
        LinkCheck.objects.create(
            offer=offer, checked_at=now, status_code=status, broken_since=broken_since
        )


def test_offer_links_flag_those_broken_for_a_week_first(admin_client, checked):
    rows = table(BeautifulSoup(admin_client.get("/admin/offer_links/").content, "html.parser"))
    by_address = {row[3]: row for row in rows}
    assert rows[0][3] == "https://archive.example/broken-long-ago"
    assert by_address["https://archive.example/broken-long-ago"][-1] == "Broken for a week"
    assert by_address["https://archive.example/broken-today"][4] == "Broken: 404"
    assert by_address["https://archive.example/broken-today"][-1] == ""
    assert by_address["https://archive.example/works"][4] == "Works (200)"
    assert by_address["https://archive.example/never-checked"][4] == "Not checked yet"


def test_offer_links_filter_to_the_flagged_ones(admin_client, checked):
    response = admin_client.get("/admin/offer_links/", {"state": "flagged"})
    rows = table(BeautifulSoup(response.content, "html.parser"))
    assert [row[3] for row in rows] == ["https://archive.example/broken-long-ago"]

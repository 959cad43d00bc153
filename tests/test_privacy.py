"""Readers are told how their data is handled: a notice under the comment and rating forms,
and a privacy page that site owners choose in the site settings, linked from the footer."""

import pytest
from bs4 import BeautifulSoup

from home.factories import StandardPageFactory
from home.models import SiteSettings


@pytest.fixture
def privacy_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Privacy", slug="privacy")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.privacy_page = page
    settings.save()
    return page


def soup_of(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_the_comment_form_says_what_is_kept_and_links_the_privacy_page(
    client, review, privacy_page
):
    form = soup_of(client, review.url).select_one("#comment-form")
    notice = form.select_one(".form-privacy")
    assert "email" in notice.get_text() and "hash of your network address" in notice.get_text()
    assert notice.a["href"] == "/privacy/"


def test_the_rating_form_links_the_privacy_page(client, review, privacy_page):
    notice = soup_of(client, review.url).select_one(".rating-form .form-privacy")
    assert notice.a["href"] == "/privacy/"


def test_the_footer_links_the_privacy_page_on_every_page(client, review, privacy_page):
    for url in ("/", review.url, "/search/"):
        link = soup_of(client, url).select_one(".site-footer__legal a")
        assert (link.get_text(), link["href"]) == ("Privacy", "/privacy/"), url


def test_choosing_the_page_in_settings_updates_cached_pages(client, review, home_page):
    assert soup_of(client, review.url).select_one(".site-footer__legal") is None
    page = StandardPageFactory(parent=home_page, title="Your data", slug="your-data")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.privacy_page = page
    settings.save()
    link = soup_of(client, review.url).select_one(".site-footer__legal a")
    assert (link.get_text(), link["href"]) == ("Your data", "/your-data/")


def test_an_unpublished_privacy_page_is_not_linked(client, review, privacy_page):
    privacy_page.unpublish()
    soup = soup_of(client, review.url)
    assert soup.select_one(".site-footer__legal") is None
    # The notice itself stays: it says what is kept even without the page.
    assert "hash of your network address" in soup.select_one("#comment-form").get_text()


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_a_privacy_page_below_the_menu_leaves_cached_pages_when_it_goes(
    client, review, home_page, change
):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    page = StandardPageFactory(parent=about, title="Privacy", slug="privacy")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.privacy_page = page
    settings.save()
    link = soup_of(client, review.url).select_one(".site-footer__legal a")
    assert link["href"] == "/about/privacy/"

    page.unpublish() if change == "unpublish" else page.delete()
    assert soup_of(client, review.url).select_one(".site-footer__legal") is None


def test_a_moved_privacy_page_is_linked_at_its_new_address(client, review, home_page):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    page = StandardPageFactory(parent=about, title="Privacy", slug="privacy")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.privacy_page = page
    settings.save()
    assert soup_of(client, review.url).select_one(".site-footer__legal a")["href"] == (
        "/about/privacy/"
    )
    help_pages = StandardPageFactory(parent=home_page, title="Help", slug="help")
    page.move(help_pages, pos="last-child")
    assert soup_of(client, review.url).select_one(".site-footer__legal a")["href"] == (
        "/help/privacy/"
    )

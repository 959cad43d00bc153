"""Every public page: landmarks, skip link, one h1, the stylesheet, settings in the chrome."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import StaticNode

from home.factories import StandardPageFactory
from home.models import SiteSettings
from reviews.factories import CategoryFactory, ReviewPageFactory


@pytest.fixture
def site_pages(home_page, review_index):
    category = CategoryFactory(name="Horror")
    review = ReviewPageFactory(parent=review_index, categories=[category])
    guidelines = StandardPageFactory(parent=home_page, show_in_menus=True)
    return [
        "/",
        review_index.url,
        review_index.url + "category/horror/",
        review.url,
        guidelines.url,
    ]


def test_each_page_has_landmarks_a_skip_link_and_one_h1(client, site_pages):
    for url in site_pages:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert len(soup.find_all("h1")) == 1, url
        assert soup.find("header", class_="site-header"), url
        assert soup.find("nav", attrs={"aria-label": "Main"}), url
        assert soup.find("main", id="main"), url
        assert soup.find("footer", class_="site-footer"), url
        skip = soup.body.find("a")
        assert skip["href"] == "#main", url
        links = soup.select("link[rel=stylesheet]")
        stylesheets = {link["href"]: link.get("media") for link in links}
        assert stylesheets == {"/static/css/site.css": None, "/static/css/print.css": "print"}, url
        # No script is needed to read a page; the only ones enhance forms, trailers, spoilers.
        sources = {script.get("src") for script in soup.find_all("script", src=True)}
        enhancing = {
            "/static/js/rating.js",
            "/static/js/comment-form.js",
            "/static/js/review.js",
        }
        assert sources <= enhancing, url
        assert all(script.get("defer") is not None for script in soup.find_all("script", src=True))
        assert soup.html["lang"] == "en"


def test_menu_lists_pages_shown_in_menus(client, site_pages):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert [a.get_text() for a in soup.select(".site-nav a")] == ["Editorial guidelines", "Search"]


def test_tagline_and_social_links_come_from_site_settings(client, home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.tagline = "Reviews after dark."
    settings.social_links = [("link", {"name": "Mastodon", "url": "https://mastodon.example/@x"})]
    settings.save()

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one(".site-header__tagline").get_text() == "Reviews after dark."
    link = soup.select_one(".site-footer__social a")
    assert (link.get_text(), link["href"]) == ("Mastodon", "https://mastodon.example/@x")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Reviews after dark."


def test_the_head_links_are_rendered_once_for_every_page(client, site_pages):
    client.get(site_pages[0])
    with mock.patch.object(StaticNode, "handle_simple", wraps=StaticNode.handle_simple) as static:
        for url in site_pages:
            soup = BeautifulSoup(client.get(url).content, "html.parser")
            stylesheet = soup.select_one("head link[rel=stylesheet]")["href"]
            assert stylesheet.startswith("/static/css/site."), url
    assert "css/site.css" not in {call.args[0] for call in static.call_args_list}


def test_stylesheet_is_served_and_light(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert b"color-scheme: light dark" in body
    # One request for every page: the font faces, the score ring and the star control took it
    # past 30 kB; it is about 7 kB compressed.
    assert len(body) < 36_000


def test_standard_page_shows_its_blocks(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        body=[{"type": "text", "value": {"heading": "Scores", "text": "<p>Out of ten.</p>"}}],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.h1.get_text() == "Editorial guidelines"
    assert soup.select_one(".text-section h2").get_text() == "Scores"
    assert "Out of ten." in soup.get_text()


def test_review_page_states_what_is_reviewed(client, review_index):
    review = ReviewPageFactory(
        parent=review_index,
        title="Cursed Ground",
        work_title="Night of the Living Dead",
        original_title="Night of the Flesh Eaters",
        release_year=1968,
        director="George A. Romero",
        runtime_minutes=96,
    )
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    facts = dict(
        zip(
            [dt.get_text() for dt in soup.select(".work-facts dt")],
            [dd.get_text() for dd in soup.select(".work-facts dd")],
            strict=True,
        )
    )
    assert facts == {
        "Title": "Night of the Living Dead",
        "Original title": "Night of the Flesh Eaters",
        "Year": "1968",
        "Director": "George A. Romero",
        "Runtime": "96 minutes",
    }
    assert soup.h1.get_text() == "Cursed Ground"


def test_series_credit_their_creator(client, review_index):
    review = ReviewPageFactory(parent=review_index, kind="tv_series", director="Rod Serling")
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    assert "Created by" in [dt.get_text() for dt in soup.select(".work-facts dt")]
    assert soup.select_one(".review__kicker").get_text() == "TV series review"

"""Every page has a title of its own that does not repeat the site's name, and a picture to
share: the home page says what the site is for, other pages end with the site's name."""

import pytest
from bs4 import BeautifulSoup

from home.factories import StandardPageFactory
from home.models import SiteSettings
from reviews.factories import CategoryFactory, CriticFactory, ReviewPageFactory

SITE = "The Projection Booth"


@pytest.fixture
def every_kind_of_page(home_page, review_index):
    horror = CategoryFactory(name="Horror", slug="horror")
    critic = CriticFactory(name="Ada Marlowe")
    ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        categories=[horror],
        author=critic,
        release_year=1922,
    )
    StandardPageFactory(parent=home_page, title="About", slug="about")
    return [
        "/",
        "/reviews/",
        "/reviews/category/horror/",
        "/reviews/category/horror/?kind=film",
        "/reviews/kind/film/",
        "/reviews/year/1922/",
        "/reviews/critic/ada-marlowe/",
        "/reviews/nosferatu/",
        "/about/",
        "/search/",
    ]


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_the_home_page_says_what_the_site_is_for_once(client, home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.tagline = "Film reviews with the spoilers kept behind a door."
    settings.save()
    soup = soup_of(client, "/")
    assert soup.title.get_text() == f"{SITE}: Film reviews with the spoilers kept behind a door."
    assert soup.h1.get_text() == "Film reviews with the spoilers kept behind a door."


def test_titles_are_unique_and_name_the_site_once(client, every_kind_of_page):
    titles = [soup_of(client, url).title.get_text() for url in every_kind_of_page]
    assert len(set(titles)) == len(titles), titles
    assert all(title.count(SITE) == 1 for title in titles), titles


def test_every_page_has_a_picture_to_share(client, every_kind_of_page):
    for url in every_kind_of_page:
        soup = soup_of(client, url)
        image = soup.find("meta", property="og:image")
        assert image and image["content"].startswith("http://testserver/"), url


def test_a_kind_and_a_category_of_the_same_name_have_different_titles(client, review_index):
    documentary = CategoryFactory(name="Documentary", slug="documentary")
    ReviewPageFactory(parent=review_index, kind="documentary", categories=[documentary])
    by_category = soup_of(client, "/reviews/category/documentary/").title.get_text()
    by_kind = soup_of(client, "/reviews/kind/documentary/").title.get_text()
    assert by_category == f"Documentary reviews · {SITE}"
    assert by_kind == f"Documentary reviews: every category · {SITE}"

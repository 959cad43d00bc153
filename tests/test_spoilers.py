"""Spoiler text reaches readers only inside the spoiler section they choose to open."""

import pytest
from bs4 import BeautifulSoup

from core import block_values as shared_blocks
from home.models import HomePageFeaturedReview
from reviews import block_values as review_blocks
from reviews.factories import CategoryFactory, ReviewPageFactory
from reviews.models import ReviewPage

SECRET = "Rosebud was the sled"


@pytest.fixture
def spoiled_review(review_index):
    category = CategoryFactory(name="Drama")
    review = ReviewPageFactory(
        parent=review_index,
        title="Citizen Test",
        intro="A newspaper magnate's life, told by those who knew him.",
        body=[
            shared_blocks.text_section("<p>A portrait built from flashbacks.</p>"),
            review_blocks.spoiler(f"<p>{SECRET}</p>"),
        ],
        categories=[category],
    )
    HomePageFeaturedReview.objects.create(home_page=review_index.get_parent(), review=review)
    return review


def meta_description(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup.find("meta", attrs={"name": "description"})["content"]


def test_meta_description_uses_the_intro_not_the_body(client, spoiled_review):
    description = meta_description(client, spoiled_review.url)
    assert description == "A newspaper magnate's life, told by those who knew him."
    assert SECRET not in description


def test_search_description_overrides_the_intro(client, spoiled_review):
    spoiled_review.search_description = "Orson's first feature."
    spoiled_review.save()
    assert meta_description(client, spoiled_review.url) == "Orson's first feature."


def test_spoiler_text_sits_only_inside_the_closed_spoiler_section(client, spoiled_review):
    soup = BeautifulSoup(client.get(spoiled_review.url).content, "html.parser")
    assert soup.get_text().count(SECRET) == 1
    assert SECRET in soup.select_one("details.spoiler:not([open]) .spoiler__body").get_text()
    assert SECRET not in soup.head.decode()


@pytest.mark.parametrize("where", ["home", "index", "category"])
def test_listings_never_show_spoiler_text(client, spoiled_review, review_index, where):
    url = {
        "home": "/",
        "index": review_index.url,
        "category": review_index.url + "category/drama/",
    }[where]
    response = client.get(url)
    assert response.status_code == 200
    assert "Citizen Test" in response.text
    assert SECRET not in response.text


def test_search_finds_review_text_but_not_spoilers(spoiled_review):
    assert list(ReviewPage.objects.live().search("flashbacks")) == [spoiled_review]
    assert list(ReviewPage.objects.live().search("Rosebud")) == []


def test_a_spoiler_offers_show_when_closed_and_hide_when_open(client, spoiled_review):
    soup = BeautifulSoup(client.get(spoiled_review.url).content, "html.parser")
    summary = soup.select_one("details.spoiler > summary")
    hints = {hint.get_text(): hint["class"] for hint in summary.select(".spoiler__hint")}
    assert hints == {
        "Show": ["spoiler__hint", "spoiler__hint--closed"],
        "Hide": ["spoiler__hint", "spoiler__hint--open"],
    }
    css = b"".join(client.get("/static/css/site.css").streaming_content).decode()
    # Only the hint for the current state is displayed (not merely made invisible).
    assert (
        ".spoiler[open] .spoiler__hint--closed,\n.spoiler:not([open]) .spoiler__hint--open" in css
    )


def test_the_show_all_switch_comes_from_the_review_script(client, spoiled_review):
    soup = BeautifulSoup(client.get(spoiled_review.url).content, "html.parser")
    assert [s["src"] for s in soup.select("script[src]")].count("/static/js/review.js") == 1
    script = b"".join(client.get("/static/js/review.js").streaming_content).decode()
    assert "Always show spoilers" in script and "localStorage" in script

"""The affiliate disclosure: before the first affiliate link, and only where there is one.

A review with an affiliate offer shows it in the Where to watch box, above the offers; a review
whose text links to an affiliate's site shows it at the top, before the text. A review without
affiliate links shows none, unless its editor chose one.
"""

import pytest
from bs4 import BeautifulSoup

from core import block_values as shared_blocks
from home.factories import StandardPageFactory
from offers.factories import AffiliateServiceFactory, OfferFactory, ServiceFactory
from reviews.factories import AffiliateDisclosureFactory, ReviewPageFactory, verdict_block
from reviews.models import ReviewPage, ReviewSettings

Choice = ReviewPage.DisclosureChoice


def soup(client, review):
    return BeautifulSoup(client.get(review.url).content, "html.parser")


def disclosure_box(client, review):
    return soup(client, review).select_one("article.review aside.disclosure")


def disclosures_and_affiliate_links(client, review):
    """The review's disclosures and sponsored links, in reading (document) order."""
    article = soup(client, review).select_one("article.review")
    found = article.find_all(
        lambda tag: "disclosure" in tag.get("class", []) or "sponsored" in tag.get("rel", [])
    )
    return ["disclosure" if tag.name != "a" else "link" for tag in found]


@pytest.fixture
def shop(db):
    return AffiliateServiceFactory(name="Reel Shop", website="https://reelshop.example/")


def text_linking_to(url):
    html = f'<p>Own it on disc: <a href="{url}">buy it here</a>.</p>'
    return [shared_blocks.text_section("<p>Opening.</p>"), shared_blocks.text_section(html)]


def test_affiliate_offer_brings_the_disclosure_into_the_box_before_it(
    client, review_index, default_disclosure, shop
):
    review = ReviewPageFactory(parent=review_index, offers=[OfferFactory(service=shop)])

    assert disclosures_and_affiliate_links(client, review) == ["disclosure", "link"]
    box = soup(client, review).select_one(".where-to-watch .disclosure")
    assert "We earn a commission on shop links." in box.get_text()
    assert disclosure_box(client, review) is None  # the text has no affiliate link


def test_affiliate_link_in_the_text_brings_the_disclosure_to_the_top(
    client, review_index, default_disclosure, shop
):
    review = ReviewPageFactory(
        parent=review_index,
        body=[*text_linking_to("https://www.reelshop.example/film/42"), verdict_block()],
    )

    assert disclosures_and_affiliate_links(client, review) == ["disclosure", "link"]
    box = disclosure_box(client, review)
    assert "We earn a commission on shop links." in box.get_text()
    assert box.find_next_sibling(class_="review__body") is not None


def test_both_kinds_of_affiliate_link_are_each_preceded_by_the_disclosure(
    client, review_index, default_disclosure, shop
):
    review = ReviewPageFactory(
        parent=review_index,
        offers=[OfferFactory(service=shop)],
        body=text_linking_to("https://reelshop.example/film/42"),
    )
    assert disclosures_and_affiliate_links(client, review) == [
        "disclosure",
        "disclosure",
        "link",
        "link",
    ]


def test_links_to_other_sites_are_not_affiliate_links(client, review_index, default_disclosure):
    archive = ServiceFactory(website="https://archive.org/")
    review = ReviewPageFactory(
        parent=review_index,
        offers=[OfferFactory(service=archive)],
        body=text_linking_to("https://archive.org/details/nosferatu"),
    )
    page = soup(client, review)
    assert page.select(".disclosure") == []
    assert page.select("a[rel~=sponsored]") == []


def test_review_without_affiliate_links_shows_no_disclosure(
    client, review_index, default_disclosure
):
    review = ReviewPageFactory(parent=review_index)
    assert soup(client, review).select(".disclosure") == []


def test_editor_may_choose_a_disclosure_for_a_review_without_affiliate_links(
    client, review_index, default_disclosure
):
    loan = AffiliateDisclosureFactory(text="<p>The distributor lent us a copy.</p>")
    review = ReviewPageFactory(parent=review_index, disclosure_choice=Choice.OTHER, disclosure=loan)

    text = disclosure_box(client, review).get_text()
    assert "The distributor lent us a copy." in text
    assert "commission" not in text


def test_the_disclosure_links_to_the_guidelines(client, review_index, default_disclosure, shop):
    guidelines = StandardPageFactory(parent=review_index.get_parent())
    default_disclosure.guidelines_page = guidelines
    default_disclosure.save()
    review = ReviewPageFactory(
        parent=review_index, body=text_linking_to("https://reelshop.example")
    )

    box = disclosure_box(client, review)
    assert box.a["href"] == guidelines.url
    assert box.a.get_text() == "Read our editorial guidelines"


def test_affiliate_links_are_disclosed_even_without_a_site_default(client, review_index, shop):
    review = ReviewPageFactory(parent=review_index, offers=[OfferFactory(service=shop)])
    box = soup(client, review).select_one(".where-to-watch .disclosure")
    assert "affiliate links" in box.get_text()


def test_editing_the_text_once_changes_every_review(client, review_index, default_disclosure, shop):
    reviews = [
        ReviewPageFactory(parent=review_index, body=text_linking_to("https://reelshop.example"))
        for _ in range(3)
    ]
    default_disclosure.text = "<p>New wording about shop links.</p>"
    default_disclosure.save()

    for review in reviews:
        assert "New wording about shop links." in disclosure_box(client, review).get_text()


def test_changing_the_site_default_changes_every_review_using_it(
    client, review_index, default_disclosure, shop
):
    review = ReviewPageFactory(
        parent=review_index, body=text_linking_to("https://reelshop.example")
    )
    replacement = AffiliateDisclosureFactory(text="<p>Replacement default.</p>")
    settings = ReviewSettings.for_site(review_index.get_site())
    settings.default_disclosure = replacement
    settings.save()

    assert "Replacement default." in disclosure_box(client, review).get_text()


def test_deleted_choice_falls_back_to_the_default(client, review_index, default_disclosure):
    loan = AffiliateDisclosureFactory()
    review = ReviewPageFactory(parent=review_index, disclosure_choice=Choice.OTHER, disclosure=loan)
    loan.delete()

    assert "We earn a commission" in disclosure_box(client, review).get_text()


@pytest.mark.parametrize(
    ("choice", "affiliate_links", "expected"),
    [
        (Choice.DEFAULT, True, "default"),
        (Choice.DEFAULT, False, None),
        (Choice.OTHER, True, "other"),
        (Choice.OTHER, False, "other"),
    ],
)
def test_get_disclosure_picks_by_choice_and_affiliate_links(choice, affiliate_links, expected):
    default, other = AffiliateDisclosureFactory.build(), AffiliateDisclosureFactory.build()
    review = ReviewPage(disclosure_choice=choice, disclosure=other)
    assert (
        review.get_disclosure(lambda: default, affiliate_links)
        is {"default": default, "other": other, None: None}[expected]
    )


def test_the_rule_is_explained_to_editors():
    help_text = ReviewPage._meta.get_field("disclosure_choice").help_text
    assert "before the first of them" in help_text
    assert "A review without affiliate links shows none" in help_text

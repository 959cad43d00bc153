"""The affiliate disclosure at the top of each review: default, another one, or none."""

import pytest
from bs4 import BeautifulSoup

from home.factories import StandardPageFactory
from reviews.factories import AffiliateDisclosureFactory, ReviewPageFactory
from reviews.models import ReviewPage, ReviewSettings

Choice = ReviewPage.DisclosureChoice


def disclosure_box(client, review):
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    return soup.select_one("article.review aside.disclosure")


def test_review_shows_the_site_default_before_the_body(client, review_index, default_disclosure):
    guidelines = StandardPageFactory(parent=review_index.get_parent())
    default_disclosure.guidelines_page = guidelines
    default_disclosure.save()
    review = ReviewPageFactory(parent=review_index)

    box = disclosure_box(client, review)
    assert "We earn a commission on shop links." in box.get_text()
    assert box.a["href"] == guidelines.url
    assert box.a.get_text() == "Read our editorial guidelines"
    assert box.find_next_sibling(class_="review__body") is not None


def test_review_may_choose_another_disclosure(client, review_index, default_disclosure):
    loan = AffiliateDisclosureFactory(text="<p>The distributor lent us a copy.</p>")
    review = ReviewPageFactory(parent=review_index, disclosure_choice=Choice.OTHER, disclosure=loan)

    text = disclosure_box(client, review).get_text()
    assert "The distributor lent us a copy." in text
    assert "commission" not in text


def test_review_may_show_no_disclosure(client, review_index, default_disclosure):
    review = ReviewPageFactory(parent=review_index, disclosure_choice=Choice.NONE)
    assert disclosure_box(client, review) is None


def test_no_default_configured_means_no_box(client, review_index):
    review = ReviewPageFactory(parent=review_index)
    assert disclosure_box(client, review) is None


def test_editing_the_text_once_changes_every_review(client, review_index, default_disclosure):
    reviews = [ReviewPageFactory(parent=review_index) for _ in range(3)]
    default_disclosure.text = "<p>New wording about shop links.</p>"
    default_disclosure.save()

    for review in reviews:
        assert "New wording about shop links." in disclosure_box(client, review).get_text()


def test_changing_the_site_default_changes_every_review_using_it(
    client, review_index, default_disclosure
):
    review = ReviewPageFactory(parent=review_index)
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
    ("choice", "expected"),
    [(Choice.DEFAULT, "default"), (Choice.OTHER, "other"), (Choice.NONE, None)],
)
def test_get_disclosure_picks_by_choice(choice, expected):
    default, other = AffiliateDisclosureFactory.build(), AffiliateDisclosureFactory.build()
    review = ReviewPage(disclosure_choice=choice, disclosure=other)
    assert (
        review.get_disclosure(lambda: default)
        is {"default": default, "other": other, None: None}[expected]
    )

"""Editors fill a review's body from a review pasted whole, after seeing the blocks it makes."""

import hashlib

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from core import block_values as shared_blocks
from reviews.factories import ReviewPageFactory, verdict_block

PASTED = """<p>Keaton's finest short feature, and his most inventive.</p>
<h2>Spoilers: the ending</h2>
<p>He walks back out of the screen and into the girl's arms.</p>
<h2>Favourite lines</h2>
<blockquote><p>“Don't try to do two things at once.”</p><cite>Title card</cite></blockquote>
<h2>Verdict: Must See, 9/10</h2>
<p>Forty-five minutes of pure invention.</p>
"""


@pytest.fixture
def review(review_index):
    return ReviewPageFactory(
        parent=review_index,
        title="Sherlock Jr.",
        body=[shared_blocks.text_section("<p>The first draft.</p>"), verdict_block("Skip It")],
    )


@pytest.fixture
def editor(client, user_in):
    client.force_login(user_in("Editors"))
    return client


def fill_url(review):
    return reverse("reviews_fill_from_pasted_text", args=[review.pk])


def fingerprint(text):
    """What the form keeps of the text it showed (surrounding blank lines do not count)."""
    return hashlib.sha256(text.strip().encode()).hexdigest()


def block_types(review):
    review.refresh_from_db()
    return [block.block_type for block in review.get_latest_revision_as_object().body]


def test_the_pasted_review_is_shown_as_blocks_and_nothing_changes(editor, review):
    revisions = review.revisions.count()
    response = editor.post(fill_url(review), {"text": PASTED, "placement": "replace"})

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    shown = [item.strong.get_text() for item in page.select(".pasted-review__blocks li")]
    assert shown == ["Text section", "Spoiler section", "Text section", "Quote", "Verdict"]
    assert "Keaton's finest short feature" in page.select_one(".pasted-review__blocks").text
    assert page.select_one("button[name=confirm]") is not None
    assert page.select_one("input[name=previewed]")["value"] == fingerprint(PASTED)
    assert review.revisions.count() == revisions
    assert block_types(review) == ["text", "verdict"]


def test_confirmed_blocks_replace_the_body_as_a_draft(editor, review):
    response = editor.post(
        fill_url(review),
        {"text": PASTED, "placement": "replace", "previewed": fingerprint(PASTED), "confirm": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[review.pk])
    assert block_types(review) == ["text", "spoiler", "text", "quote", "verdict"]
    draft = review.get_latest_revision_as_object()
    assert draft.body[3].value["quote"] == "Don't try to do two things at once."
    assert draft.body[4].value["label"].name == "Must See"
    assert review.live_revision is None or review.live_revision != review.latest_revision


def test_added_to_the_end_the_pasted_verdict_gives_way_to_the_reviews_own(editor, review):
    data = {"text": PASTED, "placement": "append"}
    preview = editor.post(fill_url(review), data)
    assert "left out: the review has its verdict" in preview.content.decode()

    editor.post(fill_url(review), {**data, "previewed": fingerprint(PASTED), "confirm": ""})
    assert block_types(review) == ["text", "verdict", "text", "spoiler", "text", "quote"]


def test_text_changed_after_the_preview_is_shown_again_not_saved(editor, review):
    response = editor.post(
        fill_url(review),
        {"text": PASTED, "placement": "replace", "previewed": fingerprint("other"), "confirm": ""},
    )
    assert response.status_code == 200
    assert block_types(review) == ["text", "verdict"]


def test_empty_or_missing_reviews_are_refused_clearly(editor, review):
    assert editor.post(fill_url(review), {"text": "", "placement": "replace"}).status_code == 200
    assert block_types(review) == ["text", "verdict"]
    missing = reverse("reviews_fill_from_pasted_text", args=[review.pk + 1000])
    assert editor.get(missing).status_code == 404


def test_the_review_editor_offers_the_paste_page(editor, review):
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    assert fill_url(review) in edit.content.decode()
    assert editor.get(fill_url(review)).status_code == 200

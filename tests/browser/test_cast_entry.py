"""An editor enters a cast of five in the review editor in three actions, in Chromium."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.models import HomePage
from people.factories import PersonFactory
from people.models import Person
from reviews import block_values as review_blocks
from reviews.factories import ReviewIndexPageFactory, ReviewPageFactory, verdict_block

from .conftest import PASSWORD

CAST = """Theodore Twombly — Joaquin Phoenix
Samantha \u2013 Scarlett Johansson (voice)
Amy\tAmy Adams
Rooney Mara as Catherine
Charles - Matt Letscher"""
DESKTOP = {"width": 1280, "height": 900}


class Actions:
    """Counts what the editor does: each fill or click is one action."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def fill(self, locator, text):
        self.count += 1
        locator.fill(text)

    def click(self, locator):
        self.count += 1
        locator.click()


@pytest.fixture
def draft(db):
    """A draft review whose body has a cast listing, as inserting the block leaves it."""
    index = ReviewIndexPageFactory(parent=HomePage.objects.get())
    return ReviewPageFactory(
        parent=index,
        title="Her",
        slug="her",
        director="Spike Jonze",
        live=False,
        body=[review_blocks.cast([("", "", "")]), verdict_block()],
    )


@pytest.fixture
def editor(page, live_server, log_in):
    page.set_viewport_size(DESKTOP)
    log_in(get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD))
    return page


def test_a_cast_of_five_takes_three_actions(editor, draft):
    page = editor
    johansson = PersonFactory(name="Scarlett Johansson")
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    actions = Actions(page)

    actions.fill(page.locator("#body-0-value-paste"), CAST)
    actions.click(page.locator("footer .w-dropdown__toggle"))
    actions.click(page.locator("footer button[name=action-publish]"))
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    assert actions.count <= 3
    draft.refresh_from_db()
    assert draft.live
    rows = next(block.value for block in draft.body if block.block_type == "cast")["members"]
    assert [(row["character"], row["performer"], row["note"]) for row in rows] == [
        ("Theodore Twombly", "Joaquin Phoenix", ""),
        ("Samantha", "Scarlett Johansson", "voice"),
        ("Amy", "Amy Adams", ""),
        ("Catherine", "Rooney Mara", ""),
        ("Charles", "Matt Letscher", ""),
    ]
    assert rows[1]["person"] == johansson  # matched, not added again
    assert all(row["person"] for row in rows)
    assert Person.objects.count() == 6  # with the director

    # Each row stays editable on its own, character | performer | note on one line.
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    expect(page.locator("#body-0-value-members-4-value-character")).to_have_value("Charles")
    expect(page.locator("#body-0-value-paste")).to_have_value("")
    expect(page.locator("#body-0-value-members-1-value-person-chooser")).to_contain_text(
        "Scarlett Johansson"
    )
    tops = [
        page.locator(f"#body-0-value-members-2-value-{field}").bounding_box()["y"]
        for field in ("character", "performer", "note")
    ]
    assert max(tops) - min(tops) < 2, tops
    page.locator("#body-0-value-members-2-value-character").fill("Amy, the neighbour")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-publish]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    draft.refresh_from_db()
    rows = next(block.value for block in draft.body if block.block_type == "cast")["members"]
    assert [row["character"] for row in rows][2] == "Amy, the neighbour"
    assert Person.objects.count() == 6

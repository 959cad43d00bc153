"""An editor writes a review in the StreamField editor; a moderator approves it; readers see it."""

import re

from playwright.sync_api import expect

from reviews.models import ReviewIndexPage, ReviewPage


def insert_block(page, label):
    page.locator("button.c-sf-add-button[title='Insert a block']").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def type_rich_text(page, field_id, text):
    editor = page.locator(f"#{field_id}").locator("xpath=..").locator("[contenteditable=true]")
    editor.click()
    page.keyboard.type(text)
    # The rich text editor writes its content to the form field shortly after typing stops.
    page.wait_for_function(
        "([id, text]) => document.getElementById(id).value.includes(text)", arg=[field_id, text]
    )


def write_review(page, index):
    """A new review starts with a text section and the verdict; the rest comes from the block
    menu and the quick buttons under the body."""
    page.goto(f"/admin/pages/add/reviews/reviewpage/{index.pk}/")
    page.fill("#id_title", "Sherlock Jr.")
    page.fill("#id_intro", "Keaton walks into a film and out of the laws of physics.")
    type_rich_text(page, "body-0-value-text", "A projectionist dreams of detection.")

    page.select_option("#body-1-value-label", label="Must See")
    page.fill("#body-1-value-score", "9.5")
    page.fill("#body-1-value-summary", "Forty-five minutes of pure invention.")

    insert_block(page, "Spoiler section")
    page.fill("#body-2-value-heading", "The dream")
    type_rich_text(page, "body-2-value-text", "The projectionist climbs into the screen.")

    page.locator(".review-quick-blocks [data-quick-block=cast]").click()
    page.fill("#body-3-value-members-0-value-character", "Projectionist")
    page.fill("#body-3-value-members-0-value-performer", "Buster Keaton")
    members = page.locator("[data-contentpath='members']").last
    members.locator("button[data-streamfield-list-add]").last.click()
    page.fill("#body-3-value-members-1-value-character", "The Girl")
    page.fill("#body-3-value-members-1-value-performer", "Kathryn McGuire")

    insert_block(page, "Quote")
    page.fill(
        "#body-4-value-quote",
        "Don't try to do two things at once and expect to do justice to both.",
    )
    page.fill("#body-4-value-speaker", "Title card")


def wait_for_autosave(page):
    """Wagtail saves a new page as a draft soon after the last change; from then on the form
    posts to the page's edit view. Submitting while that first save is still on its way would
    create the page a second time (and fail on its slug), so wait as an editor waits for
    "Saved"."""
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")


def test_editor_writes_moderator_approves_reader_reads(page, site, staff_member, log_in):
    index = ReviewIndexPage.objects.get()
    log_in(staff_member("editor", "Editors"))
    write_review(page, index)
    wait_for_autosave(page)

    page.locator("footer .w-dropdown__toggle").click()
    expect(page.locator("footer button[name=action-publish]")).to_have_count(0)
    page.locator("footer button[name=action-submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    review = ReviewPage.objects.get(slug="sherlock-jr")
    assert review.workflow_in_progress and not review.live

    log_in(staff_member("moderator", "Moderators"))
    page.goto(f"/admin/pages/{review.pk}/edit/")
    expect(page.locator(".messages")).to_contain_text("awaiting your approval")
    # Approving is the main button, not hidden in the menu.
    page.locator("footer button", has_text=re.compile("Approve and publish", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    review.refresh_from_db()
    assert review.live

    page.context.clear_cookies()
    page.goto(review.url)
    spoiler = page.locator("details.spoiler")
    secret = spoiler.locator(".spoiler__body")
    expect(spoiler.locator("summary")).to_contain_text("Spoilers ahead")
    expect(secret).to_be_hidden()
    expect(page.locator(".cast__table tbody tr")).to_have_count(2)
    expect(page.locator(".cast__table tbody th").nth(1)).to_have_text("The Girl")
    expect(page.locator("figure.quote blockquote")).to_contain_text("two things at once")
    expect(page.locator(".verdict__label")).to_have_text("Must See")
    expect(page.locator(".verdict__score")).to_have_text("9.5/10")

    spoiler.locator("summary").click()
    expect(secret).to_be_visible()
    expect(secret).to_have_text("The projectionist climbs into the screen.")

    spoiler.locator("summary").click()
    expect(secret).to_be_hidden()
    spoiler.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(secret).to_be_visible()

"""A site owner edits the disclosure once; a reader's comment goes through moderation."""

import re

from playwright.sync_api import expect

from feedback.models import Comment
from reviews.models import ReviewPage, ReviewSettings


def test_owner_edits_default_disclosure_and_reviews_with_affiliate_offers_show_it(
    page, site, staff_member, log_in
):
    disclosure = ReviewSettings.objects.get().default_disclosure
    log_in(staff_member("owner", "Site owners"))
    page.goto(f"/admin/snippets/reviews/affiliatedisclosure/edit/{disclosure.pk}/")
    editor = page.locator("[contenteditable=true]").first
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("We may earn a small fee from shop links. It never buys a review.")
    # The rich text editor writes its content to the form field shortly after typing stops.
    page.wait_for_function("document.querySelector('#id_text').value.includes('never buys')")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/reviews/affiliatedisclosure/$"))

    page.context.clear_cookies()
    with_affiliate_offers = ReviewPage.objects.live().filter(
        disclosure_choice="default", offers__service__is_affiliate=True
    )
    assert with_affiliate_offers.count() >= 3
    for review in with_affiliate_offers:
        page.goto(review.url)
        expect(page.locator(".where-to-watch .disclosure")).to_contain_text(
            "It never buys a review."
        )


def test_reader_comment_is_held_until_a_moderator_approves_it(page, site, staff_member, log_in):
    review = ReviewPage.objects.get(slug="metropolis")
    page.goto(review.url)
    page.fill("#id_name", "Freder")
    page.fill("#id_email", "freder@example.com")
    page.fill("#id_body", "The flood sequence is astonishing on a big screen.")
    page.wait_for_timeout(3200)  # a person takes a few seconds; faster posts count as spam
    page.click("#comment-form button[type=submit]")

    expect(page.locator(".comments .notice")).to_contain_text("awaiting moderation")
    expect(page.locator(".comment-list")).not_to_be_visible()
    assert Comment.objects.get(name="Freder").status == Comment.Status.PENDING

    log_in(staff_member("moderator", "Moderators"))
    page.goto("/admin/feedback/comment/?status__exact=pending")
    row = page.locator("tbody tr", has_text="The flood sequence")
    row.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("1 comment approved.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(review.url)
    comment = page.locator(".comment", has_text="The flood sequence")
    expect(comment).to_be_visible()
    expect(comment.locator(".comment__author")).to_have_text("Freder")
    expect(page.locator("#comments-heading")).to_have_text("1 comment")

"""A long review's "In this review" list in a real browser: open beside the text on a desktop,
closed on a phone, usable by keyboard and without JavaScript, and never opening a spoiler."""

import pytest

from reviews.models import ReviewPage

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def review_url(site):
    return ReviewPage.objects.get(slug="nosferatu").url


def open_review(browser, live_server, url, viewport, **options):
    context = browser.new_context(viewport=viewport, base_url=live_server.url, **options)
    page = context.new_page()
    page.goto(url)
    return page


def test_on_a_desktop_the_list_is_open_under_the_facts_and_leads_to_each_heading(
    browser, live_server, review_url
):
    page = open_review(browser, live_server, review_url, DESKTOP)
    toc = page.get_by_role("navigation", name="In this review")
    assert page.evaluate("document.querySelector('.toc details').open")
    facts, text = (
        page.locator(".work-facts").bounding_box(),
        page.locator(".review__body").bounding_box(),
    )
    box = toc.bounding_box()
    assert box["x"] > text["x"] + text["width"]  # beside the text
    assert box["y"] >= facts["y"] + facts["height"]  # under the facts

    toc.get_by_role("link", name="Borrowed from Dracula").click()
    heading = page.get_by_role("heading", name="Borrowed from Dracula")
    assert 0 <= heading.bounding_box()["y"] < 100  # at the top of the window
    assert toc.is_visible()  # and the list is still there beside it
    page.context.close()


def test_the_spoilers_entry_leads_to_the_closed_spoiler_without_opening_it(
    browser, live_server, review_url
):
    page = open_review(browser, live_server, review_url, DESKTOP)
    page.get_by_role("navigation", name="In this review").get_by_role(
        "link", name="Spoilers"
    ).click()
    assert page.url.endswith("#spoilers")
    spoiler = page.locator("details.spoiler")
    assert 0 <= spoiler.bounding_box()["y"] < 100
    # The switch that opens every spoiler is in view above it, still off.
    switch = page.get_by_role("button", name="Always show spoilers")
    assert switch.bounding_box()["y"] >= 0
    assert switch.get_attribute("aria-pressed") == "false"
    assert not spoiler.evaluate("details => details.open")
    assert not page.locator(".spoiler__body").is_visible()
    page.context.close()


def test_on_a_phone_it_is_closed_after_the_header_and_opens_by_keyboard(
    browser, live_server, review_url
):
    page = open_review(browser, live_server, review_url, PHONE, is_mobile=True)
    summary = page.locator(".toc summary")
    header = page.locator(".review__header").bounding_box()
    first_words = page.locator(".review__body p").first.bounding_box()
    assert header["y"] + header["height"] <= summary.bounding_box()["y"] < first_words["y"]
    assert first_words["y"] < PHONE["height"]  # the text still starts on the first screen
    assert not page.get_by_role("link", name="Into the land of phantoms").is_visible()

    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "A journey east"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#into-the-land-of-phantoms")
    heading = page.get_by_role("heading", name="Into the land of phantoms")
    assert 0 <= heading.bounding_box()["y"] < 100
    page.context.close()


def test_without_javascript_the_list_opens_on_a_click(browser, live_server, review_url):
    page = open_review(browser, live_server, review_url, DESKTOP, java_script_enabled=False)
    link = page.get_by_role("link", name="Borrowed from Dracula")
    assert not link.is_visible()
    page.get_by_text("In this review").click()
    link.click()
    assert page.url.endswith("#borrowed-from-dracula")
    page.context.close()

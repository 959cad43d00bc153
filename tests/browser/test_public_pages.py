"""The public pages in a real browser: accessibility (axe-core) and phone-width layout."""

import pytest

from feedback.models import ReaderRating
from reviews.models import ReviewPage

from .conftest import AXE

SERIOUS = {"serious", "critical"}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 360, "height": 740}


def public_pages():
    review = ReviewPage.objects.get(slug="nosferatu")
    return {
        "home": "/",
        "listing": "/reviews/",
        "category": "/reviews/category/horror/",
        "review": review.url,
        "search": "/search/?q=keaton",
        "person": "/people/buster-keaton/",
        "people": "/people/",
    }


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not installed at {AXE} (make browser-deps)")
def test_no_serious_accessibility_violations(page, site):
    failures = {}
    for name, url in public_pages().items():
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
        )
        assert result["passes"], f"axe checked nothing on {name}"
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in result["violations"]
            if v["impact"] in SERIOUS
        ]
        if serious:
            failures[name] = serious
    assert failures == {}


def test_spoiler_is_reachable_and_labelled_for_assistive_technology(page, site):
    page.goto(ReviewPage.objects.get(slug="nosferatu").url)
    summaries = page.get_by_role("group").locator("summary").all_text_contents()
    assert any("Spoilers ahead" in summary for summary in summaries)
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"


def test_pages_fit_a_phone_screen(browser, site, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, is_mobile=True)
    page = context.new_page()
    too_wide = {}
    for name, url in public_pages().items():
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
    context.close()
    assert too_wide == {}


def test_a_trailer_contacts_its_host_only_after_play_is_pressed(page, site):
    asked = []

    def record(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>player</p>")

    page.route("https://archive.org/**", record)
    page.goto(ReviewPage.objects.get(slug="night-of-the-living-dead").url)
    play = page.get_by_role("button", name="Play")
    play.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert asked == []
    assert page.locator("figure.trailer iframe").count() == 0

    play.click()
    page.wait_for_selector("figure.trailer iframe")
    page.wait_for_timeout(300)
    assert asked and asked[0].startswith("https://archive.org/embed/night_of_the_living_dead")


def test_the_star_rating_works_by_keyboard_without_javascript(browser, site, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(ReviewPage.objects.get(slug="nosferatu").url)
    page.get_by_role("radio", name="4 stars").check()
    page.get_by_role("button", name="Rate").click()
    page.wait_for_load_state()
    assert "your rating of 4 is counted" in page.locator("[data-rating-status]").text_content()
    assert page.get_by_role("radio", name="4 stars").is_checked()
    context.close()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_the_header_is_the_same_height_on_every_page(browser, site, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    page = context.new_page()
    heights = {}
    for name, url in public_pages().items():
        page.goto(url)
        heights[name] = page.evaluate("document.querySelector('.site-header').offsetHeight")
    context.close()
    assert len(set(heights.values())) == 1, heights


def test_on_a_phone_the_review_text_starts_on_the_first_screen(browser, site, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, is_mobile=True
    )
    page = context.new_page()
    page.goto(ReviewPage.objects.get(slug="nosferatu").url)
    top = page.evaluate("document.querySelector('.review__body p').getBoundingClientRect().top")
    context.close()
    assert top < 844


def test_on_a_desktop_the_facts_stay_beside_the_text_as_it_scrolls(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(ReviewPage.objects.get(slug="nosferatu").url)
    # Halfway down the text: the box has scrolled with it and stuck to the top of the window.
    page.evaluate(
        "const body = document.querySelector('.review__body').getBoundingClientRect();"
        "window.scrollTo(0, window.scrollY + body.top + body.height / 2)"
    )
    box = page.locator(".work-facts").bounding_box()
    text = page.locator(".review__body").bounding_box()
    assert box["x"] > text["x"] + text["width"]  # beside, not under, the text
    assert 0 <= box["y"] < 900  # still on screen


def test_always_show_spoilers_is_remembered_in_this_browser_only(page, site):
    url = ReviewPage.objects.get(slug="nosferatu").url
    page.goto(url)
    switch = page.get_by_role("button", name="Always show spoilers")
    assert switch.get_attribute("aria-pressed") == "false"
    assert page.evaluate("[...document.querySelectorAll('details.spoiler')].every(d => !d.open)")

    switch.click()
    assert page.evaluate("[...document.querySelectorAll('details.spoiler')].every(d => d.open)")
    assert page.evaluate("localStorage.getItem('spoilers')") == "shown"

    page.goto(url)  # the next review opens them too
    assert page.get_by_role("button", name="Always show spoilers").get_attribute(
        "aria-pressed"
    ) == ("true")
    assert page.evaluate("[...document.querySelectorAll('details.spoiler')].every(d => d.open)")
    page.get_by_role("button", name="Always show spoilers").click()
    assert page.evaluate("localStorage.getItem('spoilers')") is None


def test_a_rating_sent_by_script_updates_the_counts_in_place(page, site):
    review = ReviewPage.objects.get(slug="nosferatu")
    # Another reader, from elsewhere, gave it 5.
    ReaderRating.objects.create(review=review, voter_hash="elsewhere", ip_hash="far", score=5)
    page.goto(review.url)
    page.get_by_role("radio", name="3 stars").check()
    page.get_by_role("button", name="Rate").click()
    page.locator("[data-rating-status]:not([hidden])").wait_for()
    assert page.locator("[data-rating-summary]").text_content() == (
        "User rating 4.0 / 5 from 2 readers"
    )
    counts = page.locator(".vote-distribution__votes").all_text_contents()
    assert counts == ["1", "0", "1", "0", "0"]
    assert "rated=" not in page.url  # no reload: the script sent it

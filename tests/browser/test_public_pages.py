"""The public pages in a real browser: accessibility (axe-core) and phone-width layout."""

import pytest

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
    summary = page.get_by_role("group").locator("summary").first
    assert "Spoilers ahead" in summary.text_content()
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

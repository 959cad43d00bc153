"""A critic composes a whole review and publishes it in few actions, on admin pages that log no
errors; a moderator finds a submitted review waiting for them with its approval at hand."""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from reviews.models import AffiliateDisclosure, Critic, ReviewIndexPage, ReviewPage

from .conftest import PASSWORD
from .test_review_workflow import wait_for_autosave, write_review

MOST_ACTIONS = 40

CAST = [
    ("Projectionist", "Buster Keaton"),
    ("The Girl", "Kathryn McGuire"),
    ("The Local Sheik", "Ward Crane"),
    ("The Girl's Father", "Joe Keaton"),
    ("The Hired Man", "Erwin Connelly"),
]
CATEGORIES = ["Comedy", "Silent era", "Science fiction"]


class Desk:
    """The browser as an editor uses it: every click, fill, choice and key press is counted.

    Waiting for the page is not an action; reading it neither.
    """

    def __init__(self, page):
        self.page = page
        self.actions = []

    def _count(self, kind, what):
        self.actions.append(f"{kind} {what}")

    def go(self, url):
        self._count("address", url)
        self.page.goto(url)

    def click(self, target):
        """Click a selector, or a locator found without acting."""
        self._count("click", target)
        (self.page.locator(target) if isinstance(target, str) else target).click()

    def check(self, label):
        self._count("check", label)
        self.page.get_by_label(label, exact=True).check()

    def fill(self, selector, text):
        self._count("fill", selector)
        self.page.locator(selector).fill(text)

    def sign_in_to_a_new_review(self, index, user):
        """Ask for a new review under `index` and sign in on the way (four actions)."""
        self.go(f"/admin/pages/add/reviews/reviewpage/{index.pk}/")
        self.fill("#id_username", user.username)
        self.fill("#id_password", PASSWORD)
        self.click("button[type=submit]")
        self.page.wait_for_url(re.compile(r"/admin/pages/add/reviews/reviewpage/\d+/$"))

    def write(self, block_index, text):
        """Type the text of a rich text block (its editor is a contenteditable)."""
        self._count("fill", f"body-{block_index} text")
        field_id = f"body-{block_index}-value-text"
        editor = self.page.locator(f"#{field_id}").locator("xpath=..")
        editor.locator("[contenteditable=true]").fill(text)
        self.page.wait_for_function(
            "([id, text]) => document.getElementById(id).value.includes(text)",
            arg=[field_id, text[:20]],
        )

    def select(self, selector, label):
        self._count("select", selector)
        self.page.locator(selector).select_option(label=label)

    def add_block(self, name):
        self.click(f".review-quick-blocks [data-quick-block={name}]")


class AdminErrors:
    """Console errors, uncaught exceptions and failed requests of the pages a test visits.

    Content-Security-Policy violations are console errors: the context enforces the policy.
    """

    def __init__(self, page, origin):
        self.found = []
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.found.append(f"page error: {error}"))
        page.on("requestfailed", self.failed)
        page.on("response", self.response)
        page.on("request", lambda request: self.elsewhere(request, origin))

    def console(self, message):
        if message.type == "error":
            self.found.append(f"console: {message.text} at {message.location.get('url')}")

    def failed(self, request):
        # A request the page itself cancels on leaving (a preview refresh) is not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.found.append(f"failed: {request.url} ({request.failure})")

    def response(self, response):
        if response.status >= 400:
            self.found.append(f"HTTP {response.status}: {response.url}")

    def elsewhere(self, request, origin):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != origin:
            self.found.append(f"request to another site: {request.url}")


@pytest.fixture
def enforced_page(browser, live_server):
    """A page whose context enforces the Content-Security-Policy (the shared one bypasses it)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def critic_user(staff_member):
    """A moderator (who may publish) whose name is a critic's: new reviews carry their byline."""
    user = staff_member("ada", "Moderators")
    user.first_name, user.last_name = "Ada", "Marlowe"
    user.save()
    return user


def cast_in_rows(desk, index, cast):
    """The cast listing the ordinary way: a row at a time."""
    desk.add_block("cast")
    for row, (character, performer) in enumerate(cast):
        if row:
            members = desk.page.locator(f"input[name='body-{index}-value-members-count']").locator(
                "xpath=.."
            )
            desk.click(members.locator("button[data-streamfield-list-add]").last)
        desk.fill(f"#body-{index}-value-members-{row}-value-character", character)
        desk.fill(f"#body-{index}-value-members-{row}-value-performer", performer)


def cast_in_lines(desk, index, cast):
    """The cast listing typed or pasted as lines, which saving turns into rows."""
    desk.add_block("cast")
    lines = "\n".join(f"{character} — {performer}" for character, performer in cast)
    desk.fill(f"#body-{index}-value-paste", lines)


@pytest.mark.parametrize("compose_cast", [cast_in_rows, cast_in_lines])
def test_critic_composes_and_publishes_a_whole_review_within_the_action_budget(
    enforced_page, live_server, site, critic_user, compose_cast
):
    page = enforced_page
    errors = AdminErrors(page, live_server.url)
    desk = Desk(page)
    index = ReviewIndexPage.objects.get()

    desk.sign_in_to_a_new_review(index, critic_user)

    # The Review tab: the facts, the intro, the byline, categories, the disclosure.
    expect(page.get_by_role("tab").first).to_have_accessible_name("Review")
    desk.fill("#id_title", "Sherlock Jr.")
    desk.fill("#id_release_year", "1924")
    desk.fill("#id_director", "Buster Keaton")
    desk.fill("#id_runtime_minutes", "45")
    desk.fill("#id_intro", "Keaton walks into a film and out of the laws of physics.")
    expect(page.locator("#id_author").locator("xpath=..")).to_contain_text("Ada Marlowe")
    for category in CATEGORIES:
        desk.check(category)
    desk.select("#id_disclosure", "Loaned restoration")

    # The body starts with a text section and the verdict; new sections go before the verdict.
    desk.write(0, "A projectionist falls asleep and dreams himself into the picture.")
    desk.add_block("spoiler")
    desk.write(2, "The projectionist climbs into the screen and the cuts throw him about.")
    desk.add_block("text")
    desk.write(3, "Forty-five minutes, and not one of them wasted on sentiment.")
    compose_cast(desk, 4, CAST)
    desk.add_block("quote")
    desk.fill("#body-5-value-quote", "“Don't try to do two things at once.”")
    desk.fill("#body-5-value-speaker", "Title card")
    desk.select("#body-1-value-label", "Must See")
    desk.fill("#body-1-value-score", "9.5")
    desk.fill("#body-1-value-summary", "Forty-five minutes of pure invention.")
    wait_for_autosave(page)

    expect(page.locator("footer button[name=action-publish]").first).to_be_visible()
    desk.click("footer button[name=action-publish]")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("published")

    assert len(desk.actions) <= MOST_ACTIONS, "\n".join(desk.actions)
    assert errors.found == []

    review = ReviewPage.objects.get(slug="sherlock-jr")
    assert review.live
    assert review.author == Critic.objects.get(name="Ada Marlowe")
    assert sorted(c.name for c in review.categories.all()) == sorted(CATEGORIES)
    assert review.disclosure == AffiliateDisclosure.objects.get(name="Loaned restoration")
    assert review.chose_disclosure
    assert [block.block_type for block in review.body] == [
        "text",
        "spoiler",
        "text",
        "cast",
        "quote",
        "verdict",
    ]

    page.goto(review.url)
    expect(page.locator("h1")).to_have_text("Sherlock Jr.")
    expect(page.locator(".cast__table tbody tr")).to_have_count(5)
    expect(page.locator(".verdict__label")).to_have_text("Must See")
    expect(page.locator(".verdict__score")).to_have_text("9.5/10")
    expect(page.locator("figure.quote blockquote")).to_have_text(
        re.compile(r"^\W*Don't try to do two things at once\.\W*$")
    )
    expect(page.locator("details.spoiler summary")).to_contain_text("Spoilers ahead")
    expect(page.locator(".disclosure").first).to_be_visible()


def admin_pages(review):
    return {
        "dashboard": "/admin/",
        "page explorer": "/admin/pages/",
        "reviews": "/admin/reviews/",
        "review editor": f"/admin/pages/{review.pk}/edit/",
        "review history": f"/admin/pages/{review.pk}/history/",
        "critics": "/admin/snippets/reviews/critic/",
        "account": "/admin/account/",
    }


@pytest.mark.parametrize("group", ["Editors", "Site owners"])
def test_admin_pages_log_no_errors_under_the_policy(
    enforced_page, live_server, site, staff_member, django_user_model, group
):
    """No avatars from Gravatar, no call to Wagtail's release feed: nothing the policy blocks."""
    page = enforced_page
    review = ReviewPage.objects.live().first()
    user = staff_member("staff", group)
    user.is_superuser = group == "Site owners"  # superusers are the ones shown the upgrade check
    user.save()
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    errors = AdminErrors(page, live_server.url)
    for name, url in admin_pages(review).items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert errors.found == [], name


def content_checker_counts(page):
    """The issue counts Wagtail's userbar shows (its accessibility checker runs on load)."""
    return page.evaluate(
        """() => Array.from(
            document.querySelector('wagtail-userbar').shadowRoot
                .querySelectorAll('[data-content-checker-count]'),
            (count) => count.textContent.trim(),
        )"""
    )


def test_wagtail_accessibility_checker_finds_nothing_on_a_review(page, site, staff_member, log_in):
    log_in(staff_member("editor", "Editors"))
    for url in ["/", ReviewPage.objects.live().first().url]:
        page.goto(url)
        counts = page.locator("wagtail-userbar [data-content-checker-count]").first
        expect(counts).not_to_have_text("")
        assert set(content_checker_counts(page)) == {"0"}, url


def test_moderator_sees_the_review_awaiting_them_once_with_approve_at_hand(
    page, site, staff_member, log_in
):
    index = ReviewIndexPage.objects.get()
    log_in(staff_member("editor", "Editors"))
    write_review(page, index)
    wait_for_autosave(page)
    page.locator("footer button[name=action-submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    review = ReviewPage.objects.get(slug="sherlock-jr")

    log_in(staff_member("moderator", "Moderators"))
    expect(page.locator("main")).to_contain_text("Awaiting your review")
    assert page.locator("main").inner_text().count("Sherlock Jr.") == 1
    page.goto(f"/admin/pages/{review.pk}/edit/")
    expect(page.locator(".messages")).to_contain_text("“Sherlock Jr.” is awaiting your approval")
    approve = page.locator("footer button[data-workflow-action-name=approve]").first
    expect(approve).to_be_visible()  # the main button, not an item of the closed menu
    expect(approve).to_have_text(re.compile(r"Approve and publish", re.I))
    approve.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    review.refresh_from_db()
    assert review.live


def test_a_score_between_half_points_is_pointed_out_and_refused_once(
    page, site, staff_member, log_in
):
    log_in(staff_member("moderator", "Moderators"))
    write_review(page, ReviewIndexPage.objects.get())
    # A second verdict: the quick button is off, and Wagtail's menu says why and adds none.
    expect(page.locator("[data-quick-block=verdict]")).to_be_disabled()
    blocks = page.locator("#body-root .c-sf-block")
    count = blocks.count()
    page.locator("button.c-sf-add-button[title='Insert a block']").last.click()
    page.get_by_role("option", name="Verdict (a review has one, and this one has it)").click()
    assert blocks.count() == count

    score = page.locator("#body-1-value-score")
    score.fill("8.3")
    score.blur()
    assert score.evaluate("input => input.validity.stepMismatch")
    assert "8.5" in score.evaluate("input => input.validationMessage")

    page.locator("footer button[name=action-publish]").first.click()
    expect(page.get_by_text("Use steps of 0.5, e.g. 7 or 7.5.")).to_have_count(1)
    assert not ReviewPage.objects.filter(live=True, slug="sherlock-jr").exists()


# As copied from another site: the title, a line of facts, the intro, the body, the categories.
PASTED_REVIEW = """<h1>Sherlock Jr. (1924)</h1>
<p>Directed by Buster Keaton · 45 min</p>
<p>Keaton walks into a film and out of the laws of physics.</p>
<p>A projectionist falls asleep and dreams himself into the picture.</p>
<h2>Spoilers: the dream</h2>
<p>The projectionist climbs into the screen and the cuts throw him about.</p>
<h2>What stays</h2>
<p>Forty-five minutes, and not one of them wasted on sentiment.</p>
<h2>Favourite lines</h2>
<blockquote><p>“Don't try to do two things at once.”</p><cite>Title card</cite></blockquote>
<h2>Verdict: Must See, 9.5/10</h2>
<p>Forty-five minutes of pure invention.</p>
<p>Filed under: comedy, Silent Era, science-fiction</p>
"""
# Signing in (4), the paste (open, fill, show, confirm: 4), the disclosure and publishing.
MOST_ACTIONS_WITH_PASTE = 10


def test_critic_moves_a_review_over_by_pasting_it(enforced_page, live_server, site, critic_user):
    page = enforced_page
    errors = AdminErrors(page, live_server.url)
    desk = Desk(page)
    index = ReviewIndexPage.objects.get()

    desk.sign_in_to_a_new_review(index, critic_user)
    desk.click(".review-quick-blocks__paste")
    page.wait_for_url(re.compile(rf"/admin/reviews/new/{index.pk}/fill/$"))
    desk.fill("#id_text", PASTED_REVIEW)
    desk.click("button[type=submit]:has-text('Show the blocks')")
    expect(page.locator(".pasted-review__blocks li")).to_have_count(6)
    fields = page.locator(".pasted-review__fields")
    expect(fields.locator("[data-field=title]")).to_contain_text("Sherlock Jr.")
    expect(fields.locator("[data-field=title]")).to_contain_text("Will be filled")
    expect(fields.locator("[data-field=runtime_minutes]")).to_contain_text("45 min")
    expect(fields.locator("[data-field=categories]")).to_contain_text(
        "Comedy, Silent era, Science fiction"
    )
    desk.click("button[name=confirm]")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).to_contain_text("blocks from the pasted text")

    # The form shows what the text filled.
    expect(page.locator("#id_title")).to_have_value("Sherlock Jr.")
    expect(page.locator("#id_release_year")).to_have_value("1924")
    expect(page.locator("#id_director")).to_have_value("Buster Keaton")
    expect(page.locator("#id_runtime_minutes")).to_have_value("45")
    expect(page.locator("#id_intro")).to_have_value(
        "Keaton walks into a film and out of the laws of physics."
    )
    for category in CATEGORIES:
        expect(page.get_by_label(category, exact=True)).to_be_checked()
    desk.select("#id_disclosure", "Loaned restoration")
    # The review exists now: publishing posts the whole form, whatever autosave has sent.
    desk.click("footer button[name=action-publish]")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    assert len(desk.actions) <= MOST_ACTIONS_WITH_PASTE, "\n".join(desk.actions)
    assert errors.found == []
    review = ReviewPage.objects.get(slug="sherlock-jr")
    assert review.live and review.author.name == "Ada Marlowe"
    assert (review.release_year, review.director, review.runtime_minutes) == (
        1924,
        "Buster Keaton",
        45,
    )
    assert sorted(c.name for c in review.categories.all()) == sorted(CATEGORIES)
    assert review.disclosure == AffiliateDisclosure.objects.get(name="Loaned restoration")
    assert [block.block_type for block in review.body] == [
        "text",
        "spoiler",
        "text",
        "text",
        "quote",
        "verdict",
    ]
    assert review.verdict_score == Decimal("9.5")
    page.goto(review.url)
    expect(page.locator("h1")).to_have_text("Sherlock Jr.")
    expect(page.locator(".review__facts")).to_have_text("1924 · Buster Keaton · 45 min · Film")
    expect(page.locator(".review__intro")).to_have_text(
        "Keaton walks into a film and out of the laws of physics."
    )
    for category in CATEGORIES:
        expect(page.locator(".review__listed").get_by_role("link", name=category)).to_be_visible()
    expect(page.locator(".verdict__label")).to_have_text("Must See")

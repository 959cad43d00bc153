"""The editorial workflow: submit, approve, preview, compare revisions, schedule."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import block_values as shared_blocks
from feedback.factories import CommentFactory
from reviews import block_values as review_blocks
from reviews.factories import (
    CategoryFactory,
    ReviewPageFactory,
    verdict_block,
)
from reviews.models import ReviewPage, VerdictLabel

from .test_roles import add_review_url, review_form


@pytest.fixture
def submitted_review(client, user_in, review_index):
    client.force_login(user_in("Editors"))
    client.post(add_review_url(review_index), review_form(**{"action-submit": "1"}))
    client.logout()
    return ReviewPage.objects.get(slug="sherlock-jr")


def test_editor_submits_and_moderator_approves_and_publishes(client, user_in, submitted_review):
    state = submitted_review.current_workflow_task_state
    assert state.task.name == "Moderators approval"

    client.force_login(user_in("Moderators"))
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    awaiting_me = dashboard.find(id="awaiting-review-heading").find_parent("section")
    assert "Sherlock Jr." in awaiting_me.get_text()
    # Listed once: the panel of reviews awaiting others leaves it out.
    others = dashboard.find(id="reviews_awaiting_moderation-heading").find_parent("section")
    assert "Sherlock Jr." not in others.get_text()
    assert dashboard.get_text().count("Sherlock Jr.") == 1

    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[submitted_review.pk, "approve", state.pk]
    )
    assert client.post(url, {"comment": "Lovely."}).status_code in (200, 302)
    submitted_review.refresh_from_db()
    assert submitted_review.live
    assert client.get(submitted_review.url).status_code == 200


def test_moderator_may_ask_for_changes(client, user_in, submitted_review):
    state = submitted_review.current_workflow_task_state
    client.force_login(user_in("Moderators"))
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[submitted_review.pk, "reject", state.pk]
    )
    client.post(url, {"comment": "Needs a verdict."})
    submitted_review.refresh_from_db()
    assert not submitted_review.live
    assert submitted_review.workflow_states.get().status == "needs_changes"


def test_draft_preview_renders_every_block(admin_client, review_index):
    review = ReviewPageFactory(parent=review_index, live=False)
    review.body = [
        shared_blocks.text_section("<p>Visible text.</p>"),
        review_blocks.spoiler("<p>Secret ending.</p>"),
        review_blocks.cast([("Ben", "Duane Jones", "")]),
        shared_blocks.quote("They're coming to get you.", speaker="Johnny"),
        verdict_block("Must See", "9"),
    ]
    review.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[review.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        soup.select_one("details.spoiler .spoiler__body").get_text(strip=True) == "Secret ending."
    )
    assert soup.select_one(".cast__table tbody th").get_text() == "Ben"
    assert soup.select_one(".quote__speaker").get_text() == "Johnny"
    assert soup.select_one(".verdict__label").get_text() == "Must See"


def test_revisions_are_kept_and_compared(admin_client, review_index):
    review = ReviewPageFactory(parent=review_index, intro="First intro.")
    first = review.save_revision()
    review.intro = "Second intro."
    second = review.save_revision()

    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[review.pk]))
    assert history.status_code == 200
    url = reverse("wagtailadmin_pages:revisions_compare", args=[review.pk, first.pk, second.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    diff = BeautifulSoup(response.content, "html.parser")
    assert diff.select_one(".deletion").get_text() == "First"
    assert diff.select_one(".addition").get_text() == "Second"


def test_scheduled_publishing_and_expiry_run_by_the_command(review_index, monkeypatch):
    start = timezone.now()
    review = ReviewPageFactory(parent=review_index, live=False)
    review.go_live_at = start + datetime.timedelta(days=1)
    review.expire_at = start + datetime.timedelta(days=3)
    review.save_revision().publish()

    def run_scheduler_at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        call_command("publish_scheduled")
        review.refresh_from_db()

    run_scheduler_at(start + datetime.timedelta(hours=1))
    assert not review.live  # scheduled, not yet due
    run_scheduler_at(start + datetime.timedelta(days=2))
    assert review.live
    run_scheduler_at(start + datetime.timedelta(days=4))
    assert not review.live
    assert review.expired


def test_admin_listing_shows_verdict_categories_status_and_comments(admin_client, review_index):
    horror = CategoryFactory(name="Horror")
    review = ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        categories=[horror],
        body=[verdict_block("Must See", "9.5")],
    )
    CommentFactory.create_batch(2, page=review)
    ReviewPageFactory(parent=review_index, title="Draft one", live=False)

    response = admin_client.get(reverse("reviews:index"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headers = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    for column in ("Title", "Status", "Verdict", "Categories", "Comments"):
        assert any(column in header for header in headers), column
    row = next(tr for tr in soup.select("table tbody tr") if "Nosferatu" in tr.get_text())
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert "Must See 9.5/10" in cells
    assert "Horror" in cells
    assert "2" in cells
    assert "Draft one" in soup.get_text()


def test_admin_listing_filters_by_category_and_verdict(admin_client, review_index):
    horror = CategoryFactory(name="Horror")
    ReviewPageFactory(parent=review_index, title="Nosferatu", categories=[horror])
    ReviewPageFactory(parent=review_index, title="Charade", body=[verdict_block("Skip It", "3")])

    def titles(**params):
        soup = BeautifulSoup(
            admin_client.get(reverse("reviews:index"), params).content, "html.parser"
        )
        return [td.a.get_text(strip=True) for td in soup.select("table tbody td.title")]

    assert titles(categories=horror.pk) == ["Nosferatu"]
    assert titles(verdict_label=VerdictLabel.objects.get(name="Skip It").pk) == ["Charade"]


def test_recently_published_panel(admin_client, review_index):
    review = ReviewPageFactory(parent=review_index, title="Metropolis")
    review.save_revision().publish()
    soup = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    panel = soup.find(id="recently_published_reviews-heading").find_parent("section")
    assert "Metropolis" in panel.get_text()

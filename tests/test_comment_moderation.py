"""The "Reader feedback" admin (wagtail-modeladmin): the comment queue and its actions."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from feedback.factories import CommentFactory
from feedback.models import Comment
from reviews.factories import ReviewPageFactory

Status = Comment.Status
QUEUE = "feedback_comment_modeladmin_index"
MODERATE = "feedback_comment_modeladmin_moderate"


@pytest.fixture
def queue(review):
    return {
        "pending": CommentFactory(page=review, status=Status.PENDING, body="Please approve me."),
        "approved": CommentFactory(page=review, status=Status.APPROVED, body="Already fine."),
        "spam": CommentFactory(
            page=review, status=Status.SPAM, body="Buy now", spam_reasons="3 links"
        ),
    }


def rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [row.select("td")[1].get_text(" ", strip=True) for row in soup.select("tbody tr")]


def test_reader_feedback_menu_and_queue(admin_client, queue):
    home = admin_client.get(reverse("wagtailadmin_home"))
    assert "Reader feedback" in home.text
    response = admin_client.get(reverse(QUEUE))
    assert response.status_code == 200
    assert len(rows(response)) == 3
    assert "Held: 3 links" in response.text


def test_filter_by_status_and_review(admin_client, queue, review):
    other = ReviewPageFactory(parent=review.get_parent(), title="Metropolis")
    CommentFactory(page=other, status=Status.PENDING, body="About Metropolis.")

    pending = admin_client.get(reverse(QUEUE), {"status__exact": "pending"})
    assert sorted(rows(pending)) == ["About Metropolis.", "Please approve me."]
    by_review = admin_client.get(reverse(QUEUE), {"page__id__exact": other.pk})
    assert rows(by_review) == ["About Metropolis."]


def test_search_by_text_name_or_email(admin_client, queue):
    CommentFactory(page=queue["pending"].page, name="Knock", email="knock@example.com")
    assert len(rows(admin_client.get(reverse(QUEUE), {"q": "approve"}))) == 1
    assert len(rows(admin_client.get(reverse(QUEUE), {"q": "knock@example"}))) == 1


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", Status.APPROVED), ("reject", Status.REJECTED), ("spam", Status.SPAM)],
)
def test_single_comment_actions(admin_client, queue, action, status):
    comment = queue["pending"]
    response = admin_client.post(
        reverse(MODERATE), {"single": f"{action}:{comment.pk}", "next": "/admin/feedback/comment/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/feedback/comment/"
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_at is not None


def test_bulk_actions(admin_client, queue):
    ids = [queue["pending"].pk, queue["spam"].pk]
    response = admin_client.post(reverse(MODERATE), {"action": "approve", "ids": ids}, follow=True)
    assert "2 comments approved." in response.text
    assert set(Comment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"approved"}


def test_approved_comment_appears_on_the_review(admin_client, client, queue, review):
    assert "Please approve me." not in client.get(review.url).text
    admin_client.post(reverse(MODERATE), {"single": f"approve:{queue['pending'].pk}"})
    assert "Please approve me." in client.get(review.url).text


def test_bad_action_or_foreign_next_url(admin_client, queue):
    assert admin_client.post(reverse(MODERATE), {"action": "delete", "ids": [1]}).status_code == 400
    assert admin_client.post(reverse(MODERATE), {"action": "approve"}).status_code == 400
    response = admin_client.post(
        reverse(MODERATE),
        {"single": f"approve:{queue['pending'].pk}", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse(QUEUE)


def test_inspect_view_shows_the_whole_comment_and_its_actions(admin_client, queue):
    comment = queue["spam"]
    response = admin_client.get(reverse("feedback_comment_modeladmin_inspect", args=[comment.pk]))
    assert response.status_code == 200
    assert comment.email in response.text
    assert "3 links" in response.text
    assert f'value="approve:{comment.pk}"' in response.text
    assert f'value="spam:{comment.pk}"' not in response.text


def test_readers_comments_cannot_be_created_in_the_admin(admin_client):
    response = admin_client.get(reverse("feedback_comment_modeladmin_create"))
    assert response["Location"] == reverse("wagtailadmin_home")


def test_dashboard_counts_waiting_comments(admin_client, queue):
    response = admin_client.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(id="pending_comments-heading").find_parent("section")
    link = panel.find("a")
    assert link.get_text(strip=True) == "1 comment waiting"
    assert link["href"] == reverse(QUEUE) + "?status__exact=pending"


def test_staff_without_moderation_rights_are_refused(client, django_user_model, queue):
    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    # Wagtail's admin answers a refused permission by sending the user back to the dashboard.
    assert client.get(reverse(QUEUE))["Location"] == reverse("wagtailadmin_home")
    response = client.post(reverse(MODERATE), {"single": f"approve:{queue['pending'].pk}"})
    assert response["Location"] == reverse("wagtailadmin_home")
    assert Comment.objects.get(pk=queue["pending"].pk).status == Status.PENDING
    home = client.get(reverse("wagtailadmin_home"))
    assert "pending_comments-heading" not in home.text

"""Readers comment under reviews; nothing is published before a moderator approves it."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from feedback.factories import CommentFactory
from feedback.models import COMMENT_MAX_LENGTH, Comment, CommentSettings
from reviews.factories import ReviewPageFactory

from .conftest import comment_data, form_token

Status = Comment.Status


def page(client, review, **params):
    return BeautifulSoup(client.get(review.url, params).content, "html.parser")


def test_form_marks_required_fields_and_keeps_email_private(client, review):
    form = page(client, review).select_one("form#comment-form")
    labels = {
        label["for"]: label.get_text(" ", strip=True) for label in form.select(".field label")
    }
    assert labels["id_name"] == "Name (required)"
    assert labels["id_email"] == "Email (required)"
    assert labels["id_website"] == "Website (optional)"
    assert labels["id_body"] == "Comment (required)"
    assert "Never shown publicly." in form.select_one("#id_email_helptext").get_text()
    assert form.select_one("#id_email")["aria-describedby"] == "id_email_helptext"
    assert form.select_one("input[name=form_token]")["value"]
    trap = form.select_one(".field--trap")
    assert trap["aria-hidden"] == "true"
    assert trap.input["tabindex"] == "-1"


def test_new_comment_waits_for_moderation(client, review, post_comment):
    response = post_comment(review)

    assert response.status_code == 302
    assert response["Location"] == f"{review.url}?comment=received#comments"
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.page.pk == review.pk
    soup = page(client, review, comment="received")
    assert "awaiting moderation" in soup.select_one(".comments .notice").get_text()
    assert "The shadow on the stairs" not in soup.get_text()


def test_only_approved_comments_are_shown_oldest_first(client, review):
    CommentFactory(page=review, body="First approved.")
    CommentFactory(page=review, body="Second approved.")
    for status in (Status.PENDING, Status.REJECTED, Status.SPAM):
        CommentFactory(page=review, status=status, body=f"Hidden {status}.")

    soup = page(client, review)
    bodies = [c.select_one(".comment__body").get_text(strip=True) for c in soup.select(".comment")]
    assert bodies == ["First approved.", "Second approved."]
    assert soup.select_one("#comments-heading").get_text() == "2 comments"


def test_email_is_never_published(client, review):
    CommentFactory(page=review, email="secret@example.com", website="https://ellen.example/")
    soup = page(client, review)
    assert "secret@example.com" not in soup.decode()
    link = soup.select_one(".comment__author a")
    assert link["href"] == "https://ellen.example/"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]


def test_replies_are_threaded_one_level_deep(client, review, post_comment):
    top = CommentFactory(page=review, name="Thomas")
    reply = CommentFactory(page=review, parent=top, name="Knock")

    post_comment(review, parent=reply.pk, body="Reply to a reply.")
    assert Comment.objects.get(body="Reply to a reply.").parent == top

    soup = page(client, review)
    thread = soup.select_one(".comment-list > li")
    assert thread.select_one(".comment__author").get_text() == "Thomas"
    assert [a.get_text() for a in thread.select(".comment-list--replies .comment__author")] == [
        "Knock"
    ]


def test_reply_link_prefills_the_form(client, review):
    top = CommentFactory(page=review, name="Thomas")
    soup = page(client, review)
    assert soup.select_one(".comment__reply")["href"] == f"?replyto={top.pk}#comment-form"

    form = page(client, review, replyto=top.pk).select_one("#comment-form")
    assert form.h3.get_text() == "Reply to Thomas"
    assert form.select_one("input[name=parent]")["value"] == str(top.pk)


@pytest.mark.parametrize("target", ["pending", "other_review", "missing"])
def test_forged_reply_target_is_refused_and_text_kept(client, review, post_comment, target):
    parent_id = {
        "pending": lambda: CommentFactory(page=review, status=Status.PENDING).pk,
        "other_review": lambda: (
            CommentFactory(page=ReviewPageFactory(parent=review.get_parent())).pk
        ),
        "missing": lambda: 999_999,
    }[target]()
    before = Comment.objects.count()
    response = post_comment(review, parent=parent_id, body="My carefully written reply.")

    assert response.status_code == 400
    assert "The comment you are replying to is not available." in response.text
    assert "My carefully written reply." in response.text
    assert Comment.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"body": ""}, "body", "This field is required."),
        ({"body": "x" * (COMMENT_MAX_LENGTH + 1)}, "body", "at most 5000 characters"),
        ({"name": "n" * 81}, "name", "at most 80 characters"),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL."),
    ],
)
def test_invalid_comment_is_redisplayed_with_errors_and_text(
    review, post_comment, fields, field, message
):
    data = {"body": "Words I do not want to lose.", **fields}
    response = post_comment(review, **data)

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select_one(f"#id_{field}").find_previous("ul", class_="field__errors")
    assert message in errors.get_text()
    assert soup.select_one(f"#id_{field}")["aria-invalid"] == "true"
    if field != "body":
        assert soup.select_one("#id_body").get_text().lstrip("\n") == "Words I do not want to lose."
    assert Comment.objects.count() == 0


def test_bidirectional_controls_are_taken_out_of_what_readers_send(review, post_comment):
    post_comment(
        review,
        name="Ellen\u202egnp.exe",
        website="https://ellen.example/\u2067notes\u2069",
        body="A \u202dfine\u202c film, \u202bindeed\u202a\u2066!\u2068",
    )
    comment = Comment.objects.get()
    assert (comment.name, comment.website, comment.body) == (
        "Ellengnp.exe",
        "https://ellen.example/notes",
        "A fine film, indeed!",
    )
    assert "\u202e" not in comment.body_html


def test_a_name_of_bidirectional_controls_alone_is_no_name(review, post_comment):
    response = post_comment(review, name="\u202e\u2066")
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_unknown_or_unpublished_review_is_404(client, review, post_comment):
    assert post_comment(review.__class__(pk=999_999)).status_code == 404
    review.unpublish()
    assert post_comment(review).status_code == 404


def test_get_is_not_allowed(client, review):
    assert client.get(reverse("feedback:post_comment", args=[review.pk])).status_code == 405


def test_closed_comments_are_refused_and_the_form_is_gone(client, review, post_comment):
    CommentFactory(page=review, body="Said before closing.")
    review.comments_open = False
    review.save()

    response = post_comment(review, body="Too late, but kept.")
    assert response.status_code == 403
    assert "Comments on this review are closed." in response.text
    assert "Too late, but kept." in response.text
    soup = page(client, review)
    assert soup.select_one("#comment-form") is None
    assert "Said before closing." in soup.get_text()
    assert soup.select_one(".comment__reply") is None


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "sent without its security token"),
        ("forged", "security token is not valid"),
        ("expired", "This form has expired"),
        ("other", "belongs to another review"),
    ],
)
def test_missing_or_forged_form_token_is_refused(client, review, token, message):
    value = {
        "": "",
        "forged": "forged",
        "expired": form_token(review, age=3 * 24 * 3600),
        "other": form_token(ReviewPageFactory(parent=review.get_parent())),
    }[token]
    response = client.post(
        reverse("feedback:post_comment", args=[review.pk]),
        comment_data(review, form_token=value, body="Keep me."),
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403
    assert message in response.text
    assert "Keep me." in response.text
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        # The same host over another scheme is another origin (a page on plain HTTP).
        {"HTTP_ORIGIN": "https://testserver"},
        {"HTTP_REFERER": "https://testserver/"},
    ],
)
def test_posts_from_other_sites_are_refused(client, review, headers):
    response = client.post(
        reverse("feedback:post_comment", args=[review.pk]), comment_data(review), **headers
    )
    assert response.status_code == 403
    assert "not sent from this site" in response.text


def test_referer_from_this_site_is_enough_without_origin(client, review):
    response = client.post(
        reverse("feedback:post_comment", args=[review.pk]),
        comment_data(review),
        HTTP_REFERER=f"http://testserver{review.url}",
    )
    assert response.status_code == 302


def test_an_https_page_may_post_behind_a_trusted_tls_proxy(client, review, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # as the production settings then believe the header
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.post(
        reverse("feedback:post_comment", args=[review.pk]),
        comment_data(review),
        HTTP_HOST="testserver",
        HTTP_ORIGIN="https://testserver",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert response.status_code == 302


def test_returning_commenters_are_approved_when_the_owner_allows(client, review, post_comment):
    CommentFactory(page=review, name="Ellen", email="ellen@example.com")
    moderation = CommentSettings.for_site(review.get_site())
    moderation.auto_approve = True
    moderation.save()

    response = post_comment(review, body="Back again.", email="ELLEN@example.com")
    comment = Comment.objects.get(body="Back again.")
    assert comment.status == Status.APPROVED
    assert response["Location"] == f"{review.url}?comment=published#comment-{comment.pk}"
    assert "Back again." in client.get(review.url).text

    post_comment(review, body="A newcomer.", name="Knock", email="knock@example.com")
    assert Comment.objects.get(body="A newcomer.").status == Status.PENDING


def test_returning_commenters_wait_when_auto_approval_is_off(review, post_comment):
    CommentFactory(page=review, name="Ellen", email="ellen@example.com")
    post_comment(review, body="Back again.")
    assert Comment.objects.get(body="Back again.").status == Status.PENDING


def test_counts_on_the_review_and_in_listings(client, review):
    top = CommentFactory(page=review)
    CommentFactory(page=review, parent=top)
    CommentFactory(page=review, status=Status.PENDING)

    assert page(client, review).select_one("#comments-heading").get_text() == "2 comments"
    listing = BeautifulSoup(client.get(review.get_parent().url).content, "html.parser")
    assert listing.select_one(".review-card__comments").get_text() == "2 comments"


def test_comment_times_are_valid_html_datetimes_without_microseconds(client, review):
    CommentFactory(page=review, status="approved")
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    stamp = soup.select_one(".comment > header time")["datetime"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z", stamp), stamp

"""Comment form tokens: the minimum-time rule measures the reader's own time on the form, even
on a page from the cache; a token sends one comment; the same post twice (a double click) is
one comment with the same answer."""

import threading
import time
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from feedback import protection
from feedback.models import Comment, CommentSettings
from reviews.factories import ReviewPageFactory

from .conftest import COMMITTED_DB, comment_data, form_token
from .test_ratings import run_in_threads

Status = Comment.Status


@pytest.fixture
def clock(monkeypatch):
    """Moves the forms' clock on, as if the next post came `seconds` later."""
    offset = 0.0

    def advance(seconds):
        nonlocal offset
        offset += seconds

    monkeypatch.setattr(protection, "time", SimpleNamespace(time=lambda: time.time() + offset))
    return advance


def comment_form(response):
    return BeautifulSoup(response.content, "html.parser").select_one("#comment-form")


def token_in(response):
    return comment_form(response).select_one("[name=form_token]")["value"]


def send(client, page, token, **fields):
    return client.post(
        reverse("feedback:post_comment", args=[page.pk]),
        comment_data(page, form_token=token, **fields),
        HTTP_ORIGIN="http://testserver",
    )


def start(client, page):
    return client.get(reverse("feedback:start_comment", args=[page.pk]))


def test_an_instant_bot_post_from_a_cached_page_is_not_taken_for_a_reader(client, review, clock):
    client.get(review.url)
    cached = client.get(review.url)
    assert cached["X-Page-Cache"] == "hit"
    clock(600)  # the copy in the cache is ten minutes old when a bot reads it and posts
    bot = Client()

    answer = send(bot, review, token_in(cached))
    assert answer.status_code == 200
    assert "Nearly there" in answer.text
    assert Comment.objects.count() == 0

    send(bot, review, token_in(answer))  # straight back with the token it was given
    assert Comment.objects.get().status == Status.SPAM
    assert "s after starting to write" in Comment.objects.get().spam_reasons


def test_time_counts_from_when_the_reader_starts_writing(client, review, clock):
    hasty = start(client, review)
    assert "no-store" in hasty["Cache-Control"]
    assert "X-Page-Cache" not in hasty
    send(Client(), review, hasty.json()["form_token"], name="Hasty")
    assert Comment.objects.get(name="Hasty").status == Status.SPAM

    token = start(client, review).json()["form_token"]
    clock(45)
    send(Client(), review, token, name="Ellen")
    assert Comment.objects.get(name="Ellen").status == Status.PENDING


def test_without_javascript_the_reader_sends_the_comment_once_more(client, review, clock):
    client.get(review.url)
    cached = client.get(review.url)
    clock(120)
    answer = send(client, review, token_in(cached), body="Written without scripts.")
    form = comment_form(answer)
    assert "Nearly there" in form.select_one("[role=alert]").get_text()
    assert form.select_one("#id_body").get_text().strip() == "Written without scripts."
    assert token_in(answer) != token_in(cached)

    clock(5)  # reading it through and pressing the button again
    response = send(client, review, token_in(answer), body="Written without scripts.")
    assert response["Location"] == f"{review.url}?comment=received#comments"
    assert Comment.objects.get().status == Status.PENDING


def test_a_form_with_errors_keeps_the_readers_start_time(client, review, clock):
    token = start(client, review).json()["form_token"]
    clock(30)
    answer = send(client, review, token, email="not-an-email")
    assert answer.status_code == 400
    assert token_in(answer) == token
    send(client, review, token_in(answer))
    assert Comment.objects.get().status == Status.PENDING


def test_the_form_asks_for_a_start_token_with_a_small_script(client, review):
    response = client.get(review.url)
    form = comment_form(response)
    assert form["data-start-url"] == reverse("feedback:start_comment", args=[review.pk])
    script = form.find_next_sibling("script")["src"]
    assert script.endswith("js/comment-form.js")
    assert "focusin" in b"".join(client.get(script).streaming_content).decode()


def test_start_tokens_are_only_for_open_comment_forms(client, review):
    assert start(client, review).status_code == 200
    assert client.post(reverse("feedback:start_comment", args=[review.pk])).status_code == 405
    review.comments_open = False
    review.save()
    assert start(client, review).status_code == 404
    assert start(client, review.__class__(pk=999_999)).status_code == 404


def test_a_token_sends_one_comment(client, review):
    token = form_token(review)
    assert send(client, review, token, body="First thoughts.").status_code == 302

    replay = send(Client(), review, token, body="Something else entirely.")
    assert replay.status_code == 409
    assert "already sent a comment" in replay.text
    assert "Something else entirely." in replay.text  # given back to copy
    assert list(Comment.objects.values_list("body", flat=True)) == ["First thoughts."]


@pytest.mark.parametrize("auto_approve", [False, True])
def test_a_double_click_stores_one_comment_and_answers_the_same(client, review, auto_approve):
    moderation = CommentSettings.for_site(review.get_site())
    moderation.auto_approve = auto_approve
    moderation.save()
    Comment.objects.create(page=review, name="Ellen", email="ellen@example.com", body="Before.")
    Comment.objects.update(status=Status.APPROVED)

    token = form_token(review)
    first = send(client, review, token)
    second = send(client, review, token)
    assert second.status_code == first.status_code == 302
    assert second["Location"] == first["Location"]
    assert Comment.objects.filter(body="The shadow on the stairs still gets me.").count() == 1
    if auto_approve:
        assert "?comment=published#comment-" in first["Location"]


@COMMITTED_DB
def test_a_double_click_sent_at_the_same_moment_stores_one_comment(review_index):
    review = ReviewPageFactory(parent=review_index)
    token = form_token(review)
    clicks = 4
    together = threading.Barrier(clicks)
    answers = []

    def click(n):
        together.wait()
        answers.append(send(Client(), review, token)["Location"])

    assert run_in_threads(clicks, click) == []
    assert Comment.objects.filter(page=review).count() == 1
    assert answers == [f"{review.url}?comment=received#comments"] * clicks


# The rating and comment sections are rendered once and kept; each render gets its own tokens.

SECTIONS = ["feedback/includes/rating.html", "feedback/includes/comments.html"]
FORMS = [".rating-form", "#comment-form"]


def rendered(client, page, query):
    """A render of the page that misses the page cache (a new query string) and its forms."""
    response = client.get(f"{page.url}?{query}")
    assert response["X-Page-Cache"] == "miss"
    soup = BeautifulSoup(response.content, "html.parser")
    tokens = [soup.select_one(f"{form} [name=form_token]")["value"] for form in FORMS]
    return response, soup, tokens


def test_the_forms_are_rendered_once_and_each_render_issues_new_tokens(client, review, clock):
    first, _, issued = rendered(client, review, "first")
    assert set(SECTIONS) <= {template.name for template in first.templates}
    clock(600)
    again, _, tokens = rendered(client, review, "again")
    assert not set(SECTIONS) & {template.name for template in again.templates}
    for token in tokens:
        assert protection.read_token(token, review).age < 5
    assert [protection.read_token(token, review).age > 595 for token in issued] == [True, True]


def test_kept_forms_show_new_votes_and_comments(client, review, rate):
    rendered(client, review, "before")
    rate(review, 4)
    Comment.objects.create(
        page=review, name="Ellen", email="e@example.com", body="Eerie.", status=Status.APPROVED
    )
    _, soup, _ = rendered(client, review, "after")
    assert soup.select_one(".reader-rating__summary").get_text() == (
        "User rating 4.0 / 5 from 1 reader"
    )
    assert soup.select_one("#comments-heading").get_text() == "1 comment"


def test_a_page_answering_a_vote_renders_the_rating_form_for_that_reader(client, review):
    rendered(client, review, "kept")
    response = client.get(f"{review.url}?rated=4")
    assert [name in {t.name for t in response.templates} for name in SECTIONS] == [True, False]
    assert "your rating of 4 is counted" in response.text

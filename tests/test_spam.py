"""Each spam rule sends a comment to the spam queue with its reason; nothing is dropped."""

import httpx
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from feedback import spam
from feedback.formatting import comment_html
from feedback.models import Comment, CommentSettings

from .conftest import comment_data, form_token


def only_comment():
    return Comment.objects.get()


def test_a_clean_comment_is_not_spam(review, post_comment):
    post_comment(review)
    assert only_comment().status == Comment.Status.PENDING
    assert only_comment().spam_reasons == ""


def test_honeypot(review, post_comment):
    post_comment(review, homepage="http://bot.example")
    assert only_comment().status == Comment.Status.SPAM
    assert "hidden field" in only_comment().spam_reasons


def test_posting_faster_than_a_person_can_type(client, review):
    client.post(
        reverse("feedback:post_comment", args=[review.pk]),
        comment_data(review, form_token=form_token(review, age=0.5)),
        HTTP_ORIGIN="http://testserver",
    )
    assert only_comment().status == Comment.Status.SPAM
    assert "s after starting to write" in only_comment().spam_reasons


def test_too_many_links(review, post_comment, settings):
    links = " ".join(f"https://shop{n}.example/" for n in range(settings.COMMENT_MAX_LINKS + 1))
    post_comment(review, body=f"Great film! {links}")
    assert only_comment().status == Comment.Status.SPAM
    assert "3 links" in only_comment().spam_reasons


def test_links_up_to_the_limit_are_fine(review, post_comment):
    post_comment(review, body="See https://archive.org/ and www.example.org for more.")
    assert only_comment().status == Comment.Status.PENDING


def test_blocked_words_from_site_settings(review, post_comment):
    moderation = CommentSettings.for_site(review.get_site())
    moderation.blocked_words = "cheap tickets\n  \nreplica"
    moderation.save()

    post_comment(review, body="Get CHEAP TICKETS now")
    assert only_comment().status == Comment.Status.SPAM
    assert "cheap tickets" in only_comment().spam_reasons


def test_spam_goes_to_the_queue_and_the_reader_sees_the_usual_message(client, review, post_comment):
    response = post_comment(review, homepage="x")
    assert response["Location"].endswith("?comment=received#comments")
    assert only_comment().status == Comment.Status.SPAM


def test_rate_limit_per_address_keeps_the_text(review, post_comment, settings):
    limit, _ = settings.COMMENT_RATE_LIMIT
    for n in range(limit):
        assert post_comment(review, body=f"Comment {n}").status_code == 302

    response = post_comment(review, body="One too many, but worth keeping.")
    assert response.status_code == 429
    assert "several comments in a short time" in response.text
    assert "One too many, but worth keeping." in response.text
    assert Comment.objects.count() == limit
    assert post_comment(review, ip="198.51.100.1", body="Someone else.").status_code == 302


@pytest.fixture
def akismet(settings, monkeypatch):
    """Akismet configured, with only its HTTP transport replaced."""
    settings.AKISMET_API_KEY = "test-key"
    settings.AKISMET_SITE_URL = "http://testserver/"
    calls = []

    def use(handler):
        def transport(request):
            calls.append(request)
            return handler(request)

        client = httpx.Client(transport=httpx.MockTransport(transport))
        monkeypatch.setattr(spam, "akismet_http_client", lambda: client)
        return calls

    return use


def test_akismet_spam_verdict(review, post_comment, akismet):
    calls = akismet(lambda request: httpx.Response(200, text="true"))
    post_comment(review)
    assert only_comment().status == Comment.Status.SPAM
    assert only_comment().spam_reasons == "Akismet"
    sent = dict(httpx.QueryParams(calls[0].content.decode()))
    assert calls[0].url.path == "/1.1/comment-check"
    assert sent["comment_content"] == "The shadow on the stairs still gets me."
    assert sent["comment_author_email"] == "ellen@example.com"


def test_akismet_ham_verdict(review, post_comment, akismet):
    akismet(lambda request: httpx.Response(200, text="false"))
    post_comment(review)
    assert only_comment().status == Comment.Status.PENDING


def test_akismet_down_still_keeps_the_comment(review, post_comment, akismet):
    def fail(request):
        raise httpx.ConnectError("unreachable")

    akismet(fail)
    assert post_comment(review).status_code == 302
    assert only_comment().status == Comment.Status.PENDING


def test_akismet_is_not_asked_without_a_key(review, post_comment, akismet, settings):
    calls = akismet(lambda request: httpx.Response(200, text="true"))
    settings.AKISMET_API_KEY = ""
    post_comment(review)
    assert calls == []
    assert only_comment().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("<b>bold</b> <img src=x onerror=alert(1)>", "<p>&lt;b&gt;bold&lt;/b&gt; &lt;img"),
        ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
        (
            "See https://archive.org/details/nosferatu",
            '<p>See <a href="https://archive.org/details/nosferatu" rel="nofollow ugc noopener">',
        ),
        ("One\n\nTwo\nlines", "<p>One</p>\n\n<p>Two<br>lines</p>"),
    ],
)
def test_comment_text_is_plain_text_with_safe_links(text, expected):
    assert comment_html(text).startswith(expected)


def test_no_reader_markup_reaches_the_page(client, review, post_comment):
    post_comment(review, body='<script>alert("x")</script> <a href="javascript:alert(1)">hi</a>')
    comment = only_comment()
    comment.moderate(Comment.Status.APPROVED)
    body = BeautifulSoup(client.get(review.url).content, "html.parser").select_one(".comment__body")
    assert body.find_all(["script", "a"]) == []
    assert body.get_text(strip=True).startswith('<script>alert("x")</script>')

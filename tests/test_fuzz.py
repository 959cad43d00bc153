"""Random and hostile input at every public form and query parameter: never a 500, and no
reader markup is ever stored or shown."""

import string
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.forms import without_bidi_controls
from feedback.models import COMMENT_MAX_LENGTH, Comment, ReaderRating

from .conftest import form_token

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "\x00",
    "%00",
    '"',
    "' OR 1=1 --",
    "{{ 7|add:7 }}{% debug %}",
    "../../etc/passwd",
    "NEAR(a b) OR NOT *",
    "x" * 6000,
    "\u202e\u200b\ufeff",
    "-1",
    "0",
    "99999999999999999999",
]
hostile = st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE))
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ALLOWED_TAGS = {"p", "br", "a"}


@pytest.fixture
def open_gates(settings):
    settings.COMMENT_RATE_LIMIT = (10_000, 60)


def assert_no_reader_markup():
    for comment in Comment.objects.all():
        tags = {tag.name for tag in BeautifulSoup(comment.body_html, "html.parser").find_all()}
        assert tags <= ALLOWED_TAGS
        for link in BeautifulSoup(comment.body_html, "html.parser").find_all("a"):
            assert link["href"].startswith(("http://", "https://"))
            assert link["rel"] == ["nofollow", "ugc", "noopener"]


def readable(max_length):
    """Text a comment field accepts: hostile or random, but something left after cleaning."""

    def accepted(text):
        cleaned = without_bidi_controls(text).strip()
        return 0 < len(cleaned) <= max_length and "\x00" not in text

    return hostile.filter(accepted)


address_part = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=20)
# What a reader could send: each is stored (as spam too), with hostile text wherever text goes.
valid_submission = st.fixed_dictionaries(
    {
        "name": readable(80),
        "email": st.builds("{}@{}.example".format, address_part, address_part),
        "website": st.sampled_from(["", "https://ellen.example/", "archive.org/details/x"]),
        "body": readable(COMMENT_MAX_LENGTH),
        "parent": st.just(""),
        "homepage": st.sampled_from(["", "http://bot.example/"]),
    }
)
any_submission = st.fixed_dictionaries(
    dict.fromkeys(("name", "email", "website", "body", "parent", "homepage"), hostile)
)
WITH_MARKUP = {
    "name": '"><img src=x onerror=alert(1)>',
    "email": "ellen@example.com",
    "website": "",
    "body": '<script>alert(1)</script> <a href="javascript:alert(1)">x</a> https://archive.org/',
    "parent": "",
    "homepage": "",
}


def test_comment_form(client, review, open_gates):
    sent_valid = []

    @FUZZ
    @example(submission=(True, WITH_MARKUP))
    @given(
        st.one_of(
            valid_submission.map(lambda f: (True, f)), any_submission.map(lambda f: (False, f))
        )
    )
    def post(submission):
        valid, fields = submission
        response = client.post(
            reverse("feedback:post_comment", args=[review.pk]),
            {**fields, "form_token": form_token(review)},
            HTTP_ORIGIN="http://testserver",
        )
        assert response.status_code in (302, 400)
        if valid:
            assert response.status_code == 302, fields
            sent_valid.append(fields)
        assert_no_reader_markup()

    post()
    # The markup rules ran on stored comments, among them comments full of markup.
    assert sent_valid
    assert Comment.objects.count() >= len(sent_valid)
    assert Comment.objects.filter(body__contains="<script>").exists()


@FUZZ
@given(token=hostile, origin=hostile)
def test_forged_tokens_and_origins(client, review, token, origin):
    for url in (
        reverse("feedback:post_comment", args=[review.pk]),
        reverse("feedback:rate_review", args=[review.pk]),
    ):
        response = client.post(url, {"form_token": token, "score": "3"}, HTTP_ORIGIN=origin)
        assert response.status_code == 403


@FUZZ
@given(score=hostile)
def test_rating_form(client, review, score):
    response = client.post(
        reverse("feedback:rate_review", args=[review.pk]),
        {"score": score, "form_token": form_token(review)},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code in (302, 400)
    assert all(1 <= vote.score <= 5 for vote in ReaderRating.objects.all())


@FUZZ
@given(query=hostile, page=hostile)
def test_search_and_listing_parameters(client, review, query, page):
    assert client.get("/search/", {"q": query, "page": page}).status_code in (200, 404)
    index = review.get_parent()
    assert client.get(index.url, {"page": page}).status_code in (200, 404)


@FUZZ
@given(segment=hostile)
def test_listing_and_feed_addresses(client, review, segment):
    slug = quote(segment, safe="")
    index = review.get_parent().url
    for url in (
        f"{index}category/{slug}/",
        f"{index}kind/{slug}/",
        f"{index}year/{slug}/",
        f"/feeds/category/{slug}/rss/",
        f"/{slug}/",
    ):
        assert client.get(url).status_code in (200, 301, 302, 404), url


def test_comments_that_reach_the_page_carry_no_markup(client, review, post_comment):
    for text in HOSTILE:
        post_comment(review, body=text, name=text[:80] or "x", ip=f"198.51.100.{len(text) % 250}")
    for comment in Comment.objects.all():  # as moderators do, one by one or in bulk
        comment.status = Comment.Status.APPROVED
        comment.save()
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    comments = soup.select(".comment")
    assert comments
    for comment in comments:
        names = {tag.name for tag in comment.select(".comment__body *")}
        assert names <= ALLOWED_TAGS
        assert not comment.select("script, img, [onerror]")

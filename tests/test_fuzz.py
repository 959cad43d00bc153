"""Random and hostile input at every public form and query parameter: never a 500, and no
reader markup is ever stored or shown."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback.models import Comment, ReaderRating

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


@FUZZ
@given(name=hostile, email=hostile, website=hostile, body=hostile, parent=hostile, homepage=hostile)
def test_comment_form(client, review, open_gates, name, email, website, body, parent, homepage):
    data = {
        "name": name,
        "email": email,
        "website": website,
        "body": body,
        "parent": parent,
        "homepage": homepage,
        "form_token": form_token(review),
    }
    response = client.post(
        reverse("feedback:post_comment", args=[review.pk]), data, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code in (302, 400)
    assert_no_reader_markup()


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

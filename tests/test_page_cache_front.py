"""Cached pages served in front of Django, as gunicorn calls the site (config.wsgi)."""

import gzip
from unittest import mock
from wsgiref.util import setup_testing_defaults

import brotli
import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse

from pagecache.front import PageCacheFront

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Cache-Control",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture
def site(settings):
    """The site's WSGI application as config.wsgi builds it (its middleware reads settings once,
    so a test changes them in a fixture it asks for first)."""
    return PageCacheFront(WSGIHandler())


def call(application, path, query="", method="GET", **environ):
    """(status, headers, body) as a WSGI server would get them."""
    request = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
        **environ,
    }
    setup_testing_defaults(request)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=headers)

    # As Django's test client does: the test's database connection stays open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(request, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], HttpResponse(headers=started["headers"]).headers, body


def warm(site, url, **environ):
    miss = call(site, url, **environ)
    hit = call(site, url, **environ)
    assert (miss[1]["X-Page-Cache"], hit[1]["X-Page-Cache"]) == ("miss", "hit")
    return miss, hit


def test_a_hit_skips_sessions_authentication_and_the_django_handler(site, review):
    sessions = mock.patch.object(
        SessionMiddleware,
        "process_request",
        autospec=True,
        side_effect=SessionMiddleware.process_request,
    )
    authentication = mock.patch.object(
        AuthenticationMiddleware,
        "process_request",
        autospec=True,
        side_effect=AuthenticationMiddleware.process_request,
    )
    started = mock.Mock()
    request_started.connect(started)
    with sessions as session_step, authentication as authentication_step:
        status, headers, _ = call(site, review.url)
        assert (status, headers["X-Page-Cache"]) == ("200 OK", "miss")
        assert (session_step.call_count, authentication_step.call_count, started.call_count) == (
            1,
            1,
            1,
        )

        status, headers, _ = call(site, review.url)
        assert (status, headers["X-Page-Cache"]) == ("200 OK", "hit")
        assert (session_step.call_count, authentication_step.call_count, started.call_count) == (
            1,
            1,
            1,
        )
    request_started.disconnect(started)


def test_without_the_front_a_hit_still_skips_sessions_and_authentication(client, review):
    client.get(review.url)
    with (
        mock.patch.object(SessionMiddleware, "process_request") as session_step,
        mock.patch.object(AuthenticationMiddleware, "process_request") as authentication_step,
    ):
        assert client.get(review.url)["X-Page-Cache"] == "hit"
    session_step.assert_not_called()
    authentication_step.assert_not_called()


@pytest.mark.parametrize(
    ("accept_encoding", "encoding"),
    [
        (None, None),
        ("identity", None),
        ("gzip", "gzip"),
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("gzip;q=0, *", "br"),
        ("*;q=0", None),
    ],
)
def test_compressed_bodies_go_only_to_readers_that_accept_them(
    site, review, accept_encoding, encoding
):
    plain = call(site, review.url)[2]
    environ = {"HTTP_ACCEPT_ENCODING": accept_encoding} if accept_encoding else {}
    _, headers, body = call(site, review.url, **environ)
    assert headers["X-Page-Cache"] == "hit"
    assert headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in headers["Vary"]
    assert int(headers["Content-Length"]) == len(body)
    decompress = {None: bytes, "gzip": gzip.decompress, "br": brotli.decompress}[encoding]
    assert decompress(body) == plain
    assert b"Nosferatu" in plain


def test_a_compressed_body_is_served_on_the_miss_that_stores_it(site, review):
    _, headers, body = call(site, review.url, HTTP_ACCEPT_ENCODING="gzip")
    assert (headers["X-Page-Cache"], headers["Content-Encoding"]) == ("miss", "gzip")
    plain = call(site, review.url)[2]
    assert b"Nosferatu" in plain and gzip.decompress(body) == plain
    assert len(body) < len(plain) / 2


@pytest.fixture
def hsts(settings):
    settings.SECURE_HSTS_SECONDS = 3600


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_hit_sends_every_header_the_miss_sent(hsts, site, review, scheme):
    (miss_status, miss, _), (hit_status, hit, _) = warm(
        site, review.url, **{"wsgi.url_scheme": scheme}
    )
    assert miss_status == hit_status == "200 OK"
    for name in SECURITY_HEADERS:
        assert miss[name], name
    assert ("Strict-Transport-Security" in hit) == (scheme == "https")
    assert "public" in hit["Cache-Control"]
    assert {**miss, "X-Page-Cache": "hit"} == dict(hit)


def test_the_same_holds_for_the_home_page_and_the_listing(site, review, home_page):
    for url in ("/", review.get_parent().url):
        (_, miss, miss_body), (_, hit, hit_body) = warm(site, url)
        assert {**miss, "X-Page-Cache": "hit"} == dict(hit)
        assert miss_body == hit_body


def test_https_is_still_enforced_for_a_cached_page(https_only, site, review):
    warm(site, review.url, **{"wsgi.url_scheme": "https"})
    status, headers, _ = call(site, review.url, **{"wsgi.url_scheme": "http"})
    assert status.startswith("301")
    assert headers["Location"].startswith("https://")


def test_a_page_is_never_served_for_a_host_the_site_does_not_serve(site, review):
    warm(site, review.url)
    status, headers, _ = call(site, review.url, HTTP_HOST="attacker.example")
    assert status.startswith("400")
    assert "X-Page-Cache" not in headers


def test_tracking_parameters_do_not_make_new_entries(site, review):
    warm(site, review.url)
    for query in ("utm_source=newsletter&utm_medium=email", "fbclid=abc", "gclid=x&utm_id=3"):
        _, headers, body = call(site, review.url, query)
        assert headers["X-Page-Cache"] == "hit", query
    assert b"utm_source" not in body

    warm(site, review.url, query="comment=received")
    _, headers, _ = call(site, review.url, "utm_campaign=spring&comment=received")
    assert headers["X-Page-Cache"] == "hit"
    assert call(site, review.url, "comment=published")[1]["X-Page-Cache"] == "miss"


def test_a_forged_session_cookie_gets_the_cached_page_for_one_query(
    site, review, django_assert_num_queries
):
    warm(site, review.url)
    with django_assert_num_queries(1):  # is it a real session? no
        _, headers, body = call(site, review.url, HTTP_COOKIE="sessionid=forged0123456789abcdef")
    assert headers["X-Page-Cache"] == "hit"
    assert b"wagtail-userbar" not in body


def test_signed_in_readers_get_their_own_private_page(site, review, admin_client):
    warm(site, review.url)
    session = admin_client.cookies["sessionid"].value
    _, headers, body = call(site, review.url, HTTP_COOKIE=f"sessionid={session}")
    assert "X-Page-Cache" not in headers
    assert b"wagtail-userbar" in body
    assert "private" in headers["Cache-Control"]
    assert "public" not in headers["Cache-Control"]
    assert "s-maxage" not in headers["Cache-Control"]
    assert call(site, review.url)[1]["X-Page-Cache"] == "hit"  # nothing of theirs was stored


def test_the_cookie_of_a_session_that_ended_gets_the_cached_page(site, review, admin_client):
    warm(site, review.url)
    session = admin_client.cookies["sessionid"].value
    admin_client.post("/admin/logout/")
    _, headers, _ = call(site, review.url, HTTP_COOKIE=f"sessionid={session}")
    assert headers["X-Page-Cache"] == "hit"


def test_each_host_has_its_own_pages(site, review):
    warm(site, review.url)
    assert call(site, review.url, HTTP_HOST="localhost")[1]["X-Page-Cache"] == "miss"

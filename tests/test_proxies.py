"""Behind reverse proxies: each reader is told apart by the address the trusted proxies saw,
the same way for sign-in throttling, ratings and comments; the scheme too comes only from a
trusted proxy; and proxy headers while no proxy is trusted are reported."""

import logging
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from core.proxies import client_ip
from feedback.models import Comment, ReaderRating

from .conftest import comment_data, form_token
from .test_security import ROOT, production_env

LOAD_BALANCER = "192.0.2.10"  # the address the app servers see every request come from
CDN_EDGE = "192.0.2.99"


def forwarded(*hops):
    """What a request through the proxies carries: X-Forwarded-For and the proxy's address."""
    return {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": ", ".join(hops)}


@pytest.mark.parametrize(
    ("proxies", "hops", "expected"),
    [
        (0, ["198.51.100.1"], LOAD_BALANCER),  # nothing trusted: the header is the reader's word
        (1, ["198.51.100.1"], "198.51.100.1"),
        (1, ["6.6.6.6", "198.51.100.1"], "198.51.100.1"),  # a hop the reader made up
        (2, ["198.51.100.1", CDN_EDGE], "198.51.100.1"),
        (2, ["6.6.6.6", "198.51.100.1", CDN_EDGE], "198.51.100.1"),
        (2, ["198.51.100.1"], "198.51.100.1"),  # reached the load balancer without the CDN
        (1, ["198.51.100.1:51234"], "198.51.100.1"),  # proxies that write the port
        (1, ["[2001:db8::7]:443"], "2001:db8::7"),
        (1, ["2001:db8::7"], "2001:db8::7"),
        (1, ["not-an-address"], LOAD_BALANCER),
        (1, [], LOAD_BALANCER),
    ],
)
def test_client_address(settings, proxies, hops, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", **forwarded(*hops))
    if not hops:
        del request.META["HTTP_X_FORWARDED_FOR"]
    assert client_ip(request) == expected


# Each case: the proxies trusted, and how two readers' requests arrive through them.
BEHIND = {
    "one proxy": (1, lambda reader: forwarded(reader)),
    "two proxies": (2, lambda reader: forwarded(reader, CDN_EDGE)),
}


@pytest.fixture(params=BEHIND, ids=list(BEHIND))
def behind(request, settings):
    proxies, through = BEHIND[request.param]
    settings.TRUSTED_PROXY_COUNT = proxies
    return through


def test_wrong_passwords_lock_out_one_reader_not_everyone(
    client, settings, behind, django_user_model
):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_superuser("chief", "chief@example.com", "right-password")
    login = reverse("wagtailadmin_login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "chief", "password": "wrong"}, **behind("198.51.100.1"))
    attacker = client.post(
        login, {"username": "chief", "password": "right-password"}, **behind("198.51.100.1")
    )
    assert attacker.status_code == 429

    # Making up an earlier hop does not escape the lockout.
    spoofed = Client().post(
        login,
        {"username": "chief", "password": "right-password"},
        **behind("6.6.6.6, 198.51.100.1"),
    )
    assert spoofed.status_code == 429

    owner = Client().post(
        login, {"username": "chief", "password": "right-password"}, **behind("198.51.100.2")
    )
    assert owner.status_code == 302


def test_ratings_tell_readers_behind_the_proxies_apart(review, behind):
    def vote(score, reader):
        return Client().post(
            reverse("feedback:rate_review", args=[review.pk]),
            {"score": score, "form_token": form_token(review)},
            HTTP_ORIGIN="http://testserver",
            **behind(reader),
        )

    vote(5, "198.51.100.1")
    vote(1, "198.51.100.2")
    vote(2, "6.6.6.6, 198.51.100.2")  # the second reader again, without a cookie
    assert sorted(ReaderRating.objects.values_list("score", flat=True)) == [2, 5]


def test_the_comment_rate_limit_is_per_reader_behind_the_proxies(review, settings, behind):
    limit, _ = settings.COMMENT_RATE_LIMIT

    def send(reader, n):
        return Client().post(
            reverse("feedback:post_comment", args=[review.pk]),
            comment_data(review, body=f"Comment {n} from {reader}."),
            HTTP_ORIGIN="http://testserver",
            **behind(reader),
        )

    for n in range(limit):
        assert send("198.51.100.1", n).status_code == 302
    assert send("198.51.100.1", limit).status_code == 429
    assert send("6.6.6.6, 198.51.100.1", limit + 1).status_code == 429
    assert send("198.51.100.2", 0).status_code == 302
    assert Comment.objects.count() == limit + 1
    hashes = set(Comment.objects.values_list("ip_hash", flat=True))
    assert len(hashes) == 2


def untrusted_proxy_warnings():
    out = StringIO()
    call_command("check", stdout=out, stderr=out)
    return out.getvalue()


def test_proxy_headers_with_no_trusted_proxy_are_logged_and_reported(client, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 0
    client.get("/robots.txt", REMOTE_ADDR=LOAD_BALANCER)
    assert "core.W001" not in untrusted_proxy_warnings()

    with caplog.at_level(logging.WARNING, logger="core.proxies"):
        client.get("/robots.txt", **forwarded("198.51.100.1"))
        client.get("/robots.txt", **forwarded("198.51.100.2"))
    logged = [r.getMessage() for r in caplog.records if r.name == "core.proxies"]
    assert len(logged) == 1  # once per process and hour, not once per request
    assert f"from {LOAD_BALANCER} came through a proxy" in logged[0]

    report = untrusted_proxy_warnings()
    assert "core.W001" in report
    assert f"through a proxy at {LOAD_BALANCER}" in report
    assert "TRUSTED_PROXY_COUNT" in report

    settings.TRUSTED_PROXY_COUNT = 1  # the operator fixed it: nothing more to report
    assert "core.W001" not in untrusted_proxy_warnings()


def scheme_seen(trusted_proxies):
    """The Sitemap line of robots.txt, built from the request's scheme like canonical links,
    under the production settings for a request that claims HTTPS in X-Forwarded-Proto."""
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/robots.txt', HTTP_HOST='reviews.example',"
        " HTTP_X_FORWARDED_PROTO='https');"
        "print(r.text.splitlines()[-1])"
    )
    env = production_env(LOCAL_HTTP="true", TRUSTED_PROXY_COUNT=str(trusted_proxies))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_links_follow_x_forwarded_proto_only_from_a_trusted_proxy():
    assert scheme_seen(0) == "Sitemap: http://reviews.example/sitemap.xml"
    assert scheme_seen(1) == "Sitemap: https://reviews.example/sitemap.xml"

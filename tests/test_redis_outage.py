"""Redis down or frozen: readers get pages, feedback is stored, nothing stale comes back.

A real redis-server of the test's own (on a free port) is stopped, frozen with SIGSTOP and brought
back while the site runs against it.
"""

import json
import logging

import pytest

from bench.services import PrivateRedis, wait_for
from feedback.models import Comment, ReaderRating
from pagecache import tags

from .conftest import REDIS_RETRY_SECONDS as RETRY_SECONDS
from .conftest import commands_from_this_thread

pytestmark = pytest.mark.skipif(not PrivateRedis.available(), reason="needs redis-server")


def test_pages_feeds_and_feedback_work_while_redis_is_down(
    client, review, breaker, private_redis, rate, post_comment, caplog
):
    assert client.get(review.url)["X-Page-Cache"] == "miss"
    assert client.get(review.url)["X-Page-Cache"] == "hit"
    trips = breaker.trips

    private_redis.stop()
    with caplog.at_level(logging.WARNING, logger="pagecache.redis"):
        page = client.get(review.url)
        assert page.status_code == 200
        assert "Nosferatu" in page.text
        assert page.get("X-Page-Cache") != "hit"
        for url in ("/", "/robots.txt", "/sitemap.xml", "/feeds/reviews/rss/", "/search/?q=x"):
            assert client.get(url).status_code == 200, url

        assert rate(review, 4).status_code == 302
        assert post_comment(review).status_code == 302
    assert ReaderRating.objects.filter(review=review, score=4).count() == 1
    assert Comment.objects.filter(page=review).count() == 1
    assert "from 1 reader" in client.get(review.url).text

    assert breaker.trips == trips + 1
    port = private_redis.port
    # The client's own error says "refused" or "reset", by when the server went: not ours to fix.
    failures = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert len(failures) == 1
    assert failures[0].startswith(f"Redis at 127.0.0.1:{port} failed (")
    assert failures[0].endswith(
        f"): this process serves uncached pages and retries every {RETRY_SECONDS} s"
    )

    private_redis.start()
    wait_for(lambda: not breaker.is_open, what="the breaker to close")
    assert client.get(review.url)["X-Page-Cache"] == "miss"
    assert client.get(review.url)["X-Page-Cache"] == "hit"


def test_a_frozen_redis_costs_one_timeout_per_process(client, review, breaker, private_redis):
    client.get(review.url)
    trips = breaker.trips
    sent, counting = commands_from_this_thread()

    private_redis.freeze()
    with counting:
        for n in range(10):
            page = client.get(f"{review.url}?n={n}")
            assert page.status_code == 200
            assert "Nosferatu" in page.text
    assert len(sent) == 1  # the one that timed out; after it, Redis is not asked again
    assert breaker.trips == trips + 1

    private_redis.thaw()
    wait_for(lambda: not breaker.is_open, what="the breaker to close")
    assert breaker.trips == trips + 1


@pytest.mark.parametrize("outage", ["frozen", "stopped and restarted"])
def test_pages_that_changed_while_redis_was_away_are_not_served_after(
    client, review, breaker, private_redis, rate, outage
):
    assert "No reader ratings yet" in client.get(review.url).text
    assert client.get(review.url)["X-Page-Cache"] == "hit"

    if outage == "frozen":
        private_redis.freeze()
    else:
        private_redis.stop()
    assert rate(review, 5).status_code == 302  # its invalidation cannot reach Redis
    assert "from 1 reader" in client.get(review.url).text
    if outage == "frozen":
        private_redis.thaw()
    else:
        private_redis.start()
    wait_for(lambda: not breaker.is_open, what="the breaker to close")

    page = client.get(review.url)
    assert page["X-Page-Cache"] == "miss"
    assert "from 1 reader" in page.text
    tags.local_copies.entries.clear()  # as another process, which has no copy, sees it
    assert "from 1 reader" in client.get(review.url).text


def test_the_comment_rate_limit_holds_without_redis(
    client, review, breaker, private_redis, post_comment, settings
):
    settings.COMMENT_RATE_LIMIT = (2, 600)
    private_redis.stop()
    statuses = [post_comment(review, ip="198.51.100.1").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert post_comment(review, ip="198.51.100.2").status_code == 302  # others may still post
    assert Comment.objects.filter(page=review).count() == 3


def test_health_says_which_dependency_is_down(client, breaker, private_redis, db):
    up = client.get("/healthz")
    assert up.status_code == 200
    assert json.loads(up.content)["status"] == "ok"

    private_redis.stop()
    report = client.get("/healthz")
    assert report.status_code == 503
    body = json.loads(report.content)
    assert (body["status"], body["down"]) == ("degraded", ["cache"])
    assert body["dependencies"]["database"]["status"] == "ok"
    assert body["dependencies"]["cache"]["breaker_trips"] >= 1

    ready = client.get("/healthz/ready")
    assert ready.status_code == 200  # pages still render, from the database
    assert json.loads(ready.content)["down"] == ["cache"]
    assert client.get("/healthz/live").status_code == 200

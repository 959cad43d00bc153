"""A page from the cache costs no round trip to Redis; a change anywhere is heard of at once.

Every process keeps the pages it served and the tag generation it last read. Each bump of the
generation is announced on Redis (pagecache.redis.Announcements), so while nothing was announced
the process serves its copy without asking Redis anything. These tests run a Redis of their own
and make changes from another process, as a second app server would.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import cache

from bench.services import PrivateRedis, wait_for
from pagecache import keys, tags
from pagecache import redis as pagecache_redis

from .conftest import REDIS_RETRY_SECONDS, commands_from_this_thread

pytestmark = pytest.mark.skipif(not PrivateRedis.available(), reason="needs redis-server")

OTHER_SERVER = """
import django
from django.test.utils import override_settings
django.setup()
from config.settings.base import cache_settings
from pagecache import keys, tags
with override_settings(CACHES=cache_settings({url!r}, {prefix!r})):
    tags.invalidate({tag!r})
"""


def invalidate_from_another_process(private_redis, tag):
    """Bump a tag in a process of its own, with this test's cache settings."""
    script = OTHER_SERVER.format(
        url=private_redis.url, prefix=settings.CACHES["default"]["KEY_PREFIX"], tag=tag
    )
    subprocess.run(
        [sys.executable, "-c", script],
        # Its database is its own: the test's transaction is not visible to it anyway.
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": "sqlite://:memory:",
        },
        check=True,
        timeout=60,
    )


def invalidate_unannounced(private_redis, tag):
    """What tags.invalidate writes, by a writer that announces nothing."""
    with private_redis.client() as other:
        for key in (tags.GENERATION, f"tag:{tag}", tags.GENERATION):
            other.incr(cache.make_key(key))


def served_from_copy_without_redis(client, url):
    sent, counting = commands_from_this_thread()
    with counting:
        state = client.get(url)["X-Page-Cache"]
    return state == "hit" and sent == []


@pytest.fixture
def warm_review(client, review, breaker):
    assert client.get(review.url)["X-Page-Cache"] == "miss"
    assert client.get(review.url)["X-Page-Cache"] == "hit"
    return review


def test_a_page_from_the_process_copies_asks_redis_nothing(client, warm_review):
    assert served_from_copy_without_redis(client, warm_review.url)
    assert served_from_copy_without_redis(client, warm_review.url)


def test_a_change_made_in_another_process_is_not_served_stale(client, warm_review, private_redis):
    invalidate_from_another_process(private_redis, keys.page(warm_review.pk))

    assert client.get(warm_review.url)["X-Page-Cache"] == "miss"
    assert client.get(warm_review.url)["X-Page-Cache"] == "hit"


def test_changes_announced_for_another_site_on_the_same_redis_cost_nothing(
    client, warm_review, private_redis
):
    with private_redis.client() as other:
        assert other.publish(pagecache_redis.CHANGES_CHANNEL, "another-site:1:tag-generation")

    assert served_from_copy_without_redis(client, warm_review.url)


def test_a_change_in_this_process_is_not_served_stale(client, warm_review):
    tags.invalidate(keys.page(warm_review.pk))

    assert client.get(warm_review.url)["X-Page-Cache"] == "miss"


@pytest.fixture
def short_watch(monkeypatch):
    monkeypatch.setattr(pagecache_redis, "WATCH_SECONDS", 0.5)


def test_a_generation_bumped_unannounced_is_read_again_within_the_watch_period(
    short_watch, client, warm_review, private_redis
):
    invalidate_unannounced(private_redis, keys.page(warm_review.pk))
    assert client.get(warm_review.url)["X-Page-Cache"] == "hit"  # trusted for now

    started = time.monotonic()
    wait_for(
        lambda: client.get(warm_review.url)["X-Page-Cache"] == "miss",
        what="the unannounced change to be seen",
    )
    assert time.monotonic() - started < 0.5 + 0.5


def test_a_lost_subscription_means_asking_redis_until_subscribed_again(
    client, warm_review, private_redis
):
    with private_redis.client() as other:
        assert other.client_kill_filter(_type="pubsub") >= 1
    # Changed while this process hears nothing: the copy must not be trusted.
    invalidate_unannounced(private_redis, keys.page(warm_review.pk))

    sent, counting = commands_from_this_thread()
    with counting:
        assert client.get(warm_review.url)["X-Page-Cache"] == "miss"
    assert "GET" in sent

    time.sleep(REDIS_RETRY_SECONDS)  # then it subscribes again, and trusts what it reads
    client.get(warm_review.url)
    wait_for(
        lambda: served_from_copy_without_redis(client, warm_review.url),
        what="hits without round trips again",
    )


@pytest.fixture
def long_watch(monkeypatch):
    monkeypatch.setattr(pagecache_redis, "WATCH_SECONDS", 60)


def test_a_redis_that_stops_is_noticed_as_its_connections_close(
    long_watch, client, warm_review, private_redis
):
    private_redis.stop()

    started = time.monotonic()
    wait_for(
        lambda: client.get(warm_review.url).get("X-Page-Cache") != "hit",
        what="the stopped Redis to be noticed",
    )
    assert time.monotonic() - started < 2  # not the 60 s of the watch period

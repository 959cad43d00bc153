"""The Redis cache backend: one client per server and process, shared by every cache on it."""

import os

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.base import CacheKeyWarning

from config.settings.base import cache_settings

REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_caches(settings):
    try:
        with redis.Redis.from_url(REDIS, socket_connect_timeout=2) as client:
            client.ping()
    except redis.ConnectionError as exc:
        pytest.skip(f"Redis is needed for the Redis cache tests: {exc}")

    def configure(prefix):
        settings.CACHES = cache_settings(REDIS, prefix)
        return caches["default"], caches["renditions"]

    return configure


def test_page_and_renditions_caches_share_one_client(redis_caches):
    pages, renditions = redis_caches("tests-shared-client")

    assert pages._cache.get_client() is renditions._cache.get_client()
    assert pages._cache.get_client(write=True) is pages._cache.get_client()


def test_caches_made_again_reuse_the_client_and_keep_their_prefixes(redis_caches):
    first, _ = redis_caches("tests-prefix-a")
    first.set("greeting", "hello", 30)
    client = first._cache.get_client()

    again, _ = redis_caches("tests-prefix-a")
    other, _ = redis_caches("tests-prefix-b")

    assert again is not first
    assert again._cache.get_client() is client
    assert other._cache.get_client() is client
    assert again.get("greeting") == "hello"
    assert other.get("greeting") is None
    first.delete("greeting")


def test_keys_are_not_checked_against_memcached_limits(redis_caches, recwarn):
    pages, _ = redis_caches("tests-long-keys")
    key = "a key memcached would refuse " + "x" * 250

    pages.set(key, "kept", 30)

    assert pages.get(key) == "kept"
    assert not [w for w in recwarn if issubclass(w.category, CacheKeyWarning)]
    pages.delete(key)

"""A cache whose entries depend on named tags, so a change refreshes exactly what shows it.

Each tag has a version number in the cache. An entry stores the versions of its tags at the
time it was made; it is a hit only while all of them are unchanged. Invalidating a tag bumps
its version, which retires every entry that depends on it, on every app server sharing the
cache. A tag whose version was evicted gets a new, time-based one, so an old entry can never
match it again.
"""

import contextlib
import time

from django.core.cache import cache
from django.db import transaction

from . import frontend


def version_keys(tags):
    return {f"tag:{tag}": tag for tag in tags}


def current_versions(tags):
    """{tag: version} for every tag, or None when the cache would not keep a version."""
    keys = version_keys(tags)
    found = cache.get_many(keys)
    if len(found) < len(keys):
        for key in keys.keys() - found.keys():
            cache.add(key, time.time_ns(), timeout=None)
        found = cache.get_many(keys)
        if len(found) < len(keys):
            return None
    return {keys[key]: version for key, version in found.items()}


def fetch(key):
    """The value stored under key, or None if absent or any of its tags changed since."""
    entry = cache.get(key)
    if entry is None:
        return None
    tags = entry["versions"]
    stored = cache.get_many(version_keys(tags))
    if any(stored.get(f"tag:{tag}") != version for tag, version in tags.items()):
        return None
    return entry["value"]


def store(key, value, tags, timeout):
    versions = current_versions(sorted(tags))
    if versions is not None:
        cache.set(key, {"versions": versions, "value": value}, timeout)


def depends_on(request, *tags):
    """Record that the response to this request shows what these tags name."""
    request.__dict__.setdefault("cache_tags", set()).update(tags)


def invalidate(*tags):
    """Retire every entry that depends on any of these tags.

    Done at once, and again when the transaction commits: a page rendered in between, from
    data not yet committed, must not outlive the change.
    """
    bump(tags)
    transaction.on_commit(lambda: after_commit(tags))


def after_commit(tags):
    bump(tags)
    if frontend.enabled():
        frontend.purge(tags)


def bump(tags):
    for key in version_keys(tags):
        # A missing version was never used or was evicted: nothing depends on it any more.
        with contextlib.suppress(ValueError):
            cache.incr(key)

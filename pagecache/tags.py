"""A cache whose entries depend on named tags, so a change refreshes exactly what shows it.

Each tag has a version number in the cache. An entry stores the versions of its tags at the
time it was made; it is a hit only while all of them are unchanged. Invalidating a tag bumps
its version, which retires every entry that depends on it, on every app server sharing the
cache. A tag whose version was evicted gets a new, time-based one, so an old entry can never
match it again.

Each process also keeps its own copies of the entries it fetched, stamped with the shared
generation: a counter that every invalidation bumps. While the generation is unchanged no tag
anywhere has changed, so a copy is served after one small read instead of two larger ones. On
Redis not even that: every bump is announced to every process (pagecache.redis.Announcements),
so a process knows the generation it last read is current without asking, and a page in its
copies costs no round trip at all.
Within `one_generation()` (a reader's request) the generation is read once, so the page and
every part of it are checked against the same moment and a part found in the process's copies
costs no round trip at all.

An entry is stored only if the generation read before it was built is still current: a page
rendered from data read just before a change committed must not be stored as current (the
versions read after the change would vouch for it). While changes arrive faster than a render
takes, what renders is served but not stored.

When the shared cache cannot be reached (pagecache.redis), nothing is served from it or from
the local copies, which cannot be checked; invalidations made meanwhile are lost, so once it
answers again every entry made before is retired (the EVERYTHING tag, which every entry shows).
"""

import contextlib
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.dispatch import receiver

from . import frontend, redis

GENERATION = "tag-generation"
EVERYTHING = "*"


class LocalCopies:
    """The most recently used entries of this process, each with the generation it was valid in."""

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] != generation:
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, key, generation, value):
        with self.lock:
            self.entries[key] = (generation, value)
            self.entries.move_to_end(key)
            while len(self.entries) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                self.entries.popitem(last=False)


local_copies = LocalCopies()


class GenerationRead:
    value = None


_generation_read = ContextVar("generation_read", default=None)


@contextlib.contextmanager
def one_generation():
    """Read the generation once for everything fetched within this block."""
    token = _generation_read.set(GenerationRead())
    try:
        yield
    finally:
        _generation_read.reset(token)


def current_generation():
    """The shared generation; None only if the cache would not keep one."""
    read = _generation_read.get()
    if read is not None and read.value is not None:
        return read.value
    announcements = redis.announcements(caches["default"])
    if announcements is None:
        generation = read_generation()
    else:
        key = cache.make_key(GENERATION)
        generation = announcements.remembered(key)
        if generation is None:
            generation = announcements.read(key, read_generation)
    if read is not None:
        read.value = generation
    return generation


def read_generation():
    generation = cache.get(GENERATION)
    if generation is None:  # never set, or evicted: start from a value no copy can carry
        cache.add(GENERATION, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION)
    return generation


def version_keys(tags):
    return {f"tag:{tag}": tag for tag in tags}


def versions_since(tags, generation):
    """{tag: version} for every tag, or None if any tag changed since `generation` was read, or
    the cache would not keep a version."""
    if generation is None:
        return None
    keys = version_keys(tags)
    found = cache.get_many([*keys, GENERATION])
    if len(found) <= len(keys):
        for key in keys.keys() - found.keys():
            cache.add(key, time.time_ns(), timeout=None)
        found = cache.get_many([*keys, GENERATION])
        if len(found) <= len(keys):
            return None
    if found.pop(GENERATION) != generation:
        return None
    return {keys[key]: version for key, version in found.items()}


def fetch(key, generation):
    """The value stored under key, or None if absent or any of its tags changed since.

    `generation` is current_generation(), read first: a change made meanwhile bumps it, so a
    local copy is checked again (and whatever is built after a miss is stored against it).
    """
    local_key = cache.make_key(key)  # includes the cache's prefix
    if generation is not None and (value := local_copies.get(local_key, generation)) is not None:
        return value
    value = fetch_shared(key)
    if generation is not None and value is not None:
        local_copies.put(local_key, generation, value)
    return value


def fetch_shared(key):
    entry = cache.get(key)
    if entry is None:
        return None
    tags = entry["versions"]
    stored = cache.get_many(version_keys(tags))
    if any(stored.get(f"tag:{tag}") != version for tag, version in tags.items()):
        return None
    return entry["value"]


def store(key, value, tags, timeout, built_in):
    """Keep value under key until any of its tags changes, unless one changed since the
    generation `built_in` was read, before the value was built from the data it shows."""
    versions = versions_since(sorted({*tags, EVERYTHING}), built_in)
    if versions is not None:
        cache.set(key, {"versions": versions, "value": value}, timeout)


def fetch_or_build(key, build, timeout):
    """The value under key; if absent or out of date, `build()` makes it and it is stored.

    `build` returns (value, tags it shows). A value that names no tag is returned but not
    kept: nothing would ever retire it.
    """
    generation = current_generation()
    value = fetch(key, generation)
    if value is None:
        value, shown = build()
        if value is not None and shown:
            store(key, value, shown, timeout, built_in=generation)
    return value


def depends_on(request, *tags):
    """Record that the response to this request shows what these tags name.

    Only responses whose view said what they show are stored by the page cache.
    """
    request.__dict__.setdefault("cache_tags", set()).update(tags)


def also_depends_on(request, *tags):
    """Record tags of a part every page shows (the chrome) without making the response
    storable: that is for its view to decide, with `depends_on`."""
    request.__dict__.setdefault("shared_part_tags", set()).update(tags)


def shown_by(request):
    """Every tag the response to this request depends on."""
    return getattr(request, "cache_tags", set()) | getattr(request, "shared_part_tags", set())


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
    if (read := _generation_read.get()) is not None:
        read.value = None  # what this block changed, it reads again
    announcements = redis.announcements(caches["default"])
    # The generation before the tags, so a value built meanwhile is not stored with their new
    # versions; and after them, so a copy validated in between is stamped with an old one.
    for key in [GENERATION, *version_keys(tags), GENERATION]:
        # A missing version was never used or was evicted: nothing depends on it any more.
        with contextlib.suppress(ValueError):
            cache.incr(key)
        if key == GENERATION and announcements is not None:
            announcements.announce(cache.make_key(GENERATION))


@receiver(redis.recovered)
def retire_everything(sender, **kwargs):
    """Redis answers again: what changed while it was away was never invalidated."""
    bump([EVERYTHING])

"""Counters over a time window (rate limits), shared by every app server through the cache.

While the shared cache cannot be reached, each process counts on its own: a limit then holds
per process instead of across servers, which neither refuses everyone nor lets everyone through.
"""

import threading
import time

from django.core.cache import cache, caches

from . import redis

MOST_LOCAL_COUNTERS = 10_000


class LocalCounters:
    def __init__(self):
        self.windows = {}  # key: (window ends at, count)
        self.lock = threading.Lock()

    def count(self, key, window):
        now = time.monotonic()
        with self.lock:
            if len(self.windows) >= MOST_LOCAL_COUNTERS:
                self.windows = {k: v for k, v in self.windows.items() if v[0] > now}
            ends, count = self.windows.get(key, (0, 0))
            if ends <= now:
                ends, count = now + window, 0
            self.windows[key] = (ends, count + 1)
            return count + 1


local_counters = LocalCounters()


def count(key, window):
    """Add one to the counter under key, which starts again after `window` seconds; its value."""
    cache.add(key, 0, timeout=window)
    try:
        shared = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        shared = 1
    if redis.reachable(caches["default"]):
        return shared
    return local_counters.count(key, window)

"""Measured inside one process: what each page costs when the page cache misses.

- `measure`: the page cache missed, everything else warm, as on a running site.
- `measure_cold`: every shared cache empty, as after a Redis restart: each render gets caches
  of a key prefix of its own (the process's own lookups, such as content types, stay warm).
"""

import statistics
import time
import uuid

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402


def measure(pages, repeats):
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, path in pages.items():
        joiner = "&" if "?" in path else "?"
        client.get(path)  # fragments and renditions warm, as on a running site
        times, queries = [], 0
        for n in range(repeats):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(f"{path}{joiner}miss={n}-{time.time_ns()}")
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            queries = len(captured)
        results[name] = (queries, statistics.median(times) if times else 0)
    return {"pages": results, "static": static("css/site.css")}


def measure_cold(pages, repeats):
    """Median render time and queries of each page with every shared cache empty."""
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, path in pages.items():
        client.get(path)  # renditions and embeds exist by then: the first render ever made them
        times, queries = [], 0
        for _ in range(repeats):
            with (
                override_settings(CACHES=emptied(settings.CACHES)),
                CaptureQueriesContext(connection) as captured,
            ):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            queries = len(captured)
        results[name] = (queries, statistics.median(times) if times else 0)
    return {"pages": results}


def emptied(caches):
    """The same caches under key prefixes of their own: empty, and nothing else is flushed."""
    fresh = uuid.uuid4().hex
    return {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}-cold-{fresh}"}
        for alias, config in caches.items()
    }

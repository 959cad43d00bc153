"""Measured inside one process: what each page costs when the page cache misses."""

import statistics
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


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

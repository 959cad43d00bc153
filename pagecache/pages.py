"""Whole pages in the cache: who may get one, under which key, and the stored response itself.

The WSGI front (pagecache.front) and the page cache middleware share these, working on the WSGI
environ (a Django request's META is that environ), so both find the same page for a request.

A stored page is a response ready to send: its status line and, for each body (plain, gzip and,
when smaller, brotli), the complete header list, built once when the page is stored from what
every middleware added on the way out. Serving one is choosing a body by Accept-Encoding.
"""

import functools
import gzip
import hashlib
import re
from dataclasses import dataclass
from importlib import import_module

import brotli
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponse
from django.http.cookie import parse_cookie

from . import tags

# Part of every key: a new layout of stored pages never reads one stored by an older release.
FORMAT = 2
LOOKUP = "pagecache.lookup"  # what the front found, for the middleware (environ key)
COMPRESSIBLE = re.compile(r"^text/|xml|json|javascript")
# Every page is compressed on the miss that stores it, while a reader waits. Measured on the
# 49 KB heavy review (docs/performance.md): brotli 4 makes 6.6 KB in 0.30 ms (5: 6.2 KB in
# 0.41 ms); gzip 3, the slowest of zlib's fast levels, 7.9 KB in 0.19 ms (6: 7.2 KB in
# 0.39 ms; 4 and up search harder and cost a third more at once). Either size still fits in
# the first flight of a new connection (about 14 KB), so the bigger levels gained readers nothing.
BROTLI_QUALITY = 4  # what browsers get: smaller than gzip's best
GZIP_LEVEL = 3  # for the few readers without brotli


@dataclass
class Lookup:
    key: str
    generation: object  # the tag generation read before the page was looked up (tags.fetch)
    page: dict | None  # the stored page, or None on a miss


def look_up(environ):
    """The stored page for this request, a miss to be filled, or None: not for the cache.

    Tracking parameters are taken out of the query first, so the page renders and is stored
    as the address without them.
    """
    path = environ.get("PATH_INFO", "")
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or path.startswith(
        settings.PAGE_CACHE_SKIP_PREFIXES
    ):
        return None
    query = environ.get("QUERY_STRING", "")
    if query:
        environ["QUERY_STRING"] = without_tracking(query, settings.PAGE_CACHE_IGNORED_PARAMETERS)
    key = page_key(environ)
    generation = tags.current_generation()
    return Lookup(key, generation, tags.fetch(key, generation))


def scheme(environ):
    """As Django's request.scheme works it out."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def raw_host(environ):
    """As Django's request._get_raw_host() works it out (get_host() returns it once allowed)."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in environ:
        return environ["HTTP_HOST"]
    host, port = environ["SERVER_NAME"], str(environ["SERVER_PORT"])
    return host if port == ("443" if scheme(environ) == "https" else "80") else f"{host}:{port}"


def address_parts(environ):
    return scheme(environ), raw_host(environ)


def page_key(environ):
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    address = "{}://{}{}{}{}".format(*address_parts(environ), path, "?" if query else "", query)
    return f"page:{FORMAT}:{hashlib.sha256(address.encode()).hexdigest()}"


@functools.cache
def tracking_pattern(names):
    """A name ending in * is a prefix: utm_* is utm_source, utm_medium…"""
    alternatives = (
        re.escape(name[:-1]) + "[^=]*" if name.endswith("*") else re.escape(name) for name in names
    )
    return re.compile(f"^(?:{'|'.join(alternatives)})(?:=|$)")


def without_tracking(query, names):
    pattern = tracking_pattern(names)
    kept = [part for part in query.split("&") if not pattern.match(part)]
    return "&".join(kept)


def carries_session(environ):
    """Whether the request has a session cookie: only Django can tell if it is real."""
    header = environ.get("HTTP_COOKIE", "")
    name = settings.SESSION_COOKIE_NAME
    return name in header and bool(parse_cookie(header).get(name))


def signed_in(request):
    """Whether the session cookie names a real session of a signed-in user (one query)."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    return bool(key) and SESSION_KEY in import_module(settings.SESSION_ENGINE).SessionStore(key)


# The stored page.


def snapshot(response):
    """The response as it leaves the outermost middleware, ready to send again."""
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in ("content-length", "x-page-cache")
    ]
    body = response.content
    bodies = {"identity": body}
    content_type = response.get("Content-Type", "")
    if COMPRESSIBLE.search(content_type) and not response.has_header("Content-Encoding"):
        for encoding, compressed in (
            ("gzip", gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)),
            ("br", brotli.compress(body, quality=BROTLI_QUALITY)),
        ):
            if len(compressed) < len(body):
                bodies[encoding] = compressed
    variants = {}
    for encoding, content in bodies.items():
        encoded = [] if encoding == "identity" else [("Content-Encoding", encoding)]
        variants[encoding] = (
            [*headers, *encoded, ("Content-Length", str(len(content))), ("X-Page-Cache", "hit")],
            content,
        )
    return {"status": f"{response.status_code} {response.reason_phrase}", "variants": variants}


@functools.lru_cache(maxsize=256)
def accepted_encodings(accept_encoding):
    """The compressed bodies this Accept-Encoding header accepts, best first."""
    weights = {}
    for item in accept_encoding.lower().split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding] = weight
    anything = weights.get("*", 0.0)
    accepted = [coding for coding in ("br", "gzip") if weights.get(coding, anything) > 0]
    # sorted() keeps brotli first when both weigh the same: it is the smaller body.
    return tuple(sorted(accepted, key=lambda coding: -weights.get(coding, anything)))


def variant(page, accept_encoding):
    """(headers, body) for a reader sending this Accept-Encoding header."""
    variants = page["variants"]
    for encoding in accepted_encodings(accept_encoding):
        if encoding in variants:
            return variants[encoding]
    return variants["identity"]


def as_response(page, accept_encoding, state):
    """The stored page as a Django response; state is "hit" or "miss" (X-Page-Cache)."""
    headers, body = variant(page, accept_encoding)
    status = int(page["status"].split(" ", 1)[0])
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = state
    return response

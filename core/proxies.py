"""Which address a request comes from, behind the reverse proxies the settings trust.

TRUSTED_PROXY_COUNT proxies (a load balancer; a CDN and a load balancer) stand in front of the
app servers, each appending the address it was reached from to X-Forwarded-For. The reader's
address is the one the outermost of them wrote: anything further left was sent by the reader
and proves nothing. Everything that tells readers apart asks `client_ip`: django-axes (its
AXES_CLIENT_IP_CALLABLE), ratings, comments and their rate limit.

A proxy the settings do not know about makes every reader seem to come from the proxy, so one
reader's rate limit or sign-in lockout hits all of them. `ProxyHeaderWatchMiddleware` notices
proxy headers on requests while no proxy is trusted: it logs a warning at once and leaves a
note in the cache that the `core.W001` system check reports (on `migrate`, `check`, start-up).
"""

import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.checks import Warning
from django.utils import timezone

logger = logging.getLogger(__name__)

PROXY_HEADERS = ("X-Forwarded-For", "X-Forwarded-Proto")
UNTRUSTED_PROXY_NOTE = "core:untrusted-proxy-seen"
NOTE_SECONDS = 7 * 24 * 60 * 60  # how long the check keeps reporting what it was told
NOTE_INTERVAL = 60 * 60  # a process repeats its log line and note at most this often


def address(text):
    """The IP address in a forwarded hop (which some proxies write with a port), or None."""
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 203.0.113.7:443
        text = text.partition(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request):
    """The reader's address: the hop the outermost trusted proxy wrote, else the connection's.

    With fewer hops than trusted proxies the request skipped the outer ones (it reached the
    load balancer without the CDN), and the leftmost hop is the one a trusted proxy wrote.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("X-Forwarded-For", "") if proxies else ""
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    if hops:
        found = address(hops[-min(proxies, len(hops))])
        if found:
            return found
    return request.META.get("REMOTE_ADDR", "")


class ProxyHeaderWatchMiddleware:
    """Notices requests that came through a proxy while the settings trust none."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.noted_at = None  # monotonic time of this process's last note

    def __call__(self, request):
        if not settings.TRUSTED_PROXY_COUNT and any(h in request.headers for h in PROXY_HEADERS):
            self.note(request)
        return self.get_response(request)

    def note(self, request):
        now = time.monotonic()
        if self.noted_at is not None and now - self.noted_at < NOTE_INTERVAL:
            return
        self.noted_at = now
        proxy = request.META.get("REMOTE_ADDR", "")
        logger.warning(
            "A request from %s came through a proxy (it has X-Forwarded-* headers) but "
            "TRUSTED_PROXY_COUNT is 0: every reader behind it looks like one. See docs/deploy.md.",
            proxy,
        )
        cache.set(UNTRUSTED_PROXY_NOTE, {"at": timezone.now(), "proxy": proxy}, NOTE_SECONDS)


def untrusted_proxy_check(app_configs, **kwargs):
    """core.W001: proxy headers were seen (by any server sharing the cache) with none trusted."""
    if settings.TRUSTED_PROXY_COUNT:
        return []
    seen = cache.get(UNTRUSTED_PROXY_NOTE)
    if seen is None:
        return []
    return [
        Warning(
            f"Requests came through a proxy at {seen['proxy']} (last noted "
            f"{seen['at']:%Y-%m-%d %H:%M} UTC), but TRUSTED_PROXY_COUNT is 0.",
            hint=(
                "Every reader behind that proxy looks like one: one reader's sign-in lockout, "
                "rate limit or vote applies to all of them. Set TRUSTED_PROXY_COUNT to the "
                "number of proxies in front of the app (docs/deploy.md)."
            ),
            id="core.W001",
        )
    ]

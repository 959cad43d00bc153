"""Purging a CDN or caching proxy through Wagtail's frontend cache, when one is configured.

The page cache remembers which addresses it stored under each tag, so invalidating a tag can
purge exactly those addresses from the CDN too. The list is kept in the shared cache and
updated without a lock: a rare lost update leaves one address until its s-maxage runs out.
"""

from django.conf import settings
from django.core.cache import cache
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def address_key(tag):
    return f"addresses:{tag}"


def remember(address, tags):
    for tag in tags:
        key = address_key(tag)
        addresses = cache.get(key) or set()
        if address not in addresses:
            cache.set(key, addresses | {address}, timeout=None)


def purge(tags):
    found = cache.get_many([address_key(tag) for tag in tags])
    addresses = sorted(set().union(*found.values()))
    if addresses:
        purge_urls_from_cache(addresses)
        cache.delete_many(list(found))

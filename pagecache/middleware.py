"""Whole pages from the cache for anonymous readers.

Only responses whose views said what they show (`tags.depends_on`) are stored, so anything
else is never cached by accident. Anyone with a session (editors, moderators) and every
non-GET request go straight through.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import frontend, keys, tags

# Every page depends on its Site record (host, name); what else it shows, its view has said.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "Vary", "Cache-Control")


def page_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_use_cache(request):
            return self.get_response(request)
        key = page_key(request)
        cached = tags.fetch(key)
        if cached is not None:
            return self.rebuild(cached)
        response = self.get_response(request)
        if self.may_store(request, response):
            shown = tags.shown_by(request) | {keys.SITE}
            self.mark_shared(response)
            tags.store(key, self.snapshot(response), shown, self.timeout)
            if frontend.enabled():
                frontend.remember(request.build_absolute_uri(), shown)
            response["X-Page-Cache"] = "miss"
        return response

    @property
    def timeout(self):
        return settings.PAGE_CACHE_SECONDS

    @staticmethod
    def may_use_cache(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
        )

    @staticmethod
    def may_store(request, response):
        return (
            response.status_code == 200
            and getattr(request, "cache_tags", None)
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and not getattr(request, "is_preview", False)
        )

    @staticmethod
    def snapshot(response):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return {"status": response.status_code, "headers": headers, "content": response.content}

    def rebuild(self, cached):
        response = HttpResponse(cached["content"], status=cached["status"])
        for name, value in cached["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    def mark_shared(self, response):
        # Browsers check back every time; a CDN may keep the page until it is purged.
        patch_cache_control(response, public=True, max_age=0, s_maxage=self.timeout)

"""Whole pages from the cache for anonymous readers; private pages for signed-in ones.

The outermost middleware, so a page is stored with every header the others add (security
headers, the Content-Security-Policy, X-Frame-Options, Cache-Control) and sent again with
exactly those. Under WSGI, pagecache.front serves the stored pages before Django runs; this
serves them too where there is no front (the test client, ASGI), and stores them.

Only responses whose views said what they show (`tags.depends_on`) are stored, so anything
else is never cached by accident. Signed-in readers bypass the cache and their pages are sent
private. A session cookie alone does not bypass it, as anyone can send one: the session must be
a real one of a signed-in user (one query, far less than rendering the page).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import frontend, keys, pages, tags


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if pages.LOOKUP in request.META:  # the WSGI front looked already
            lookup = request.META[pages.LOOKUP]
        else:
            lookup = pages.look_up(request.META)
        if lookup is not None and pages.signed_in(request):
            lookup = None
        accept_encoding = request.headers.get("Accept-Encoding", "")
        if lookup is not None and lookup.page is not None:
            return pages.as_response(lookup.page, accept_encoding, "hit")

        response = self.get_response(request)
        if self.keep_private(request, response) or lookup is None:
            return response
        if not self.may_store(request, response, lookup):
            return response
        # Every page depends on its Site record (host, name); the rest, its view has said.
        shown = tags.shown_by(request) | {keys.SITE}
        self.mark_shared(response)
        patch_vary_headers(response, ["Accept-Encoding"])
        page = pages.snapshot(response)
        tags.store(lookup.key, page, shown, self.timeout, built_in=lookup.generation)
        if frontend.enabled():
            frontend.remember(request.build_absolute_uri(), shown)
        return pages.as_response(page, accept_encoding, "miss")

    @property
    def timeout(self):
        return settings.PAGE_CACHE_SECONDS

    @staticmethod
    def keep_private(request, response):
        """Mark a signed-in reader's response private; True if the reader is signed in."""
        user = getattr(request, "user", None)  # absent if a middleware answered before auth
        if user is None or not user.is_authenticated:
            return False
        patch_cache_control(response, private=True)
        return True

    @staticmethod
    def may_store(request, response, lookup):
        return (
            request.method == "GET"
            and response.status_code == 200
            and getattr(request, "cache_tags", None)
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and not getattr(request, "is_preview", False)
            # Stored under the address it was looked up by only if Django saw the same one.
            and lookup.key == pages.page_key(request.META)
            and (request.scheme, request.get_host()) == pages.address_parts(request.META)
        )

    def mark_shared(self, response):
        # Browsers check back every time; a CDN may keep the page until it is purged.
        patch_cache_control(response, public=True, max_age=0, s_maxage=self.timeout)

"""The site-wide parts pages share: each loaded once per site and kept in the cache.

Each app contributes its parts (the menu and site settings, the review index and categories …)
with `register()` from its `AppConfig.ready()`. A part is loaded when a page first reads it and
then costs a cache lookup instead of a query (within a reader's request, a lookup in the
process's own copies: pagecache.tags.one_generation). A response depends on the tags of the
parts it actually uses, so a change to one part refreshes only the pages that show it; a
response is still stored by the page cache only if its view says what else it shows.
"""

import contextlib
from dataclasses import dataclass

from wagtail.models import Site

from pagecache import tags

CHROME_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Part:
    load: object  # site -> value
    shown: frozenset  # the cache tags whose change makes the value out of date


_parts = {}


def register(name, load, *shown):
    """Add `load(site)` to the chrome as `chrome.<name>`, refreshed when one of `shown` changes."""
    _parts[name] = Part(load, frozenset(shown))


class SiteChrome:
    """One request's view of the site's parts: reading a part loads it (from the cache) and
    records what it shows."""

    def __init__(self, request, site):
        self._request, self._site = request, site
        self._values = {}
        self._recorders = []

    def __getattr__(self, name):
        if name not in _parts:
            raise AttributeError(name)
        part = _parts[name]
        if name not in self._values:
            self._values[name] = cached_part(self._site, name, part)
        tags.also_depends_on(self._request, *part.shown)
        for recorder in self._recorders:
            recorder.update(part.shown)
        return self._values[name]

    @contextlib.contextmanager
    def tags_read(self):
        """The tags of every part read within this block (as `{% chromefragment %}` keeps)."""
        read = set()
        self._recorders.append(read)
        try:
            yield read
        finally:
            self._recorders.remove(read)


def cached_part(site, name, part):
    def build():
        return {"value": part.load(site)}, part.shown  # kept even when the value is None

    key = f"site-chrome:{site.pk if site else 0}:{name}"
    return tags.fetch_or_build(key, build, CHROME_SECONDS)["value"]


def chrome_for(request):
    """The chrome of the site this request is for."""
    if not hasattr(request, "site_chrome"):
        request.site_chrome = SiteChrome(request, Site.find_for_request(request))
    return request.site_chrome

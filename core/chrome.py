"""The site-wide parts pages share: loaded once per site and kept in the cache.

Each app contributes its parts (the menu and site settings, the review index and categories …)
with `register()` from its `AppConfig.ready()`. Together they cost one cache lookup a request
instead of a query each. A response depends on the tags of the parts it actually uses, so a
change to one part refreshes only the pages that show it; a response is still stored by the page
cache only if its view says what else it shows.
"""

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
    """One request's view of the loaded parts: reading a part records what it shows."""

    def __init__(self, request, values):
        self._request, self._values = request, values

    def __getattr__(self, name):
        if name not in _parts or name not in self._values:
            raise AttributeError(name)
        tags.also_depends_on(self._request, *_parts[name].shown)
        return self._values[name]


def chrome_for(request):
    """The chrome of the site this request is for (one cache lookup per request at most)."""
    if not hasattr(request, "site_chrome"):
        site = Site.find_for_request(request)
        shown = set().union(*(part.shown for part in _parts.values()))

        def build():
            return {name: part.load(site) for name, part in _parts.items()}, shown

        values = tags.fetch_or_build(f"site-chrome:{site.pk if site else 0}", build, CHROME_SECONDS)
        request.site_chrome = SiteChrome(request, values)
    return request.site_chrome

"""The site and the top of the page tree, from the cache instead of five queries a request.

Wagtail looks up the site, loads its home page as a plain and then as a specific page, and does
the same for the home page's child before it reaches the page asked for; building a page's
address looks every site up again. These change rarely, and every change to them already
retires a tag: a site saved or deleted (the site tag), a top-level page published, unpublished,
moved or deleted (the menu and the page's own tag).

Wagtail's page view gets the site this way, and so does any view that calls `use_site()`:
`Site.find_for_request()` and page addresses then cost no query, and the top-level pages come
with the site, for menus (`top_level_pages`). The home page and the top-level pages are kept
with their page fields only (title, address, whether live): that is all routing and menus read,
and it comes in one query whatever their types. A page that serves itself is loaded whole, and
kept in the cache in turn (`whole`).
"""

import pickle

from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SiteRootPath,
)

from . import keys, tags

ROUTING_SECONDS = 24 * 60 * 60
MOST_TOP_LEVEL_PAGES = 100  # past this, routing asks the database as usual


def cached_copy(key, load):
    """A fresh copy of what `load()` returns, from the cache while none of its tags changed.

    `load` returns (object, tags) or (None, None). Each caller gets its own copy, unpickled
    from the cache: serving a page may set attributes on the objects it is given.
    """

    def pickled():
        found, shown = load()
        return (pickle.dumps(found, pickle.HIGHEST_PROTOCOL) if found else None), shown

    stored = tags.fetch_or_build(key, pickled, ROUTING_SECONDS)
    return pickle.loads(stored) if stored else None


def use_site(request):
    """The request's site from the cache, for `Site.find_for_request()` too."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = find_site(request)
    return request._wagtail_site


def find_site(request):
    """The request's site, with its home page and top-level pages, and every site's address."""
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    found = cached_copy(f"site-routing:{hostname}:{port}", lambda: load_site(hostname, port))
    if found is None:
        return None
    site, request._wagtail_cached_site_root_paths = found
    return site


def load_site(hostname, port):
    """(site, root paths of every site) and their tags: all sites come in one query."""
    sites = list(Site.objects.select_related("root_page", "root_page__locale"))
    site = site_for_host(sites, hostname, port)
    if site is None:
        return None, None
    root_paths = site_root_paths(sites)
    home = site.root_page.specific_deferred
    shown = {keys.SITE, keys.MENU, keys.page(home.pk)}
    children = list(home.get_children().specific(defer=True)[: MOST_TOP_LEVEL_PAGES + 1])
    home.routing_children = None  # too many to keep: routing asks the database
    if len(children) <= MOST_TOP_LEVEL_PAGES:
        home.routing_children = {child.slug: child for child in children}
        shown.update(keys.page(child.pk) for child in children)
    site.root_page = home
    return (site, root_paths), shown


def site_for_host(sites, hostname, port):
    """The site Wagtail serves for this host name and port (`get_site_for_hostname`)."""

    def match(site):
        if site.hostname == hostname:
            if str(site.port) == port:
                return MATCH_HOSTNAME_PORT
            return MATCH_HOSTNAME_DEFAULT if site.is_default_site else MATCH_HOSTNAME
        return MATCH_DEFAULT

    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=match
    )
    if len(candidates) == 1 or (
        candidates and match(candidates[0]) in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT)
    ):
        return candidates[0]
    if candidates and match(candidates[0]) == MATCH_DEFAULT:
        # A single site with the host name wins over the default; more than one, the default.
        return candidates[len(candidates) == 2]
    return None


def site_root_paths(sites):
    """`Site.get_site_root_paths()`, from sites loaded with their root pages and locales."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return Site.get_site_root_paths()  # each root page's translations are sites' roots too
    # Wagtail's order: longest root path first, then the default site, then by host name.
    ordered = sorted(sites, key=lambda site: (not site.is_default_site, site.hostname))
    ordered.sort(key=lambda site: site.root_page.url_path, reverse=True)
    return [
        SiteRootPath(
            site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code
        )
        for site in ordered
    ]


def top_level_pages(site):
    """The pages just below the site's home page, in tree order, of their specific types.

    From the routing cache (with their page fields only) when the site came from it, else
    from the database.
    """
    if site is None:
        return []
    cached = getattr(site.root_page, "routing_children", None)
    if cached is not None:
        return list(cached.values())
    return list(site.root_page.get_children().specific(defer=True))


def route_from_cache(home, request, path_components):
    """Page.route for a home page that came with the cached site (see `find_site`)."""
    if not path_components or home.routing_children is None:
        return whole(home).route(request, path_components)
    try:
        child = home.routing_children[path_components[0]]
    except KeyError as exc:
        raise Http404 from exc
    child._cached_parent_obj = home
    found = child.route(request, path_components[1:])
    if found.page is child:  # it serves itself, not a page below it
        child = whole(child)
        child._cached_parent_obj = home
        found = child.route(request, path_components[1:])
    return found


def whole(page):
    """A page of the routing cache with all its fields, from the cache while it is unchanged."""

    def load():
        found = type(page).objects.filter(pk=page.pk).first()
        return found, {keys.page(page.pk)}

    return cached_copy(f"routing-page:{page.pk}", load) or page


class CachedRoutingMiddleware:
    """Give Wagtail's page view the site, its home page and top-level pages from the cache.

    A reader's page is rendered from parts checked against one reading of the tag generation
    (`tags.one_generation`): a dozen parts cost one round trip to the shared cache, not twelve.
    """

    def __init__(self, get_response):
        from wagtail import views  # loads models, so not while home.models imports this

        self.get_response = get_response
        self.page_view = views.serve

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with tags.one_generation():
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.page_view:
            use_site(request)

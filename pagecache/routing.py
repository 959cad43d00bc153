"""The site and the top of the page tree, from the cache instead of five queries a request.

Wagtail looks up the site, loads its home page as a plain and then as a specific page, and does
the same for the home page's child before it reaches the page asked for. These change rarely,
and every change to them already retires a tag: a site saved or deleted (the site tag), a
top-level page published, unpublished, moved or deleted (the menu and the page's own tag).
"""

import pickle

from django.http import Http404
from wagtail.models import Site

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


def find_site(request):
    return cached_copy(
        f"routing:{request._get_raw_host()}:{request.get_port()}", lambda: load_site(request)
    )


def load_site(request):
    site = Site._find_for_request(request)
    if site is None:
        return None, None
    home = site.root_page.specific
    shown = {keys.SITE, keys.MENU, keys.page(home.pk)}
    children = list(home.get_children().specific()[: MOST_TOP_LEVEL_PAGES + 1])
    if len(children) <= MOST_TOP_LEVEL_PAGES:
        home.routing_children = {child.slug: child for child in children}
        shown.update(keys.page(child.pk) for child in children)
    site.root_page = home
    return site, shown


def route_to_child(parent, request, path_components):
    """Page.route for a page whose children came with the cached site."""
    try:
        child = parent.routing_children[path_components[0]]
    except KeyError as exc:
        raise Http404 from exc
    child._cached_parent_obj = parent
    return child.route(request, path_components[1:])


class CachedRoutingMiddleware:
    """Give Wagtail's page view the site, its home page and top-level pages from the cache."""

    def __init__(self, get_response):
        from wagtail import views  # loads models, so not while home.models imports this

        self.get_response = get_response
        self.page_view = views.serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.page_view:
            request._wagtail_site = find_site(request)

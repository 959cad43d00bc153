"""Who may see which part of the site, from the cache instead of two queries a page.

Before serving a page Wagtail looks up the restrictions of the page and its ancestors (two
queries), and `PageQuerySet.public()` loads every restriction to leave private sections out of
a listing (one query each time). A site has few restrictions and they change rarely, so all of
them are kept as one cache entry. A change to a restriction retires the site tag, and with it
every page: pages, listings and search results may all show less or more than before.

Page types opt in with `RestrictionsFromCache`, their querysets with `PublicFromCacheQuerySet`.
"""

from django.db.models import Q, prefetch_related_objects
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from . import keys, tags

RESTRICTIONS_SECONDS = 24 * 60 * 60


def all_restrictions():
    """Every page view restriction, with its page and (for group restrictions) its groups."""

    def build():
        found = list(PageViewRestriction.objects.select_related("page"))
        by_group = [r for r in found if r.restriction_type == PageViewRestriction.GROUPS]
        prefetch_related_objects(by_group, "groups")
        # A restricted page that moves takes its restriction along: its tag retires the list.
        return found, {keys.SITE, *(keys.page(restriction.page_id) for restriction in found)}

    return tags.fetch_or_build("view-restrictions", build, RESTRICTIONS_SECONDS)


def known_queryset(model, objects):
    """A queryset of these objects that iterates without a query, as Django's prefetching
    makes them; ordering or filtering it further asks the database as usual."""
    queryset = model.objects.filter(pk__in=[obj.pk for obj in objects])
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    return queryset


class RestrictionsFromCache:
    """A page type whose serving checks view restrictions against the cached list."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            # An alias has its source page's restrictions: Wagtail's own lookup finds them.
            # (The pages under an alias are aliases too.)
            return super().get_view_restrictions()
        applying = [r for r in all_restrictions() if self.path.startswith(r.page.path)]
        return known_queryset(PageViewRestriction, applying)


class PublicFromCacheQuerySet(PageQuerySet):
    """`public()` and `private()` without loading the restrictions each time."""

    def private_q(self):
        q = Q()
        for restriction in all_restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        # Match no page when no section is private.
        return q if q else Q(pk__in=[])

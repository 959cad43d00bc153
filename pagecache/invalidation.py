"""What Wagtail's own changes retire: pages, the top of the page tree, sites, view
restrictions and images.

A page type can name more tags that its publication, unpublication or move retires (a review's
listings, say) with a `get_changed_cache_tags()` method, as Wagtail's frontend cache asks pages
for `get_cached_paths()`. Everything else each app connects in its own `cache.py`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import keys, tags

MENU_DEPTH = 3  # the root is 1, a site's home page 2, the pages in its menu 3


def changed_by(page):
    """The tags a change to this page retires."""
    changed = {keys.page(page.pk)}
    if page.depth <= MENU_DEPTH:
        changed.add(keys.MENU)
    specific = page.specific
    if hasattr(specific, "get_changed_cache_tags"):
        changed |= set(specific.get_changed_cache_tags())
    return changed


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    tags.invalidate(*changed_by(instance))


@receiver(post_save)
def top_level_page_created(sender, instance, created, **kwargs):
    """A page added near the top changes the menu and routing, even before it is published."""
    if created and isinstance(instance, Page) and (instance.depth or 0) <= MENU_DEPTH:
        tags.invalidate(keys.MENU)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    moved = [instance, *instance.get_descendants()]
    changed = {tag for page in moved for tag in changed_by(page)}
    if min(parent_page_before.depth, parent_page_after.depth) < MENU_DEPTH:
        changed.add(keys.MENU)
    tags.invalidate(*changed)


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    tags.invalidate(keys.page(instance.pk), *([keys.MENU] if instance.depth <= MENU_DEPTH else []))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, instance, **kwargs):
    tags.invalidate(keys.SITE, keys.MENU)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def view_restriction_changed(sender, **kwargs):
    """Who may see a section changed: its pages, and every listing or search showing them."""
    tags.invalidate(keys.SITE)


def image_changed(sender, instance, **kwargs):
    tags.invalidate(keys.image(instance.pk))


post_save.connect(image_changed, sender=get_image_model(), dispatch_uid="pagecache-image-saved")
post_delete.connect(image_changed, sender=get_image_model(), dispatch_uid="pagecache-image-gone")

"""What the site's own settings show on every page, and what a change to them retires.

- site-settings   the tagline, social links and privacy page's link in the header, the footer
                  and under the reader forms
"""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from pagecache import tags

from .models import SiteSettings

SITE_SETTINGS = "site-settings"


@receiver(post_save, sender="home.SiteSettings")
def site_settings_changed(sender, instance, **kwargs):
    tags.invalidate(SITE_SETTINGS)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(pre_delete)
def privacy_page_changed(sender, instance, **kwargs):
    """The privacy page (or a page above it) published with a new title or address,
    unpublished, moved or deleted: its link in the settings is out of date, wherever in the
    tree it is (the menu's tag covers only the top level)."""
    if not isinstance(instance, Page):
        return
    if SiteSettings.objects.filter(privacy_page__path__startswith=instance.path).exists():
        tags.invalidate(SITE_SETTINGS)

"""What the site's own settings show on every page, and what a change to them retires.

- site-settings   the tagline and social links in the header and footer
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from pagecache import tags

SITE_SETTINGS = "site-settings"


@receiver(post_save, sender="home.SiteSettings")
def site_settings_changed(sender, instance, **kwargs):
    tags.invalidate(SITE_SETTINGS)

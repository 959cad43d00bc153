"""The parts of the site chrome that come from the home app: settings and the menu."""

from core import chrome
from pagecache import keys

from . import cache
from .models import SiteSettings


def site_settings(site):
    return SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)


def menu(site):
    return list(site.root_page.get_children().live().in_menu()) if site else []


chrome.register("settings", site_settings, cache.SITE_SETTINGS)
chrome.register("menu", menu, keys.MENU)

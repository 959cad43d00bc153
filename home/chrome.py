"""The parts of the site chrome that come from the home app: settings and the menu."""

from core import chrome
from pagecache import keys
from pagecache.routing import top_level_pages

from . import cache
from .models import SiteSettings


def site_settings(site):
    return SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)


def menu(site):
    return [page for page in top_level_pages(site) if page.live and page.show_in_menus]


def privacy_page(site):
    """The privacy notice's address and title, if the site owners chose a page."""
    settings = SiteSettings.objects.filter(site=site).select_related("privacy_page").first()
    page = settings and settings.privacy_page
    if page is None or not page.live:
        return None
    return {"url": page.get_url(), "title": page.title}


chrome.register("settings", site_settings, cache.SITE_SETTINGS)
chrome.register("menu", menu, keys.MENU)
chrome.register("privacy_page", privacy_page, cache.SITE_SETTINGS, keys.MENU)

"""The parts of the site chrome that come from the home app: settings and the menu."""

from core import chrome
from pagecache import keys
from pagecache.routing import top_level_pages

from . import cache
from .models import SiteSettings


def site_settings(site):
    """The site's settings, with the privacy notice's address and title (`privacy_notice`) if
    the site owners chose a live page: both in one query, as both show on every review."""
    settings = SiteSettings.objects.filter(site=site).select_related("privacy_page").first()
    settings = settings or SiteSettings(site=site)
    page = settings.privacy_page
    live = page is not None and page.live
    settings.privacy_notice = {"url": page.get_url(), "title": page.title} if live else None
    return settings


def menu(site):
    return [page for page in top_level_pages(site) if page.live and page.show_in_menus]


# The privacy page's address and title change with the menu's pages (a move, a new title).
chrome.register("settings", site_settings, cache.SITE_SETTINGS, keys.MENU)
chrome.register("menu", menu, keys.MENU)

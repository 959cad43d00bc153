"""The parts of the site chrome that come from reviews: the index, categories and settings."""

from core import chrome
from pagecache import keys

from . import cache
from .models import Category, ReviewIndexPage, ReviewSettings


def review_index(site):
    return ReviewIndexPage.objects.live().in_site(site).first() if site else None


def categories(site):
    return list(Category.objects.all())


def review_settings(site):
    found = ReviewSettings.objects.select_related("default_disclosure").filter(site=site).first()
    return found or ReviewSettings(site=site)


chrome.register("review_index", review_index, keys.MENU)
chrome.register("categories", categories, cache.CATEGORY_LIST)
chrome.register("review_settings", review_settings, cache.REVIEW_SETTINGS)

"""The parts of the site chrome that come from reviews: the index, categories and settings."""

from core import chrome
from pagecache import keys
from pagecache.routing import top_level_pages

from . import cache
from .models import Category, ReviewIndexPage, ReviewSettings


def review_index(site):
    # A review index sits just below the home page (its parent_page_types).
    found = (page for page in top_level_pages(site) if isinstance(page, ReviewIndexPage))
    return next((page for page in found if page.live), None)


def categories(site):
    return list(Category.objects.all())


def review_settings(site):
    found = (
        ReviewSettings.objects.select_related("default_disclosure__guidelines_page")
        .filter(site=site)
        .first()
    )
    return found or ReviewSettings(site=site)


chrome.register("review_index", review_index, keys.MENU)
chrome.register("categories", categories, cache.CATEGORY_LIST)
chrome.register("review_settings", review_settings, cache.REVIEW_SETTINGS)

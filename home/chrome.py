"""What every page of a site shows around its content, loaded once and kept in the cache.

The settings, the menu, the review index and the category list cost four queries on every
page; here they cost one cache lookup, and the page cache's tags refresh them when they change.
"""

from dataclasses import dataclass

from wagtail.models import Site

from pagecache import keys, tags
from reviews.models import Category, ReviewIndexPage

from .models import SiteSettings

CHROME_SECONDS = 24 * 60 * 60


@dataclass
class SiteChrome:
    settings: SiteSettings
    menu: list
    review_index: ReviewIndexPage | None
    categories: list


def build(site):
    settings = SiteSettings.objects.select_related("default_disclosure").filter(site=site).first()
    return SiteChrome(
        settings=settings or SiteSettings(site=site),
        menu=list(site.root_page.get_children().live().in_menu()),
        review_index=ReviewIndexPage.objects.live().in_site(site).first(),
        categories=list(Category.objects.all()),
    )


def chrome_for(request):
    """The chrome of the site this request is for (one cache lookup per request at most)."""
    if not hasattr(request, "site_chrome"):
        site = Site.find_for_request(request)
        key = f"site-chrome:{site.pk}"
        shown = {keys.SITE_SETTINGS, keys.MENU, keys.CATEGORY_LIST}
        request.site_chrome = tags.fetch_or_build(key, lambda: (build(site), shown), CHROME_SECONDS)
    return request.site_chrome

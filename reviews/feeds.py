"""RSS 2.0 and Atom feeds of reviews, for the whole site and for each category.

Entries carry the intro and the verdict, which are written to be spoiler-free; never the body.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from core.links import absolute_url
from pagecache.tags import depends_on

from . import cache
from .models import Category, ReviewPage

FEED_LENGTH = 20


@dataclass
class FeedSource:
    """Everything one request's feed depends on (feed views are shared between threads)."""

    request: object
    site: Site
    category: Category | None = None

    @property
    def scope(self):
        return f"{self.category.name} reviews" if self.category else "reviews"


class ReviewsFeed(Feed):
    def get_object(self, request, slug=None):
        category = get_object_or_404(Category, slug=slug) if slug else None
        return FeedSource(request, Site.find_for_request(request), category)

    def title(self, source):
        return f"{source.site.site_name}: {source.scope}"

    def link(self, source):
        return "/"

    def description(self, source):
        if source.category and source.category.description:
            return source.category.description
        return f"The latest {source.scope} from {source.site.site_name}."

    def items(self, source):
        reviews = (
            ReviewPage.objects.for_listing().in_site(source.site).prefetch_related("categories")
        )
        shows = cache.ALL_REVIEWS
        if source.category:
            reviews = reviews.filter(categories=source.category)
            shows = cache.listed_in_category(source.category.pk)
        reviews = list(reviews[:FEED_LENGTH])
        depends_on(source.request, shows, *(tag for r in reviews for tag in cache.shown_by_card(r)))
        for review in reviews:
            review.feed_link = absolute_url(review, source.request)
            review.feed_author = review.author.name if review.author else source.site.site_name
        return reviews

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.feed_link

    def item_description(self, item):
        if item.verdict_label:
            return f"{item.intro}\n\nVerdict: {item.verdict_label.name}. {item.verdict_summary}"
        return item.intro

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date_published, datetime.time(12), datetime.UTC)

    def item_updateddate(self, item):
        # Atom requires <updated> on every entry; imported or test pages may lack a publish time.
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.feed_author

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class ReviewsAtomFeed(ReviewsFeed):
    feed_type = Atom1Feed
    subtitle = ReviewsFeed.description

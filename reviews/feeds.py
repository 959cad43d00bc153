"""RSS 2.0 and Atom feeds of reviews, for the whole site and for each category.

Entries carry the intro and the verdict, which are written to be spoiler-free; never the body.
An entry whose review has affiliate offers carries the review's disclosure too.
"""

import datetime
import html
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, Stylesheet
from django.utils.html import strip_tags
from django.utils.xmlutils import SimplerXMLGenerator
from wagtail.models import Site

from core.chrome import chrome_for
from core.links import absolute_url
from pagecache.tags import depends_on

from . import cache
from .models import Category, ReviewPage

FEED_LENGTH = 20


# Browsers show a feed sent as application/rss+xml or application/atom+xml as raw text, but lay
# out one sent as XML with its stylesheet; feed readers read either.
BROWSER_READABLE_XML = "application/xml; charset=utf-8"


class StyledRssFeed(Rss201rev2Feed):
    content_type = BROWSER_READABLE_XML


class StyledAtom1Feed(Atom1Feed):
    """An Atom feed with its stylesheets, as Django writes them into RSS feeds only."""

    content_type = BROWSER_READABLE_XML

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


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
    feed_type = StyledRssFeed

    def get_object(self, request, slug=None):
        category = get_object_or_404(Category, slug=slug) if slug else None
        return FeedSource(request, Site.find_for_request(request), category)

    def title(self, source):
        return f"{source.site.site_name}: {source.scope}"

    def stylesheets(self, source):
        """Lays the feed out as a page when a reader opens it in a browser."""
        return [Stylesheet(static("css/feed.css"), mimetype="text/css")]

    def link(self, source):
        return "/"

    def description(self, source):
        if source.category and source.category.description:
            return source.category.description
        return f"The latest {source.scope} from {source.site.site_name}."

    def items(self, source):
        reviews = (
            ReviewPage.objects.for_listing()
            .in_site(source.site)
            .with_affiliate_offers()
            .select_related("disclosure")
            .prefetch_related("categories")
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
            review.feed_disclosure = self.disclosure(source, review)
        return reviews

    def disclosure(self, source, review):
        """The review's disclosure as plain text, if it has affiliate offers; else ""."""
        if not review.has_affiliate_offer:
            return ""
        disclosure = review.get_disclosure(
            lambda: chrome_for(source.request).review_settings.default_disclosure, True
        )
        if disclosure.pk:
            depends_on(source.request, cache.disclosure(disclosure.pk))
        text = strip_tags(disclosure.text.replace("</p>", "</p>\n"))
        return " ".join(html.unescape(text).split())

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.feed_link

    def item_description(self, item):
        parts = [item.intro]
        if item.verdict_label:
            parts.append(f"Verdict: {item.verdict_label.name}. {item.verdict_summary}")
        if item.feed_disclosure:
            parts.append(item.feed_disclosure)
        return "\n\n".join(parts)

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
    feed_type = StyledAtom1Feed
    subtitle = ReviewsFeed.description

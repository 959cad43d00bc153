"""The home page, plain editorial pages and the settings site owners tune."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import StandardBodyBlock
from core.forms import EditorialPageForm
from core.prefetch import load_renditions_together
from pagecache import keys
from pagecache.restrictions import RestrictionsFromCache
from pagecache.routing import route_from_cache
from pagecache.tags import depends_on
from reviews import cache as review_cache
from reviews.models import ReviewPage

from .blocks import SocialLinkBlock

LATEST_REVIEWS_ON_HOME = 6


class HomePage(RestrictionsFromCache, Page):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A few words under the site name on the home page.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_reviews",
            label="Featured review",
            max_num=4,
            help_text="Up to four reviews shown first; the latest reviews follow automatically.",
        ),
    ]

    base_form_class = EditorialPageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["reviews.ReviewIndexPage", "home.StandardPage"]

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        # pagecache.routing loads the home and top-level pages with the site.
        if hasattr(self, "routing_children"):
            return route_from_cache(self, request, path_components)
        return super().route(request, path_components)

    def featured(self):
        return (
            ReviewPage.objects.for_listing()
            .filter(home_features__home_page=self)
            .order_by("home_features__sort_order")
        )

    def latest(self, exclude=()):
        reviews = ReviewPage.objects.for_listing().descendant_of(self)
        return reviews.exclude(pk__in=[review.pk for review in exclude])[:LATEST_REVIEWS_ON_HOME]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = list(self.featured())
        latest = list(self.latest(exclude=featured))
        context["featured_reviews"] = featured
        context["latest_reviews"] = latest
        load_renditions_together(review.poster for review in featured + latest)
        depends_on(
            request,
            keys.page(self.pk),
            review_cache.ALL_REVIEWS,
            review_cache.CATEGORY_LIST,
            *(tag for review in featured + latest for tag in review_cache.shown_by_card(review)),
        )
        return context


class HomePageFeaturedReview(Orderable):
    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_reviews")
    review = models.ForeignKey(
        ReviewPage,
        on_delete=models.CASCADE,
        related_name="home_features",
        help_text="A published review; drafts are left out until they go live.",
    )

    panels = [FieldPanel("review")]


class StandardPage(RestrictionsFromCache, Page):
    """Editorial guidelines, About and other pages of plain editorial text."""

    intro = models.TextField(blank=True, max_length=300, help_text="Shown under the title.")
    body = StreamField(
        StandardBodyBlock(), blank=True, help_text="The page text, built from blocks."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    base_form_class = EditorialPageForm
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    def get_context(self, request, *args, **kwargs):
        depends_on(request, keys.page(self.pk))
        return super().get_context(request, *args, **kwargs)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    tagline = models.CharField(
        max_length=120,
        blank=True,
        help_text="Shown under the site name in the header and in the footer.",
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        help_text="Profiles of the publication elsewhere, in the order to list them.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="How the site handles readers' data: linked under the comment and rating "
        "forms and in the footer.",
    )

    panels = [FieldPanel("tagline"), FieldPanel("social_links"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = "site settings"

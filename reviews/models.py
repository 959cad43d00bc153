"""Reviews, the index that lists them, and the snippets site owners manage around them."""

import datetime
import hashlib
import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail.snippets.widgets import AdminSnippetChooser

from core.chrome import chrome_for
from core.forms import EditorialPageForm
from core.prefetch import ImagesShown, load_renditions_together
from core.slugs import free_slug, slug_for
from feedback.cache import comments, ratings
from feedback.models import ReaderRating, with_comment_count
from offers import cache as offers_cache
from offers import links
from offers.models import Offer, Service
from pagecache import keys, tags
from pagecache.restrictions import PublicFromCacheQuerySet, RestrictionsFromCache
from pagecache.routing import cached_copy
from pagecache.tags import depends_on
from people import cache as people_cache
from people.models import Person

from . import cache, contents
from .blocks import ReviewBodyBlock
from .forms import ReviewPageForm

YEAR = re.compile(r"[0-9]{4}")

REVIEWS_PER_PAGE = 12
EARLIEST_RELEASE_YEAR = 1870
# Shown with affiliate links when the site has no default disclosure: they are never undisclosed.
STANDARD_DISCLOSURE = (
    "<p>Some links on this page are affiliate links: we may earn a commission if you buy "
    "through them.</p>"
)


class VerdictLabel(Orderable):
    """One of the small set of verdicts ("Must See", "Skip It") a review can give."""

    class Tone(models.TextChoices):
        POSITIVE = "positive", "Positive"
        MIXED = "mixed", "Mixed"
        NEGATIVE = "negative", "Negative"

    name = models.CharField(max_length=40, unique=True, help_text="As readers see it.")
    tone = models.CharField(
        max_length=10,
        choices=Tone.choices,
        default=Tone.MIXED,
        help_text="Sets the colour of the verdict badge.",
    )

    panels = [FieldPanel("name"), FieldPanel("tone")]

    class Meta(Orderable.Meta):
        verbose_name = "verdict label"

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True, help_text="As readers see it, e.g. Horror.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in the address of the category page, e.g. /reviews/category/horror/.",
    )
    description = models.TextField(blank=True, help_text="Shown at the top of the category page.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Critic(models.Model):
    """The byline on a review: a writer need not have an admin account."""

    name = models.CharField(max_length=120, unique=True, help_text="The byline as readers see it.")
    slug = models.SlugField(
        max_length=130,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="The address of the critic's page; made from the name when left empty.",
    )
    short_bio = models.TextField(blank=True, help_text="One or two sentences shown under reviews.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("short_bio")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = free_slug(Critic.objects.exclude(pk=self.pk), slug_for(self.name, "critic"))
        return super().save(*args, **kwargs)


class AffiliateDisclosure(models.Model):
    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="For editors choosing a disclosure; readers never see it.",
    )
    text = RichTextField(
        features=["bold", "italic", "link"],
        help_text="Shown at the top of reviews; editing it changes every review using it.",
    )
    guidelines_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Usually the editorial guidelines page.",
    )
    guidelines_link_text = models.CharField(
        max_length=80,
        default="Read our editorial guidelines",
        help_text="The words of the link to the guidelines page.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("text"),
        FieldPanel("guidelines_page"),
        FieldPanel("guidelines_link_text"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReviewIndexPage(RestrictionsFromCache, RoutablePageMixin, Page):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown above the list of reviews.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    base_form_class = EditorialPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reviews.ReviewPage"]
    max_count_per_parent = 1

    def reviews(self):
        return ReviewPage.objects.for_listing().child_of(self)

    def route(self, request, path_components):
        """A review's address has one component: the review comes from the cache while unchanged.

        The review is kept with its byline, poster, disclosure, verdict label, categories
        and tags, until any of them changes.
        """
        if len(path_components) == 1 and self.live:
            slug = path_components[0]
            key = f"review:{self.pk}:{hashlib.sha256(slug.encode()).hexdigest()[:32]}"
            review = cached_copy(key, lambda: self.load_review(slug))
            if review:
                review._cached_parent_obj = self
                return review.route(request, [])
        return super().route(request, path_components)

    def load_review(self, slug):
        """The review at `slug` with what its page shows, and the tags of what that holds.

        The tags must cover every related object loaded here: the copy is kept until one
        of them changes.
        """
        review = (
            ReviewPage.objects.child_of(self)
            .filter(slug=slug)
            .select_related("author", "poster", "disclosure", "verdict_label")
            .prefetch_related(
                "categories",
                "tags",
                Prefetch("offers", queryset=Offer.objects.select_related("service__logo")),
                Prefetch("credits", queryset=ReviewCredit.objects.select_related("person")),
            )
        ).first()
        if review is None:
            return None, None
        # A cached property: worked out here, once, and kept with the copy, not on each render.
        review.linked_urls  # noqa: B018
        return review, {
            keys.page(review.pk),
            *review.shown_by_offers(),
            *review.shown_by_credits(),
            *(cache.category(category.pk) for category in review.categories.all()),
            *([cache.critic(review.author_id)] if review.author_id else []),
            *([keys.image(review.poster_id)] if review.poster_id else []),
            *([cache.disclosure(review.disclosure_id)] if review.disclosure_id else []),
            *([cache.verdict_label(review.verdict_label_id)] if review.verdict_label_id else []),
        }

    def paginate(self, request, reviews):
        """Return the requested page of reviews; a page that does not exist is a 404."""
        try:
            found = Paginator(reviews, REVIEWS_PER_PAGE).page(request.GET.get("page", 1))
        except InvalidPage as exc:
            raise Http404("No such page of reviews.") from exc
        load_renditions_together(review.poster for review in found)
        return found

    def browse_options(self, category=None):
        """The kinds of work and release years that published reviews cover (in `category`)."""

        def build():
            published = ReviewPage.objects.child_of(self).live().public()
            if category:
                published = published.filter(categories=category)
            pairs = set(published.values_list("kind", "release_year").distinct())
            kinds = {kind for kind, _ in pairs}
            options = {
                "kinds": [
                    (value, label) for value, label in ReviewPage.Kind.choices if value in kinds
                ],
                "years": sorted({year for _, year in pairs if year}),
            }
            shown = {cache.BROWSE, *([cache.listed_in_category(category.pk)] if category else [])}
            return options, shown

        key = f"browse-options:{self.pk}" + (f":category:{category.pk}" if category else "")
        return tags.fetch_or_build(key, build, timeout=None)

    def render_listing(self, request, reviews, shows, title=None, description="", **context):
        """Render one page of a listing; `shows` names what the listing contains (cache tags)."""
        page_of_reviews = self.paginate(request, reviews)
        depends_on(
            request,
            keys.page(self.pk),
            cache.CATEGORY_LIST,
            cache.BROWSE,
            *shows,
            *(tag for review in page_of_reviews for tag in cache.shown_by_card(review)),
        )
        return self.render(
            request,
            context_overrides={
                "reviews": page_of_reviews,
                "listing_title": title,
                "listing_description": description,
                **self.browse_options(),
                **context,
            },
        )

    @path("")
    def all_reviews(self, request):
        return self.render_listing(request, self.reviews(), shows=[cache.ALL_REVIEWS])

    @path("category/<slug:slug>/", name="category")
    def category(self, request, slug):
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            raise Http404("No such category.")
        kind, year = self.narrowing(request)
        reviews = self.reviews().filter(categories=category)
        shows = [cache.listed_in_category(category.pk), cache.category(category.pk)]
        if kind:
            reviews = reviews.filter(kind=kind)
            shows.append(cache.listed_in_kind(kind))
        if year:
            reviews = reviews.filter(release_year=year)
            shows.append(cache.listed_in_year(year))
        return self.render_listing(
            request,
            reviews,
            shows=shows,
            title=f"{category.name} reviews",
            description=category.description,
            category=category,
            current_kind=kind,
            current_year=year,
            narrowed_to=", ".join(
                [*([ReviewPage.Kind(kind).label] if kind else []), *([str(year)] if year else [])]
            ),
            filter_links=self.filter_links(category, kind, year),
        )

    def narrowing(self, request):
        """The kind and release year a category page is narrowed to (?kind=, ?year=)."""
        kind, year = request.GET.get("kind", ""), request.GET.get("year", "")
        if kind and kind not in ReviewPage.Kind.values:
            raise Http404("No such kind of work.")
        if year and not YEAR.fullmatch(year):  # isdigit() would take "²²²²", int() would not
            raise Http404("No such year.")
        return kind, int(year) if year else None

    def filter_links(self, category, kind, year):
        """Links that narrow a category page by the kinds and years found in it, each keeping
        the other choice."""
        options = self.browse_options(category)

        def link(**chosen):
            query = {"kind": kind, "year": year, **chosen}
            return "?" + urlencode({name: value for name, value in query.items() if value})

        return {
            "kinds": [(label, link(kind=v), v == kind) for v, label in options["kinds"]],
            "years": [(str(y), link(year=y), y == year) for y in options["years"]],
            "any_kind": link(kind=""),
            "any_year": link(year=""),
        }

    @path("kind/<slug:kind>/", name="kind")
    def kind(self, request, kind):
        if kind not in ReviewPage.Kind.values:
            raise Http404("No such kind of work.")
        label = ReviewPage.Kind(kind).label
        return self.render_listing(
            request,
            self.reviews().filter(kind=kind),
            shows=[cache.listed_in_kind(kind)],
            title=f"{label} reviews",
            narrowed_to="every category",  # a category may share the kind's name
            current_kind=kind,
        )

    @path("year/<int:year>/", name="year")
    def year(self, request, year):
        reviews = self.reviews().filter(release_year=year)
        if not reviews.exists():
            raise Http404("No reviews of works from that year.")
        return self.render_listing(
            request,
            reviews,
            shows=[cache.listed_in_year(year)],
            title=f"Reviews of works from {year}",
            current_year=year,
        )

    @path("critic/<str:slug>/", name="critic")  # a slug may keep a name's own letters
    def critic(self, request, slug):
        """A critic's page: their bio, then their reviews, newest first."""
        critic = Critic.objects.filter(slug=slug).first()
        if critic is None:
            raise Http404("No such critic.")
        return self.render_listing(
            request,
            self.reviews().filter(author=critic),
            shows=[cache.listed_by_critic(critic.pk), cache.critic(critic.pk)],
            title=f"Reviews by {critic.name}",
            description=critic.short_bio,
            critic=critic,
        )

    def get_sitemap_urls(self, request=None):
        """The index, each category page (kind and year pages only rearrange them), and the
        pages of the people its published reviews credit."""
        url = self.get_full_url(request)
        root = self.get_site().root_url
        published = ReviewPage.objects.child_of(self).live().public()
        credited = Person.objects.filter(credits__review__in=published).distinct()
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": url + self.reverse_subpage("category", args=[category.slug])}
                for category in Category.objects.filter(reviews__live=True).distinct()
            ),
            *([{"location": root + reverse("people:index")}] if credited.exists() else []),
            *(
                {"location": root + person.get_absolute_url()}
                for person in credited.order_by("sort_as")
            ),
        ]


class ReviewPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "ReviewPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ReviewPageQuerySet(PublicFromCacheQuerySet):
    def for_listing(self):
        """Published reviews, newest first, with everything a listing card shows."""
        return (
            self.live()
            .public()
            .order_by("-date_published", "-first_published_at", "-pk")
            .select_related("verdict_label", "author", "poster")
            .with_comment_count()
            .annotate(free_to_watch=Exists(Offer.objects.filter(review=OuterRef("pk")).free()))
        )

    def with_affiliate_offers(self):
        """Annotate each review with whether it has an offer with an affiliate link."""
        offers = Offer.objects.filter(review=OuterRef("pk")).affiliate()
        return self.annotate(has_affiliate_offer=Exists(offers))

    def with_comment_count(self):
        """Annotate each review with its number of approved reader comments."""
        return with_comment_count(self)


class ReviewPage(RestrictionsFromCache, Page):
    class Kind(models.TextChoices):
        FILM = "film", "Film"
        TV_SERIES = "tv_series", "TV series"
        MINISERIES = "miniseries", "Miniseries"
        ANIME = "anime", "Anime"
        DOCUMENTARY = "documentary", "Documentary"
        SHORT = "short", "Short film"

    class DisclosureChoice(models.TextChoices):
        DEFAULT = "default", "The site's default, shown only if the review has affiliate links"
        OTHER = "other", "The disclosure chosen below, always shown"

    work_title = models.CharField(
        "title of the reviewed work",
        max_length=200,
        blank=True,
        help_text="Leave blank when the page title is the work's title.",
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.FILM,
        help_text="What sort of work this is; it decides the listing and the search-engine type.",
    )
    original_title = models.CharField(
        max_length=200, blank=True, help_text="The title in its original language, if different."
    )
    release_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_RELEASE_YEAR)],
        help_text="Year of first release.",
    )
    director = models.CharField(
        "director or creator",
        max_length=200,
        blank=True,
        help_text=(
            "Separate names with commas. Publishing links each name to the person of that name "
            "(accents and case aside), adding them to People if they are new."
        ),
    )
    runtime_minutes = models.PositiveSmallIntegerField(
        "runtime (minutes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6000)],
        help_text="Running time of the version reviewed.",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Portrait poster or key art; used in listings and when the review is shared.",
    )
    intro = models.TextField(
        max_length=300,
        help_text="One or two spoiler-free sentences. Used in listings, feeds and search engines.",
    )
    author = models.ForeignKey(
        Critic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        help_text="The byline.",
    )
    date_published = models.DateField(
        "review date",
        default=datetime.date.today,
        help_text="Shown on the review and used to order listings.",
    )
    categories = ParentalManyToManyField(
        Category,
        blank=True,
        related_name="reviews",
        help_text="Where readers find this review. Site owners manage the list.",
    )
    tags = ClusterTaggableManager(
        through=ReviewPageTag,
        blank=True,
        help_text="Free keywords (people, places, themes); readers see them under the review.",
    )
    disclosure_choice = models.CharField(
        max_length=10,
        choices=DisclosureChoice.choices,
        default=DisclosureChoice.DEFAULT,
        help_text=(
            "A review with affiliate links (an offer from an affiliate service under Where to "
            "watch, or a link in its text to an affiliate's site) shows a disclosure before "
            "the first of them: in the Where to watch box, and at the top of the review when "
            "its text has one. A review without affiliate links shows none, unless you choose "
            "a disclosure here: that one is shown at the top in any case."
        ),
    )
    disclosure = models.ForeignKey(
        AffiliateDisclosure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Used when the choice above is 'The disclosure chosen below'. If the review has "
            "affiliate links, this disclosure must speak for them too."
        ),
    )
    body = StreamField(ReviewBodyBlock(), help_text="The review itself, built from blocks.")
    comments_open = models.BooleanField(
        default=True, help_text="Readers may comment. Existing comments stay visible either way."
    )

    # Copied from the body's verdict block on save so listings need no StreamField parsing.
    verdict_label = models.ForeignKey(
        VerdictLabel,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verdict_score = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True, editable=False
    )
    verdict_summary = models.CharField(max_length=160, blank=True, editable=False)

    # Tabs in the order a critic works: the review itself first, with where readers find it and
    # the disclosure beside it; then where to watch; Promote only for search engines and the slug.
    review_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("work_title"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("release_year")]),
                FieldPanel("original_title"),
                FieldRowPanel([FieldPanel("director"), FieldPanel("runtime_minutes")]),
            ],
            heading="What is reviewed",
        ),
        FieldPanel("intro"),
        FieldRowPanel(
            [
                FieldPanel(
                    "author",
                    heading="Byline",
                    help_text="The critic whose name readers see. Site owners add critics.",
                    widget=AdminSnippetChooser(
                        Critic,
                        choose_one_text="Choose byline",
                        choose_another_text="Change byline",
                        link_to_chosen_text="Edit this byline",
                    ),
                ),
                FieldPanel("date_published"),
            ]
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        MultiFieldPanel(
            # Few disclosures exist: a select chooses one in one step.
            [
                FieldPanel("disclosure_choice"),
                FieldPanel(
                    "disclosure",
                    widget=forms.Select,
                    help_text=(
                        "Choosing one here selects 'The disclosure chosen below' above. If the "
                        "review has affiliate links, this disclosure must speak for them too."
                    ),
                ),
            ],
            heading="Affiliate disclosure",
        ),
        FieldPanel("poster"),
        FieldPanel("body"),
    ]
    offer_panels = [
        InlinePanel(
            "offers",
            heading="Where to watch",
            label="Offer",
            help_text=(
                "Where readers can watch, rent or buy it, shown in a box near the facts. "
                "Affiliate offers link through this site and bring the disclosure with them."
            ),
        ),
    ]
    # Wagtail's "For search engines" group: the slug, the SEO title and the description.
    promote_panels = [Page.promote_panels[0]]
    settings_panels = [*Page.settings_panels, FieldPanel("comments_open")]

    edit_handler = TabbedInterface(
        [
            ObjectList(review_panels, heading="Review"),
            ObjectList(offer_panels, heading="Where to watch"),
            ObjectList(promote_panels, heading="Promote"),
            ObjectList(settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("work_title"),
        index.SearchField("original_title"),
        index.SearchField("director"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("release_year"),
        index.FilterField("date_published"),
    ]

    base_form_class = ReviewPageForm
    parent_page_types = ["reviews.ReviewIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(ReviewPageQuerySet)()

    class Meta:
        verbose_name = "review"

    @property
    def reviewed_title(self):
        return self.work_title or self.title

    def clean(self):
        super().clean()
        errors = {}
        latest_year = datetime.date.today().year + 5
        if self.release_year and self.release_year > latest_year:
            errors["release_year"] = f"Use a year up to {latest_year}."
        if self.disclosure_choice == self.DisclosureChoice.OTHER and not self.disclosure:
            errors["disclosure"] = "Choose the disclosure to show, or pick another option above."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.copy_verdict_from_body()
        # Publishing saves the whole page: the people it credits are linked then.
        publishing = update_fields is None and self.live
        body_linked = self.link_people() if publishing else False
        new = self._state.adding
        saved = super().save(*args, **kwargs)
        if publishing:
            self.copy_credits(replace=not new)
            if body_linked:
                self.keep_links_in_revision()
        return saved

    def director_names(self):
        return [name.strip() for name in self.director.split(",") if name.strip()]

    def cast_rows(self, body):
        """The cast rows' values in a body's stored shape (dicts to update in place)."""
        return [
            member["value"]
            for block in body
            if block["type"] == "cast"
            for member in block["value"]["members"]
        ]

    def link_people(self):
        """Match each typed performer and director to a person, adding the people not found,
        and give every cast row its person. True if the body changed."""
        body = self.body.get_prep_value()
        rows = self.cast_rows(body)
        chosen_ids = {row["person"] for row in rows if row.get("person")}
        chosen = Person.objects.in_bulk(chosen_ids) if chosen_ids else {}
        typed = [row.get("performer", "") for row in rows if row.get("person") not in chosen]
        named = Person.objects.for_names([*typed, *self.director_names()])
        changed = False
        for row in rows:
            performer = row.get("performer", "")
            person = chosen.get(row.get("person")) or named.get(performer)
            if person is None:
                continue
            if row.get("person") != person.pk or not performer:
                row["person"], row["performer"] = person.pk, performer or person.name
                changed = True
        if changed:
            self.body = body
        self.credits_to_copy = [
            ReviewCredit(person=named[name], role=ReviewCredit.Role.DIRECTOR, credited_as=name)
            for name in self.director_names()
            if name in named
        ] + [
            ReviewCredit(
                person_id=row["person"],
                role=ReviewCredit.Role.PERFORMER,
                credited_as=row["performer"],
                character=row.get("character", ""),
                note=row.get("note", ""),
            )
            for row in rows
            if row.get("person")
        ]
        return changed

    def copy_credits(self, replace):
        """Replace the review's credits with those of the version just published (a new
        review has none to replace)."""
        if replace:
            self.credits.all().delete()
        for position, credit in enumerate(self.credits_to_copy):
            credit.review, credit.position = self, position
        ReviewCredit.objects.bulk_create(self.credits_to_copy)

    def keep_links_in_revision(self):
        """The revision being published gets the people linked, so the editor sees them."""
        revision = self.live_revision
        if revision is not None and revision.pk == self.latest_revision_id:
            revision.content["body"] = self.serializable_data()["body"]
            revision.save(update_fields=["content"])

    def copy_verdict_from_body(self):
        verdict = next((block.value for block in self.body if block.block_type == "verdict"), None)
        self.verdict_label = verdict["label"] if verdict else None
        self.verdict_score = verdict["score"] if verdict else None
        self.verdict_summary = verdict["summary"] if verdict else ""

    @property
    def chose_disclosure(self):
        return self.disclosure_choice == self.DisclosureChoice.OTHER

    def get_disclosure(self, site_default, affiliate_links):
        """The disclosure this review shows, or None.

        The editor's own choice is always shown (the default stands in if it was deleted).
        Otherwise a review shows the site's default only if it has `affiliate_links`, and
        with no default set a standard one, as affiliate links are never left undisclosed.
        `site_default()` gives the site's default, read only when this review shows it.
        """
        if self.chose_disclosure and self.disclosure:
            return self.disclosure
        if not (affiliate_links or self.chose_disclosure):
            return None
        default = site_default()
        if default is None and affiliate_links:
            return AffiliateDisclosure(text=STANDARD_DISCLOSURE)
        return default

    def get_context(self, request, *args, **kwargs):
        """The review, its offers, and the disclosure before the first affiliate link.

        Offers come before the text in reading order, and the Where to watch box shows the
        disclosure above its affiliate offers; a text with affiliate links has it at the top.
        """
        context = super().get_context(request, *args, **kwargs)
        offers = list(self.offers.all())
        linked = self.linked_urls
        # Only a review that links out needs to know where affiliate links go.
        sites = Service.objects.affiliate_sites() if linked else None
        in_text = bool(sites) and any(links.goes_to(url, sites) for url in linked)
        in_offers = any(offer.is_affiliate for offer in offers)
        disclosure = self.get_disclosure(
            lambda: chrome_for(request).review_settings.default_disclosure, in_text or in_offers
        )
        context["disclosure"] = disclosure if in_text or self.chose_disclosure else None
        context["offers"] = offers
        context["offers_disclosure"] = disclosure if in_offers else None
        context["affiliate_sites"] = sites
        context["rating_summary"] = ReaderRating.cached_summary(self)
        depends_on(request, *self.shown_by_page(disclosure))
        if linked:
            depends_on(request, offers_cache.AFFILIATE_SITES)
        # Should a part of the page be rendered again: the poster, the images in the body and
        # the services' logos, with all their renditions, in one query.
        self.images_shown = ImagesShown(self.image_ids())
        for image in (self.poster, *(offer.service.logo for offer in offers)):
            self.images_shown.attach(image)
        return context

    @cached_property
    def linked_urls(self):
        """Every address the body links to, in order (for the affiliate disclosure)."""
        return links.linked_urls(list(self.body.raw_data))

    def shown_by_offers(self):
        """Cache tags of the services (and their logos) the Where to watch box shows."""
        services = {offer.service for offer in self.offers.all()}
        return {
            *(offers_cache.service(service.pk) for service in services),
            *(keys.image(service.logo_id) for service in services if service.logo_id),
        }

    def shown_by_page(self, disclosure):
        """Cache tags of everything the review page shows."""
        categories = [category.pk for category in self.categories.all()]
        return {
            keys.page(self.pk),
            *self.shown_by_offers(),
            comments(self.pk),
            ratings(self.pk),
            *([cache.disclosure(disclosure.pk)] if disclosure and disclosure.pk else []),
            *([cache.critic(self.author_id)] if self.author_id else []),
            *([cache.verdict_label(self.verdict_label_id)] if self.verdict_label_id else []),
            *(keys.image(pk) for pk in self.image_ids()),
            *(cache.category(pk) for pk in categories),
            *self.shown_by_credits(),
        }

    def get_changed_cache_tags(self):
        """Besides its own page: its card and the listings it joins, leaves or moves in."""
        return cache.changed_by_publishing(self)

    def sections(self):
        """The body's sections, with the ids of their headings (reviews/contents.py)."""
        return contents.sections(self.body.raw_data)

    def table_of_contents(self):
        return contents.table_of_contents(self.sections())

    def image_ids(self):
        """The poster and every image in the body, without loading them."""
        in_body = [
            block["value"]["image"]["image"]
            for block in self.body.raw_data
            if block["type"] == "image"
        ]
        return [pk for pk in [self.poster_id, *in_body] if pk]

    def related_reviews(self, limit=3):
        """Other reviews sharing the most categories with this one, newest first."""
        return (
            ReviewPage.objects.for_listing()
            .exclude(pk=self.pk)
            .filter(categories__in=self.categories.all())
            .annotate(shared=Count("categories", distinct=True))
            .order_by("-shared", "-date_published", "-pk")[:limit]
        )

    def cast(self):
        """(character, performer) pairs from every cast listing, read without loading blocks."""
        return [(row["character"], row["performer"]) for row in self.cast_rows(self.body.raw_data)]

    def credited(self, role):
        """[(name as credited, person or None)] for a role, in the review's order: a
        published review has its credits, a new draft (in preview) only the typed names."""
        credits = [credit for credit in self.credit_list() if credit.role == role]
        if credits:
            return [(credit.credited_as, credit.person) for credit in credits]
        return [(name, None) for name in self.typed_names(role)]

    def typed_names(self, role):
        if role == ReviewCredit.Role.DIRECTOR:
            return self.director_names()
        return list(dict.fromkeys(performer for _, performer in self.cast() if performer))

    @property
    def directors(self):
        return self.credited(ReviewCredit.Role.DIRECTOR)

    def people_shown(self):
        return {credit.person for credit in self.credit_list()}

    def shown_by_credits(self):
        """Cache tags of the people the review links to."""
        return {people_cache.person(credit.person_id) for credit in self.credit_list()}

    def credit_list(self):
        """The credits of the published review (prefetched with their people on its page)."""
        return list(self.credits.all()) if self.pk else []


class ReviewCredit(models.Model):
    """A person credited in a published review, copied from its director field and cast rows
    on publishing, so that a person's page finds their reviews in one query."""

    class Role(models.TextChoices):
        DIRECTOR = "director", "Director or creator"
        PERFORMER = "performer", "Performer"

    review = models.ForeignKey(ReviewPage, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=10, choices=Role.choices)
    credited_as = models.CharField(max_length=200)
    character = models.CharField(max_length=120, blank=True)
    note = models.CharField(max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


@register_setting(icon="doc-full-inverse")
class ReviewSettings(BaseSiteSetting):
    """What every review on one site shares; site owners change it in Settings."""

    default_disclosure = models.ForeignKey(
        AffiliateDisclosure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of every review that does not choose another one.",
    )

    panels = [FieldPanel("default_disclosure")]

    class Meta:
        verbose_name = "review settings"

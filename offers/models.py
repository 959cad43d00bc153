"""Where to watch: the services films are on, each review's offers, link checks and click counts.

Offers belong to their review (an inline panel, kept in its revisions); what is recorded about
them afterwards (link checks, clicks) lives in models of its own, so publishing a revision
never writes old check results or counts back.
"""

import datetime
import re
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from pagecache import tags

from . import cache, links

SHORT_CODE_BYTES = 6  # eight characters of [A-Za-z0-9_-]
BROKEN_FOR = datetime.timedelta(days=7)  # broken this long, an offer is flagged to editors
REGION = re.compile(r"[A-Z]{2}")


def new_short_code():
    return secrets.token_urlsafe(SHORT_CODE_BYTES)


class WebAddressField(models.URLField):
    """An http:// or https:// address; typed without either, https:// is assumed."""

    default_validators = [URLValidator(schemes=links.WEB_SCHEMES)]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Kind(models.TextChoices):
    STREAM = "stream", "Stream"
    RENT = "rent", "Rent"
    BUY = "buy", "Buy"
    FREE = "free", "Free"
    CINEMA = "cinema", "In cinemas"


class ServiceQuerySet(models.QuerySet):
    def affiliate_sites(self):
        """The sites of affiliate services (host names), from the cache while none changes."""

        def build():
            websites = self.filter(is_affiliate=True).exclude(website="")
            sites = sorted(
                {links.site_of(url) for url in websites.values_list("website", flat=True)}
            )
            return sites, {cache.AFFILIATE_SITES}

        return tags.fetch_or_build("affiliate-sites", build, timeout=None)


class Service(models.Model):
    """Somewhere readers can watch or buy films: a streaming service, a shop, an archive."""

    name = models.CharField(max_length=80, unique=True, help_text="As readers see it.")
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.STREAM,
        help_text="What readers usually get there; each offer may say otherwise.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional; shown small beside the name.",
    )
    website = WebAddressField(
        blank=True,
        help_text=(
            "The service's address, e.g. https://shop.example/. For an affiliate, links to "
            "this site written into a review's text count as affiliate links too."
        ),
    )
    is_affiliate = models.BooleanField(
        "affiliate",
        default=False,
        help_text=(
            "We earn from links to this service. Its offers go through this site's /go/ "
            "links, are marked as sponsored, and bring the review's disclosure with them."
        ),
    )
    affiliate_url_template = models.CharField(
        "affiliate address template",
        max_length=500,
        blank=True,
        help_text=(
            "How an offer's address becomes an affiliate link. Either parameters to add, "
            "starting with '?' (?tag=booth-21), or a whole address with {url} or "
            "{url_encoded} where the offer's address goes. Blank: addresses are used as they are."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("is_affiliate"),
        FieldPanel("affiliate_url_template"),
    ]

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.is_affiliate and self.kind == Kind.FREE:
            errors["is_affiliate"] = "A free source is never an affiliate: readers pay nothing."
        if self.affiliate_url_template and not self.is_affiliate:
            errors["affiliate_url_template"] = "Only affiliate services have a template."
        elif problem := links.template_problem(self.affiliate_url_template):
            errors["affiliate_url_template"] = problem
        if errors:
            raise ValidationError(errors)

    def link_to(self, url):
        """Where a reader following an offer's link ends up."""
        if self.is_affiliate:
            return links.apply_template(self.affiliate_url_template, url)
        return url


class OfferQuerySet(models.QuerySet):
    def live(self):
        """Offers on published reviews: the ones readers can follow."""
        return self.filter(review__live=True)

    def free(self):
        return self.filter(Q(kind=Kind.FREE) | Q(kind="", service__kind=Kind.FREE))

    def affiliate(self):
        return self.filter(service__is_affiliate=True)


class Offer(Orderable):
    """Where one reviewed film can be watched, rented or bought."""

    review = ParentalKey("reviews.ReviewPage", on_delete=models.CASCADE, related_name="offers")
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="offers",
        help_text="Site owners manage the list under Where to watch > Services.",
    )
    url = WebAddressField(
        "address",
        max_length=500,
        help_text="The film's own page on the service, without any affiliate code.",
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        blank=True,
        help_text="Leave blank for what the service usually offers.",
    )
    price_text = models.CharField(
        "price",
        max_length=40,
        blank=True,
        help_text="As readers see it, e.g. £3.49. Optional.",
    )
    region = models.CharField(
        max_length=2,
        blank=True,
        help_text="Two-letter ISO country code where this offer holds, e.g. GB. Blank: anywhere.",
    )
    last_checked = models.DateField(
        null=True,
        blank=True,
        help_text="The day someone confirmed the offer and its price; readers see it.",
    )
    short_code = models.CharField(
        max_length=16, unique=True, default=new_short_code, editable=False
    )

    panels = [
        FieldRowPanel([FieldPanel("service"), FieldPanel("kind")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("price_text"), FieldPanel("region"), FieldPanel("last_checked")]),
    ]

    objects = OfferQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = "offer"

    def __str__(self):
        return f"{self.service} for {self.review}" if self.service_id else self.url

    def clean(self):
        super().clean()
        self.region = self.region.strip().upper()
        errors = {}
        if self.region and not REGION.fullmatch(self.region):
            errors["region"] = "Use a two-letter country code, e.g. GB or US."
        if self.service_id and self.service.is_affiliate and self.shown_kind == Kind.FREE:
            errors["kind"] = "A free offer is never an affiliate link: choose another service."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A review copied with its offers must not share their links.
        if self.pk is None and Offer.objects.filter(short_code=self.short_code).exists():
            self.short_code = new_short_code()
        super().save(*args, **kwargs)

    @property
    def shown_kind(self):
        return self.kind or self.service.kind

    def get_shown_kind_display(self):
        return Kind(self.shown_kind).label

    @property
    def is_affiliate(self):
        return self.service.is_affiliate

    @property
    def href(self):
        """What the review page links to: this site's /go/ link for an affiliate offer."""
        if self.is_affiliate:
            return reverse("offers:go", args=[self.short_code])
        return self.url

    @property
    def rel(self):
        return links.SPONSORED if self.is_affiliate else "noopener"

    def destination(self):
        return self.service.link_to(self.url)


class LinkCheck(models.Model):
    """What `manage.py check_offers` last found at an offer's address."""

    offer = models.OneToOneField(
        Offer, primary_key=True, on_delete=models.CASCADE, related_name="link_check"
    )
    checked_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    broken_since = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.offer_id}: {self.status_code or self.error}"

    @property
    def works(self):
        return self.broken_since is None

    def broken_for_a_week(self, now=None):
        return not self.works and self.broken_since <= (now or timezone.now()) - BROKEN_FOR


# PostgreSQL is told not to wait for the disk before confirming this one statement (that wait
# would double the redirect's time): a crash of the database itself could lose the clicks of
# its last moment, never leave a count half-written. The setting ends with the statement.
ROW_WITHOUT_WAITING_FOR_THE_DISK = (
    "SELECT %s, %s, %s, %s, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS s"
)


class ClickCountQuerySet(models.QuerySet):
    def count_click(self, offer, day):
        """Add one click to the offer's count for `day`, in one atomic statement.

        Concurrent clicks on any number of servers each add exactly one: the database does
        the arithmetic, and the first click of a day creates the row.
        """
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        row = "VALUES (%s, %s, %s, %s, 1)"
        if connection.vendor == "postgresql":
            row = ROW_WITHOUT_WAITING_FOR_THE_DISK
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (offer_id, review_id, service_id, day, clicks) {row}"
                f" ON CONFLICT (offer_id, day) DO UPDATE SET clicks = {table}.clicks + 1",
                [offer.pk, offer.review_id, offer.service_id, day],
            )


class ClickCount(models.Model):
    """Readers' clicks on one offer's /go/ link in one day: a number, nothing about anyone.

    The review and service are kept with the count, so reports still add it up after an
    editor removes the offer.
    """

    offer = models.ForeignKey(Offer, null=True, on_delete=models.SET_NULL, related_name="+")
    review = models.ForeignKey(
        "reviews.ReviewPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    service = models.ForeignKey(Service, null=True, on_delete=models.SET_NULL, related_name="+")
    day = models.DateField(db_index=True)
    clicks = models.PositiveIntegerField(default=0)

    objects = ClickCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "day"], name="one_click_count_per_offer_day")
        ]

    def __str__(self):
        return f"{self.day}: {self.clicks}"

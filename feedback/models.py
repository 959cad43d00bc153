"""Comments from readers on published pages, and their ratings of reviews.

This app sits below the reviews app: it names the review model only in its foreign key, and
gives the reviews app the queries it needs about feedback (comment counts, rating summaries).
"""

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from pagecache import tags

from . import cache
from .formatting import comment_html

COMMENT_MAX_LENGTH = 5000
RATING_SCALE = range(1, 6)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="reader_comments",
        help_text="The review or other page the comment is about.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this one replies to.",
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(help_text="Never shown publicly.")
    website = models.URLField(blank=True, validators=[URLValidator(schemes=["http", "https"])])
    body = models.TextField("comment", max_length=COMMENT_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    spam_reasons = models.CharField(
        max_length=255, blank=True, help_text="Why the spam filter held this comment."
    )
    ip_hash = models.CharField(max_length=64, editable=False)
    form_nonce = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="From the single-use form token it was sent with (feedback/protection.py).",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderators_told_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When moderators were e-mailed about it."
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "status", "created_at"])]
        constraints = [
            # A form token sends one comment; the same post again finds it (a double click).
            models.UniqueConstraint(
                fields=["form_nonce"], condition=~Q(form_nonce=""), name="one_comment_per_form"
            ),
        ]

    def __str__(self):
        return f"{self.name} on {self.page.title}: {self.excerpt()}"

    def save(self, *args, **kwargs):
        self.body_html = comment_html(self.body)
        super().save(*args, **kwargs)

    @classmethod
    def add_many(cls, comments):
        """Insert new comments in two queries, replies included (their parents may be among
        them, one level deep), and retire the tags of each page that shows one of them, once.

        What saving each would do, without its signals: a caller that keeps Wagtail's reference
        index indexes them itself (the WordPress importer does it per batch of posts).
        """
        for comment in comments:
            comment.body_html = comment_html(comment.body)
        cls.objects.bulk_create(c for c in comments if c.parent is None or c.parent.pk)
        cls.objects.bulk_create(c for c in comments if c.pk is None)
        cache.comments_added(
            {comment.page_id for comment in comments if comment.status == cls.Status.APPROVED}
        )

    def excerpt(self, length=80):
        text = " ".join(self.body.split())
        return text if len(text) <= length else text[: length - 1].rstrip() + "…"

    excerpt.short_description = "comment"

    def is_same_submission(self, other):
        fields = ("page_id", "parent_id", "name", "email", "website", "body")
        return all(getattr(self, name) == getattr(other, name) for name in fields)

    def moderate(self, status):
        self.status = status
        self.moderated_at = timezone.now()
        self.save(update_fields=["status", "moderated_at"])


class ReaderRating(models.Model):
    """One reader's score for one review; readers are known only by salted hashes."""

    review = models.ForeignKey(
        "reviews.ReviewPage", on_delete=models.CASCADE, related_name="reader_ratings"
    )
    voter_hash = models.CharField(max_length=64, help_text="Hash of the reader's cookie.")
    ip_hash = models.CharField(max_length=64, db_index=True)
    known_by_address = models.BooleanField(
        default=False, help_text="Cast without the reader's cookie: the address stands for them."
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(RATING_SCALE[0]), MaxValueValidator(RATING_SCALE[-1])]
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "voter_hash"], name="one_rating_per_reader"),
            # Simultaneous first votes without a cookie from one address are one reader's.
            models.UniqueConstraint(
                fields=["review", "ip_hash"],
                condition=Q(known_by_address=True),
                name="one_cookieless_rating_per_address",
            ),
        ]

    def __str__(self):
        return f"{self.score}/{RATING_SCALE[-1]} for {self.review.title}"

    @classmethod
    def rated_model(cls):
        """The page model readers rate (named here only by its foreign key)."""
        return cls._meta.get_field("review").related_model

    @classmethod
    def record(cls, review, *, voter_hash, ip_hash, score, known_reader):
        """Store a reader's vote, replacing their earlier one.

        A reader is known by the cookie their browser returns. A reader without it (a first
        vote, cleared cookies, another browser) is known by their address: from an address
        that has already voted, the vote replaces that one, so clearing cookies does not buy
        extra votes. Both rules are database constraints, so votes sent at the same moment
        cannot add up: the loser of a race finds the winner's vote and replaces it.
        """
        try:
            with transaction.atomic():
                cls._record(review, voter_hash, ip_hash, score, known_reader)
        except IntegrityError:
            with transaction.atomic():
                cls._record(review, voter_hash, ip_hash, score, known_reader)

    @classmethod
    def _record(cls, review, voter_hash, ip_hash, score, known_reader):
        votes = cls.objects.filter(review=review)
        if known_reader:
            earlier = votes.filter(voter_hash=voter_hash).first()
        else:
            earlier = votes.filter(ip_hash=ip_hash).order_by("-updated_at").first()
        if earlier is None:
            cls.objects.create(
                review=review,
                voter_hash=voter_hash,
                ip_hash=ip_hash,
                known_by_address=not known_reader,
                score=score,
            )
            return
        # Saved, not updated in bulk: the pages showing the rating hear of the change.
        earlier.voter_hash, earlier.ip_hash, earlier.score = voter_hash, ip_hash, score
        # A returning reader is known by their cookie now, wherever they vote from.
        earlier.known_by_address = earlier.known_by_address and not known_reader
        earlier.save(
            update_fields=["voter_hash", "ip_hash", "known_by_address", "score", "updated_at"]
        )

    @staticmethod
    def summary(review):
        """Average and number of a review's ratings, and how many gave each score
        (`votes`, lowest score first), in one query."""
        per_score = {f"votes_{score}": Count("pk", filter=Q(score=score)) for score in RATING_SCALE}
        found = ReaderRating.objects.filter(review=review).aggregate(
            average=Avg("score"), count=Count("pk"), **per_score
        )
        votes = [found.pop(f"votes_{score}") for score in RATING_SCALE]
        return {**found, "votes": votes}

    @staticmethod
    def cached_summary(review):
        """The summary, kept until the next vote for the review (pages show it on every visit)."""
        return tags.fetch_or_build(
            f"rating-summary:v2:{review.pk}",
            lambda: (ReaderRating.summary(review), {cache.ratings(review.pk)}),
            timeout=24 * 60 * 60,
        )

    @classmethod
    def summary_for_display(cls, review):
        summary = cls.summary(review)
        return {**summary, "text": rating_text(summary["average"], summary["count"])}


def rating_text(average, count):
    if not count:
        return "No reader ratings yet"
    readers = "reader" if count == 1 else "readers"
    return f"User rating {average:.1f} / {RATING_SCALE[-1]} from {count} {readers}"


def with_comment_count(pages):
    """Annotate each page of a queryset with its number of approved reader comments."""
    approved = Q(reader_comments__status=Comment.Status.APPROVED)
    return pages.annotate(comment_count=Count("reader_comments", filter=approved, distinct=True))


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """How comments are moderated on one site; site owners change it in Settings."""

    auto_approve = models.BooleanField(
        "approve returning commenters",
        default=False,
        help_text=(
            "Publish comments at once from readers whose name and email already have an "
            "approved comment. Comments the spam filter holds are still held."
        ),
    )
    blocked_words = models.TextField(
        blank=True,
        default="casino\nviagra\ncrypto giveaway\npayday loan",
        help_text="One word or phrase per line; a comment containing one goes to the spam queue.",
    )

    class ModeratorEmail(models.TextChoices):
        EACH = "each", "At once, a message for each comment awaiting moderation"
        DAILY = "daily", "Once a day, a digest of what is waiting"
        NEVER = "never", "Never"

    moderator_email = models.CharField(
        "e-mail moderators",
        max_length=5,
        choices=ModeratorEmail.choices,
        default=ModeratorEmail.EACH,
        help_text=(
            "Moderators are the staff who may approve comments. The daily digest also lists "
            "what the spam filter held; it is sent by the send_comment_digest command "
            "(docs/deploy.md)."
        ),
    )

    panels = [
        FieldPanel("auto_approve"),
        FieldPanel("blocked_words"),
        FieldPanel("moderator_email"),
    ]

    class Meta:
        verbose_name = "comment settings"

    def blocked_word_list(self):
        return [line.strip() for line in self.blocked_words.splitlines() if line.strip()]

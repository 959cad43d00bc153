"""Who changes what: each change invalidates the tags of exactly the pages that show it."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from feedback.models import Comment, ReaderRating
from home.models import SiteSettings
from reviews.models import AffiliateDisclosure, Category, Critic, ReviewPage, VerdictLabel

from . import keys, tags

MENU_DEPTH = 3  # the root is 1, a site's home page 2, the pages in its menu 3


def listing_place(review):
    """The listings a live review is in, and what decides its place in them."""
    if not review.live:
        return set(), None
    categories = review.categories.all().values_list("pk", flat=True)
    order = (review.date_published, review.first_published_at)
    return keys.listings_of(review.kind, review.release_year, categories), order


@receiver(pre_save, sender=ReviewPage)
def remember_listing_place(sender, instance, update_fields=None, **kwargs):
    """Where a review was listed before this save (publishing saves the whole page)."""
    if instance.pk and update_fields is None:
        before = ReviewPage.objects.filter(pk=instance.pk).first()
        instance.place_before = listing_place(before) if before else (set(), None)


def listings_changed(review):
    """Listings that gain or lose the review, or see it move; the others only show its card."""
    listings_before, order_before = getattr(review, "place_before", (set(), None))
    listings_now, order_now = listing_place(review)
    joined_or_left = listings_before ^ listings_now
    changed = listings_before | listings_now if order_before != order_now else joined_or_left
    if any(tag.startswith(("listed:kind:", "listed:year:")) for tag in joined_or_left):
        changed.add(keys.BROWSE)
    return changed


def page_tags(page):
    changed = {keys.page(page.pk)}
    if page.depth <= MENU_DEPTH:
        changed.add(keys.MENU)
    specific = page.specific
    if isinstance(specific, ReviewPage):
        changed |= {keys.card(page.pk), *listings_changed(specific)}
    return changed


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    tags.invalidate(*page_tags(instance))


@receiver(post_save)
def top_level_page_created(sender, instance, created, **kwargs):
    """A page added near the top changes the menu and routing, even before it is published."""
    if created and isinstance(instance, Page) and (instance.depth or 0) <= MENU_DEPTH:
        tags.invalidate(keys.MENU)


@receiver(post_page_move)
def page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    moved = [instance, *instance.get_descendants()]
    changed = {tag for page in moved for tag in page_tags(page)}
    if min(parent_page_before.depth, parent_page_after.depth) < MENU_DEPTH:
        changed.add(keys.MENU)
    tags.invalidate(*changed)


@receiver(pre_delete, sender=ReviewPage)
def review_deleted(sender, instance, **kwargs):
    listings, _ = listing_place(instance)
    tags.invalidate(keys.card(instance.pk), keys.BROWSE, *listings)


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    tags.invalidate(keys.page(instance.pk), *([keys.MENU] if instance.depth <= MENU_DEPTH else []))


@receiver(pre_save, sender=Comment)
def remember_comment_status(sender, instance, **kwargs):
    before = Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance.status_before = before


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def comment_changed(sender, instance, **kwargs):
    approved = Comment.Status.APPROVED
    if approved in (instance.status, getattr(instance, "status_before", None)):
        tags.invalidate(keys.comments(instance.review_id), keys.card(instance.review_id))


@receiver(post_save, sender=ReaderRating)
@receiver(post_delete, sender=ReaderRating)
def rating_changed(sender, instance, **kwargs):
    tags.invalidate(keys.ratings(instance.review_id))


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def category_changed(sender, instance, **kwargs):
    tags.invalidate(
        keys.category(instance.pk), keys.CATEGORY_LIST, keys.listed_in_category(instance.pk)
    )


SNIPPET_TAGS = {
    AffiliateDisclosure: keys.disclosure,
    Critic: keys.critic,
    VerdictLabel: keys.verdict_label,
    get_image_model(): keys.image,
}


def snippet_changed(sender, instance, **kwargs):
    tags.invalidate(SNIPPET_TAGS[sender](instance.pk))


for model in SNIPPET_TAGS:
    post_save.connect(snippet_changed, sender=model, dispatch_uid=f"pagecache-{model.__name__}")
    post_delete.connect(
        snippet_changed, sender=model, dispatch_uid=f"pagecache-del-{model.__name__}"
    )


@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def chrome_changed(sender, instance, **kwargs):
    tags.invalidate(keys.SITE_SETTINGS, keys.MENU)

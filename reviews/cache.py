"""What review pages and listings show, and what a change to reviews or their snippets retires.

- card:<id>   a review's card (title, intro, poster, verdict, comment count, address)
- listed:all|category:<id>|kind:<kind>|year:<year>   which reviews a listing contains, in order
- browse      the kinds of work and years there are listings for
- category:<id>, category-list, disclosure:<id>, critic:<id>, verdict-label:<id>
- review-settings   the site's review settings (the default disclosure)
- search      what the reviews search finds: the published text of every review
- credits:<person id>   which published reviews credit a person, as their page lists them
- people-credited       which people published reviews credit: the A-Z people index

Connected in ReviewsConfig.ready(). The handlers name their senders lazily, and a review's
publication reaches the page cache through `ReviewPage.get_changed_cache_tags()`: the models
use these names, so this module does not import them.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from feedback import cache as feedback_cache
from offers import cache as offers_cache
from pagecache import keys, tags

CATEGORY_LIST = "category-list"
ALL_REVIEWS = "listed:all"
BROWSE = "browse"
REVIEW_SETTINGS = "review-settings"
SEARCH = "search"
PEOPLE_CREDITED = "people-credited"


def card(pk):
    return f"card:{pk}"


def listed_in_category(pk):
    return f"listed:category:{pk}"


def listed_in_kind(kind):
    return f"listed:kind:{kind}"


def listed_in_year(year):
    return f"listed:year:{year}"


def category(pk):
    return f"category:{pk}"


def disclosure(pk):
    return f"disclosure:{pk}"


def critic(pk):
    return f"critic:{pk}"


def listed_by_critic(pk):
    return f"listed:critic:{pk}"


def verdict_label(pk):
    return f"verdict-label:{pk}"


def credits_of(person_pk):
    return f"credits:{person_pk}"


def shown_by_card(review):
    """What a review's card shows: the review, its verdict label, poster, comment count, and
    whether it is free to watch (which can follow its offers' services)."""
    shown = {card(review.pk), feedback_cache.comments(review.pk), offers_cache.OFFER_TERMS}
    if review.verdict_label_id:
        shown.add(verdict_label(review.verdict_label_id))
    if review.poster_id:
        shown.add(keys.image(review.poster_id))
    return shown


def listings_of(kind, year, category_ids, critic_id=None):
    """Every listing a review with these facts appears in."""
    return {
        ALL_REVIEWS,
        listed_in_kind(kind),
        *([listed_in_year(year)] if year else []),
        *([listed_by_critic(critic_id)] if critic_id else []),
        *(listed_in_category(pk) for pk in category_ids),
    }


def listing_place(review):
    """The listings a live review is in, and what decides its place in them."""
    if not review.live:
        return set(), None
    # "id", not "pk": the categories may be those in hand (modelcluster), not a query.
    categories = review.categories.all().values_list("id", flat=True)
    order = (review.date_published, review.first_published_at)
    listings = listings_of(review.kind, review.release_year, categories, review.author_id)
    return listings, order


def credited_people(review):
    """Ids of the people a live review credits (as its last publication left them)."""
    return set(review.credits.values_list("person_id", flat=True)) if review.live else set()


def changed_by_credits(before, now):
    """The pages of the people credited before or now; the index if who is credited changed."""
    return {*(credits_of(pk) for pk in before | now), *([PEOPLE_CREDITED] if before != now else [])}


def changed_by_publishing(review):
    """The card, search results, the listings that gain or lose the review or see it move,
    and the pages of the people it credits or credited."""
    people = changed_by_credits(getattr(review, "people_before", set()), credited_people(review))
    listings_before, order_before = getattr(review, "place_before", (set(), None))
    listings_now, order_now = listing_place(review)
    joined_or_left = listings_before ^ listings_now
    changed = listings_before | listings_now if order_before != order_now else joined_or_left
    if any(tag.startswith(("listed:kind:", "listed:year:")) for tag in joined_or_left):
        changed.add(BROWSE)
    return {card(review.pk), SEARCH, *changed, *people}


@receiver(pre_save, sender="reviews.ReviewPage")
def remember_listing_place(sender, instance, update_fields=None, **kwargs):
    """Where a review was listed before this save (publishing saves the whole page)."""
    if instance.pk and update_fields is None:
        before = sender.objects.filter(pk=instance.pk).first()
        instance.place_before = listing_place(before) if before else (set(), None)
        instance.people_before = credited_people(before) if before else set()


@receiver(pre_delete, sender="reviews.ReviewPage")
def review_deleted(sender, instance, **kwargs):
    listings, _ = listing_place(instance)
    people = changed_by_credits(credited_people(instance), set())
    tags.invalidate(card(instance.pk), BROWSE, SEARCH, *listings, *people)


@receiver(post_save, sender="reviews.Category")
@receiver(post_delete, sender="reviews.Category")
def category_changed(sender, instance, **kwargs):
    tags.invalidate(category(instance.pk), CATEGORY_LIST, listed_in_category(instance.pk))


@receiver(post_save, sender="reviews.AffiliateDisclosure")
@receiver(post_delete, sender="reviews.AffiliateDisclosure")
def disclosure_changed(sender, instance, **kwargs):
    # The default disclosure is loaded with the review settings.
    tags.invalidate(disclosure(instance.pk), REVIEW_SETTINGS)


@receiver(post_save, sender="reviews.Critic")
@receiver(post_delete, sender="reviews.Critic")
def critic_changed(sender, instance, **kwargs):
    tags.invalidate(critic(instance.pk))


@receiver(post_save, sender="reviews.VerdictLabel")
@receiver(post_delete, sender="reviews.VerdictLabel")
def verdict_label_changed(sender, instance, **kwargs):
    tags.invalidate(verdict_label(instance.pk))


@receiver(post_save, sender="reviews.ReviewSettings")
def review_settings_changed(sender, instance, **kwargs):
    tags.invalidate(REVIEW_SETTINGS)

"""The names of what pages show, shared by the code that renders and the code that changes it.

- page:<id>            the page's own content
- card:<id>            a review's card (title, intro, poster, verdict, comment count, address)
- listed:all|category:<id>|kind:<kind>|year:<year>   which reviews a listing contains, in order
- browse                 the kinds of work and years there are listings for
- category:<id>, category-list, disclosure:<id>, critic:<id>, verdict-label:<id>, image:<id>
- comments:<id>, ratings:<id>   a review's approved comments and reader votes
- site-settings, menu           the chrome on every page
"""

SITE_SETTINGS = "site-settings"
MENU = "menu"
CATEGORY_LIST = "category-list"
ALL_REVIEWS = "listed:all"
BROWSE = "browse"  # the kinds of work and years the listings offer to browse by


def page(pk):
    return f"page:{pk}"


def card(pk):
    return f"card:{pk}"


def shown_by_card(review):
    """What a review's card shows: the review itself, its verdict label and its poster."""
    tags = {card(review.pk)}
    if review.verdict_label_id:
        tags.add(verdict_label(review.verdict_label_id))
    if review.poster_id:
        tags.add(image(review.poster_id))
    return tags


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


def verdict_label(pk):
    return f"verdict-label:{pk}"


def image(pk):
    return f"image:{pk}"


def comments(review_pk):
    return f"comments:{review_pk}"


def ratings(review_pk):
    return f"ratings:{review_pk}"


def listings_of(kind, year, category_ids):
    """Every listing a review with these facts appears in."""
    return {
        ALL_REVIEWS,
        listed_in_kind(kind),
        *([listed_in_year(year)] if year else []),
        *(listed_in_category(pk) for pk in category_ids),
    }

import hashlib
import json
from urllib.parse import quote

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Site

from core.links import absolute_url
from core.prefetch import load_renditions_together, objects_known
from feedback.models import RATING_SCALE
from offers import cache as offers_cache
from offers import links
from pagecache import keys, tags
from pagecache.tags import depends_on
from people.structured_data import person_schema
from reviews import cache
from reviews.models import ReviewPage
from reviews.structured_data import review_schema

register = template.Library()

BODY_SECONDS = 7 * 24 * 60 * 60

# JSON inside <script> must not be able to close the element or open a comment.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def absolute(url, request):
    return request.build_absolute_uri(url) if request else url


WORDS_PER_MINUTE = 230  # an adult's silent reading speed for prose


@register.filter
def reading_minutes(html):
    """Minutes a reader needs for this HTML's text, at least one."""
    return max(1, round(len(strip_tags(html).split()) / WORDS_PER_MINUTE))


@register.simple_tag(takes_context=True)
def review_json_ld(context, review, poster=None):
    request = context["request"]
    site = context["current_site"]
    summary = context.get("rating_summary") or {"average": None, "count": 0}
    data = review_schema(
        review,
        url=absolute_url(review, request),
        site_name=site.site_name,
        site_url=request.build_absolute_uri("/"),
        poster_url=poster and request.build_absolute_uri(poster.url),
        reader_rating={**summary, "best": RATING_SCALE[-1], "worst": RATING_SCALE[0]},
        person_url=lambda person: request.build_absolute_uri(person.get_absolute_url()),
    )
    return json_ld(data)


@register.simple_tag(takes_context=True)
def person_json_ld(context, person, portrait=None):
    request = context["request"]
    data = person_schema(
        person,
        url=request.build_absolute_uri(person.get_absolute_url()),
        image_url=portrait and request.build_absolute_uri(portrait.url),
    )
    return json_ld(data)


def json_ld(data):
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def review_body(context, review):
    """The review's blocks, rendered once per published version and then kept in the cache.

    Rendering the body loads its images, embeds and verdict label; the cached HTML needs none
    of them. Publishing the review, or editing an image or the label, refreshes it. Links to
    affiliates' sites (the page's `affiliate_sites`, None if the text links nowhere) are
    marked as sponsored.
    """
    sites = context.get("affiliate_sites")

    def render():
        html = render_blocks(context, review)
        return mark_safe(links.mark_sponsored(html, sites)) if sites else html

    if getattr(context["request"], "is_preview", False):
        return render()

    def build():
        shown = {keys.page(review.pk), *(keys.image(pk) for pk in review.image_ids())}
        shown |= review.shown_by_credits()
        if review.verdict_label_id:
            shown.add(cache.verdict_label(review.verdict_label_id))
        if sites is not None:
            shown.add(offers_cache.AFFILIATE_SITES)
        return render(), shown

    return tags.fetch_or_build(f"review-body:{review.pk}", build, BODY_SECONDS)


@register.simple_tag(takes_context=True)
def review_card(context, review, heading="h2"):
    """A review's card in a listing, rendered once and kept until something it shows changes.

    Its poster alone takes six renditions; listings show a dozen cards.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    key = f"review-card:{site.pk if site else 0}:{review.pk}:{heading}"

    def build():
        values = {"review": review, "heading": heading, "request": request}
        html = render_component(context, "components/review_card.html", values)
        return html, cache.shown_by_card(review)

    return mark_safe(tags.fetch_or_build(key, build, BODY_SECONDS))


@register.simple_tag(takes_context=True)
def review_cards(context, ids):
    """The cards of these reviews, in this order (a page of search results): kept as one until
    any card changes, so a page of cards is one cache lookup."""
    ids = list(ids)
    site = Site.find_for_request(context["request"])
    listed = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()

    def build():
        loaded = ReviewPage.objects.for_listing().defer("body").in_bulk(ids)
        reviews = [loaded[pk] for pk in ids if pk in loaded]
        load_renditions_together(review.poster for review in reviews)
        html = "".join(review_card(context, review) for review in reviews)
        return html, {tag for review in reviews for tag in cache.shown_by_card(review)}

    key = f"review-cards:{site.pk if site else 0}:{listed}"
    return mark_safe(tags.fetch_or_build(key, build, BODY_SECONDS))


@register.simple_tag(takes_context=True)
def related_reviews(context, review):
    """The related reviews section, kept until a review joins or leaves one of this review's
    categories or one of the cards changes (this review's own categories are its page's)."""

    def build():
        related = list(review.related_reviews())
        load_renditions_together(other.poster for other in related)
        cards = [review_card(context, other, "h3") for other in related]
        html = render_component(context, "components/related_reviews.html", {"cards": cards})
        shown = {
            keys.page(review.pk),
            *(cache.listed_in_category(category.pk) for category in review.categories.all()),
            *(tag for other in related for tag in cache.shown_by_card(other)),
        }
        return {"html": html, "tags": sorted(shown)}, shown

    section = tags.fetch_or_build(f"related-reviews:{review.pk}", build, BODY_SECONDS)
    depends_on(context["request"], *section["tags"])
    return mark_safe(section["html"])


def render_component(context, name, values):
    return context.template.engine.get_template(name).render(context.new(values))


def render_blocks(context, review):
    """The body's blocks as HTML, with the images and verdict label the page has loaded, and
    each section's heading with its anchor."""
    flat = context.flatten()
    shown = getattr(review, "images_shown", None)
    known = [*(shown.images().values() if shown else ()), review.verdict_label]
    known += review.people_shown()
    anchors = {section.index: section.anchor for section in review.sections()}
    with objects_known(known):
        # Each block template escapes what it outputs; the joined HTML stays safe.
        return mark_safe(
            "".join(
                str(block.render_as_block({**flat, "anchor": anchors.get(index)}))
                for index, block in enumerate(review.body)
            )
        )


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context, review):
    url = quote(absolute_url(review, context["request"]), safe="")
    title = quote(review.title, safe="")
    return {
        "links": [
            ("Email", f"mailto:?subject={title}&body={url}"),
            ("Bluesky", f"https://bsky.app/intent/compose?text={title}%20{url}"),
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
            ("X", f"https://twitter.com/intent/tweet?text={title}&url={url}"),
        ]
    }

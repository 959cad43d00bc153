import json
from urllib.parse import quote

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from feedback.models import RATING_SCALE
from pagecache import keys, tags
from reviews.models import absolute_url
from reviews.structured_data import review_schema

register = template.Library()

BODY_SECONDS = 7 * 24 * 60 * 60

# JSON inside <script> must not be able to close the element or open a comment.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def absolute(url, request):
    return request.build_absolute_uri(url) if request else url


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
    )
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def review_body(context, review):
    """The review's blocks, rendered once per published version and then kept in the cache.

    Rendering the body loads its images, embeds and verdict label; the cached HTML needs none
    of them. Publishing the review, or editing an image or the label, refreshes it.
    """
    if getattr(context["request"], "is_preview", False):
        return render_blocks(context, review)
    key = f"review-body:{review.pk}"
    html = tags.fetch(key)
    if html is None:
        html = render_blocks(context, review)
        shown = {keys.page(review.pk), *(keys.image(pk) for pk in review.image_ids())}
        if review.verdict_label_id:
            shown.add(keys.verdict_label(review.verdict_label_id))
        tags.store(key, html, shown, BODY_SECONDS)
    return html


def render_blocks(context, review):
    flat = context.flatten()
    # Each block template escapes what it outputs; the joined HTML stays safe.
    return mark_safe("".join(str(block.render_as_block(flat)) for block in review.body))


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

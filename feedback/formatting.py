"""Readers write plain text: it is escaped, links are made clickable, then sanitised again."""

import nh3
from django.utils.html import linebreaks, urlize

ALLOWED_TAGS = {"p", "br", "a"}


def comment_html(text):
    """HTML for a reader's comment: paragraphs and http(s) links marked nofollow ugc."""
    html = linebreaks(urlize(text, trim_url_limit=60, autoescape=True))
    # urlize escapes everything else; nh3 makes sure no markup or unsafe URL survives anyway.
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc noopener",
    )

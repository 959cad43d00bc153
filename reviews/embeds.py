"""An embed finder for films hosted by the Internet Archive, home of many public-domain films.

The archive publishes a stable player address for every item, so the embed is built from the
URL itself: no oEmbed round trip, and it works on hosts without outbound network access.
"""

import re

from django.utils.html import format_html
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

ITEM_URL = re.compile(r"^https?://(?:www\.)?archive\.org/(?:details|embed)/(?P<item>[\w.-]+)/?$")
WIDTH, HEIGHT = 640, 480


class InternetArchiveFinder(EmbedFinder):
    def accept(self, url):
        return bool(ITEM_URL.match(url))

    def find_embed(self, url, max_width=None, max_height=None):
        match = ITEM_URL.match(url)
        if not match:
            raise EmbedNotFoundException
        item = match["item"]
        html = format_html(
            '<iframe src="https://archive.org/embed/{}" width="{}" height="{}" '
            'title="Video from the Internet Archive" allowfullscreen loading="lazy"></iframe>',
            item,
            WIDTH,
            HEIGHT,
        )
        return {
            "title": item,
            "type": "video",
            "html": str(html),
            "width": WIDTH,
            "height": HEIGHT,
            "provider_name": "Internet Archive",
        }

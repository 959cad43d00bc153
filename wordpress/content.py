"""A WordPress post's HTML as body blocks, and the check that the conversion lost nothing.

WordPress-only markup is made plain HTML here, then `reviews.conversion.html_to_body` does the
rest (paragraphs, sections, spoilers, verdicts, quotes, images, videos):
- `[caption]` becomes a figure with its caption; `[gallery]` a gallery of figures (its `ids`,
  or, in old galleries without them, every image attached to the post); `[embed]`, `[video]`
  and `[audio]` a video, or a link to their file. Any other shortcode stays in the text and is
  reported.

`Fidelity` compares, per post, the words, links and images of the source as WordPress shows it
with what a reader of the imported page sees (title, intro and body, spoilers included).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from reviews.conversion import (
    AUTOP_BLOCKS,
    OWN_LINE_URL,
    SPOILER_PHRASE,
    VERDICT_LINE,
    VIDEO_URL,
    body_text,
    html_to_body,
    image_addresses,
    link_addresses,
    video_addresses,
    visible_text,
    watch_url,
    words,
)

CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
CAPTIONED_IMAGE = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I)
GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
MEDIA = re.compile(r"\[(video|audio)([^\]]*)\](?:(.*?)\[/\1\])?", re.S | re.I)
MEDIA_SOURCE = re.compile(r"""(?:src|mp4|m4v|webm|ogv|mp3|ogg|wav|m4a)\s*=\s*["']?([^"'\s\]]+)""")
SHORTCODE = re.compile(r"\[/?([A-Za-z_][\w-]*)(?:\s[^\]]*)?\]")
LINE_BREAK = re.compile(rf"</?(?:{AUTOP_BLOCKS}|br)\b[^>]*>", re.I)  # where a shown line ends
IDS = re.compile(r"""ids\s*=\s*["']?([\d,\s]+)""", re.I)
MISSING_EXAMPLE_WORDS = 12
PASSAGE_GAP = 4  # missing words this close together are shown as one stretch


def convert(html, media, *, allowed, verdicts, post_id=0, work_title=""):
    """The body blocks for a post's HTML; `media` finds its images and gallery files."""
    expanded, unknown = expand_shortcodes(html or "", media, post_id)
    result = html_to_body(
        expanded, allowed=allowed, images=media, verdicts=verdicts, work_title=work_title
    )
    result.warnings += [("unknown shortcode kept as text", name) for name in unknown]
    return result


def expand_shortcodes(html, media, post_id):
    """The shortcodes WordPress itself defines, as HTML; the names of the others."""
    html = CAPTION.sub(caption_figure, html)
    html = GALLERY.sub(lambda m: gallery_figure(m[1], media, post_id), html)
    html = EMBED.sub(lambda m: f'<figure data-embed="{escape(m[1].strip())}"></figure>', html)
    html = MEDIA.sub(media_link, html)
    unknown = sorted({m[1].lower() for m in SHORTCODE.finditer(re.sub(r"<[^>]*>", " ", html))})
    return html, unknown


def caption_figure(match):
    inner = match[2]
    image = CAPTIONED_IMAGE.search(inner)
    if not image:
        return match[0]
    caption = (inner[: image.start()] + inner[image.end() :]).strip()
    return f"<figure>{image[0]}<figcaption>{caption}</figcaption></figure>"


def gallery_figure(attributes, media, post_id):
    ids = [int(i) for i in ",".join(IDS.findall(attributes)).split(",") if i.strip().isdigit()]
    urls = media.gallery_urls(ids, post_id)
    figures = "".join(f'<figure><img src="{escape(url)}" alt=""></figure>' for url in urls)
    return f"<figure>{figures}</figure>" if urls else ""


def media_link(match):
    found = MEDIA_SOURCE.search(match[2]) or MEDIA_SOURCE.search(f"src={match[3] or ''}")
    url = found[1] if found else (match[3] or "").strip()
    if not url:
        return ""
    if VIDEO_URL.match(url):
        return f'<figure data-embed="{escape(url)}"></figure>'
    return f'<p><a href="{escape(url)}">{escape(url.rsplit("/", 1)[-1])}</a></p>'


# Fidelity ---------------------------------------------------------------------------------


def shown_source(expanded):
    """A post's HTML as WordPress shows it: video addresses alone on a line are players."""
    return OWN_LINE_URL.sub(lambda m: "" if VIDEO_URL.match(m[1]) else m[0], expanded)


def structure_free_words(text):
    """Words, without the phrases the conversion turns into structure (spoiler, verdict)."""
    lines = [VERDICT_LINE.sub(r"\g<rest>", line) for line in text.splitlines()]
    return words(SPOILER_PHRASE.sub(" ", "\n".join(lines)))


@dataclass
class PostFidelity:
    title: str
    words_in: int
    words_out: int
    words_lost: int = 0
    missing: list = field(default_factory=list)  # passages of words that did not come over
    links_missing: list = field(default_factory=list)
    images_in: int = 0
    images_out: int = 0
    videos_in: int = 0
    videos_out: int = 0

    @property
    def lost(self):
        return bool(
            self.missing
            or self.links_missing
            or self.images_out < self.images_in
            or self.videos_out < self.videos_in
        )


def check(item, page, media, label_names):
    """What of `item` (a post or page) a reader of `page` cannot find there."""
    expanded, _ = expand_shortcodes(item.content or "", media, item.wp_id)
    source = shown_source(expanded)
    source_text = item.title + "\n" + visible_text(LINE_BREAK.sub("\n", source))
    source_words = structure_free_words(source_text)
    raw = list(page.body.raw_data)
    body = body_text(raw, label_names)
    out_text = "\n".join([page.title, page.intro or "", visible_text(body)])
    remaining = Counter(words(out_text))
    missing_at = []
    for position, word in enumerate(source_words):
        if remaining[word] > 0:
            remaining[word] -= 1
        else:
            missing_at.append(position)
    out_links = set(link_addresses(body))
    links_missing = [url for url in link_addresses(source) if url not in out_links]
    images_in = image_addresses(source)
    image_blocks = sum(1 for block in raw if block["type"] == "image")
    linked = sum(1 for url in images_in if url in out_links)
    videos_in = video_addresses(expanded)
    trailers = sum(1 for block in raw if block["type"] == "trailer")
    linked_videos = sum(1 for url in videos_in if watch_url(url) in out_links or url in out_links)
    return PostFidelity(
        title=item.title or f"{item.post_type} {item.wp_id}",
        words_in=len(source_words),
        words_out=len(words(out_text)),
        words_lost=len(missing_at),
        missing=passages(source_words, missing_at),
        links_missing=links_missing,
        images_in=len(images_in),
        images_out=min(len(images_in), image_blocks + linked),
        videos_in=len(videos_in),
        videos_out=min(len(videos_in), trailers + linked_videos),
    )


def passages(source_words, positions):
    """The stretches of the source with missing words, shortened for the report.

    Common words ("the", "is") are usually found elsewhere on the page, so missing words a few
    apart make one stretch, shown from its first missing word to its last.
    """
    runs = []
    for position in positions:
        if runs and position - runs[-1][-1] <= PASSAGE_GAP:
            runs[-1].append(position)
        else:
            runs.append([position])
    shown = []
    for run in runs:
        stretch = source_words[run[0] : run[-1] + 1]
        text = " ".join(stretch[:MISSING_EXAMPLE_WORDS])
        shown.append(text + (" …" if len(stretch) > MISSING_EXAMPLE_WORDS else ""))
    return shown

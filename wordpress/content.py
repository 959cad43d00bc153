"""A WordPress post's HTML as StreamField blocks.

The rules, in the order they apply:
- `[caption]`, `[gallery]` and `[embed]` shortcodes, and a YouTube or Vimeo address alone on a
  line, become images and videos; any other shortcode stays in the text and is reported.
- Text without paragraphs gets them as WordPress would show it (blank line: new paragraph,
  line break: <br>).
- A heading that announces spoilers starts a spoiler section, which runs to the next heading of
  the same or a higher level. Nothing inside it ever leaves it: quotes, images and videos in a
  spoiler section stay in its text.
- Other h1/h2 headings start a text section; h3 to h6 stay inside the text as subheadings.
- <blockquote> (also Gutenberg's quote and pullquote) becomes a quote, its <cite> the speaker.
- A paragraph "Verdict: …" or "Overall: …" becomes the verdict, once per review, when a verdict
  label can be told from it: a label's name in the line, or a score ("8/10", "4 out of 5").
- Images become image blocks when the file is found; otherwise they stay as a link.
- Everything else stays as rich text: markup the editor does not offer (tables, code) keeps its
  text and is reported, never dropped silently.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from urllib.parse import parse_qs, urlsplit

import nh3
from lxml import etree
from lxml import html as lxml_html

SPOILER_HEADING = re.compile(r"\bspoilers?\b", re.IGNORECASE)
DASHES = "-\u2013\u2014"  # hyphen, en dash, em dash
VERDICT_LINE = re.compile(rf"^\s*(?:verdict|overall)\s*[:{DASHES}]\s*(?P<rest>.+)$", re.I | re.S)
SCORE = re.compile(r"(?P<value>\d+(?:[.,]\d+)?)\s*(?:/|out of)\s*(?P<scale>100|10|5)\b", re.I)
VIDEO_URL = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?\S+|youtu\.be/\S+|vimeo\.com/\d+\S*)$"
)
OWN_LINE_URL = re.compile(r"^[ \t]*(https?://\S+)[ \t]*$", re.MULTILINE)
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
CAPTIONED_IMAGE = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I)
GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
SHORTCODE = re.compile(r"\[/?([A-Za-z_][\w-]*)(?:\s[^\]]*)?\]")
IDS = re.compile(r"""ids\s*=\s*["']?([\d,\s]+)""", re.I)

BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "figure", "div",
    "section", "article", "aside", "header", "footer", "table", "pre", "hr", "iframe", "form",
    "wp-gallery", "wp-embed", "address", "details", "center",
}  # fmt: skip
TEXT_ONLY = {"table", "pre", "dl", "form", "address"}  # rich text has no such blocks
CONTAINERS = {"div", "section", "article", "aside", "header", "footer", "center", "details"}
RICH_TEXT_TAGS = {"p", "br", "a", "b", "strong", "i", "em", "h3", "h4", "ul", "ol", "li"}
PLAIN_TAGS = {"span", "font", "u", "small", "big", "sup", "sub", "abbr", "cite", "time", "mark"}
DEFAULT_SPOILER_LABEL = "Spoilers ahead"


@dataclass
class Conversion:
    """The blocks of one body, with what the report should mention."""

    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # (kind, detail)


class BodyBuilder:
    """Collects blocks in order: the open text section, the open spoiler section, the rest."""

    def __init__(self, allowed, media, post_id):
        self.allowed, self.media, self.post_id = allowed, media, post_id
        self.result = Conversion()
        self.heading, self.parts = "", []
        self.spoiler = None  # {"level", "heading", "parts"}
        self.has_verdict = False

    def warn(self, kind, detail=""):
        self.result.warnings.append((kind, detail))

    # Text -----------------------------------------------------------------------------------

    def add_html(self, fragment):
        (self.spoiler["parts"] if self.spoiler else self.parts).append(fragment)

    def rich_text(self, parts):
        html = "".join(parts)
        for tag in unsupported_tags(html):
            self.warn("markup kept as text", tag)
        cleaned = nh3.clean(
            html,
            tags=RICH_TEXT_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
        )
        return re.sub(r"<p>(?:\s|&nbsp;|<br>)*</p>", "", cleaned).strip()

    def close_text(self):
        text = self.rich_text(self.parts)
        if text or self.heading:
            self.result.blocks.append(
                {"type": "text", "value": {"heading": self.heading[:120], "text": text}}
            )
        self.heading, self.parts = "", []

    def close_spoiler(self):
        spoiler, self.spoiler = self.spoiler, None
        value = {
            "heading": spoiler["heading"],
            "warning_label": DEFAULT_SPOILER_LABEL,
            "text": self.rich_text(spoiler["parts"]),
        }
        self.result.blocks.append({"type": "spoiler", "value": value})

    def add_block(self, block_type, value, fallback_html):
        """A block of its own, or its text where a spoiler section or the page type needs it."""
        if self.spoiler or block_type not in self.allowed:
            self.add_html(fallback_html)
            return
        self.close_text()
        self.result.blocks.append({"type": block_type, "value": value})

    # Elements -------------------------------------------------------------------------------

    def heading_element(self, level, title):
        if self.spoiler and level <= self.spoiler["level"]:
            self.close_spoiler()
        if SPOILER_HEADING.search(title) and "spoiler" in self.allowed and not self.spoiler:
            self.close_text()
            rest = SPOILER_HEADING.sub("", title).strip(f" :(){DASHES}[]!")
            self.spoiler = {"level": level, "heading": rest[:120], "parts": []}
        elif level <= 2 and not self.spoiler:
            self.close_text()
            self.heading = title
        else:
            sub = 3 if level <= 3 else 4
            self.add_html(f"<h{sub}>{escape(title)}</h{sub}>")

    def quote_element(self, element):
        paragraphs = list(element.iter("p")) or [element]
        cites = list(element.iter("cite"))
        speaker = " ".join(inner_text(cite) for cite in cites).strip(f" {DASHES}")
        for cite in cites:
            cite.drop_tree()
        quote = "\n".join(t for t in (inner_text(p) for p in paragraphs) if t)
        if not quote:
            return
        fallback = f"<p>“{escape(quote)}”{f' ({escape(speaker)})' if speaker else ''}</p>"
        value = {"quote": quote, "speaker": speaker[:120], "source": ""}
        self.add_block("quote", value, fallback)

    def paragraph_element(self, element):
        images = element.xpath(".//img")
        if images and not inner_text(element):
            for image in images:
                self.image(image.get("src", ""), image.get("alt", ""), "")
            return
        line = inner_text(element)
        match = VERDICT_LINE.match(line)
        if match and not self.spoiler and not self.has_verdict and "verdict" in self.allowed:
            value = self.media.verdict(match["rest"].strip(), self.score(match["rest"]))
            if value:
                self.has_verdict = True
                self.add_block("verdict", value, "")
                return
            self.warn("verdict line kept as text", line[:80])
        self.add_html(outer_html(element))

    def figure_element(self, element):
        quote = element.find(".//blockquote")
        if quote is not None:
            self.quote_element(quote)
            return
        caption = " ".join(inner_text(c) for c in element.iter("figcaption"))
        images = element.xpath(".//img")
        for image in images:
            self.image(image.get("src", ""), image.get("alt", ""), caption)
        if not images:  # e.g. Gutenberg's embed figure: whatever it holds
            for child in top_level(element):
                self.element(child)

    def image(self, src, alt, caption):
        image = self.media.image_for_url(src) if src else None
        if image is None:
            label = escape(alt or src.rsplit("/", 1)[-1] or "image")
            caption_html = f" {escape(caption)}" if caption else ""
            self.add_html(f'<p><a href="{escape(src)}">{label}</a>{caption_html}</p>')
            return
        value = {
            "image": {"image": image.pk, "decorative": False, "alt_text": alt or image.title},
            "caption": caption[:250],
            "credit": "",
        }
        fallback = f'<p><a href="{escape(src)}">{escape(alt or image.title)}</a></p>'
        self.add_block("image", value, fallback)

    def video(self, url):
        watch = watch_url(url)
        if not watch:
            self.warn("embed kept as a link", url)
            self.add_html(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')
            return
        link = f'<p><a href="{escape(watch)}">{escape(watch)}</a></p>'
        self.add_block("trailer", {"video": watch, "caption": ""}, link)

    def gallery(self, element):
        ids = [int(i) for i in element.get("ids", "").split(",") if i.strip().isdigit()]
        urls = self.media.gallery_urls(ids, self.post_id)
        if not urls:
            self.warn("gallery without images", f"post {self.post_id}")
        for url in urls:
            self.image(url, "", "")

    def score(self, line):
        found = SCORE.search(line)
        if not found:
            return None
        value = Decimal(found["value"].replace(",", ".")) / Decimal(found["scale"]) * 10
        halves = (value * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 2
        return min(max(halves, Decimal(0)), Decimal(10))

    def element(self, element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if title := inner_text(element):
                self.heading_element(int(tag[1]), title)
        elif tag == "blockquote":
            self.quote_element(element)
        elif tag == "p":
            self.paragraph_element(element)
        elif tag == "figure":
            self.figure_element(element)
        elif tag == "img":
            self.image(element.get("src", ""), element.get("alt", ""), "")
        elif tag == "wp-gallery":
            self.gallery(element)
        elif tag in ("wp-embed", "iframe"):
            self.video(element.get("url") or element.get("src") or "")
        elif tag in CONTAINERS:
            for child in top_level(element):
                self.element(child)
        elif tag == "hr" or not tag:
            return
        elif tag in TEXT_ONLY:
            self.warn("markup kept as text", tag)
            self.add_html(text_paragraphs(element))
        else:
            self.add_html(outer_html(element))

    def finish(self):
        if self.spoiler:
            self.close_spoiler()
        self.close_text()
        return self.result


def convert(html, media, *, allowed, post_id=0):
    """Blocks for `html`; `media` finds images, galleries and verdict labels."""
    builder = BodyBuilder(allowed, media, post_id)
    html, unknown = expand_shortcodes(html or "")
    for name in unknown:
        builder.warn("unknown shortcode kept as text", name)
    if html.strip():
        root = lxml_html.fragment_fromstring(html, create_parent="div")
        for element in top_level(root):
            builder.element(element)
    return builder.finish()


def expand_shortcodes(html):
    """The shortcodes this importer understands, as elements; the names of the others."""
    html = CAPTION.sub(caption_figure, html)
    html = GALLERY.sub(
        lambda m: f'<wp-gallery ids="{",".join(IDS.findall(m[1])).replace(" ", "")}"></wp-gallery>',
        html,
    )
    html = EMBED.sub(lambda m: f'<wp-embed url="{escape(m[1].strip())}"></wp-embed>', html)
    html = OWN_LINE_URL.sub(
        lambda m: f'<wp-embed url="{escape(m[1])}"></wp-embed>' if VIDEO_URL.match(m[1]) else m[0],
        html,
    )
    unknown = sorted({m[1].lower() for m in SHORTCODE.finditer(strip_tags(html))})
    return html, unknown


def caption_figure(match):
    inner = match[2]
    image = CAPTIONED_IMAGE.search(inner)
    if not image:
        return match[0]
    caption = (inner[: image.start()] + inner[image.end() :]).strip()
    return f"<figure>{image[0]}<figcaption>{caption}</figcaption></figure>"


def top_level(container):
    """The container's block-level children, with loose text and inline markup made paragraphs."""
    run = [escape(container.text or "")] if container.text else []
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in BLOCK_TAGS:
            yield from paragraphs("".join(run))
            run = []
            yield child
            if child.tail:
                run.append(escape(child.tail))
        elif tag:
            run.append(outer_html(child))
        elif child.tail:  # a comment: only its tail is text
            run.append(escape(child.tail))
    yield from paragraphs("".join(run))


def paragraphs(html):
    """WordPress's automatic paragraphs for a run of text and inline markup."""
    for chunk in re.split(r"\n\s*\n", html):
        chunk = chunk.strip()
        if not chunk:
            continue
        body = re.sub(r"\s*\n\s*", "<br>", chunk)
        element = lxml_html.fragment_fromstring(f"<p>{body}</p>")
        if inner_text(element) or element.xpath(".//img"):
            yield element


def text_paragraphs(element):
    """The element's text as paragraphs: a table row or a line of code per paragraph."""
    if element.tag == "table":
        lines = [" | ".join(inner_text(cell) for cell in row) for row in element.iter("tr")]
    elif element.tag == "pre":
        lines = ["".join(element.itertext()).strip("\n")]
    else:
        lines = [inner_text(child) for child in element] or [inner_text(element)]
    return "".join(
        "<p>" + escape(line).replace("\n", "<br>") + "</p>" for line in lines if line.strip()
    )


def outer_html(element):
    """The element and its content, without the text that follows it."""
    tail, element.tail = element.tail, None
    html = etree.tostring(element, encoding="unicode", method="html")
    element.tail = tail
    return html


def inner_text(element):
    return " ".join("".join(element.itertext()).split())


def strip_tags(html):
    return re.sub(r"<[^>]*>", " ", html)


def unsupported_tags(html):
    tags = {m.lower() for m in re.findall(r"<([A-Za-z][\w-]*)", html)}
    return sorted(tags - RICH_TEXT_TAGS - PLAIN_TAGS - {"h1", "h2", "h5", "h6", "img"})


def watch_url(url):
    """The page address of a YouTube or Vimeo video, from a page, short or player address."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if host == "youtube.com" and parts.path == "/watch" and "v" in parse_qs(parts.query):
        return f"https://www.youtube.com/watch?v={parse_qs(parts.query)['v'][0]}"
    if host in ("youtube.com", "youtube-nocookie.com") and parts.path.startswith("/embed/"):
        return f"https://www.youtube.com/watch?v={parts.path.split('/')[2]}"
    if host == "youtu.be" and parts.path.strip("/"):
        return f"https://www.youtube.com/watch?v={parts.path.strip('/')}"
    if host in ("vimeo.com", "player.vimeo.com"):
        video = parts.path.rstrip("/").rsplit("/", 1)[-1]
        return f"https://vimeo.com/{video}" if video.isdigit() else ""
    return ""

"""HTML as review body blocks: a post moved in from another system, or text pasted in the admin.

`html_to_body(html, ...)` is the one entry point; `top_level_elements` and `elements_to_body` are
its two halves, for a reader that takes some elements first. The rules, in the order they apply:
- Text without paragraphs gets them as WordPress shows it (`autop`: a blank line starts a
  paragraph, a line break is a <br>, block elements stay blocks). Text with the block editor's
  comments (`<!-- wp:... -->`) already has its paragraphs and is read as it is.
- A YouTube or Vimeo address alone on a line, a player (<iframe>, <video>, <audio>, <object>,
  <embed>) or a `<figure data-embed="...">` becomes a video; a player of another site, or a
  file, becomes a link to it.
- Headings (see `heading_role`):
  - a verdict heading ("Overall: Worth Seeing", "Verdict - Skip It", "Final score: 8/10")
    becomes the verdict; the paragraphs under it, up to the next heading, its longer text;
  - a heading that announces spoilers starts a spoiler section. A warning about the whole
    review ("Review (with Spoilers)", "Full review - spoilers") runs until a heading of a higher
    level, keeping the headings under it as subheadings; a named one ("Spoilers: the ending")
    runs to the next heading of the same or a higher level. Neither ever swallows a verdict
    heading or a quotes heading ("Collected Quotes", "Favourite lines");
  - other h1/h2 headings start a text section; h3 to h6 stay inside the text as subheadings.
- A paragraph "Verdict: ..." or "Overall: ..." (bold or not) becomes the verdict, once per
  review, when a label can be told from it: a label's name or a score ("8/10", "4 out of 5").
- <blockquote> becomes a quote: the quotation marks around it and the dash before its <cite>
  go; the citation is the source when it names the reviewed work, otherwise the speaker.
- Images become image blocks when `images` finds their file, each with its own caption;
  otherwise, and inside spoiler sections, they stay as a link.
- Everything else stays as rich text: markup the editor does not offer (tables, code) keeps its
  text and is reported, never dropped.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from html import escape, unescape
from urllib.parse import parse_qs, unquote, urlsplit

import nh3
from django.utils.text import Truncator
from lxml import etree
from lxml import html as lxml_html

from core import block_values as shared
from core.blocks import CaptionedImageBlock, RichTextSectionBlock

from . import block_values, cast_lines
from .blocks import ReviewBodyBlock, SpoilerSectionBlock, VerdictBlock
from .models import VerdictLabel

REVIEW_BLOCKS = frozenset(ReviewBodyBlock.base_blocks)
# En dash, em dash, hyphen: the hyphen last, so that "[:{DASHES}]" is no range from ":".
DASHES = "\u2013\u2014-"
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a"
SPOILER_PHRASE = re.compile(
    r"[(\[]?\s*(?:(?:with|contains|includes|full of|major|minor|mild|heavy|some)\s+)?"
    r"spoilers?(?:\s+(?:ahead|below|inside|warning|alert|included|follow))?\s*[)\]]?",
    re.IGNORECASE,
)
WHOLE_REVIEW = re.compile(
    r"^(?:(?:the|my|full|complete|whole|in-depth)\s+)*(?:review|discussion|analysis|thoughts)$",
    re.IGNORECASE,
)
VERDICT_LINE = re.compile(
    rf"^\s*(?:the\s+)?(?:final\s+verdict|verdict|overall|final\s+score|score|rating|"
    rf"bottom\s+line)\s*[:{DASHES}]\s*(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
QUOTES_HEADING = re.compile(
    r"^(?:(?:collected|favou?rite|memorable|best|notable|key)\s+)?(?:quotes|quotations|lines)"
    r"(?:\s+from\s+.+)?$",
    re.IGNORECASE,
)
CAST_HEADING = re.compile(
    r"^(?:the\s+)?(?:main\s+|voice\s+|principal\s+)?cast(?:\s+(?:and|&)\s+crew|\s+list)?$"
    r"|^starring$",
    re.IGNORECASE,
)
SCORE = re.compile(r"(?P<value>\d+(?:[.,]\d+)?)\s*(?:/|out of)\s*(?P<scale>100|10|5)\b", re.I)
VIDEO_URL = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?\S+|youtu\.be/\S+|vimeo\.com/\d+\S*)$"
)
OWN_LINE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
YEAR = re.compile(r"\(\s*\d{4}\s*\)")

# The block elements of WordPress's automatic paragraphs (wpautop).
AUTOP_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    r"map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    r"aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "figure", "div",
    "section", "article", "aside", "header", "footer", "table", "pre", "hr", "form", "video",
    "audio", "object", "embed", "iframe",
    "address", "details", "center", "nav", "fieldset", "menu", "hgroup",
}  # fmt: skip
PLAYERS = ("iframe", "video", "audio", "object", "embed")
TEXT_ONLY = {"table", "pre", "dl", "form", "address", "fieldset"}  # rich text has no such blocks
CONTAINERS = {
    "div", "section", "article", "aside", "header", "footer", "center", "details", "nav", "menu",
    "hgroup",
}  # fmt: skip
RICH_TEXT_TAGS = {"p", "br", "a", "b", "strong", "i", "em", "h3", "h4", "ul", "ol", "li"}
DETAILS_TAGS = {"p", "br", "a", "b", "strong", "i", "em"}
PLAIN_TAGS = {"span", "font", "u", "small", "big", "sup", "sub", "abbr", "cite", "time", "mark"}


@dataclass
class Conversion:
    """The blocks of one body, with what a person should hear about."""

    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # (kind, detail)


class VerdictLabels:
    """The site owners' verdict labels, loaded once, and the label a line of text names."""

    def __init__(self, labels=None):
        labels = VerdictLabel.objects.order_by("sort_order") if labels is None else labels
        self.labels = list(labels)
        self.names = {label.pk: label.name for label in self.labels}

    def named(self, line):
        """The label whose name the line contains, ignoring case and punctuation."""
        words = f" {normalised(line)} "
        return next((lb for lb in self.labels if f" {normalised(lb.name)} " in words), None)

    def for_score(self, score):
        tone = "positive" if score >= 7 else "mixed" if score >= 4.5 else "negative"
        return next((label for label in self.labels if label.tone == tone), None)


class NoImages:
    """Where no image files can be found: every image stays a link."""

    def image_for_url(self, url):
        return None


class BodyBuilder:
    """Collects blocks in order: the open text section, the open spoiler section, the rest."""

    def __init__(self, allowed, images, verdicts, work_title):
        self.allowed, self.images, self.verdicts = allowed, images, verdicts
        self.work_title = work_name(work_title)
        self.result = Conversion()
        self.heading, self.parts = "", []
        self.spoiler = None  # {"level", "whole", "heading", "parts"}
        self.verdict = None  # the verdict block while the paragraphs under it are read
        self.has_verdict = False
        self.summary_is_label = False  # the verdict's summary waits for the paragraph under it
        self.cast_heading = None  # (level, title) of a cast heading until the list under it

    def warn(self, kind, detail=""):
        self.result.warnings.append((kind, detail))

    # Text -----------------------------------------------------------------------------------

    def add_html(self, fragment):
        self.verdict = None
        (self.spoiler["parts"] if self.spoiler else self.parts).append(fragment)

    def rich_text(self, parts, tags=RICH_TEXT_TAGS):
        html = "".join(parts)
        for tag in unsupported_tags(html):
            self.warn("markup kept as text", tag)
        cleaned = nh3.clean(
            html,
            tags=tags,
            attributes={"a": {"href"}},
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
        )
        cleaned = re.sub(r"\s*<br>\s*", "<br>", re.sub(r"\s*\n\s*", " ", cleaned))
        return re.sub(r"<p>(?:\s|&nbsp;|<br>)*</p>", "", cleaned).strip()

    def close_text(self):
        text = self.rich_text(self.parts)
        if text:
            self.append(shared.text_section(text, self.heading))
        elif self.heading:  # a section's text is required: a lone heading is a subheading
            self.append(shared.text_section(subheading(3, self.heading)))
        self.heading, self.parts = "", []

    def close_spoiler(self):
        spoiler, self.spoiler = self.spoiler, None
        text = self.rich_text(spoiler["parts"])
        if text:
            self.append(block_values.spoiler(text, spoiler["heading"]))
        elif spoiler["heading"]:  # nothing to hide under it
            self.append(shared.text_section(subheading(3, spoiler["heading"])))

    def append(self, block):
        self.verdict = None
        self.result.blocks.append(block)

    def add_block(self, block, fallback_html):
        """A block of its own, or its text where a spoiler section or the page type needs it."""
        if self.spoiler or block["type"] not in self.allowed:
            self.add_html(fallback_html)
            return
        self.close_text()
        self.append(block)

    # Headings -------------------------------------------------------------------------------

    def heading_element(self, level, title, role=None):
        self.verdict = None
        role = heading_role(title) if role is None else role
        if self.spoiler and (
            role in ("verdict", "quotes")
            or level < self.spoiler["level"]
            or (level == self.spoiler["level"] and not self.spoiler["whole"])
        ):
            self.close_spoiler()
        if role == "verdict" and self.verdict_from_line(title):
            return
        if role == "cast" and "cast" in self.allowed and not self.spoiler:
            self.cast_heading = (level, title)
            return
        if role == "spoiler" and "spoiler" in self.allowed and not self.spoiler:
            self.close_text()
            rest = SPOILER_PHRASE.sub(" ", title).strip(f" :.,;!(){DASHES}[]")
            whole = bool(WHOLE_REVIEW.match(rest))
            self.spoiler = {"level": level, "whole": whole, "parts": []}
            self.spoiler["heading"] = rest if len(rest) <= field_limit(SpoilerSectionBlock) else ""
            if rest and not self.spoiler["heading"]:
                self.spoiler["parts"].append(subheading(level, rest))
        elif level <= 2 and not self.spoiler:
            self.close_text()
            if len(title) <= field_limit(RichTextSectionBlock):
                self.heading = title
            else:
                self.add_html(subheading(3, title))
        else:
            self.add_html(subheading(level, title))

    # Verdicts -------------------------------------------------------------------------------

    def verdict_from_line(self, line, element=None):
        """The verdict block for a verdict line, if it is the first and a label fits.

        The summary is plain text: a line with links keeps them in the verdict's longer text.
        """
        match = VERDICT_LINE.match(line)
        if not match or self.spoiler or self.has_verdict or "verdict" not in self.allowed:
            return False
        rest = match["rest"].strip()
        named = self.verdicts.named(rest)
        score = score_of(rest)
        label = named or (score is not None and self.verdicts.for_score(score))
        if not label:
            self.warn("verdict line kept as text", line[:80])
            return False
        summary = rest
        if named and f"{normalised(summary)} ".startswith(f"{normalised(named.name)} "):
            summary = strip_words(summary, named.name).lstrip(f" :,.;!{DASHES}")
        details = ""
        if element is not None and element.xpath(".//a[@href]"):
            details = self.rich_text([outer_html(element)], DETAILS_TAGS)
        if len(summary) > field_limit(VerdictBlock, "summary"):
            details = details or f"<p>{escape(summary)}</p>"
            summary = Truncator(summary).chars(field_limit(VerdictBlock, "summary"))
        self.close_text()
        self.has_verdict = True
        # A summary is required: the label's name until a paragraph under the line gives one.
        block = block_values.verdict(label.pk, summary or label.name, score, details)
        self.append(block)
        self.verdict = block
        self.summary_is_label = not summary
        return True

    def verdict_details(self, element):
        """A paragraph under a verdict: the verdict's longer text (and its summary if empty)."""
        value = self.verdict["value"]
        line = inner_text(element)
        plain = not element.xpath(".//a[@href]")
        summary_wanted, self.summary_is_label = self.summary_is_label, False
        if summary_wanted and plain and len(line) <= field_limit(VerdictBlock, "summary"):
            value["summary"] = line
            return
        if summary_wanted:
            value["summary"] = Truncator(line).chars(field_limit(VerdictBlock, "summary"))
        value["details"] += self.rich_text([outer_html(element)], DETAILS_TAGS)

    # Elements -------------------------------------------------------------------------------

    def quote_element(self, element):
        if element.xpath(".//a[@href] | .//img"):  # a quote block holds plain text only
            for child in top_level(element):
                self.element(child)
            return
        for line_break in element.iter("br"):
            line_break.tail = "\n" + (line_break.tail or "")
        cites = list(element.iter("cite"))
        citation = " ".join(inner_text(cite) for cite in cites).strip(f" {DASHES},")
        for cite in cites:
            cite.drop_tree()
        paragraphs = [inner_text(p) for p in (element.xpath(".//p") or [element])]
        quote = "\n".join(p for p in paragraphs if p).strip()
        quote = quote.rstrip(f" {DASHES},").strip().strip(QUOTE_MARKS).strip()
        if not quote:
            if citation:
                self.add_html(f"<p>{escape(citation)}</p>")
            return
        speaker, source = citation, ""
        if citation and work_name(citation) == self.work_title:
            speaker, source = "", citation
        shown = f" ({escape(citation)})" if citation else ""
        fallback = f"<p>\u201c{escape(quote)}\u201d{shown}</p>"
        self.add_block(shared.quote(quote, speaker, source), fallback)

    def paragraph_element(self, element):
        media = take_media(element)
        if not inner_text(element):
            pass
        elif self.verdict is not None:
            self.verdict_details(element)
        elif not self.verdict_from_line(inner_text(element), element):
            self.add_html(outer_html(element))
        self.add_media(media)

    def figure_element(self, element):
        if element.get("data-embed"):
            self.video(element.get("data-embed"))
            return
        quote = element.find(".//blockquote")
        if quote is not None:
            self.quote_element(quote)
            return
        inner_figures = element.findall(".//figure")
        if inner_figures:  # a gallery: each image with its own caption, then the gallery's
            for figure in inner_figures:
                self.figure_element(figure)
            for caption in element.findall("figcaption"):
                self.add_html(f"<p>{escape(inner_text(caption))}</p>")
            return
        caption = " ".join(inner_text(c) for c in element.iter("figcaption"))
        images = element.xpath(".//img")
        for image in images:
            self.image(image.get("src", ""), image.get("alt", ""), caption)
        if not images:  # e.g. the block editor's embed figure: whatever it holds
            for child in top_level(element):
                self.element(child)

    def image(self, src, alt, caption):
        image = self.images.image_for_url(src) if src else None
        label = escape(alt or src.rsplit("/", 1)[-1] or "image")
        caption_html = f" {escape(caption)}" if caption else ""
        link = f'<p><a href="{escape(src)}">{label}</a>{caption_html}</p>'
        if image is None or len(caption) > field_limit(CaptionedImageBlock, "caption"):
            self.add_html(link)
            return
        self.add_block(shared.image(image.pk, alt or image.title, caption), link)

    def video(self, url):
        if not url:
            self.warn("player without an address left out")
            return
        watch = watch_url(url)
        if not watch:
            self.warn("embed kept as a link", url)
            self.add_html(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')
            return
        link = f'<p><a href="{escape(watch)}">{escape(watch)}</a></p>'
        self.add_block(block_values.trailer(watch), link)

    def text_and_media(self, element):
        """The element as text; rich text has no images or players: each becomes a block after."""
        media = take_media(element)
        if inner_text(element):
            self.add_html(outer_html(element))
        self.add_media(media)

    def add_media(self, media):
        for found in media:
            if found.tag == "img":
                self.image(found.get("src", ""), found.get("alt", ""), "")
            else:
                self.video(player_address(found))

    def cast_element(self, element):
        """The list under a cast heading as a cast listing, if every line of it is a role
        ("Count Orlok — Max Schreck", "Max Schreck as Count Orlok"); True if it was."""
        level, title = self.cast_heading
        self.cast_heading = None
        if element.tag in ("ul", "ol"):
            lines = [inner_text(item) for item in element if item.tag == "li"]
        elif element.tag == "p" and not players(element) and element.find(".//img") is None:
            lines = lines_of(element)
        else:
            lines = []
        rows, unread = cast_lines.read("\n".join(lines))
        if rows and not unread:
            self.close_text()
            members = [(row.character, row.performer, row.note) for row in rows]
            self.append(block_values.cast(members, heading=title))
            return True
        self.heading_element(level, title, role="")  # an ordinary section after all
        return False

    def element(self, element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if self.cast_heading and self.cast_element(element):
            return
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
        elif tag in PLAYERS:
            self.video(player_address(element))
        elif tag in CONTAINERS:
            for child in top_level(element):
                self.element(child)
        elif tag == "hr" or not tag:
            return
        elif tag in TEXT_ONLY:
            self.warn("markup kept as text", tag)
            self.add_html(text_paragraphs(element))
        else:
            self.text_and_media(element)

    def finish(self):
        if self.cast_heading:  # a cast heading with nothing under it
            level, title = self.cast_heading
            self.cast_heading = None
            self.heading_element(level, title, role="")
        if self.spoiler:
            self.close_spoiler()
        self.close_text()
        return self.result


def html_to_body(html, *, allowed=REVIEW_BLOCKS, images=None, verdicts=None, work_title=""):
    """The body blocks for `html`, as StreamField stores them, and warnings for a person.

    `allowed`: the block types the page's body offers; `images.image_for_url(url)` finds the
    image for an address (or None: the image stays a link); `verdicts`: a `VerdictLabels`;
    `work_title`: the reviewed work, to tell a quote's source from its speaker.
    """
    return elements_to_body(
        top_level_elements(html),
        allowed=allowed,
        images=images,
        verdicts=verdicts,
        work_title=work_title,
    )


def top_level_elements(html):
    """The elements of `html` that become blocks, in order: a video address alone on a line
    marked as a video, paragraphs made as WordPress shows them. A reader of the text before
    the body (`reviews.pasted`) takes some of them before `elements_to_body` reads the rest."""
    html = html or ""
    html = OWN_LINE_URL.sub(
        lambda m: (
            f'<figure data-embed="{escape(m[1])}"></figure>' if VIDEO_URL.match(m[1]) else m[0]
        ),
        html,
    )
    # WordPress's "read more" and page-break markers end a paragraph when it shows the post.
    html = re.sub(r"<!--\s*(?:more|nextpage)\b.*?-->", "\n\n", html)
    if "<!-- wp:" not in html:
        html = autop(html)
    if not html.strip():
        return []
    return list(top_level(lxml_html.fragment_fromstring(html, create_parent="div")))


def elements_to_body(elements, *, allowed=REVIEW_BLOCKS, images=None, verdicts=None, work_title=""):
    """The body blocks for elements from `top_level_elements` (see `html_to_body`)."""
    builder = BodyBuilder(
        allowed,
        images or NoImages(),
        verdicts if verdicts is not None else VerdictLabels(),
        work_title,
    )
    for element in elements:
        builder.element(element)
    return builder.finish()


def autop(text):
    """Paragraphs for text written without them, as WordPress's wpautop makes them on display.

    A blank line separates paragraphs, a single line break becomes <br>, block elements are
    left as they are and the text of <pre> is not touched.
    """
    if not text.strip():
        return ""
    kept = {}

    def keep(match):
        name = f"<pre data-kept-{len(kept)}></pre>"
        kept[name] = match[0]
        return name

    text = re.sub(r"<pre\b.*?</pre>", keep, text + "\n", flags=re.S | re.I)
    text = re.sub(r"<[^>]*>", lambda m: m[0].replace("\r", " ").replace("\n", " "), text)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    text = re.sub(rf"(<{AUTOP_BLOCKS}[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</{AUTOP_BLOCKS}>)", r"\1\n\n", text, flags=re.I)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text, flags=re.I)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
    text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    chunks = [chunk for chunk in re.split(r"\n\s*\n", text) if chunk]
    text = "".join(f"<p>{chunk.strip(chr(10))}</p>\n" for chunk in chunks)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{AUTOP_BLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{AUTOP_BLOCKS}[^>]*>)", r"\1", text, flags=re.I)
    text = re.sub(rf"(</?{AUTOP_BLOCKS}[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<br\s*/?>", "<br />", text, flags=re.I)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?{AUTOP_BLOCKS}[^>]*>)\s*<br />", r"\1", text, flags=re.I)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in kept.items():
        text = text.replace(name, original)
    return text


def heading_role(title):
    """What a heading announces: "verdict", "quotes", "spoiler" or "" (an ordinary section)."""
    if VERDICT_LINE.match(title):
        return "verdict"
    if QUOTES_HEADING.match(normalised(title)):
        return "quotes"
    if re.search(r"\bspoilers?\b", title, re.IGNORECASE):
        return "spoiler"
    if CAST_HEADING.match(title.strip().rstrip(":")):
        return "cast"
    return ""


def top_level(container):
    """The container's block-level children, loose text and inline markup made paragraphs."""
    run = [escape(container.text)] if container.text else []
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in BLOCK_TAGS:
            yield from paragraphs("".join(run))
            run = []
            yield child
        elif tag:
            run.append(outer_html(child))
        if child.tail:  # the text after an element (or a comment) belongs to the run
            run.append(escape(child.tail))
    yield from paragraphs("".join(run))


def paragraphs(html):
    """Loose text and inline markup as paragraphs, the way `autop` would make them."""
    if not html.strip():
        return
    root = lxml_html.fragment_fromstring(autop(html), create_parent="div")
    for element in root:
        if inner_text(element) or element.xpath("descendant-or-self::img"):
            yield element


def text_paragraphs(element):
    """The element's text as paragraphs: a table row or a line of code per paragraph."""
    if element.tag == "table":
        lines = [" | ".join(inner_text(cell) for cell in row) for row in element.iter("tr")]
    elif element.tag == "pre":
        lines = ["".join(element.itertext()).strip("\n")]
    else:  # a line for each item, term or field, whatever its markup
        html = re.sub(
            r"<(?:br|/(?:p|div|dt|dd|li|label|legend|h\d))\b[^>]*>", "\n", outer_html(element)
        )
        lines = [" ".join(line.split()) for line in visible_text(html).split("\n")]
    return "".join(
        "<p>" + escape(line).replace("\n", "<br>") + "</p>" for line in lines if line.strip()
    )


def subheading(level, title):
    sub = 3 if level <= 3 else 4
    return f"<h{sub}>{escape(title)}</h{sub}>"


def field_limit(block_class, name="heading"):
    return shared.max_length(block_class, name) or 10**9


def score_of(line):
    """A score out of 10 in steps of 0.5 from "8/10", "4 out of 5" or "85/100"."""
    found = SCORE.search(line)
    if not found:
        return None
    value = Decimal(found["value"].replace(",", ".")) / Decimal(found["scale"]) * 10
    halves = (value * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 2
    return min(max(halves, Decimal(0)), Decimal(10))


def work_name(title):
    """A film's title as critics cite it: "Her (2013) review" and "Her" are one work."""
    name = normalised(YEAR.sub("", title))
    return re.sub(r"^(?:review\s+)|(?:\s+review)$", "", name)


def normalised(text):
    """Lower case words without punctuation, for matching labels and titles."""
    return " ".join(re.findall(r"\w+", text.lower()))


def strip_words(text, words):
    """`text` without the leading words of `words` (matched as `normalised` matches them)."""
    count = len(normalised(words).split())
    found = list(re.finditer(r"\w+", text))
    return text[found[count - 1].end() :] if len(found) >= count else ""


def outer_html(element):
    """The element and its content, without the text that follows it."""
    tail, element.tail = element.tail, None
    html = etree.tostring(element, encoding="unicode", method="html")
    element.tail = tail
    return html


def inner_text(element):
    return " ".join("".join(element.itertext()).split())


def lines_of(element):
    """The text of each line of a paragraph (lines end at its <br>s)."""
    return [
        inner_text(lxml_html.fragment_fromstring(part, create_parent="div"))
        for part in line_html(element)
    ]


def line_html(element):
    """The markup of each line of a paragraph, without the <br>s that end them."""
    inner = escape(element.text or "") + "".join(
        etree.tostring(child, encoding="unicode") for child in element
    )
    return re.split(r"<br\s*/?>", inner, flags=re.IGNORECASE)


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


# What a reader sees of a body, for checking that a conversion kept every word -------------


def visible_text(html):
    """The text of some HTML as a reader sees it: no markup, scripts, styles or comments.

    Block elements and line breaks separate words; inline markup does not ("mc<sup>2</sup>").
    """
    html = re.sub(r"<!--.*?-->", " ", html or "", flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", html, flags=re.S | re.I)
    separators = rf"{AUTOP_BLOCKS}|br|img|input|cite|{'|'.join(PLAYERS)}"
    html = re.sub(rf"</?(?:{separators})\b[^>]*>", " ", html, flags=re.I)
    return unescape(re.sub(r"<[^>]*>", "", html))


def words(text):
    return re.findall(r"\w+", text.lower())


def link_addresses(html):
    """The addresses of the links that have text a reader can click."""
    found = []
    root = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for link in root.iter("a"):
        if link.get("href") and inner_text(link):
            found.append(unquote(link.get("href")).strip())
    return found


def image_addresses(html):
    return re.findall(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)", html or "", flags=re.I)


def video_addresses(html):
    """Players and video addresses alone on a line: the videos a reader of `html` sees."""
    html = OWN_LINE_URL.sub(
        lambda m: f'<figure data-embed="{escape(m[1])}"></figure>' if VIDEO_URL.match(m[1]) else "",
        html or "",
    )
    if not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    found = [player_address(player) for player in players(root)]
    return [url for url in found if url] + [
        f.get("data-embed") for f in root.iter("figure") if f.get("data-embed")
    ]


def take_media(element):
    """The images and players in `element`, taken out of it (the text around them stays)."""
    media = [*element.iter("img"), *players(element)]
    for found in media:
        found.tail = " " + (found.tail or "")  # the words either side stay apart
        found.drop_tree()
    return media


def players(element):
    """The outermost players in `element` (an <embed> inside an <object> is one player)."""
    return [
        found
        for found in element.iter(*PLAYERS)
        if not any(ancestor.tag in PLAYERS for ancestor in found.iterancestors())
    ]


def player_address(player):
    """The address a player shows: its src or data, or that of its first <source>/<embed>."""
    for candidate in player.iter("iframe", "video", "audio", "object", "embed", "source"):
        if address := candidate.get("src") or candidate.get("data"):
            return address.strip()
    return ""


def body_text(raw_blocks, label_names):
    """Everything a reader can read in a body (StreamField's stored data), as HTML."""
    parts = []
    for block in raw_blocks:
        value = block["value"]
        kind = block["type"]
        if kind in ("text", "spoiler"):
            parts += [value.get("heading", ""), value.get("warning_label", ""), value["text"]]
        elif kind == "quote":
            parts += [escape(value["quote"]), value["speaker"], value["source"]]
        elif kind == "verdict":
            label = escape(label_names.get(value["label"], ""))
            parts += [label, escape(value["summary"]), value.get("details") or ""]
            parts.append(str(value["score"] or ""))
        elif kind == "image":
            parts += [escape(value["caption"]), escape(value["credit"])]
        elif kind == "trailer":
            parts.append(escape(value["caption"]))
        elif kind == "cast":
            rows = value["members"]
            parts.append(value["heading"])
            # As a reader takes a row in, whichever way it was written ("Orlok — Schreck",
            # "Schreck as Orlok"); a row's person is an id, not text.
            parts += [
                f"{row['value']['performer']} as {row['value']['character']} "
                f"{row['value'].get('note', '')}"
                for row in rows
            ]
    return "\n".join(f"<p>{part}</p>" for part in parts if part)

"""Reading a WordPress eXtended RSS export (WXR 1.0, 1.1 and 1.2) as a stream.

`survey()` reads the whole file once without keeping it: it refuses broken XML and files that
are not WordPress exports before anything is written, counts the items for the progress bar
and notes where each attachment lives (posts may name their featured image before it).
`read()` then yields the site's authors, terms and items one at a time; each element is freed
as soon as it has been read, so memory stays flat however large the export is.
"""

import re
import xml.parsers.expat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

# Elements are bound to their vocabulary the way WordPress's own importer does it: by the prefix
# the export uses (wp:, excerpt:, content:, dc:) or by a namespace address known to be theirs,
# whichever scheme (http or https) and host (wordpress.org or wordpress.com) it names.
EXPORT_URI = r"https?://(?:www\.)?wordpress\.(?:org|com)/export/\d+\.\d+/"
NAMESPACES = {
    "wp": re.compile(rf"^{EXPORT_URI}$"),
    "excerpt": re.compile(rf"^{EXPORT_URI}excerpt/$"),
    "content": re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/?$"),
    "dc": re.compile(r"^https?://purl\.org/dc/elements/1\.1/?$"),
}
SUPPORTED_VERSIONS = {"1.0", "1.1", "1.2"}
CHANNEL_PARTS = {"author", "category", "tag", "term"}


class ExportError(Exception):
    """The file cannot be imported; the message says why, for the person running the import."""


@dataclass
class Comment:
    wp_id: int
    author: str
    email: str
    url: str
    ip: str
    date: datetime | None
    content: str
    approved: str
    type: str
    parent: int


@dataclass
class Item:
    wp_id: int
    post_type: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    date: datetime | None
    slug: str
    status: str
    parent: int
    password: str
    attachment_url: str
    categories: list = field(default_factory=list)  # (slug, name)
    tags: list = field(default_factory=list)  # (slug, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)


@dataclass
class Survey:
    version: str
    site_url: str
    items: int
    attachments: dict  # WordPress id of an attachment -> (its file's address, its post's id)
    lenient: bool = False  # namespace declarations are odd: elements are read by their prefix
    note: str = ""  # what is odd about the file, for the report


def split_tag(element):
    """(namespace address, prefix, local name) of an element, also of an undeclared prefix."""
    tag = element.tag
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, element.prefix or "", name
    prefix, _, name = tag.rpartition(":")
    return "", prefix, name


def localname(element):
    return split_tag(element)[2]


def in_vocabulary(element, vocabulary):
    namespace, prefix, _ = split_tag(element)
    if namespace and NAMESPACES[vocabulary].match(namespace):
        return True
    # A known address bound to another vocabulary's prefix belongs to that vocabulary.
    known = any(pattern.match(namespace) for pattern in NAMESPACES.values())
    return prefix == vocabulary and not known


def is_wp(element):
    return in_vocabulary(element, "wp")


def events(path, lenient=False):
    """End events over the file, each element freed once its parent no longer needs it.

    `lenient` reads a well-formed file whose namespace declarations XML namespaces reject
    (an address with spaces or non-ASCII letters, an undeclared prefix), as WordPress does.
    """
    try:
        # Opened here rather than by lxml, so that a reader stopped early (an interrupted
        # import) closes the file with the generator.
        with open(path, "rb") as source:
            parser = etree.iterparse(
                source,
                events=("end",),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=True,
                remove_comments=True,
                recover=lenient,
            )
            for _, element in parser:
                yield element
    except etree.XMLSyntaxError as exc:
        last = exc.error_log.last_error if exc.error_log else None
        if last is not None and last.domain_name == "NAMESPACE":
            raise NamespaceProblem(str(exc)) from exc
        raise ExportError(f"{path} is not well-formed XML: {exc}") from exc
    except OSError as exc:
        raise ExportError(f"{path} cannot be read: {exc}") from exc


class NamespaceProblem(Exception):
    """The XML is well-formed so far, but a namespace declaration breaks XML namespaces."""


def well_formed(path):
    """None if the file is well-formed XML (namespaces aside), else what is wrong."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except xml.parsers.expat.ExpatError as exc:
        return str(exc)
    return None


def release(element):
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def text(element, name, wp=True):
    """The text of the first child called `name` (in the wp namespace if `wp`)."""
    for child in element:
        if localname(child) == name and is_wp(child) == wp:
            return (child.text or "").strip()
    return ""


def child_text(element, vocabulary, name):
    for child in element:
        if localname(child) == name and in_vocabulary(child, vocabulary):
            return child.text or ""
    return ""


def number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def gmt_date(value, fallback=""):
    """WordPress's '2019-05-01 12:00:00' (GMT) or, failing that, the RSS pubDate."""
    if value and not value.startswith("0000"):
        try:
            return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:
            pass
    if fallback:
        try:
            return parsedate_to_datetime(fallback).astimezone(UTC)
        except (TypeError, ValueError):
            pass
    return None


def survey(path):
    try:
        return survey_pass(path, lenient=False)
    except NamespaceProblem as problem:
        if error := well_formed(path):
            raise ExportError(f"{path} is not well-formed XML: {error}") from problem
        found = survey_pass(path, lenient=True)
        found.note = f"namespace declarations not valid, read by their prefixes ({problem})"
        return found


def survey_pass(path, lenient):
    root_seen = channel_seen = False
    version, site_url, items, attachments = "", "", 0, {}
    for element in events(path, lenient):
        name = localname(element)
        if name == "item" and not is_wp(element):
            items += 1
            if text(element, "post_type") == "attachment":
                address = text(element, "attachment_url")
                attachments[number(text(element, "post_id"))] = (
                    address,
                    number(text(element, "post_parent")),
                )
            release(element)
        elif is_wp(element) and name == "wxr_version":
            version = (element.text or "").strip()
        elif is_wp(element) and name in ("base_site_url", "base_blog_url"):
            site_url = site_url or (element.text or "").strip()
        elif name == "channel":
            channel_seen = True
        elif name == "rss":
            root_seen = element.getparent() is None
    if not (root_seen and channel_seen):
        raise ExportError(f"{path} is not a WordPress export: it has no RSS channel.")
    if not version:
        raise ExportError(
            f"{path} has no WXR version (wp:wxr_version): it is not a WordPress export, "
            "or it was cut short or edited by hand."
        )
    if version not in SUPPORTED_VERSIONS:
        raise ExportError(f"{path} is WXR {version}; this importer reads WXR 1.0 to 1.2.")
    return Survey(version, site_url.rstrip("/"), items, attachments, lenient)


def read(path, lenient=False):
    """Yield ("author" | "category" | "tag", dict) and ("item", Item) in file order."""
    for element in events(path, lenient):
        name = localname(element)
        parent = element.getparent()
        at_channel_level = parent is not None and localname(parent) == "channel"
        if name == "item" and not is_wp(element):
            yield "item", parse_item(element)
            release(element)
        elif is_wp(element) and at_channel_level and name in CHANNEL_PARTS:
            yield from parse_channel_part(name, element)
            release(element)


# The element names of a term's fields: in <wp:category>, <wp:tag> and WXR 1.2's <wp:term>.
TERM_FIELDS = {
    "category": ("category_nicename", "cat_name", "category_parent", "category_description"),
    "tag": ("tag_slug", "tag_name", "", "tag_description"),
    "term": ("term_slug", "term_name", "term_parent", "term_description"),
}


def parse_channel_part(name, element):
    if name == "author":
        author = {
            "login": text(element, "author_login"),
            "email": text(element, "author_email"),
            "display_name": text(element, "author_display_name"),
        }
        yield "author", author
        return
    taxonomy = {"category": "category", "tag": "tag"}.get(name) or {
        "category": "category",
        "post_tag": "tag",
    }.get(text(element, "term_taxonomy"))
    if taxonomy:
        fields = ("slug", "name", "parent", "description")
        values = [text(element, tag) if tag else "" for tag in TERM_FIELDS[name]]
        yield taxonomy, dict(zip(fields, values, strict=True))


def parse_item(element):
    item = Item(
        wp_id=number(text(element, "post_id")),
        post_type=text(element, "post_type") or "post",
        title=text(element, "title", wp=False),
        link=text(element, "link", wp=False),
        creator=child_text(element, "dc", "creator").strip(),
        content=child_text(element, "content", "encoded"),
        excerpt=child_text(element, "excerpt", "encoded"),
        date=gmt_date(text(element, "post_date_gmt"), text(element, "pubDate", wp=False)),
        slug=text(element, "post_name"),
        status=text(element, "status") or "publish",
        parent=number(text(element, "post_parent")),
        password=text(element, "post_password"),
        attachment_url=text(element, "attachment_url"),
    )
    for child in element:
        name = localname(child)
        if name == "category" and not is_wp(child):
            term = (child.get("nicename") or "", (child.text or "").strip())
            domain = child.get("domain")
            if domain == "category":
                item.categories.append(term)
            elif domain == "post_tag":
                item.tags.append(term)
        elif name == "postmeta" and is_wp(child):
            item.meta[text(child, "meta_key")] = text(child, "meta_value")
        elif name == "comment" and is_wp(child):
            item.comments.append(parse_comment(child))
    return item


def parse_comment(element):
    return Comment(
        wp_id=number(text(element, "comment_id")),
        author=text(element, "comment_author"),
        email=text(element, "comment_author_email"),
        url=text(element, "comment_author_url"),
        ip=text(element, "comment_author_IP"),
        date=gmt_date(text(element, "comment_date_gmt")) or gmt_date(text(element, "comment_date")),
        content=text(element, "comment_content"),
        approved=text(element, "comment_approved"),
        type=text(element, "comment_type"),
        parent=number(text(element, "comment_parent")),
    )

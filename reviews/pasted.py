"""A review pasted whole from another site: besides the body, the title, the facts about the
work, the categories and the intro that its text carries, and what of them fills the form.

`read_review(html, ...)` takes them out of the text; the elements left become the body through
`conversion.elements_to_body`, the converter the WordPress importer uses. What it recognises:
- the title: a leading <h1>, or the first line of the text when it reads as a title (a few
  words, no sentence; or followed by facts). "Sherlock Jr. (1924)" gives the year too;
  "Review: " before a title and " - review" after it are dropped;
- facts, each on a line of its own or as parts of one line split by "·", "•", "|" or a spaced
  slash or dash ("1924 · Directed by Buster Keaton · 45 min"):
  - the year: "Year: 1924", "Released 1924", or a year alone beside other facts;
  - the director or creator: "Directed by", "Director:", "Dir.", "A film by", "Created by",
    "Creator:" before names (words that start with a capital, joined by commas, "and", "&");
  - the runtime: "Runtime: 45 minutes", "Running time 1h 32m", "Length: 92 min", or a
    duration alone beside other facts;
  - the original title ("Original title: ..."), the kind ("Kind: TV series", or "Short film"
    beside other facts);
- categories: "Categories:", "Category:", "Filed under", "Genre:", "Tags:", "Tagged:",
  "Posted in:" before names split by commas, matched to the site's categories with case,
  accents and punctuation aside ("silent-era" is "Silent era"); other names are listed;
- the intro: the first paragraph of the body, if the review has no intro and it fits one.

A line is facts only whole: a paragraph that mentions who directed the film in a sentence stays
in the body. A paragraph or list whose every line is facts leaves the body; in such a block a
"Label: value" line that fills nothing ("Country: USA") is listed as not used.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import capfirst
from lxml import html as lxml_html

from people import names

from .conversion import (
    DASHES,
    QUOTE_MARKS,
    VERDICT_LINE,
    elements_to_body,
    inner_text,
    line_html,
    lines_of,
    top_level_elements,
)
from .forms import FILLED_FROM_TEXT
from .models import EARLIEST_RELEASE_YEAR, ReviewPage

# Between the facts of one line: a middle dot, bullet or bar; a slash or dash with spaces.
SEPARATOR = re.compile(rf"\s*[·•|]\s*|\s+[/{DASHES}]\s+")
LABEL_END = rf"\s*(?:[:{DASHES}]\s*|\s+)"  # "Director: X", "Director - X", "Running time 1h"
LABELS = {
    "release_year": r"year|released(?:\s+in)?|release\s+year|first\s+released",
    "director": (
        r"(?:written\s+and\s+)?directed\s+by|directors?|dir\.|a\s+film\s+by|created\s+by|"
        r"creators?|showrunners?"
    ),
    "runtime_minutes": r"runtime|running\s+time|run\s+time|length|duration",
    "original_title": r"original\s+title",
    "kind": r"kind|type|format",
}
LABELLED = {
    name: re.compile(rf"^(?:{label}){LABEL_END}(?P<value>.+)$", re.IGNORECASE)
    for name, label in LABELS.items()
}
# Names after "Filed under" or "Categories:"; "Tags" and "Posted in" only with a colon.
CATEGORIES_LINE = re.compile(
    r"^(?:(?:categories|category|genres?|tags|tagged(?:\s+with|\s+as)?|posted\s+in)\s*:"
    r"|filed\s+under\s*:?)\s*(?P<value>.+)$",
    re.IGNORECASE,
)
ANY_LABEL = re.compile(r"^(?P<label>[^\W\d][\w.'\u2019 ]{0,30}?)\s*:\s*(?P<value>\S.{0,120})$")
YEAR = re.compile(r"^[(\[]?(?P<year>\d{4})[)\]]?$")
DURATION = re.compile(
    r"^(?:(?P<hours>\d{1,2})\s*(?:h|hrs?|hours?)\.?\s*(?:(?P<and>\d{1,2})\s*(?:m|mins?|minutes?)?)?"
    r"|(?P<minutes>\d{1,4})\s*(?:m|mins?|minutes?))\.?$",
    re.IGNORECASE,
)
TITLE_AND_YEAR = re.compile(
    rf"^(?P<title>.+?)\s*[(\[](?P<year>\d{{4}})[)\]]"
    rf"(?:\s*(?:[:|{DASHES}]\s*)?(?:(?:film|movie)\s+)?review)?$",
    re.IGNORECASE,
)
REVIEW_BEFORE = re.compile(rf"^(?:(?:film|movie)\s+)?review\s*[:|{DASHES}]\s*", re.IGNORECASE)
REVIEW_AFTER = re.compile(rf"\s+[:|{DASHES}]\s*(?:(?:film|movie)\s+)?review$", re.IGNORECASE)
SENTENCE_END = re.compile(r"(\S+)[.!?…](?=\s|$)")
ABBREVIATIONS = {"jr", "sr", "st", "dr", "mr", "mrs", "ms", "vol", "no", "pt", "vs", "ii", "iii"}
NAME_PARTICLES = {
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos",
    "y", "bin", "al", "el", "ten", "ter",
}  # fmt: skip
KINDS = {
    "film": "film", "movie": "film", "feature": "film", "feature film": "film",
    "tv series": "tv_series", "tv show": "tv_series", "series": "tv_series",
    "television series": "tv_series", "miniseries": "miniseries", "mini series": "miniseries",
    "limited series": "miniseries", "anime": "anime", "documentary": "documentary",
    "short": "short", "short film": "short",
}  # fmt: skip
MOST_TITLE_WORDS = 12
MOST_CATEGORY_WORDS = 4
OFTEN_ABSENT = {"original_title", "kind"}  # not worth a "not found" line


@dataclass
class PastedReview:
    """What the text gives: the body, the fields' values, the categories named in it."""

    conversion: object  # conversion.Conversion: the body's blocks and warnings
    facts: dict = field(default_factory=dict)  # field name: value
    categories: list = field(default_factory=list)  # Category objects, in the text's order
    unknown_categories: list = field(default_factory=list)
    unused: list = field(default_factory=list)  # lines taken out of the text that fill nothing
    intro_too_long: bool = False


@dataclass
class Fill:
    """One field of the review and what the pasted text would put in it."""

    name: str
    label: str
    value: object
    current: object
    state: str  # "fill" (empty now), "same", "differs" (filled only if confirmed), "missing"

    @property
    def shown(self):
        return shown(self.name, self.value)

    @property
    def current_shown(self):
        return shown(self.name, self.current)


def read_review(html, *, categories, verdicts=None, work_title="", with_intro=True):
    """The pasted `html` as a `PastedReview`. `categories`: the site's categories, to match names
    against; `with_intro`: take the first paragraph as the intro (the review has none)."""
    elements = top_level_elements(html)
    reader = FactsReader(list(categories))
    elements = reader.take_title(elements)
    elements = [element for element in elements if not reader.take_facts(element)]
    if with_intro:
        elements = reader.take_intro(elements)
    title = work_title or reader.facts.get("title", "")
    reader.result.conversion = elements_to_body(elements, verdicts=verdicts, work_title=title)
    return reader.result


class FactsReader:
    def __init__(self, categories):
        self.categories = categories
        self.result = PastedReview(conversion=None)
        self.facts = self.result.facts

    def found(self, name, value):
        if name == "categories":
            self.found_categories(value)
        else:
            self.facts.setdefault(name, value)

    def found_categories(self, wanted):
        for name in wanted:
            key = names.normalise(name)
            match = next(
                (c for c in self.categories if key in (names.normalise(c.name), c.slug)), None
            )
            if match and match not in self.result.categories:
                self.result.categories.append(match)
            elif not match and name not in self.result.unknown_categories:
                self.result.unknown_categories.append(name)

    # The title, the facts and the intro ------------------------------------------------------

    def take_title(self, elements):
        """The elements without the title (a leading <h1>, or the first line of the first
        paragraph when it reads as a title)."""
        if not elements:
            return elements
        first, rest = elements[0], elements[1:]
        if first.tag == "h1":
            self.title_line(inner_text(first), heading=True)
            return rest
        if first.tag != "p":
            return elements
        lines = line_html(first)
        text = [plain(line) for line in lines]
        next_line = text[1] if len(text) > 1 else first_line(rest)
        if not (text[0] and self.title_line(text[0], followed_by=next_line, alone=len(text) == 1)):
            return elements
        if len(lines) == 1:
            return rest
        remaining = lxml_html.fragment_fromstring(f"<p>{'<br>'.join(lines[1:])}</p>")
        return [remaining, *rest]

    def title_line(self, line, heading=False, followed_by="", alone=False):
        """Take `line` as the title if it reads as one; True if it did."""
        line = REVIEW_BEFORE.sub("", line.strip())
        if match := TITLE_AND_YEAR.match(line):
            title, year = match["title"].strip(), read_year(match["year"])
        else:
            title, year = REVIEW_AFTER.sub("", line), None
        title = title.strip(f" {QUOTE_MARKS}")
        if not title or len(title) > ReviewPage._meta.get_field("title").max_length:
            return False
        if not heading and not reads_as_title(line, title, year, followed_by, alone):
            return False
        self.found("title", title)
        if year:
            self.found("release_year", year)
        return True

    def take_facts(self, element):
        """Take the facts of an element whose every line is facts; True if it was."""
        lines = [line.lstrip(f"•*·{DASHES} ") for line in element_lines(element)]
        lines = [line for line in lines if line]
        read = [facts_line(line) for line in lines]
        if not lines or not any(read):
            return False
        for line, facts in zip(lines, read, strict=True):
            # In a block of facts, another "Label: value" line goes too, never a verdict.
            if facts is None and (
                len(lines) == 1 or not ANY_LABEL.match(line) or VERDICT_LINE.match(line)
            ):
                return False
        # A field given two values is no facts box but films named in the text ("The General
        # · 1926 · 78 min", "Seven Chances · 1925 · 56 min"): they stay in the body.
        given = dict(self.facts)
        for name, value in (pair for facts in read if facts for pair in facts[0]):
            if name != "categories" and given.setdefault(name, value) != value:
                return False
        for line, facts in zip(lines, read, strict=True):
            if facts is None:
                self.result.unused.append(line)
                continue
            found, unused = facts
            for name, value in found:
                self.found(name, value)
            self.result.unused += unused
        return True

    def take_intro(self, elements):
        """The elements without the first one if it is a paragraph that fits as the intro."""
        if not elements or elements[0].tag != "p" or elements[0].xpath(".//img"):
            return elements
        text = inner_text(elements[0])
        if not text or VERDICT_LINE.match(text):
            return elements
        if len(text) > ReviewPage._meta.get_field("intro").max_length:
            self.result.intro_too_long = True
            return elements
        self.facts["intro"] = text
        return elements[1:]


# Lines ----------------------------------------------------------------------------------------


def reads_as_title(line, title, year, followed_by, alone):
    """A first line is a title if it is a few words and no sentence, and either facts follow
    it, or it gives the year, or it is a paragraph of its own with more text after it. Before
    facts or with a year it may end in "!" or "?" ("Airplane! (1980)")."""
    if facts_line(line) or len(title.split()) > MOST_TITLE_WORDS or title.endswith((":", ",", ";")):
        return False  # a line that leads into what follows is no title
    if year or facts_line(followed_by):
        return not sentence_ends(title[:-1] if title.endswith(("!", "?")) else title)
    return alone and bool(followed_by) and not sentence_ends(title)


def facts_line(line):
    """([(field, value)], [parts not read]) if the whole line is facts, else None.

    A single fact needs its label ("Year: 1924"); beside others, a year, a duration or a kind
    may stand alone ("1924 · Short film · 45 min"), and a part that is none of them is listed.
    """
    line = line.strip()
    if not line:
        return None
    # Whole first: "Length - 2 hours" and "Genre: Drama / Comedy" are one fact each.
    if found := categories_line(line):
        return [("categories", found)], []
    if found := fact(line, alone=True):
        return [found], []
    parts = [part for part in SEPARATOR.split(line) if part.strip()]
    if len(parts) == 1:
        return None
    read = [fact(part, alone=False) for part in parts]
    known = [found for found in read if found]
    unread = [part for part, found in zip(parts, read, strict=True) if not found]
    if not known or (
        unread
        and (len(known) < 2 or any(not short(part) or VERDICT_LINE.match(part) for part in unread))
    ):
        return None
    return known, unread


def fact(part, alone):
    """(field, value) for one fact, or None."""
    part = part.strip().rstrip(",;")
    for name, pattern in LABELLED.items():
        if (match := pattern.match(part)) and (value := FIELD_READERS[name](match["value"])):
            return name, value
    if alone:
        return None
    for name in ("release_year", "runtime_minutes", "kind"):
        if value := FIELD_READERS[name](part):
            return name, value
    return None


def categories_line(line):
    """The names after a categories label, if they all read as names of categories."""
    match = CATEGORIES_LINE.match(line)
    if not match:
        return None
    wanted = [n.strip(f" .{QUOTE_MARKS}") for n in re.split(r"[,;/·•|]", match["value"])]
    wanted = [n for n in wanted if n]
    if not wanted or any(len(n.split()) > MOST_CATEGORY_WORDS or not short(n) for n in wanted):
        return None
    return wanted


def read_year(text):
    match = YEAR.match(text.strip().rstrip("."))
    if not match:
        return None
    year = int(match["year"])
    return year if EARLIEST_RELEASE_YEAR <= year <= datetime.date.today().year + 5 else None


def read_director(text):
    """The names, comma-separated, if the text is only names."""
    text = text.strip()
    if text.endswith(".") and not re.search(r"(?:^|\s)\w{1,2}\.$", text):
        text = text[:-1]  # a full stop after the names, not an initial's
    found = [n.strip() for n in re.split(r",|\s+&\s+|\s+and\s+", text)]
    if not found or len(text) > 200 or not all(is_name(n) for n in found):
        return None
    family = found[-1].split()[-1]  # "Joel and Ethan Coen": both are Coens
    return ", ".join(n if len(n.split()) > 1 else f"{n} {family}" for n in found)


def is_name(text):
    words = text.split()
    return 0 < len(words) <= 6 and all(
        word.casefold() in NAME_PARTICLES
        or (word[0].isalpha() and not word[0].islower() and not any(c.isdigit() for c in word))
        for word in words
    )


def read_runtime(text):
    match = DURATION.match(text.strip())
    if not match:
        return None
    minutes = int(match["hours"] or 0) * 60 + int(match["and"] or match["minutes"] or 0)
    return minutes if 1 <= minutes <= 6000 else None


def read_original_title(text):
    text = text.strip().strip(QUOTE_MARKS).strip()
    return (
        text if 0 < len(text) <= ReviewPage._meta.get_field("original_title").max_length else None
    )


def read_kind(text):
    return KINDS.get(names.normalise(text))


FIELD_READERS = {
    "release_year": read_year,
    "director": read_director,
    "runtime_minutes": read_runtime,
    "original_title": read_original_title,
    "kind": read_kind,
}


def short(part):
    """A few words, no sentence: a fact's worth of text."""
    return len(part.split()) <= MOST_CATEGORY_WORDS + 1 and not sentence_ends(part)


def sentence_ends(text):
    """How many sentences end in `text` ("Sherlock Jr." ends none: "Jr." is an abbreviation)."""
    return sum(
        1
        for match in SENTENCE_END.finditer(text)
        if match[1].casefold().strip(".") not in ABBREVIATIONS and len(match[1]) > 1
    )


def element_lines(element):
    """The lines of a paragraph, heading, list (an item a line) or definition list
    ("term: description"); none for anything else."""
    if element.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6"):
        return lines_of(element) if element.tag == "p" else [inner_text(element)]
    if element.tag in ("ul", "ol"):
        items = [child for child in element if child.tag == "li"]
        nested = any(
            item.find(".//ul") is not None or item.find(".//ol") is not None for item in items
        )
        return [] if nested else [inner_text(item) for item in items]
    if element.tag == "dl":
        terms = [inner_text(child) for child in element if child.tag == "dt"]
        details = [inner_text(child) for child in element if child.tag == "dd"]
        if len(terms) == len(details):
            return [f"{term}: {detail}" for term, detail in zip(terms, details, strict=True)]
    return []


def plain(line_markup):
    return inner_text(lxml_html.fragment_fromstring(line_markup, create_parent="div"))


def first_line(elements):
    for element in elements[:1]:
        lines = element_lines(element)
        return lines[0] if lines else ""
    return ""


# What fills the form --------------------------------------------------------------------------


def fills_for(review, pasted):
    """What the pasted text would do to each of the review's fields: a field at its default
    is not filled yet."""
    fills = []
    for name in FILLED_FROM_TEXT:
        model_field = ReviewPage._meta.get_field(name)
        value, current = pasted.facts.get(name), getattr(review, name)
        if value is None and (name in OFTEN_ABSENT or (name == "intro" and current)):
            continue
        if value is None:
            state = "missing"
        elif names.normalise(str(current)) == names.normalise(str(value)):
            state = "same"
        elif current in (None, "", model_field.get_default()):
            state = "fill"
        else:
            state = "differs"
        fills.append(Fill(name, capfirst(model_field.verbose_name), value, current, state))
    return fills


def fill_review(review, pasted, fills, replace=()):
    """Put the pasted values in the fields that are empty, and in those named in `replace`;
    add the categories the text names. The categories it added."""
    for fill in fills:
        if fill.state == "fill" or (fill.state == "differs" and fill.name in replace):
            setattr(review, fill.name, fill.value)
    kept = list(review.categories.all()) if review.pk else []  # a new review has none yet
    added = [category for category in pasted.categories if category not in kept]
    review.categories.set([*kept, *added])
    return added


def shown(name, value):
    if value in (None, ""):
        return ""
    if name == "runtime_minutes":
        return f"{value} min"
    if name == "kind":
        return ReviewPage.Kind(value).label
    return str(value)

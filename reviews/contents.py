"""A review's sections: the anchors its body gives their headings and its table of contents.

Read from the body's stored shape, so listing the sections loads no block. A section is a text
section with a heading, a cast listing, a spoiler section or the verdict. A spoiler section is
listed as "Spoilers", never by its heading: the list sits at the top of the page and beside the
text as it scrolls, where a reader sees it before any warning, and its anchor shows in the
address bar and in shared links; the headings inside a spoiler's text are never listed at all.
"""

import re
from typing import NamedTuple

from django.utils.text import slugify

# Sections a review needs, besides the verdict that every review has, to list them at the top.
LISTED_FROM = 3

VERDICT = "verdict"  # the verdict block's own id (templates/reviews/blocks/verdict.html)

# Ids the review page gives its other parts: a heading never takes one of them.
PAGE_IDS = frozenset(
    {
        "main",
        VERDICT,
        "where-to-watch-heading",
        "reader-rating",
        "reader-rating-heading",
        "reader-average-clip",
        "reader-average-stars",
        "related-heading",
        "comments",
        "comments-heading",
        "comment-form",
    }
)
COMMENT_ID = re.compile(r"comment-\d+")


class Section(NamedTuple):
    index: int  # the block's place in the body
    anchor: str
    title: str


def sections(raw_blocks):
    """Every section of a body, each with an id unique on the review page."""
    spoilers = sum(block["type"] == "spoiler" for block in raw_blocks)
    taken, found, spoiler_number = set(PAGE_IDS), [], 0
    for index, block in enumerate(raw_blocks):
        kind, heading = block["type"], (block["value"].get("heading") or "").strip()
        if kind == "verdict":
            found.append(Section(index, VERDICT, "Verdict"))
            continue
        if kind == "spoiler":
            spoiler_number += 1
            title = f"Spoilers {spoiler_number}" if spoilers > 1 else "Spoilers"
        elif kind in ("text", "cast") and heading:
            title = heading
        else:
            continue
        # Underscores go too, so that no heading can take a form field's id (id_name).
        base = slugify(title, allow_unicode=True).replace("_", "-").strip("-") or "section"
        anchor, number = base, 1
        while anchor in taken or COMMENT_ID.fullmatch(anchor):
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        found.append(Section(index, anchor, title))
    return found


def table_of_contents(found):
    """The sections to list at the top of the review: none for a short one."""
    listed = [section for section in found if section.anchor != VERDICT]
    return found if len(listed) >= LISTED_FROM else []

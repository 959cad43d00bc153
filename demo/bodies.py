"""A demo review's body, written as an HTML file, as the blocks of a review.

Each top-level element of the file is one block:

    <section heading="…"><p>…</p></section>          a text section (heading optional)
    <spoiler heading="…"><p>…</p></spoiler>           a spoiler section
    <cast><member character="…" performer="…" note="…"></member>…</cast>
    <blockquote speaker="…" source="…">…</blockquote> a quote
    <card text="…" alt="…">caption</card>             an image: a title card drawn for the review
    <trailer url="…">caption</trailer>                 a video
    <verdict label="…" score="…">summary</verdict>    the verdict (label by name, score optional)
"""

from lxml import etree
from lxml import html as lxml_html

from core import block_values as shared_blocks
from reviews import block_values as review_blocks


class UnknownElement(ValueError):
    pass


def inner_html(element):
    parts = [element.text or ""]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts).strip()


def text(element):
    return " ".join("".join(element.itertext()).split())


def body_blocks(markup, *, verdict_labels, draw_card):
    """The blocks for `markup`; `verdict_labels` maps names to labels, `draw_card(text, alt)`
    returns the image for a card."""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    return [element_block(element, verdict_labels, draw_card) for element in root]


def element_block(element, verdict_labels, draw_card):
    tag = element.tag
    heading = element.get("heading", "")
    if tag == "section":
        return shared_blocks.text_section(inner_html(element), heading=heading)
    if tag == "spoiler":
        return review_blocks.spoiler(inner_html(element), heading=heading)
    if tag == "cast":
        members = [
            (member.get("character"), member.get("performer"), member.get("note", ""))
            for member in element.iter("member")
        ]
        return review_blocks.cast(members)
    if tag == "blockquote":
        speaker, source = element.get("speaker", ""), element.get("source", "")
        return shared_blocks.quote(text(element), speaker=speaker, source=source)
    if tag == "card":
        image = draw_card(element.get("text"), element.get("alt"))
        credit = "Made for The Projection Booth"
        return shared_blocks.image(image.pk, element.get("alt"), text(element), credit=credit)
    if tag == "trailer":
        return review_blocks.trailer(element.get("url"), text(element))
    if tag == "verdict":
        label = verdict_labels[element.get("label")]
        return review_blocks.verdict(label.pk, text(element), score=element.get("score") or None)
    raise UnknownElement(f"<{tag}> is not a block of a demo review")

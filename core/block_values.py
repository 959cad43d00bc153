"""The stored shape of the shared blocks, as StreamField keeps it: built here and nowhere else.

Factories, the demo loader and the importers build page bodies from these. Text that is longer
than a block field allows is cut to the length the block definition gives.
"""

import uuid

from .blocks import CaptionedImageBlock, QuoteBlock, RichTextSectionBlock


def max_length(block_class, name):
    """The longest text the child block `name` of `block_class` accepts (None: no limit)."""
    return block_class.base_blocks[name].field.max_length


def fit(block_class, name, text):
    """`text` cut to what the child block `name` of `block_class` accepts."""
    limit = max_length(block_class, name)
    return text if limit is None else text[:limit]


def stream_item(block_type, value):
    """One block of a StreamField body, with the id Wagtail gives a block in the editor."""
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def list_item(value):
    """One item of a list block, in the shape Wagtail stores it."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def text_section(html, heading=""):
    value = {"heading": fit(RichTextSectionBlock, "heading", heading), "text": html}
    return stream_item("text", value)


def quote(text, speaker="", source=""):
    value = {
        "quote": text,
        "speaker": fit(QuoteBlock, "speaker", speaker),
        "source": fit(QuoteBlock, "source", source),
    }
    return stream_item("quote", value)


def image(image_id, alt_text, caption="", credit=""):
    value = {
        "image": {"image": image_id, "decorative": False, "alt_text": alt_text},
        "caption": fit(CaptionedImageBlock, "caption", caption),
        "credit": fit(CaptionedImageBlock, "credit", credit),
    }
    return stream_item("image", value)

"""The stored shape of the review blocks, as StreamField keeps it: built here and nowhere else.

The shared blocks (text sections, quotes, images) are built by `core.block_values`.
"""

from core.block_values import fit, list_item, stream_item

from .blocks import (
    CastListingBlock,
    CastMemberBlock,
    SpoilerSectionBlock,
    TrailerBlock,
    VerdictBlock,
)

DEFAULT_SPOILER_LABEL = SpoilerSectionBlock.base_blocks["warning_label"].meta.default
DEFAULT_CAST_HEADING = CastListingBlock.base_blocks["heading"].meta.default


def spoiler(html, heading="", warning_label=DEFAULT_SPOILER_LABEL):
    value = {
        "heading": fit(SpoilerSectionBlock, "heading", heading),
        "warning_label": fit(SpoilerSectionBlock, "warning_label", warning_label),
        "text": html,
    }
    return stream_item("spoiler", value)


def cast_member(character, performer, note="", person_id=None):
    """A cast row: `performer` is the name as credited, `person_id` the person chosen (or
    linked on publishing)."""
    return list_item(
        {
            "character": fit(CastMemberBlock, "character", character),
            "performer": fit(CastMemberBlock, "performer", performer),
            "note": fit(CastMemberBlock, "note", note),
            "person": person_id,
        }
    )


def cast(members, heading=DEFAULT_CAST_HEADING):
    """A cast listing of (character, performer, note[, person id]) rows."""
    rows = [cast_member(*member) for member in members]
    value = {"heading": fit(CastListingBlock, "heading", heading), "paste": "", "members": rows}
    return stream_item("cast", value)


def verdict(label_id, summary, score=None, details=""):
    value = {
        "label": label_id,
        "score": None if score is None else str(score),
        "summary": fit(VerdictBlock, "summary", summary),
        "details": details,
    }
    return stream_item("verdict", value)


def trailer(url, caption=""):
    return stream_item("trailer", {"video": url, "caption": fit(TrailerBlock, "caption", caption)})

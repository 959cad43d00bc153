"""The blocks every kind of page composes its text from: sections, quotes and images."""

from wagtail import blocks
from wagtail.images import get_image_model

from .prefetch import KnownImageBlock

# Rich text inside a section: the section heading is the <h2>, so editors get h3/h4 below it.
SECTION_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]


class RichTextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional heading for this part of the page.",
    )
    text = blocks.RichTextBlock(
        features=SECTION_FEATURES, help_text="The text; use subheadings for long sections."
    )

    class Meta:
        icon = "doc-full"
        label = "Text section"
        template = "core/blocks/text_section.html"
        help_text = "Ordinary text, with an optional heading."
        preview_value = {
            "heading": "What works",
            "text": "<p>The camera stays with the hero just long enough to make us uneasy.</p>",
        }


# Quotation marks of the languages editors paste from (single ones double as apostrophes).
DOUBLE_QUOTES = '"“”„«»「」『』'
SINGLE_QUOTES = "'\u2018\u2019\u201a\u2039\u203a"


def without_quotation_marks(text):
    """`text` without the quotation marks around all of it, if it has them.

    `"Yes," he said, "no."` keeps its marks: they quote two parts, not the whole.
    """
    text = text.strip()
    if len(text) < 2:
        return text
    first, inner, last = text[0], text[1:-1], text[-1]
    doubled = first in DOUBLE_QUOTES and last in DOUBLE_QUOTES
    if doubled and not any(mark in DOUBLE_QUOTES for mark in inner):
        return inner.strip()
    if first in SINGLE_QUOTES and last in SINGLE_QUOTES:
        return inner.strip()
    return text


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The line as spoken or written, without quotation marks.")
    speaker = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Who says it: usually the character's name.",
    )
    source = blocks.CharBlock(
        required=False,
        max_length=160,
        help_text="Where it comes from. Leave blank to use the title of the reviewed work.",
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "core/blocks/quote.html"
        help_text = "A memorable line, credited to who says it and where."
        preview_value = {
            "quote": "Is this your wife? What a lovely throat.",
            "speaker": "Count Orlok",
            "source": "Nosferatu",
        }

    def clean(self, value):
        # The template adds the quotation marks; pasted lines usually bring their own.
        value = super().clean(value)
        value["quote"] = without_quotation_marks(value["quote"])
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A page about a work (a review) names it; other pages leave a blank source blank.
        page = (parent_context or {}).get("page")
        context["source"] = value["source"] or getattr(page, "reviewed_title", "")
        return context


def _image_preview():
    image = get_image_model().objects.order_by("pk").first()
    return {"image": image, "caption": "A production still.", "credit": "Public domain"}


class CaptionedImageBlock(blocks.StructBlock):
    image = KnownImageBlock(help_text="Describe the image for readers who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Optional caption.")
    credit = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Who made or owns the image, e.g. 'Public domain' or a photographer.",
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "core/blocks/image.html"
        help_text = "A still or photograph with caption and credit, resized for every screen."
        preview_value = staticmethod(_image_preview)


class StandardBodyBlock(blocks.StreamBlock):
    """The blocks of plain pages such as the editorial guidelines."""

    text = RichTextSectionBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()

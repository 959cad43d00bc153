"""StreamField blocks that editors compose reviews from."""

from decimal import Decimal
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# Rich text inside a section: the section heading is the <h2>, so editors get h3/h4 below it.
SECTION_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]

SCORE_MAX = Decimal(10)
SCORE_STEP = Decimal("0.5")


def _verdict_preview():
    from reviews.models import VerdictLabel  # blocks load before models

    return {
        "label": VerdictLabel.objects.order_by("sort_order").first(),
        "score": Decimal("8.5"),
        "summary": "A shadow that still stretches across a century of horror.",
    }


def _image_preview():
    image = get_image_model().objects.order_by("pk").first()
    return {"image": image, "caption": "A production still.", "credit": "Public domain"}


class RichTextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional heading for this part of the review.",
    )
    text = blocks.RichTextBlock(
        features=SECTION_FEATURES, help_text="The text; use subheadings for long sections."
    )

    class Meta:
        icon = "doc-full"
        label = "Text section"
        template = "reviews/blocks/rich_text_section.html"
        help_text = "Ordinary review text, with an optional heading."
        preview_value = {
            "heading": "What works",
            "text": "<p>The camera stays with the hero just long enough to make us uneasy.</p>",
        }


class SpoilerSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Shown while the section is closed, so no spoilers here (e.g. 'The ending').",
    )
    warning_label = blocks.CharBlock(
        default="Spoilers ahead",
        max_length=60,
        help_text="The warning readers see before they choose to open the section.",
    )
    text = blocks.RichTextBlock(
        features=SECTION_FEATURES,
        help_text="Hidden until the reader opens it; never used in listings, feeds or search.",
    )

    class Meta:
        icon = "warning"
        label = "Spoiler section"
        template = "reviews/blocks/spoiler_section.html"
        help_text = "Text that gives away the plot. Readers see it only after opening it."
        preview_value = {
            "heading": "The ending",
            "warning_label": "Spoilers ahead",
            "text": "<p>Everything the film has promised arrives in its last reel.</p>",
        }

    def get_searchable_content(self, value):
        # Spoilers must never surface in search results or snippets.
        return []


class CastMemberBlock(blocks.StructBlock):
    character = blocks.CharBlock(max_length=120, help_text="The character's name as credited.")
    performer = blocks.CharBlock(max_length=120, help_text="The actor or voice performer.")
    note = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Optional, e.g. 'voice' or 'uncredited'.",
    )

    class Meta:
        icon = "user"
        label = "Cast member"
        help_text = "One row of the cast listing."
        preview_value = {"character": "Count Orlok", "performer": "Max Schreck", "note": ""}


class CastListingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        default="Cast",
        max_length=60,
        help_text="Heading above the table, e.g. 'Cast' or 'Voice cast'.",
    )
    members = blocks.ListBlock(
        CastMemberBlock(), min_num=1, label="Cast members", help_text="One row per character."
    )

    class Meta:
        icon = "group"
        label = "Cast listing"
        template = "reviews/blocks/cast_listing.html"
        help_text = "Characters and the people who play them."
        preview_value = {
            "heading": "Cast",
            "members": [
                {"character": "Count Orlok", "performer": "Max Schreck", "note": ""},
                {"character": "Ellen Hutter", "performer": "Greta Schröder", "note": ""},
            ],
        }


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
        template = "reviews/blocks/quote.html"
        help_text = "A memorable line, credited to who says it and where."
        preview_value = {
            "quote": "Is this your wife? What a lovely throat.",
            "speaker": "Count Orlok",
            "source": "Nosferatu",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["source"] = value["source"] or getattr(page, "reviewed_title", "")
        return context


class VerdictBlock(blocks.StructBlock):
    label = SnippetChooserBlock(
        "reviews.VerdictLabel",
        help_text="The verdict in a word or two. Site owners manage this list.",
    )
    score = blocks.DecimalBlock(
        required=False,
        min_value=0,
        max_value=SCORE_MAX,
        max_digits=3,
        decimal_places=1,
        help_text="Optional score from 0 to 10, in steps of 0.5.",
    )
    summary = blocks.CharBlock(
        max_length=160,
        help_text="The verdict in one line, shown in listings. No spoilers.",
    )

    class Meta:
        icon = "pick"
        label = "Verdict"
        template = "reviews/blocks/verdict.html"
        help_text = "The review's conclusion. One per review; it also shows in listings."
        preview_value = staticmethod(_verdict_preview)

    def clean(self, value):
        value = super().clean(value)
        score = value.get("score")
        if score is not None and score % SCORE_STEP:
            raise StructBlockValidationError(
                block_errors={"score": ValidationError("Use steps of 0.5, e.g. 7 or 7.5.")}
            )
        return value


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for readers who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Optional caption.")
    credit = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Who made or owns the image, e.g. 'Public domain' or a photographer.",
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "reviews/blocks/captioned_image.html"
        help_text = "A still or photograph with caption and credit, resized for every screen."
        preview_value = staticmethod(_image_preview)


class TrailerBlock(blocks.StructBlock):
    video = EmbedBlock(
        help_text="Address of the video page on YouTube, Vimeo or the Internet Archive."
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=160,
        help_text="Optional, e.g. 'Restoration trailer (2013)'.",
    )

    class Meta:
        icon = "media"
        label = "Trailer or video"
        template = "reviews/blocks/trailer.html"
        help_text = "An embedded video; readers always get a plain link to it as well."
        preview_value = {
            "video": "https://archive.org/details/night_of_the_living_dead",
            "caption": "Trailer",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        host = urlsplit(value["video"].url).hostname or ""
        context["host"] = host.removeprefix("www.")
        return context


class ReviewBodyBlock(blocks.StreamBlock):
    text = RichTextSectionBlock()
    spoiler = SpoilerSectionBlock()
    cast = CastListingBlock()
    quote = QuoteBlock()
    verdict = VerdictBlock()
    image = CaptionedImageBlock()
    trailer = TrailerBlock()

    class Meta:
        block_counts = {"verdict": {"max_num": 1}}


class StandardBodyBlock(blocks.StreamBlock):
    """The smaller set of blocks for pages such as the editorial guidelines."""

    text = RichTextSectionBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()

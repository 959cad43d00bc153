"""StreamField blocks that editors compose reviews from, beside the shared ones from core."""

from decimal import Decimal
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import StepValueValidator
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import SECTION_FEATURES, CaptionedImageBlock, QuoteBlock, RichTextSectionBlock
from core.prefetch import KnownObjectsChooserMixin, embeds_shown_together

from . import cast_lines

SCORE_MAX = Decimal(10)
SCORE_STEP = Decimal("0.5")


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


class PersonChooserBlock(KnownObjectsChooserMixin, SnippetChooserBlock):
    """The review page renders its cast knowing the people it credits (ReviewPage.credits)."""

    def __init__(self, **kwargs):
        super().__init__("people.Person", **kwargs)

    def deconstruct(self):
        # Stored block definitions (migrations) name the plain chooser: the same data.
        _, args, kwargs = super().deconstruct()
        return "wagtail.snippets.blocks.SnippetChooserBlock", ("people.Person", *args), kwargs


class CastMemberBlock(blocks.StructBlock):
    """A row of the cast: a person chosen, or a name typed that publishing matches to a person
    (or makes one). The character and note belong to this review only."""

    character = blocks.CharBlock(
        required=False, max_length=120, help_text="The character's name as credited."
    )
    performer = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="As credited. Publishing links it to the person of that name, or adds them.",
    )
    note = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Optional, e.g. 'voice' or 'uncredited'.",
    )
    person = PersonChooserBlock(
        required=False, help_text="Or choose the person, e.g. to tell namesakes apart."
    )

    class Meta:
        icon = "user"
        label = "Cast member"
        help_text = "One row of the cast listing."
        form_classname = "struct-block cast-member-row"
        preview_value = {"character": "Count Orlok", "performer": "Max Schreck", "note": ""}

    def clean(self, value):
        value = super().clean(value)
        if is_blank_row(value):
            return value  # the listing drops it
        errors = {}
        if not value["character"]:
            errors["character"] = ValidationError("Name the character.")
        if not (value["performer"] or value["person"]):
            errors["performer"] = ValidationError("Type the performer's name or choose a person.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def is_blank_row(value):
    return not any(value.get(name) for name in ("character", "performer", "note", "person"))


class CastListingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        default="Cast",
        max_length=60,
        help_text="Heading above the table, e.g. 'Cast' or 'Voice cast'.",
    )
    paste = blocks.TextBlock(
        required=False,
        label="Add rows from lines",
        help_text=(
            "Paste or type one line per role, e.g. 'Count Orlok — Max Schreck' or 'Max "
            "Schreck as Count Orlok' (dash, tab or ' as '; a last '(…)' is the note). Saving "
            "turns the lines into rows below."
        ),
    )

    members = blocks.ListBlock(
        CastMemberBlock(), min_num=1, label="Cast members", help_text="One row per character."
    )

    class Meta:
        icon = "group"
        label = "Cast listing"
        template = "reviews/blocks/cast_listing.html"
        help_text = "Characters and the people who play them."
        label_format = "{heading}: {members}"
        preview_value = {
            "heading": "Cast",
            "members": [
                {"character": "Count Orlok", "performer": "Max Schreck", "note": ""},
                {"character": "Ellen Hutter", "performer": "Greta Schröder", "note": ""},
            ],
        }

    def clean(self, value):
        """Rows from the pasted lines join the others and the box is emptied; blank rows go."""
        value = super().clean(value)
        rows, unread = cast_lines.read(value["paste"])
        members = self.child_blocks["members"]
        kept = [member for member in value["members"] if not is_blank_row(member)]
        new = [
            members.child_block.normalize(
                {"character": row.character, "performer": row.performer, "note": row.note}
            )
            for row in rows
        ]
        too_long = rows_refused(members.child_block, new)
        value["members"] = members.normalize([*kept, *new])
        value["paste"] = ""
        if too_long:
            # As for lines that do not read: nothing is added and the box keeps its text.
            raise StructBlockValidationError(
                block_errors={"paste": ValidationError("; ".join(too_long[:3]))}
            )
        if unread:
            # Nothing is added until every line reads: the box keeps what was typed.
            raise StructBlockValidationError(
                block_errors={
                    "paste": ValidationError(
                        "Put a dash, a tab or ' as ' between the character and the performer "
                        "in: " + "; ".join(line.strip() for line in unread[:3])
                    )
                }
            )
        if not kept and not new:
            raise StructBlockValidationError(
                block_errors={"members": ValidationError("Add a row, or paste the cast above.")}
            )
        return value


def rows_refused(row_block, rows):
    """What the row checks (lengths, say) find wrong with rows made from pasted lines."""
    refused = []
    for row in rows:
        try:
            row_block.clean(row)
        except StructBlockValidationError as error:
            problems = (
                f"{row_block.child_blocks[name].label.lower()}: {' '.join(problem.messages)}"
                for name, problem in error.block_errors.items()
            )
            refused.append(f"{row['character'][:40]}: {', '.join(problems)}")
    return refused


class VerdictLabelChooserBlock(KnownObjectsChooserMixin, SnippetChooserBlock):
    """The verdict label, from a short select of the site owners' labels.

    The review page renders its body knowing its verdict label (ReviewPage.verdict_label).
    """

    @cached_property
    def widget(self):
        # A handful of labels: a select chooses one in one step, where a chooser takes two.
        return forms.Select()

    @cached_property
    def field(self):
        field = super().field
        field.empty_label = "Choose a verdict"
        return field

    def get_form_state(self, value):
        # The select's own state (the label's id), not a chooser's title and edit link.
        return blocks.FieldBlock.get_form_state(self, value)

    def value_from_form(self, value):
        # The select's empty choice is "", where a chooser sends None.
        return super().value_from_form(value or None)

    def deconstruct(self):
        # Stored block definitions (migrations) name the plain chooser: the same data.
        _, args, kwargs = super().deconstruct()
        return "wagtail.snippets.blocks.SnippetChooserBlock", args, kwargs


class ScoreBlock(blocks.DecimalBlock):
    """A score in half points: the browser's number input steps as the server checks.

    The step is a rule of the site, not a stored setting: migrations record a plain
    DecimalBlock.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field.widget.attrs["step"] = str(SCORE_STEP)
        self.field.validators.append(StepValueValidator(SCORE_STEP, offset=self.field.min_value))
        self.field.error_messages["step_size"] = "Use steps of 0.5, e.g. 7 or 7.5."

    def deconstruct(self):
        _, args, kwargs = super().deconstruct()
        return "wagtail.blocks.DecimalBlock", args, kwargs


class VerdictBlock(blocks.StructBlock):
    label = VerdictLabelChooserBlock(
        "reviews.VerdictLabel",
        help_text="The verdict in a word or two. Site owners manage this list.",
    )
    score = ScoreBlock(
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
    details = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link"],
        help_text="Optional: the verdict in a paragraph or two, shown on the review only.",
    )

    class Meta:
        icon = "pick"
        label = "Verdict"
        template = "reviews/blocks/verdict.html"
        help_text = "The review's conclusion. One per review; it also shows in listings."
        label_format = "{label} {score} · {summary}"

    def get_preview_value(self):
        # The first of the site owners' labels: the chooser knows their model.
        labels = self.child_blocks["label"].target_model.objects.order_by("sort_order")
        return self.normalize(
            {
                "label": labels.first(),
                "score": Decimal("8.5"),
                "summary": "A shadow that still stretches across a century of horror.",
                "details": "<p>Murnau's images have outlived every copy of the story.</p>",
            }
        )


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

    def bulk_to_python(self, values):
        trailers = super().bulk_to_python(values)
        videos = embeds_shown_together([trailer["video"] for trailer in trailers])
        for trailer, video in zip(trailers, videos, strict=True):
            trailer["video"] = video
        return trailers

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        host = urlsplit(value["video"].url).hostname or ""
        context["host"] = host.removeprefix("www.")
        return context


class ReviewBodyBlock(blocks.StreamBlock):
    """Every block a review can hold; the shared ones keep the names plain pages use."""

    text = RichTextSectionBlock()
    spoiler = SpoilerSectionBlock()
    cast = CastListingBlock()
    quote = QuoteBlock()
    verdict = VerdictBlock()
    image = CaptionedImageBlock()
    trailer = TrailerBlock()

    class Meta:
        block_counts = {"verdict": {"max_num": 1}}
        # The editor puts these one click away under the body (static/js/review-editor.js).
        form_attrs = {"data-quick-blocks": "text spoiler cast quote verdict"}

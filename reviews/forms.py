"""The review's admin forms: what a new review starts with; a review pasted in whole."""

import hashlib

from django import forms
from django.db import models

from core.block_values import text_section
from core.forms import EditorialPageForm

from .block_values import verdict

# The review's fields a pasted review fills (`reviews.pasted`), in the form's order.
FILLED_FROM_TEXT = (
    "title",
    "release_year",
    "director",
    "runtime_minutes",
    "original_title",
    "kind",
    "intro",
)


class ReviewPageForm(EditorialPageForm):
    """A new review starts with a text section and the verdict that ends it, signed by the
    critic who has the editor's own name, if there is one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding or self.is_bound:
            return
        if "body" in self.fields and not self.instance.body:
            self.initial["body"] = self.instance.body.stream_block.to_python(
                [text_section(""), verdict(label_id=None, summary="")]
            )
        user = getattr(self, "for_user", None)
        if "author" in self.fields and user and not self.instance.author_id:
            critic = byline_for(user, self.fields["author"].queryset)
            if critic:
                self.initial["author"] = critic.pk


def byline_for(user, critics):
    """The critic among `critics` who has the user's own name, if there is one."""
    name = user.get_full_name()
    return critics.filter(name=name).first() if name else None


class PastedReviewForm(forms.Form):
    """A review as pasted from another site or editor, to become the body's blocks and fill
    the fields it gives (the title, the facts, the categories, the intro).

    A new review has no body to add to: its form has no placement."""

    class Placement(models.TextChoices):
        REPLACE = "replace", "Replace the body with it"
        APPEND = "append", "Add it to the end of the body"

    text = forms.CharField(
        label="The review, as pasted",
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Text or HTML. A first line or heading with the title, lines of facts such as "
            "'1924 · Directed by Buster Keaton · 45 min' and 'Categories: Comedy, Silent era' "
            "fill the review's fields; the first paragraph becomes the intro if it has none. "
            "Headings start sections, a heading that warns of spoilers starts a spoiler "
            "section, a line such as 'Verdict: Must See, 8/10' becomes the verdict and "
            "quotations become quotes. Nothing changes until you confirm."
        ),
    )
    placement = forms.ChoiceField(
        choices=Placement.choices, initial=Placement.REPLACE, widget=forms.RadioSelect
    )
    # Fields the review has filled that the editor chose to replace with the text's values.
    replace = forms.MultipleChoiceField(
        required=False,
        choices=[(name, name) for name in FILLED_FROM_TEXT],
        widget=forms.CheckboxSelectMultiple,
    )
    # The fingerprint of the text the editor saw converted: a changed text is shown again first.
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, new_review=False, **kwargs):
        super().__init__(*args, **kwargs)
        if new_review:
            del self.fields["placement"]

    def replaces_body(self):
        return self.cleaned_data.get("placement", self.Placement.REPLACE) == self.Placement.REPLACE

    def fingerprint(self):
        return hashlib.sha256(self.cleaned_data["text"].encode()).hexdigest()

    def confirmed(self):
        return self.cleaned_data["previewed"] == self.fingerprint()

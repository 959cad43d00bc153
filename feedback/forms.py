from django import forms

from core.forms import ReaderTextField, ReaderURLField

from .models import RATING_SCALE, Comment


class CommentForm(forms.ModelForm):
    """A reader's comment on one page, or a reply to one of its approved comments."""

    website = ReaderURLField(
        label="Website (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "placeholder": "https://"}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Hidden from people by CSS and from assistive technology; bots fill it in.
    homepage = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body"]
        field_classes = {"name": ReaderTextField, "body": ReaderTextField}
        labels = {"email": "Email"}
        help_texts = {
            "email": "Never shown publicly.",
            "body": "Plain text; links become clickable. Comments are published after moderation.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_parent(self):
        """Replies attach to an approved comment on the same page, one level deep."""
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.filter(pk=parent_id, page=self.page, status=Comment.Status.APPROVED)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise forms.ValidationError("The comment you are replying to is not available.")
        return parent.parent or parent


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=[(score, str(score)) for score in RATING_SCALE],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating from 1 to 5."},
    )

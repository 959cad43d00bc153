from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

# Wagtail's own page fields that come without help text.
PAGE_FIELD_HELP = {
    "go_live_at": "Publish automatically at this time; leave empty to publish on approval.",
    "expire_at": "Unpublish automatically at this date and time; leave empty to keep it live.",
    "comment_notifications": "Email me when someone leaves an editor's comment on this page.",
}

# Unicode's explicit embeddings, overrides and isolates: they reorder the text after them, so a
# reader's name or comment could make what follows it on the page read backwards.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def without_bidi_controls(text):
    return text.translate(BIDI_CONTROLS)


class EditorialPageForm(WagtailAdminPageForm):
    """The admin form of every page on the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, help_text in PAGE_FIELD_HELP.items():
            if name in self.fields and not self.fields[name].help_text:
                self.fields[name].help_text = help_text


class ReaderInput:
    """A field of a public form: bidirectional controls are dropped before it is validated."""

    def to_python(self, value):
        return super().to_python(without_bidi_controls(value) if isinstance(value, str) else value)


class ReaderTextField(ReaderInput, forms.CharField):
    pass


class ReaderURLField(ReaderInput, forms.URLField):
    pass

"""The admin form of a person: it warns before a second person with a similar name is saved."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.forms import WagtailAdminModelForm


class PersonForm(WagtailAdminModelForm):
    """Saving a name like another person's ("Greta Schroder" beside "Greta Schröder") stops
    once with links to them; ticking `different_person` saves it anyway."""

    different_person = forms.BooleanField(
        required=False,
        label="This is a different person",
        help_text="Tick only if the similar names above are other people.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar = (
            self.similar_to(self.data.get(self.add_prefix("name"))) if self.is_bound else []
        )
        if not self.similar:
            # Shown only beside the warning, and only when there is something to confirm.
            del self.fields["different_person"]

    def similar_to(self, name):
        """Others with a name like `name`; none when an existing person keeps their name (the
        question was asked when they got it)."""
        person = self.instance
        if not name or (person.pk and person.name == " ".join(name.split())):
            return []
        return type(person)(pk=person.pk, name=name).similar_people()

    def clean(self):
        cleaned = super().clean()
        if self.similar and not cleaned.get("different_person"):
            links = format_html_join(
                ", ",
                '<a href="{}" target="_blank">{}</a>',
                (
                    (reverse("wagtailsnippets_people_person:edit", args=[person.pk]), person.name)
                    for person in self.similar
                ),
            )
            self.add_error(
                "name",
                format_html(
                    "Someone with a similar name is here already: {}. Use them instead, or tick "
                    "'This is a different person'.",
                    links,
                ),
            )
        return cleaned

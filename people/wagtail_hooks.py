from django import forms
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import PersonForm
from .models import Person


class PersonCreationForm(PersonForm):
    """Adding a person from the chooser in a review: the name and what tells namesakes apart."""

    class Meta:
        model = Person
        fields = ["name", "sort_name", "born", "died", "wikidata_id", "imdb_id"]


class PersonSearchForm(BaseFilterForm):
    """The chooser's search: any part of the name, accents and case aside ("schroder")."""

    q = forms.CharField(
        label="Search term", required=False, widget=forms.TextInput(attrs={"placeholder": "Name"})
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q"):
            objects = objects.matching(query)
            self.is_searching, self.search_query = True, query
        return objects


class PersonChooseView(ChooseView):
    filter_form_class = PersonSearchForm


class PersonChooseResultsView(ChooseResultsView):
    filter_form_class = PersonSearchForm


class PersonChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    creation_form_class = PersonCreationForm
    create_action_label = "Add a new person"


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 210
    add_to_admin_menu = True
    chooser_viewset_class = PersonChooserViewSet
    # Searched in the database, where the normalised name finds "Schroder" for "Schröder".
    search_backend_name = None
    search_fields = ["name", "normalised_name", "sort_name"]
    list_display = ["name", Column("years", label="Years"), "slug"]
    ordering = ["sort_as", "pk"]


register_snippet(PersonViewSet)

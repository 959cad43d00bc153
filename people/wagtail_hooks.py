from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import PersonForm
from .models import Person


class PersonCreationForm(PersonForm):
    """Adding a person from the chooser in a review: the name and what tells namesakes apart."""

    class Meta:
        model = Person
        fields = ["name", "sort_name", "born", "died", "wikidata_id", "imdb_id"]


class PersonChooserViewSet(SnippetChooserViewSet):
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

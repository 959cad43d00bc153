"""The base of the admin dashboard's panels: a heading, a list of links and a button."""

from django.urls import reverse
from wagtail.admin.ui.components import Component


class DashboardPanel(Component):
    """A titled panel with a list of links and an optional button."""

    template_name = "components/admin_dashboard_panel.html"
    heading = ""
    empty_text = ""

    def get_items(self):
        """(label, url, detail) for each line of the panel."""
        return []

    def get_button(self):
        """(text, url) for a button under the list, or None."""
        return None

    def get_context_data(self, parent_context):
        return {
            "panel": self,
            "items": self.get_items(),
            "button": self.get_button(),
        }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])

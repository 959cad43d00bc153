"""Dashboard panels: what needs an editor's or moderator's attention."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from .models import ReviewPage

RECENT_COUNT = 5


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


class ReviewsAwaitingModerationPanel(DashboardPanel):
    name = "reviews_awaiting_moderation"
    order = 40
    heading = "Reviews awaiting moderation"
    empty_text = "No reviews are waiting for approval."

    def get_items(self):
        ids = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            content_type=ContentType.objects.get_for_model(ReviewPage),
        ).values_list("object_id", flat=True)
        reviews = ReviewPage.objects.filter(pk__in=[int(pk) for pk in ids]).order_by("-pk")
        return [(review.get_admin_display_title(), edit_url(review), "") for review in reviews]


class RecentlyPublishedPanel(DashboardPanel):
    name = "recently_published_reviews"
    order = 60
    heading = "Recently published reviews"
    empty_text = "Nothing published yet."

    def get_items(self):
        reviews = ReviewPage.objects.live().order_by("-last_published_at")[:RECENT_COUNT]
        return [
            (
                review.title,
                edit_url(review),
                review.last_published_at and f"{review.last_published_at:%d %b %Y}",
            )
            for review in reviews
        ]

"""Dashboard panels about reviews: what needs an editor's or moderator's attention."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowState

from core.dashboard import DashboardPanel, edit_url

from .models import ReviewPage

RECENT_COUNT = 5


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

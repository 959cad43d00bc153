"""Dashboard panels about reviews: what needs an editor's or moderator's attention."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import TaskState, WorkflowState

from core.dashboard import DashboardPanel, edit_url

from .models import ReviewPage

RECENT_COUNT = 5


class ReviewsAwaitingModerationPanel(DashboardPanel):
    """Reviews in moderation that wait for someone else: Wagtail's "Awaiting your review"
    panel lists, with their actions, those this user may approve."""

    name = "reviews_awaiting_moderation"
    order = 40
    heading = "Reviews awaiting others' approval"
    empty_text = "No other reviews are waiting for approval."

    def __init__(self, user):
        self.user = user

    def get_items(self):
        in_progress = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            content_type=ContentType.objects.get_for_model(ReviewPage),
        )
        awaiting_user = TaskState.objects.reviewable_by(self.user).values("workflow_state")
        ids = in_progress.exclude(pk__in=awaiting_user).values_list("object_id", flat=True)
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

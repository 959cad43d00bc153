from django import forms
from django.contrib import messages
from django.template.defaultfilters import floatformat
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .dashboard import RecentlyPublishedPanel, ReviewsAwaitingModerationPanel
from .models import AffiliateDisclosure, Category, Critic, ReviewPage, VerdictLabel
from .views import fill_from_pasted_text, new_review_from_pasted_text


class ReviewFilterSet(PageFilterSet):
    categories = ModelMultipleChoiceFilter(
        label="Category", queryset=Category.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    verdict_label = ModelChoiceFilter(
        label="Verdict", queryset=VerdictLabel.objects.all(), empty_label="Any verdict"
    )

    class Meta:
        model = ReviewPage
        fields = []


class ReviewListingView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("verdict_label")
            .prefetch_related("categories")
            .with_comment_count()
        )


def verdict_text(review):
    if not review.verdict_label:
        return "—"
    score = "" if review.verdict_score is None else f" {floatformat(review.verdict_score, -1)}/10"
    return f"{review.verdict_label.name}{score}"


class ReviewListingViewSet(PageListingViewSet):
    """Every review in one flat list, with what editors sort and filter them by."""

    model = ReviewPage
    name = "reviews"
    icon = "doc-full-inverse"
    menu_label = "Reviews"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = ReviewListingView
    filterset_class = ReviewFilterSet
    columns = [
        *ReviewListingView.base_columns,
        Column("verdict", label="Verdict", accessor=verdict_text, width="14%"),
        Column(
            "categories",
            label="Categories",
            accessor=lambda review: ", ".join(c.name for c in review.categories.all()) or "—",
        ),
        Column("comment_count", label="Comments", sort_key="comment_count", width="8%"),
    ]


@hooks.register("register_admin_viewset")
def register_review_listing():
    return ReviewListingViewSet()


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class VerdictLabelViewSet(SnippetViewSet):
    model = VerdictLabel
    icon = "pick"
    list_display = ["name", "tone"]
    sort_order_field = "sort_order"


class AffiliateDisclosureViewSet(SnippetViewSet):
    model = AffiliateDisclosure
    icon = "info-circle"
    list_display = ["name", "guidelines_page"]


class CriticViewSet(SnippetViewSet):
    model = Critic
    icon = "user"
    list_display = ["name"]
    search_fields = ["name"]


class ReviewSetupViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, VerdictLabelViewSet, AffiliateDisclosureViewSet, CriticViewSet)
    menu_label = "Review setup"
    menu_icon = "folder-open-inverse"
    menu_order = 200


register_snippet(ReviewSetupViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    panels.append(RecentlyPublishedPanel())
    # Wagtail's "Awaiting your review" lists what this user may approve, with the actions:
    # reviews waiting for others' approval only are listed here.
    if PagePermissionPolicy().user_has_permission(request.user, "publish"):
        panels.append(ReviewsAwaitingModerationPanel(request.user))


def approves_now(page, user):
    """Whether the task the page is waiting at lets `user` approve it."""
    task = page.current_workflow_task
    return bool(task) and any(name == "approve" for name, _, _ in task.get_actions(page, user))


@hooks.register("construct_page_action_menu")
def put_the_next_step_first(menu_items, request, context):
    """Drafts save themselves (autosave), so the main button takes the next step.

    A moderator's first action on a page awaiting them is approving it (without the comment
    form); a publisher's is publishing; an editor's is submitting for moderation.
    """
    order = ["approve", "action-publish", "action-submit"]

    def rank(item):
        # Approving with a comment opens a form: it stays in the menu.
        if item.name in order and not getattr(item, "launch_modal", False):
            return order.index(item.name)
        return len(order)

    menu_items.sort(key=rank)


@hooks.register("before_edit_page")
def say_the_page_awaits_approval(request, page):
    if request.method == "GET" and approves_now(page, request.user):
        messages.warning(
            request,
            f"“{page.get_admin_display_title()}” is awaiting your approval: "
            "approve it with the main button below, or request changes from its menu.",
        )


@hooks.register("insert_editor_js")
def review_editor_js():
    return format_html('<script src="{}"></script>', static("js/review-editor.js"))


@hooks.register("insert_editor_css")
def review_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/review-editor.css"))


@hooks.register("register_admin_urls")
def review_admin_urls():
    return [
        path(
            "reviews/<int:page_id>/fill/",
            fill_from_pasted_text,
            name="reviews_fill_from_pasted_text",
        ),
        path(
            "reviews/new/<int:parent_id>/fill/",
            new_review_from_pasted_text,
            name="reviews_new_from_pasted_text",
        ),
    ]


@hooks.register("register_page_header_buttons")
def fill_from_pasted_text_button(page, user, view_name, next_url=None):
    is_review = issubclass(page.specific_class or type(page), ReviewPage)
    if is_review and page.permissions_for_user(user).can_edit():
        yield Button(
            "Fill from pasted text",
            reverse("reviews_fill_from_pasted_text", args=[page.pk]),
            icon_name="clipboard-list",
            priority=12,
        )


@hooks.register("insert_global_admin_css")
def cast_rows_on_one_line():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-cast.css"))

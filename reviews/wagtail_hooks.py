from django import forms
from django.template.defaultfilters import floatformat
from django.templatetags.static import static
from django.utils.html import format_html
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .dashboard import RecentlyPublishedPanel, ReviewsAwaitingModerationPanel
from .models import AffiliateDisclosure, Category, Critic, ReviewPage, VerdictLabel


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
    if PagePermissionPolicy().user_has_permission(request.user, "publish"):
        panels.append(ReviewsAwaitingModerationPanel())


@hooks.register("insert_global_admin_css")
def cast_rows_on_one_line():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-cast.css"))

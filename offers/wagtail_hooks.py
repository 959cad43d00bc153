"""The "Where to watch" admin menu: services, every offer's link, and the click report."""

from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import ClickReportView, OfferLinkView
from .models import Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "site"
    menu_label = "Services"
    list_display = ["name", "kind", "is_affiliate", "website"]
    list_filter = ["kind", "is_affiliate"]
    search_fields = ["name"]


class ReportViewSet(ViewSet):
    """A report (a Wagtail ReportView) with its own menu item, shown to those it allows."""

    view_class = None

    def get_urlpatterns(self):
        return [
            path("", self.view_class.as_view(), name="index"),
            path("results/", self.view_class.as_view(results_only=True), name="results"),
        ]

    @property
    def menu_item_class(self):
        view_class = self.view_class

        class ReportMenuItem(MenuItem):
            def is_shown(self, request):
                policy = view_class.permission_policy
                return policy.user_has_permission(request.user, view_class.permission_required)

        return ReportMenuItem


class OfferLinkViewSet(ReportViewSet):
    name = "offer_links"
    icon = "link"
    menu_label = "Offer links"
    view_class = OfferLinkView


class ClickReportViewSet(ReportViewSet):
    name = "offer_clicks"
    icon = "doc-full"
    menu_label = "Clicks"
    view_class = ClickReportView


class WhereToWatchGroup(SnippetViewSetGroup):
    items = (ServiceViewSet, OfferLinkViewSet, ClickReportViewSet)
    menu_label = "Where to watch"
    menu_icon = "link"
    menu_order = 220


register_snippet(WhereToWatchGroup)

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AffiliateDisclosure, Category, Critic, VerdictLabel


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

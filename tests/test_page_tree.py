"""Editors can only create each page type where it belongs."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from reviews.models import ReviewIndexPage, ReviewPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ReviewIndexPage, StandardPage})

    def test_reviews_live_under_a_review_index(self):
        self.assertAllowedParentPageTypes(ReviewPage, {ReviewIndexPage})
        self.assertAllowedSubpageTypes(ReviewPage, set())
        self.assertCanNotCreateAt(HomePage, ReviewPage)
        self.assertCanNotCreateAt(StandardPage, ReviewPage)

    def test_review_index_lives_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ReviewIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ReviewIndexPage, {ReviewPage})
        self.assertCanCreateAt(HomePage, ReviewIndexPage)
        self.assertCanNotCreateAt(StandardPage, ReviewIndexPage)

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(ReviewIndexPage, StandardPage)

    def test_one_review_index_per_home_page(self):
        home = HomePage.objects.get()
        self.assertTrue(ReviewIndexPage.can_create_at(home))
        home.add_child(instance=ReviewIndexPage(title="Reviews", slug="reviews"))
        self.assertFalse(ReviewIndexPage.can_create_at(home))

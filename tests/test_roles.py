"""Editors, moderators and site owners: what each may do, and what each is refused."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from feedback.factories import CommentFactory
from home.factories import StandardPageFactory
from reviews.factories import CategoryFactory, ReviewPageFactory
from reviews.models import AffiliateDisclosure, Category, ReviewPage, VerdictLabel

ADMIN_HOME = "/admin/"


def refused(response):
    """Wagtail's admin refuses with 403, or by sending the user back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == ADMIN_HOME
    )


def review_form(**overrides):
    data = nested_form_data(
        {
            "title": "Sherlock Jr.",
            "slug": "sherlock-jr",
            "kind": "film",
            "intro": "Keaton walks into a film.",
            "date_published": "2026-11-01",
            "disclosure_choice": "default",
            "body": streamfield(
                [("text", {"heading": "", "text": rich_text("<p>Invention.</p>")})]
            ),
            "offers": inline_formset([]),
        }
    )
    return {**data, **overrides}


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_reviews_{model._meta.model_name}:{action}", args=args)


def settings_url(site):
    return reverse("wagtailsettings:edit", args=("home", "sitesettings", site.pk))


@pytest.fixture
def staff(client, user_in):
    def login(group):
        client.force_login(user_in(group))
        return client

    return login


def add_review_url(index):
    return reverse("wagtailadmin_pages:add", args=("reviews", "reviewpage", index.pk))


# Editors


def test_editor_creates_reviews_and_submits_them_but_cannot_publish(staff, review_index):
    client = staff("Editors")
    response = client.post(add_review_url(review_index), review_form(**{"action-publish": "1"}))
    assert response.status_code == 302
    review = ReviewPage.objects.get(slug="sherlock-jr")
    assert not review.live  # the publish request was saved as a draft

    client.post(
        reverse("wagtailadmin_pages:edit", args=[review.pk]),
        review_form(**{"action-submit": "1"}),
    )
    review.refresh_from_db()
    assert review.workflow_in_progress
    assert not review.live


def test_editor_edits_standard_pages_and_uploads_images(staff, home_page):
    page = StandardPageFactory(parent=home_page)
    client = staff("Editors")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200


def test_editor_cannot_touch_site_owner_things(staff, home_page):
    client = staff("Editors")
    category = CategoryFactory()
    assert refused(client.get(snippet_url(Category, "add")))
    assert refused(client.get(snippet_url(Category, "edit", category.pk)))
    assert refused(client.post(snippet_url(Category, "delete", category.pk)))
    assert refused(client.get(snippet_url(AffiliateDisclosure, "add")))
    label = VerdictLabel.objects.first()
    assert refused(client.get(snippet_url(VerdictLabel, "edit", label.pk)))
    assert refused(client.get(settings_url(home_page.get_site())))
    assert refused(client.get(reverse("feedback_comment_modeladmin_index")))
    assert Category.objects.filter(pk=category.pk).exists()


def test_editor_menu_leaves_out_what_they_cannot_use(staff):
    menu = staff("Editors").get(ADMIN_HOME).text
    assert "Reader feedback" not in menu
    assert "Site settings" not in menu


@pytest.mark.parametrize("model", ["verdictlabel", "critic", "affiliatedisclosure"])
def test_editor_can_choose_labels_critics_and_disclosures(staff, model):
    response = staff("Editors").get(reverse(f"wagtailsnippetchoosers_reviews_{model}:choose"))
    assert response.status_code == 200


# Moderators


def test_moderator_publishes_and_unpublishes(staff, review_index):
    client = staff("Moderators")
    client.post(add_review_url(review_index), review_form(**{"action-publish": "1"}))
    review = ReviewPage.objects.get(slug="sherlock-jr")
    assert review.live

    client.post(reverse("wagtailadmin_pages:unpublish", args=[review.pk]))
    review.refresh_from_db()
    assert not review.live


def test_moderator_moderates_comments(staff, review):
    comment = CommentFactory(page=review, status="pending")
    client = staff("Moderators")
    assert client.get(reverse("feedback_comment_modeladmin_index")).status_code == 200
    client.post(
        reverse("feedback_comment_modeladmin_moderate"), {"single": f"approve:{comment.pk}"}
    )
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_moderator_cannot_manage_categories_disclosures_or_settings(staff, home_page):
    client = staff("Moderators")
    assert refused(client.get(snippet_url(Category, "add")))
    assert refused(client.get(snippet_url(AffiliateDisclosure, "add")))
    assert refused(client.get(settings_url(home_page.get_site())))


# Site owners


def test_site_owner_manages_categories_disclosures_labels_and_settings(staff, home_page):
    client = staff("Site owners")
    response = client.post(
        snippet_url(Category, "add"), {"name": "Noir", "slug": "noir", "description": ""}
    )
    assert response.status_code == 302
    label = VerdictLabel.objects.get(name="Mixed")
    response = client.post(
        snippet_url(VerdictLabel, "edit", label.pk), {"name": "So-so", "tone": "mixed"}
    )
    assert response.status_code == 302
    assert client.get(snippet_url(AffiliateDisclosure, "add")).status_code == 200
    assert client.get(settings_url(home_page.get_site())).status_code == 200
    assert Category.objects.filter(slug="noir").exists()
    assert VerdictLabel.objects.filter(name="So-so").exists()


def test_site_owner_publishes_the_editorial_guidelines(staff, home_page):
    page = StandardPageFactory(parent=home_page, live=False)
    client = staff("Site owners")
    data = nested_form_data(
        {
            "title": "Editorial guidelines",
            "slug": "editorial-guidelines",
            "intro": "How we work, revised.",
            "body": streamfield([]),
            "action-publish": "1",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.intro == "How we work, revised."


def test_only_owners_see_review_setup_for_editing(staff, review_index):
    ReviewPageFactory(parent=review_index)
    owner_menu = staff("Site owners").get(ADMIN_HOME).text
    assert "Review setup" in owner_menu
    assert "Reader feedback" in owner_menu

"""Site owners manage categories, verdict labels, disclosures and settings in the admin."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from feedback.models import CommentSettings
from home.models import SiteSettings
from reviews.factories import AffiliateDisclosureFactory, CategoryFactory
from reviews.models import AffiliateDisclosure, Category, ReviewSettings, VerdictLabel


def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_reviews_{model._meta.model_name}:{action}", args=args)


def test_review_setup_menu_groups_the_snippets(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    for model in (Category, VerdictLabel, AffiliateDisclosure):
        assert admin_client.get(snippet_url(model, "list")).status_code == 200
    assert "Review setup" in response.text


def test_category_is_created_and_gets_a_public_page(admin_client, review_index):
    response = admin_client.post(
        snippet_url(Category, "add"),
        {"name": "Film noir", "slug": "film-noir", "description": "Shadows and rain."},
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="film-noir").name == "Film noir"
    assert admin_client.get(review_index.url + "category/film-noir/").status_code == 200


def test_duplicate_category_slug_is_refused_with_the_input_kept(admin_client):
    CategoryFactory(name="Horror", slug="horror")
    response = admin_client.post(
        snippet_url(Category, "add"),
        {"name": "Horror films", "slug": "horror", "description": "Kept text."},
    )
    assert response.status_code == 200
    assert "Category with this Slug already exists." in response.text
    assert "Kept text." in response.text
    assert Category.objects.count() == 1


def test_verdict_labels_can_be_renamed(admin_client):
    label = VerdictLabel.objects.get(name="Skip It")
    response = admin_client.post(
        snippet_url(VerdictLabel, "edit", label.pk), {"name": "Give It a Miss", "tone": "negative"}
    )
    assert response.status_code == 302
    assert list(VerdictLabel.objects.values_list("name", flat=True)) == [
        "Must See",
        "Worth Seeing",
        "Mixed",
        "Give It a Miss",
    ]


def test_disclosure_text_is_edited_in_one_place(admin_client):
    disclosure = AffiliateDisclosureFactory()
    response = admin_client.post(
        snippet_url(AffiliateDisclosure, "edit", disclosure.pk),
        {
            "name": disclosure.name,
            "text": rich_text("<p>Updated wording.</p>"),
            "guidelines_page": "",
            "guidelines_link_text": "Our guidelines",
        },
    )
    assert response.status_code == 302
    disclosure.refresh_from_db()
    assert "Updated wording." in disclosure.text


def test_site_settings_are_edited_in_the_admin(admin_client, home_page):
    disclosure = AffiliateDisclosureFactory()
    site = home_page.get_site()
    url = reverse("wagtailsettings:edit", args=("home", "sitesettings", site.pk))
    data = nested_form_data(
        {
            "tagline": "New tagline",
            "social_links": streamfield(
                [("link", {"name": "Bluesky", "url": "https://bsky.example/profile/x"})]
            ),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    settings = SiteSettings.for_site(site)
    assert settings.tagline == "New tagline"
    assert settings.social_links[0].value["name"] == "Bluesky"

    url = reverse("wagtailsettings:edit", args=("reviews", "reviewsettings", site.pk))
    response = admin_client.post(url, {"default_disclosure": str(disclosure.pk)})
    assert response.status_code == 302
    assert ReviewSettings.for_site(site).default_disclosure == disclosure

    url = reverse("wagtailsettings:edit", args=("feedback", "commentsettings", site.pk))
    response = admin_client.post(
        url, {"auto_approve": "on", "blocked_words": "spamword", "moderator_email": "daily"}
    )
    assert response.status_code == 302
    moderation = CommentSettings.for_site(site)
    assert moderation.auto_approve
    assert moderation.blocked_word_list() == ["spamword"]
    assert moderation.moderator_email == CommentSettings.ModeratorEmail.DAILY

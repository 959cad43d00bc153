"""Private pages (Wagtail's view restrictions) stay private, however much is cached."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from reviews.factories import ReviewPageFactory


@pytest.fixture
def secret(review_index):
    return ReviewPageFactory(parent=review_index, title="The Secret Cut")


def listed_titles(client, review_index):
    response = client.get(review_index.url)
    return [title for title in ("The Secret Cut", "Out in the open") if title in response.text]


def test_a_page_made_private_leaves_the_cache_and_the_listings(client, review_index, secret):
    ReviewPageFactory(parent=review_index, title="Out in the open")
    client.get(secret.url)
    assert client.get(secret.url)["X-Page-Cache"] == "hit"
    assert listed_titles(client, review_index) == ["The Secret Cut", "Out in the open"]

    restriction = PageViewRestriction.objects.create(page=secret, restriction_type="login")
    response = client.get(secret.url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]
    assert listed_titles(client, review_index) == ["Out in the open"]

    restriction.delete()
    assert client.get(secret.url).status_code == 200
    assert listed_titles(client, review_index) == ["The Secret Cut", "Out in the open"]


def test_a_private_section_covers_the_pages_below_it(client, review_index, secret):
    PageViewRestriction.objects.create(
        page=review_index, restriction_type="password", password="projectionist"
    )
    response = client.get(secret.url)
    assert response.status_code == 200
    assert "The Secret Cut" not in response.text
    assert 'name="password"' in response.text


def test_a_group_restriction_lets_its_members_in(client, secret, user_in, django_user_model):
    editors = Group.objects.get(name="Editors")
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type="groups")
    restriction.groups.add(editors)
    assert client.get(secret.url).status_code == 302

    client.force_login(user_in("Editors"))
    assert client.get(secret.url).status_code == 200
    client.force_login(django_user_model.objects.create_user("reader", "r@example.com", "pw"))
    assert client.get(secret.url).status_code == 302

    restriction.groups.remove(editors)  # now no group may see it
    client.force_login(user_in("Moderators"))
    assert client.get(secret.url).status_code == 302

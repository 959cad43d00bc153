"""The demo loader builds a complete publication and is safe to run again."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from feedback.models import Comment
from home.models import HomePage, StandardPage
from offers.models import Offer, Service
from people.models import Person
from reviews.blocks import ReviewBodyBlock
from reviews.models import AffiliateDisclosure, Category, Critic, ReviewPage, ReviewSettings


def snapshot():
    return {
        "pages": Page.objects.count(),
        "reviews": ReviewPage.objects.count(),
        "images": get_image_model().objects.count(),
        "categories": Category.objects.count(),
        "critics": Critic.objects.count(),
        "disclosures": AffiliateDisclosure.objects.count(),
        "comments": Comment.objects.count(),
        "services": Service.objects.count(),
        "offers": Offer.objects.count(),
        "people": Person.objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=None)


def test_second_run_creates_nothing(demo, capsys):
    before = snapshot()
    call_command("load_demo_content")
    assert snapshot() == before
    assert "(0 new objects)" in capsys.readouterr().out


def test_demo_has_the_pieces_of_a_publication(demo):
    assert ReviewPage.objects.live().count() >= 6
    assert StandardPage.objects.filter(slug="editorial-guidelines").exists()
    settings = ReviewSettings.for_site(HomePage.objects.get().get_site())
    assert settings.default_disclosure is not None
    assert settings.default_disclosure.guidelines_page.slug == "editorial-guidelines"
    assert ReviewPage.objects.filter(disclosure_choice="other").exists()
    assert HomePage.objects.get().featured_reviews.count() == 2
    assert not ReviewPage.objects.filter(poster=None).exists()
    assert Comment.objects.filter(status="approved", parent__isnull=False).exists()


def test_every_demo_film_is_free_to_watch_and_some_have_a_shop(demo, client):
    archive = Service.objects.get(name="Internet Archive")
    assert not archive.is_affiliate
    for review in ReviewPage.objects.all():
        assert review.offers.filter(service=archive).exists(), review.slug
    shop = Service.objects.get(is_affiliate=True)
    with_shop = ReviewPage.objects.filter(offers__service=shop)
    assert with_shop.count() >= 3
    assert client.get(with_shop.first().url).text.count('rel="sponsored noopener"') >= 1

    disclosed = BeautifulSoup(client.get("/reviews/charade/").content, "html.parser")
    assert disclosed.select_one("aside.disclosure")  # its text links to the shop
    undisclosed = BeautifulSoup(client.get("/reviews/nanook-of-the-north/").content, "html.parser")
    assert undisclosed.select(".disclosure") == []
    assert "Free to watch" in client.get("/reviews/").text


def test_demo_reviews_use_every_block(demo):
    used = {block.block_type for review in ReviewPage.objects.all() for block in review.body}
    assert used == set(ReviewBodyBlock.base_blocks)
    assert all(review.verdict_label for review in ReviewPage.objects.all())


def test_every_demo_page_renders(demo, client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_dev_admin_is_created_once_with_a_printed_password(db, settings, capsys, django_user_model):
    settings.DEBUG = True
    call_command("ensure_dev_admin")
    output = capsys.readouterr().out
    password = output.split("password: ")[1].split()[0]
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)

    call_command("ensure_dev_admin")
    assert "already exists" in capsys.readouterr().out
    assert django_user_model.objects.get(username="admin").password == admin.password


def test_dev_admin_is_refused_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development settings only"):
        call_command("ensure_dev_admin")


def test_every_performer_and_director_of_the_demo_is_a_person_with_a_page(demo, client):
    for review in ReviewPage.objects.live():
        credited = {credit.credited_as for credit in review.credits.all()}
        assert set(review.director_names()) <= credited
        assert {performer for _, performer in review.cast()} <= credited
    keaton = Person.objects.get(name="Buster Keaton")
    assert keaton.same_as and keaton.born == 1895
    assert {credit.role for credit in keaton.credits.all()} == {"director", "performer"}
    assert Person.objects.named("Greta Schroder").get().bio
    assert client.get(keaton.get_absolute_url()).status_code == 200
    assert client.get("/people/").status_code == 200

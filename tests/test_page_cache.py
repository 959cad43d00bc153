"""Anonymous readers get whole pages from the cache; each change refreshes exactly what shows it."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from feedback.factories import CommentFactory
from feedback.models import Comment
from home.factories import StandardPageFactory
from home.models import SiteSettings, StandardPage
from offers.factories import AffiliateServiceFactory, OfferFactory
from pagecache import tags
from reviews.factories import CategoryFactory, ReviewPageFactory
from reviews.models import VerdictLabel

from .conftest import comment_data


def state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Page-Cache")


def warm(client, *urls):
    for url in urls:
        state(client, url)
    assert [state(client, url) for url in urls] == ["hit"] * len(urls)


def states(client, urls):
    return {url: state(client, url) for url in urls}


@pytest.fixture
def horror(review_index):
    return CategoryFactory(name="Horror")


@pytest.fixture
def comedy(review_index):
    return CategoryFactory(name="Comedy")


@pytest.fixture
def pages(home_page, review_index, horror, comedy):
    """A small site: two reviews in different categories and an unrelated standard page."""
    nosferatu = ReviewPageFactory(parent=review_index, title="Nosferatu", categories=[horror])
    general = ReviewPageFactory(parent=review_index, title="The General", categories=[comedy])
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    return {
        "nosferatu": nosferatu,
        "general": general,
        "home": "/",
        "index": review_index.url,
        "horror": review_index.url + "category/horror/",
        "comedy": review_index.url + "category/comedy/",
        "about": about.url,
    }


def urls(pages, *names):
    return [pages[name] if isinstance(pages[name], str) else pages[name].url for name in names]


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, pages, django_assert_num_queries
):
    url = pages["nosferatu"].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "s-maxage" in second["Cache-Control"]


def test_sessions_never_get_or_fill_the_cache(client, admin_client, pages):
    url = pages["nosferatu"].url
    warm(client, url)
    editor_view = admin_client.get(url)
    assert "X-Page-Cache" not in editor_view
    assert b"wagtail-userbar" in editor_view.content
    assert b"wagtail-userbar" not in client.get(url).content


def test_other_responses_are_not_stored(client, pages):
    assert client.get("/search/", {"q": "nosferatu"}).get("X-Page-Cache") is None
    assert client.get("/no-such-page/").get("X-Page-Cache") is None


def test_publishing_refreshes_the_review_and_its_listings_only(client, pages):
    everything = urls(pages, "nosferatu", "general", "home", "index", "horror", "comedy", "about")
    warm(client, *everything)

    review = pages["nosferatu"]
    review.intro = "A newly written intro."
    review.save_revision().publish()

    refreshed = urls(pages, "nosferatu", "home", "index", "horror")
    assert states(client, everything) == {
        url: ("miss" if url in refreshed else "hit") for url in everything
    }
    assert "A newly written intro." in client.get(pages["index"]).text


def test_moving_a_review_to_another_category_refreshes_both(client, pages, comedy):
    watched = urls(pages, "horror", "comedy", "about")
    warm(client, *watched)
    review = pages["nosferatu"]
    review.categories = [comedy]
    review.save_revision().publish()

    assert states(client, watched) == dict(zip(watched, ["miss", "miss", "hit"], strict=True))
    assert "Nosferatu" not in client.get(pages["horror"]).text
    assert "Nosferatu" in client.get(pages["comedy"]).text


def test_unpublishing_takes_a_review_out_of_listings(client, pages):
    warm(client, *urls(pages, "index", "horror"))
    pages["nosferatu"].unpublish()
    assert "Nosferatu" not in client.get(pages["index"]).text
    assert "Nosferatu" not in client.get(pages["horror"]).text
    assert client.get(pages["nosferatu"].url).status_code == 404


def test_moving_a_page_refreshes_the_menu_everywhere(client, pages, home_page):
    about = StandardPage.objects.get(slug="about")
    about.show_in_menus = True
    about.save_revision().publish()
    watched = urls(pages, "home", "general")
    warm(client, *watched)
    parent = StandardPageFactory(parent=home_page, title="Info", slug="info")

    about.move(parent, pos="last-child")
    assert set(states(client, watched).values()) == {"miss"}
    menu = client.get("/").text.split('class="site-nav"')[1].split("</nav>")[0]
    assert "/about/" not in menu


def test_moderated_comment_refreshes_its_review_and_counts(client, pages):
    nosferatu, general = pages["nosferatu"], pages["general"]
    watched = [nosferatu.url, general.url, pages["index"], pages["comedy"]]
    comment = CommentFactory(page=nosferatu, status=Comment.Status.PENDING, body="Lovely.")
    warm(client, *watched)

    comment.moderate(Comment.Status.APPROVED)
    assert states(client, watched) == dict(
        zip(watched, ["miss", "hit", "miss", "hit"], strict=True)
    )
    assert "Lovely." in client.get(nosferatu.url).text
    assert "1 comment" in client.get(pages["index"]).text


def test_a_new_pending_comment_refreshes_nothing(client, pages, post_comment):
    url = pages["nosferatu"].url
    warm(client, url)
    assert post_comment(pages["nosferatu"]).status_code == 302
    assert state(client, url) == "hit"


def test_a_vote_refreshes_only_its_review(client, pages, rate):
    watched = [pages["nosferatu"].url, pages["general"].url, pages["index"]]
    warm(client, *watched)
    rate(pages["nosferatu"], 5, client=Client())
    assert states(client, watched) == dict(zip(watched, ["miss", "hit", "hit"], strict=True))
    assert "User rating 5.0 / 5 from 1 reader" in client.get(pages["nosferatu"].url).text


def test_a_changed_vote_refreshes_its_review(client, pages, rate):
    review = pages["nosferatu"]
    reader = Client()
    rate(review, 5, client=reader)
    warm(client, review.url)
    rate(review, 1, client=reader)  # the same reader, by their cookie, changes their mind
    assert "User rating 1.0 / 5 from 1 reader" in client.get(review.url).text


def test_category_edit_refreshes_pages_that_show_it(client, pages, horror):
    watched = urls(pages, "horror", "nosferatu", "general", "index", "about")
    warm(client, *watched)
    horror.name = "Terror"
    horror.save()
    assert states(client, watched) == dict(
        zip(watched, ["miss", "miss", "hit", "miss", "hit"], strict=True)
    )
    assert "Terror" in client.get(pages["nosferatu"].url).text


def test_disclosure_edit_refreshes_reviews_showing_it(client, pages, default_disclosure):
    with_affiliate_links = pages["nosferatu"]  # the other review has none, so no disclosure
    with_affiliate_links.offers = [OfferFactory(service=AffiliateServiceFactory())]
    with_affiliate_links.save_revision().publish()
    watched = [with_affiliate_links.url, pages["general"].url, pages["about"]]
    warm(client, *watched)

    default_disclosure.text = "<p>Changed wording.</p>"
    default_disclosure.save()
    assert states(client, watched) == dict(zip(watched, ["miss", "hit", "hit"], strict=True))


def test_verdict_label_rename_refreshes_reviews_and_cards(client, pages):
    watched = [pages["nosferatu"].url, pages["index"], pages["about"]]
    warm(client, *watched)
    label = VerdictLabel.objects.get(name="Must See")
    label.name = "Essential"
    label.save()
    assert states(client, watched) == dict(zip(watched, ["miss", "miss", "hit"], strict=True))
    assert "Essential" in client.get(pages["index"]).text


def test_site_settings_refresh_every_page(client, pages, home_page):
    everything = urls(pages, "nosferatu", "home", "about")
    warm(client, *everything)
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.tagline = "Now with a tagline"
    site_settings.save()
    assert set(states(client, everything).values()) == {"miss"}


def test_forms_on_cached_pages_keep_working(client, pages):
    review = pages["nosferatu"]
    warm(client, review.url)
    cached = client.get(review.url)
    token = cached.text.split('name="form_token" value="')[1].split('"')[0]

    reader = Client()  # a different reader, with no cookies and no JavaScript
    url = reverse("feedback:post_comment", args=[review.pk])
    checked = reader.post(
        url, comment_data(review, form_token=token), HTTP_ORIGIN="http://testserver"
    )
    assert (
        checked.status_code == 200
    )  # shown back once with a token of their own (test_form_tokens)
    token = BeautifulSoup(checked.content, "html.parser").select_one(
        "#comment-form [name=form_token]"
    )["value"]
    response = reader.post(
        url, comment_data(review, form_token=token), HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 302
    assert Comment.objects.filter(page=review).exists()


class RecordingFrontendCache:
    """A frontend cache backend (Wagtail's plug-in point) that notes what it is told to purge."""

    purged = []

    def __init__(self, params):
        self.cache_netloc = None

    def purge(self, url):
        self.purged.append(url)

    def purge_batch(self, urls):
        self.purged.extend(urls)

    def invalidates_hostname(self, hostname):
        return True


def test_cdn_is_purged_for_exactly_the_refreshed_addresses(
    client, pages, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingFrontendCache"}}
    RecordingFrontendCache.purged = []
    warm(client, *urls(pages, "nosferatu", "general", "horror", "about"))

    with django_capture_on_commit_callbacks(execute=True):
        pages["nosferatu"].save_revision().publish()

    purged = {url.removeprefix("http://testserver") for url in RecordingFrontendCache.purged}
    assert {pages["nosferatu"].url, pages["horror"]} <= purged
    assert pages["general"].url not in purged
    assert pages["about"] not in purged


def test_related_reviews_follow_a_review_joining_the_category(client, pages, horror):
    url = pages["nosferatu"].url
    warm(client, url)
    newcomer = ReviewPageFactory(parent=pages["nosferatu"].get_parent(), title="Vampyr")
    newcomer.categories = [horror]
    newcomer.save_revision().publish()
    related = client.get(url).text.split('id="related-heading"')[1]
    assert "Vampyr" in related


def test_a_new_poster_image_refreshes_the_cards_that_show_it(client, pages):
    review = pages["nosferatu"]
    review.poster = wagtail_factories.ImageFactory()
    review.save_revision().publish()
    watched = urls(pages, "index", "comedy", "about")
    warm(client, *watched)
    review.poster.focal_point_x, review.poster.focal_point_y = 10, 10
    review.poster.focal_point_width = review.poster.focal_point_height = 5
    review.poster.save()
    assert states(client, watched) == dict(zip(watched, ["miss", "hit", "hit"], strict=True))


def test_a_renamed_top_level_page_moves_at_once(client, pages):
    about = StandardPage.objects.get(slug="about")
    warm(client, "/about/", "/")
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/who-we-are/").status_code == 200
    assert client.get("/about/").status_code == 404


def test_a_renamed_review_moves_at_once(client, pages):
    review = pages["nosferatu"]
    old_url = review.url
    warm(client, old_url)
    review.slug = "nosferatu-1922"
    review.save_revision().publish()
    review.refresh_from_db()
    assert review.url == "/reviews/nosferatu-1922/"
    assert client.get(old_url).status_code == 404
    assert client.get(review.url).status_code == 200


def test_a_new_top_level_page_is_reachable_at_once(client, pages, home_page):
    warm(client, "/", "/about/")
    assert client.get("/colophon/").status_code == 404
    StandardPageFactory(parent=home_page, title="Colophon", slug="colophon")
    assert client.get("/colophon/").status_code == 200


def test_a_review_rendered_again_asks_the_database_nothing(
    client, pages, django_assert_num_queries
):
    url = pages["nosferatu"].url
    client.get(url)
    # The site, home page, review index and the review itself come from the cache, and so do
    # the review's text, rating summary and the list of who may see which pages.
    with django_assert_num_queries(0):
        assert client.get(f"{url}?uncached=1")["X-Page-Cache"] == "miss"


def fetch(key):
    return tags.fetch(key, tags.current_generation())


def test_each_process_keeps_copies_that_any_change_retires(pages):
    tags.store("example", "stored value", {"some-tag"}, 60, built_in=tags.current_generation())
    assert fetch("example") == "stored value"
    cache.delete("example")  # what this process fetched is still its own to serve
    assert fetch("example") == "stored value"

    tags.invalidate("another-tag")  # any change, made by any process sharing the cache
    assert fetch("example") is None


class CountedGenerationReads:
    def __init__(self, shared):
        self.shared, self.reads = shared, 0

    def get(self, key, *args, **kwargs):
        self.reads += key == tags.GENERATION
        return self.shared.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.shared, name)


def test_a_render_reads_the_generation_once(client, pages, monkeypatch):
    url = pages["nosferatu"].url
    client.get(url)
    counted = CountedGenerationReads(cache)
    monkeypatch.setattr(tags, "cache", counted)
    assert client.get(f"{url}?uncached=1")["X-Page-Cache"] == "miss"
    # The page cache's own lookup, then one for the dozen parts the review is made of.
    assert counted.reads <= 2


def test_within_one_generation_a_change_is_seen_at_once(pages):
    with tags.one_generation():
        assert tags.fetch_or_build("example", lambda: ("first", {"some-tag"}), 60) == "first"
        tags.invalidate("some-tag")
        assert tags.fetch_or_build("example", lambda: ("second", {"some-tag"}), 60) == "second"

"""People's pages, the A-Z index, links from reviews, search, the sitemap and the cache."""

import datetime
import json

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.factories import PersonFactory
from people.models import Person
from reviews import block_values as review_blocks
from reviews.factories import ReviewPageFactory, verdict_block

from .test_query_budgets import BUDGET, COLD_BUDGET, cold_queries, uncached_queries


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return json.loads(soup.find("script", type="application/ld+json").string)


def cached(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["X-Page-Cache"]


@pytest.fixture
def schreck(db):
    return PersonFactory(
        name="Max Schreck",
        born=1879,
        died=1936,
        wikidata_id="Q77136",
        imdb_id="nm0775486",
        bio="<p>A stage actor of the Munich Kammerspiele.</p>",
    )


@pytest.fixture
def films(review_index, schreck):
    nosferatu = ReviewPageFactory(
        parent=review_index,
        title="Nosferatu",
        release_year=1922,
        director="F. W. Murnau",
        date_published=datetime.date(2026, 3, 1),
        body=[
            review_blocks.cast(
                [("Count Orlok", "Max Schreck", ""), ("Ellen Hutter", "Greta Schröder", "")]
            ),
            verdict_block("Must See", "9.5", "Still terrifying."),
        ],
    )
    street = ReviewPageFactory(
        parent=review_index,
        title="The Street",
        release_year=1923,
        director="Karl Grune, Max Schreck",
        date_published=datetime.date(2026, 4, 1),
        body=[
            review_blocks.cast([("The blind man", "", "uncredited", schreck.pk)]),
            verdict_block("Skip It", None, "Too long a walk."),
        ],
    )
    draft = ReviewPageFactory(
        parent=review_index,
        title="Unfinished",
        live=False,
        body=[review_blocks.cast([("Someone", "", "", schreck.pk)]), verdict_block()],
    )
    return {"nosferatu": nosferatu, "street": street, "draft": draft}


def test_a_person_page_lists_their_reviews_by_role_newest_first(client, films, schreck):
    soup = soup_of(client, "/people/max-schreck/")
    assert soup.h1.get_text() == "Max Schreck"
    assert "1879\u20131936" in soup.select_one(".person__years").get_text()
    directed, performed = soup.select(".credits")
    assert [a.get_text() for a in directed.select(".credit__work a")] == ["The Street"]
    entries = performed.select(".credit")
    assert [e.select_one(".credit__work a").get_text() for e in entries] == [
        "The Street",
        "Nosferatu",
    ]
    assert "as The blind man (uncredited)" in entries[0].get_text(" ", strip=True)
    assert "as Count Orlok" in entries[1].get_text(" ", strip=True)
    assert "Must See" in entries[1].select_one(".score").get_text()
    assert entries[1].select_one("a")["href"] == films["nosferatu"].url
    assert "Unfinished" not in soup.get_text()


def test_a_person_page_has_its_json_ld_canonical_and_opengraph(client, films, schreck):
    schreck.portrait = wagtail_factories.ImageFactory()
    schreck.save()
    soup = soup_of(client, "/people/max-schreck/")
    assert json_ld(soup) == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Max Schreck",
        "url": "http://testserver/people/max-schreck/",
        "sameAs": [
            "https://www.wikidata.org/wiki/Q77136",
            "https://www.imdb.com/name/nm0775486/",
        ],
        "birthDate": "1879",
        "deathDate": "1936",
        "description": "A stage actor of the Munich Kammerspiele.",
        "image": json_ld(soup)["image"],
    }
    assert json_ld(soup)["image"].startswith("http://testserver/")
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/people/max-schreck/"
    assert soup.find("meta", property="og:type")["content"] == "profile"
    assert soup.find("meta", property="og:title")["content"] == "Max Schreck"
    assert soup.find("meta", property="og:image")
    assert not soup.find("meta", attrs={"name": "robots"})


def test_someone_no_published_review_credits_has_a_page_kept_out_of_search_engines(client, db):
    PersonFactory(name="Nobody Credited")
    soup = soup_of(client, "/people/nobody-credited/")
    assert "No published reviews credit Nobody Credited yet." in soup.get_text()
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_an_unknown_person_is_a_404(client, db):
    assert client.get("/people/nobody-at-all/").status_code == 404
    assert client.get("/people/%00/").status_code == 404


def test_the_people_index_lists_credited_people_a_to_z(client, films):
    PersonFactory(name="Nobody Credited")
    Person.objects.filter(name="F. W. Murnau").update(sort_as="murnau f w")
    soup = soup_of(client, "/people/")
    groups = {
        section.h2.get_text(): [a.get_text() for a in section.select("li a")]
        for section in soup.select(".people__group")
    }
    assert groups == {
        "G": ["Karl Grune"],
        "M": ["F. W. Murnau"],
        "S": ["Max Schreck", "Greta Schröder"],  # schreck, schroder
    }
    assert "2 reviews" in soup.find("a", string="Max Schreck").parent.get_text()


def test_names_outside_a_to_z_share_one_last_section_of_the_index(client, films):
    Person.objects.filter(name="Karl Grune").update(sort_as="1 grune")  # before "a"
    Person.objects.filter(name="Greta Schröder").update(sort_as="шрёдер")  # after "z"
    soup = soup_of(client, "/people/")
    sections = [section.h2.get_text() for section in soup.select(".people__group")]
    assert sections == ["M", "S", "#"]
    last = soup.select(".people__group")[-1]
    assert [a.get_text() for a in last.select("li a")] == ["Karl Grune", "Greta Schröder"]


def test_the_review_links_its_cast_and_director_to_their_pages(client, films):
    soup = soup_of(client, films["street"].url)
    facts = soup.select_one(".work-facts dd a[href='/people/karl-grune/']")
    assert facts.get_text() == "Karl Grune"
    assert soup.select_one(".work-facts a[href='/people/max-schreck/']")
    cast_link = soup.select_one(".cast__table a")
    assert (cast_link["href"], cast_link.get_text()) == ("/people/max-schreck/", "Max Schreck")


def test_the_review_json_ld_gives_the_people_their_page_and_identifiers(client, films):
    work = json_ld(soup_of(client, films["nosferatu"].url))["itemReviewed"]
    assert work["actor"][0] == {
        "@type": "Person",
        "name": "Max Schreck",
        "url": "http://testserver/people/max-schreck/",
        "sameAs": ["https://www.wikidata.org/wiki/Q77136", "https://www.imdb.com/name/nm0775486/"],
    }
    assert work["director"] == [
        {"@type": "Person", "name": "F. W. Murnau", "url": "http://testserver/people/f-w-murnau/"}
    ]


def test_the_sitemap_lists_the_people_index_and_credited_people(client, films):
    PersonFactory(name="Nobody Credited")
    xml = client.get("/sitemap.xml").content.decode()
    # Addresses on the site's own host, as the reviews' are.
    assert "http://localhost/people/</loc>" in xml
    assert "http://localhost/people/max-schreck/</loc>" in xml
    assert "nobody-credited" not in xml


@pytest.mark.parametrize("query", ["Schröder", "schroder", "GRETA SCHRODER", "greta"])
def test_search_finds_people_with_or_without_accents_and_lists_them_first(client, films, query):
    soup = soup_of(client, f"/search/?q={query}")
    people = soup.select_one(".search-people")
    assert [a.get_text() for a in people.select("a")] == ["Greta Schröder"]
    assert people.find_next(class_="search-summary")  # the people come before the reviews


def test_search_of_people_is_kept_in_the_cache(client, films):
    client.get("/search/?q=schreck")
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/?q=schreck&uncached=1")
    assert not [q for q in queries if "people_person" in q["sql"]]


class TestCache:
    """A person's page is refreshed exactly when a review crediting them changes, and when
    they are edited."""

    @pytest.fixture(autouse=True)
    def keep_client(self, client):
        self.client = client

    @pytest.fixture
    def urls(self, films):
        """Two people's pages, the index and the home page, each in the cache."""
        urls = ["/people/max-schreck/", "/people/greta-schroder/", "/people/", "/"]
        for url in urls:
            cached(self.client, url)
        return urls

    def states(self, urls):
        return {url: cached(self.client, url) for url in urls}

    def test_warm_pages_are_hits(self, urls):
        assert set(self.states(urls).values()) == {"hit"}

    def test_publishing_a_review_refreshes_the_people_it_credits(self, urls, films):
        films["street"].save_revision().publish()
        assert self.states(urls[:2]) == {
            "/people/max-schreck/": "miss",
            "/people/greta-schroder/": "hit",
        }

    def test_a_new_review_refreshes_its_people_and_the_index(self, urls, review_index):
        ReviewPageFactory(
            parent=review_index,
            live=False,
            body=[review_blocks.cast([("Ellen", "Greta Schroder", "")]), verdict_block()],
        ).save_revision().publish()
        assert self.states(urls[:3]) == {
            "/people/max-schreck/": "hit",
            "/people/greta-schroder/": "miss",
            "/people/": "miss",
        }
        assert "Unfinished" not in self.client.get("/people/greta-schroder/").content.decode()

    def test_unpublishing_a_review_refreshes_its_people(self, urls, films):
        films["nosferatu"].unpublish()
        assert self.states(urls[:3]) == {
            "/people/max-schreck/": "miss",
            "/people/greta-schroder/": "miss",
            "/people/": "miss",
        }
        assert self.client.get("/people/greta-schroder/").status_code == 200
        assert "Nosferatu" not in self.client.get("/people/max-schreck/").content.decode()

    def test_a_review_that_drops_a_person_refreshes_their_page(self, urls, films):
        review = films["nosferatu"]
        review.body = [review_blocks.cast([("Count Orlok", "Max Schreck", "")]), verdict_block()]
        review.save_revision().publish()
        assert self.states(urls[:2]) == {
            "/people/max-schreck/": "miss",
            "/people/greta-schroder/": "miss",
        }
        assert "Nosferatu" not in self.client.get("/people/greta-schroder/").content.decode()

    def test_editing_a_person_refreshes_their_page_and_the_reviews_naming_them(
        self, urls, films, schreck
    ):
        review_urls = [films["nosferatu"].url, films["street"].url]
        for url in review_urls:
            cached(self.client, url)
        greta = Person.objects.get(name="Greta Schröder")
        greta.bio = "<p>Born in Düsseldorf.</p>"
        greta.save()
        assert self.states([*urls[:3], *review_urls]) == {
            "/people/max-schreck/": "hit",
            "/people/greta-schroder/": "miss",
            "/people/": "miss",
            films["nosferatu"].url: "miss",
            films["street"].url: "hit",
        }

    def test_saving_a_draft_refreshes_nothing(self, urls, films):
        films["nosferatu"].save_revision()
        assert set(self.states(urls).values()) == {"hit"}


def test_a_person_page_with_50_reviews_is_within_the_budgets(client, review_index, settings):
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**backend, "AUTO_UPDATE": False}}
    person = PersonFactory(name="Busy Performer")
    for n in range(50):
        ReviewPageFactory(
            parent=review_index,
            director="Busy Performer" if n % 5 == 0 else "Someone Else",
            body=[
                review_blocks.cast([(f"Role {n}", "", "", person.pk), (f"Other {n}", "X Y", "")]),
                verdict_block(),
            ],
        )
    for url in ("/people/busy-performer/", "/people/"):
        assert uncached_queries(client, url) <= BUDGET, url
        assert cold_queries(client, settings, url) <= COLD_BUDGET, url


def test_links_to_people_add_no_query_per_cast_row(client, review_index):
    def review_with_cast(size):
        return ReviewPageFactory(
            parent=review_index,
            director="One Director, Another Director",
            body=[
                review_blocks.cast([(f"Role {n}", f"Performer {n}", "") for n in range(size)]),
                verdict_block(),
            ],
        )

    small, large = review_with_cast(2), review_with_cast(30)
    assert uncached_queries(client, large.url) == uncached_queries(client, small.url)

"""Routing from the cache: the right site for each host, and top-level pages shown whole."""

import pytest
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from home.factories import StandardPageFactory
from home.models import HomePage
from pagecache import routing
from pagecache.routing import site_for_host, site_root_paths


@pytest.fixture
def sites(home_page):
    """The default site (localhost:80, and any host without a site of its own), and three more
    sites on their own host names and ports."""
    root = Page.get_first_root_node()
    other = root.add_child(instance=HomePage(title="Second Reel", slug="second-reel"))
    third = root.add_child(instance=HomePage(title="Third Reel", slug="third-reel"))
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=other, site_name="Second")
    Site.objects.create(hostname="127.0.0.1", port=8080, root_page=third, site_name="Third")
    Site.objects.create(hostname="localhost", port=8080, root_page=third, site_name="Fourth")
    return list(Site.objects.select_related("root_page", "root_page__locale"))


@pytest.mark.parametrize(
    ("hostname", "port"),
    [
        ("localhost", "80"),
        ("localhost", "8080"),
        ("localhost", "443"),
        ("127.0.0.1", "8080"),
        ("127.0.0.1", "80"),
        ("testserver", "80"),
        ("unknown.example", "80"),
    ],
)
def test_the_site_for_a_host_is_the_one_wagtail_chooses(sites, hostname, port):
    assert site_for_host(sites, hostname, port) == get_site_for_hostname(hostname, port)


def test_site_addresses_are_the_ones_wagtail_builds(sites):
    assert site_root_paths(sites) == Site.get_site_root_paths()


def test_each_host_gets_its_own_site(client, sites):
    assert 'rel="home">Second</a>' in client.get("/", HTTP_HOST="127.0.0.1").text
    assert 'rel="home">Second</a>' not in client.get("/").text


def test_a_top_level_page_is_shown_whole_and_refreshed_when_published(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Who we are.")
    assert "Who we are." in client.get("/about/?first").text
    about.intro = "Who we are now."
    about.save_revision().publish()
    assert "Who we are now." in client.get("/about/?second").text


def test_past_the_top_level_pages_kept_routing_asks_the_database(client, home_page, monkeypatch):
    monkeypatch.setattr(routing, "MOST_TOP_LEVEL_PAGES", 1)
    StandardPageFactory(parent=home_page, title="About", slug="about", intro="Who we are.")
    StandardPageFactory(parent=home_page, title="Contact", slug="contact", intro="Write to us.")
    assert "Write to us." in client.get("/contact/").text
    assert client.get("/").status_code == 200
    assert client.get("/missing/").status_code == 404

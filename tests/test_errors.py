"""Unknown addresses get the site's 404 page; failures get its 500 page."""

import pytest
from bs4 import BeautifulSoup

from reviews.models import ReviewIndexPage


@pytest.mark.parametrize(
    "path",
    ["/no-such-page/", "/reviews/no-such-review/", "/reviews/category/", "/reviews/x/y/z/"],
)
def test_unknown_paths_get_the_site_404_page(client, review_index, path):
    response = client.get(path)
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Page not found"
    assert soup.find("main", id="main")
    assert soup.select_one("main a[href='/reviews/']")


def test_server_errors_get_the_site_500_page(client, review_index, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(ReviewIndexPage, "reviews", fail)
    client.raise_request_exception = False
    response = client.get(review_index.url)

    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Something went wrong"
    assert "simulated failure" not in response.text

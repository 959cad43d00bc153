"""The text face is served by the site itself: open-licence WOFF2 files, preloaded, swapped in
without holding up the first paint."""

from pathlib import Path

from bs4 import BeautifulSoup
from django.conf import settings

FONTS = Path(settings.BASE_DIR) / "static/fonts"
REGULAR = "/static/fonts/source-serif-4-latin-wght-normal.woff2"


def served(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content)
    response.close()
    return response, body


def test_the_font_files_are_woff2_with_their_licence(client, db):
    for name in ("normal", "italic"):
        response, body = served(client, f"/static/fonts/source-serif-4-latin-wght-{name}.woff2")
        assert response.status_code == 200
        assert body[:4] == b"wOF2"
        # A Latin subset, with only the weights the site uses: both faces are fetched before a
        # review's first paint, where every kilobyte shows in its Lighthouse score.
        assert len(body) < 40 * 1024
    licence = (FONTS / "OFL-source-serif-4.txt").read_text()
    assert "SIL Open Font License, Version 1.1" in licence


def test_the_stylesheet_declares_the_faces_with_swap(client, db):
    _, css = served(client, "/static/css/site.css")
    css = css.decode()
    assert css.count("@font-face") == 2
    assert css.count("font-display: swap") == 2
    assert css.count("font-weight: 400 800") == 2  # the weights the files hold
    assert '--font-body: "Source Serif 4"' in css


def test_pages_preload_the_regular_face_from_this_site(client, review):
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    preload = soup.select_one('link[rel=preload][as="font"]')
    assert preload["href"] == REGULAR
    assert preload["type"] == "font/woff2"
    assert preload.has_attr("crossorigin")  # fonts are fetched in CORS mode, even from here
    assert not soup.select('link[href*="//fonts."]')

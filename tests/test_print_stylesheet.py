"""A printed review is its text: forms, sharing, related reviews and navigation stay off paper."""

from bs4 import BeautifulSoup


def test_pages_link_a_print_only_stylesheet(client, review):
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    link = soup.select_one('link[rel=stylesheet][media="print"]')
    assert link["href"] == "/static/css/print.css"


def test_the_print_stylesheet_hides_what_paper_cannot_use(client, db):
    response = client.get("/static/css/print.css")
    assert response.status_code == 200
    css = b"".join(response.streaming_content).decode()
    hidden = css[: css.index("display: none !important")]
    for part in (".comment-form", ".reader-rating", ".review__share", ".related", ".site-nav"):
        assert part in hidden, part
    assert "@page" in css

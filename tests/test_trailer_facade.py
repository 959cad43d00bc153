"""Trailers load on a click: the player sits in an inert <template> behind a Play button that
only JavaScript shows, and the plain link to the video is always there."""

from bs4 import BeautifulSoup

from reviews import block_values as review_blocks
from reviews.factories import ReviewPageFactory

VIDEO = "https://archive.org/details/the_general"


def test_the_player_waits_in_a_template_behind_a_play_button(client, review_index):
    review = ReviewPageFactory(parent=review_index, body=[review_blocks.trailer(VIDEO, "Trailer")])
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    frame = soup.select_one("figure.trailer [data-trailer]")
    # Nothing outside the template would make the browser contact the video host.
    iframes = soup.find_all("iframe")
    assert iframes and all(iframe.find_parent("template") for iframe in iframes)
    assert frame.template.iframe["src"] == "https://archive.org/embed/the_general"
    button = frame.select_one("button.trailer__play")
    assert button.has_attr("hidden")  # shown by the script; without it the link is the way
    assert "Play Trailer" in button.get_text()
    assert soup.select_one("figure.trailer figcaption a")["href"] == VIDEO
    assert soup.select_one('script[src="/static/js/review.js"]').has_attr("defer")


def test_the_policy_still_allows_only_the_known_players(client, review_index):
    review = ReviewPageFactory(parent=review_index, body=[review_blocks.trailer(VIDEO)])
    header = client.get(review.url)["Content-Security-Policy"]
    policy = dict(directive.strip().split(" ", 1) for directive in header.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["frame-src"].startswith("https://archive.org ")

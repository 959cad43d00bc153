"""The reader rating is a row of five large stars: radio buttons with names, sent by a plain
form (no JavaScript needed), and once readers have voted, how many gave each score."""

from bs4 import BeautifulSoup


def rating_section(client, review, **query):
    soup = BeautifulSoup(client.get(review.url, query).content, "html.parser")
    return soup.select_one("#reader-rating")


def test_the_stars_are_named_radio_buttons_in_a_form_that_posts(client, review):
    section = rating_section(client, review)
    form = section.select_one("form.rating-form")
    assert form["method"] == "post"
    assert form.select_one("fieldset legend").get_text().startswith("Your rating")
    stars = form.select(".star-rating__option input[type=radio][name=score]")
    assert [star["value"] for star in stars] == ["1", "2", "3", "4", "5"]
    assert [star["aria-label"] for star in stars] == [
        "1 star",
        "2 stars",
        "3 stars",
        "4 stars",
        "5 stars",
    ]
    assert stars[0].has_attr("required")  # one required radio makes the group required
    assert form.select_one("button[type=submit]")


def test_a_vote_without_javascript_comes_back_checked(client, review, rate):
    response = rate(review, 4)
    assert response.status_code == 302
    section = rating_section(client, review, rated=4)
    assert section.select_one("input[value='4']").has_attr("checked")


def test_no_distribution_before_the_first_vote(client, review):
    assert rating_section(client, review).select_one(".vote-distribution") is None


def test_the_distribution_counts_votes_for_each_score_highest_first(client, review, rate):
    for n, score in enumerate([5, 5, 4, 1]):
        rate(review, score, client=type(client)(), ip=f"198.51.100.{n + 1}")
    table = rating_section(client, review).select_one(".vote-distribution")
    rows = [
        (row.th.get_text(" ", strip=True), row.select_one(".vote-distribution__votes").get_text())
        for row in table.select("tbody tr")
    ]
    assert rows == [
        ("5 ★ stars", "2"),
        ("4 ★ stars", "1"),
        ("3 ★ stars", "0"),
        ("2 ★ stars", "0"),
        ("1 ★ star", "1"),
    ]
    bars = [(bar["value"], bar["max"]) for bar in table.select("meter")]
    assert bars == [("2", "4"), ("1", "4"), ("0", "4"), ("0", "4"), ("1", "4")]

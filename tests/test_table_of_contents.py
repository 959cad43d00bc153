"""A long review lists its sections at the top ("In this review"), as links to anchors made from
the headings; spoiler sections are listed as "Spoilers", never by what they are about."""

import pytest
from bs4 import BeautifulSoup

from core import block_values as shared_blocks
from feedback.factories import CommentFactory
from reviews import block_values as review_blocks
from reviews.contents import sections
from reviews.factories import ReviewPageFactory, verdict_block

SPOILER_HEADING = "Who survives the night"
SPOILER_SUBHEADING = "The last reel"


def page(client, review):
    response = client.get(review.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed(soup):
    """(link text, target) of each entry in the table of contents."""
    return [(a.get_text(), a["href"]) for a in soup.select("nav.toc a")]


@pytest.fixture
def long_review(review_index):
    return ReviewPageFactory(
        parent=review_index,
        body=[
            shared_blocks.text_section("<p>Where the story starts.</p>"),  # no heading
            shared_blocks.text_section("<p>Harbours and hills.</p>", heading="A journey east"),
            review_blocks.cast([("Count Orlok", "Max Schreck", "")]),
            shared_blocks.quote("What a lovely throat."),
            shared_blocks.text_section("<p>A court case.</p>", heading="Borrowed from Dracula"),
            review_blocks.spoiler(
                f"<h3>{SPOILER_SUBHEADING}</h3><p>The sun rises.</p>", heading=SPOILER_HEADING
            ),
            verdict_block(),
        ],
    )


def test_a_long_review_lists_its_sections_in_order_as_links_to_their_headings(client, long_review):
    soup = page(client, long_review)
    assert listed(soup) == [
        ("A journey east", "#a-journey-east"),
        ("Cast", "#cast"),
        ("Borrowed from Dracula", "#borrowed-from-dracula"),
        ("Spoilers", "#spoilers"),
        ("Verdict", "#verdict"),
    ]
    for title, target in listed(soup)[:3] + listed(soup)[-1:]:
        assert soup.select_one(f".review__body h2{target}").get_text() == title
    assert soup.select_one(".review__body details.spoiler#spoilers:not([open])")


def test_the_list_is_a_labelled_navigation_that_opens_without_javascript(client, long_review):
    toc = page(client, long_review).select_one("nav.toc")
    assert toc["aria-label"] == "In this review"
    # A closed <details>: the browser opens it by click, tap or keyboard, with no script.
    summary = toc.select_one("details:not([open]) > summary")
    assert summary.get_text() == "In this review"
    assert toc.select("details > ol > li > a")


def test_it_comes_after_the_header_and_before_the_text(client, long_review):
    soup = page(client, long_review)
    in_order = soup.select(".review__header, nav.toc, .review__body")  # in document order
    assert [element.name for element in in_order] == ["header", "nav", "div"]
    # On a desktop it sits in the aside, under the facts, which stays beside the text.
    assert soup.select_one(".review__aside > .work-facts + nav.toc")


def test_a_review_with_fewer_than_three_sections_besides_the_verdict_lists_none(
    client, review_index
):
    review = ReviewPageFactory(
        parent=review_index,
        body=[
            shared_blocks.text_section("<p>One.</p>", heading="First thoughts"),
            review_blocks.spoiler("<p>Two.</p>", heading="The ending"),
            verdict_block(),
        ],
    )
    soup = page(client, review)
    assert not soup.select("nav.toc")
    # The headings keep their anchors all the same, for links from elsewhere.
    assert soup.select_one("h2#first-thoughts")
    assert soup.select_one("details#spoilers")


def test_spoiler_sections_never_lend_their_headings_to_the_list_or_to_any_anchor(
    client, long_review
):
    soup = page(client, long_review)
    toc = soup.select_one("nav.toc").decode()
    for secret in (SPOILER_HEADING, SPOILER_SUBHEADING):
        assert secret not in toc
        slug = secret.lower().replace(" ", "-")
        assert not soup.select(f'[id*="{slug}"], [href*="{slug}"]')
    assert not soup.select(".spoiler__body [id]")  # headings inside a spoiler get no anchor
    # The heading still shows on the closed spoiler itself, under its warning.
    assert soup.select_one("#spoilers .spoiler__heading").get_text() == SPOILER_HEADING


def test_several_spoiler_sections_are_numbered(client, review_index):
    review = ReviewPageFactory(
        parent=review_index,
        body=[
            review_blocks.spoiler("<p>One.</p>", heading="The twist"),
            shared_blocks.text_section("<p>Between.</p>", heading="Meanwhile"),
            review_blocks.spoiler("<p>Two.</p>", heading="The other twist"),
            verdict_block(),
        ],
    )
    assert listed(page(client, review)) == [
        ("Spoilers 1", "#spoilers-1"),
        ("Meanwhile", "#meanwhile"),
        ("Spoilers 2", "#spoilers-2"),
        ("Verdict", "#verdict"),
    ]


def test_every_id_on_the_page_stays_unique_whatever_the_headings_say(client, review_index):
    review = ReviewPageFactory(parent=review_index)
    comment_id = f"comment-{CommentFactory(page=review, status='approved').pk}"
    # Headings that read like the ids of the page's other parts, and repeated headings.
    page_ids = [element["id"] for element in page(client, review).select("[id]")]
    assert {"verdict", comment_id, "id_name", "main", "comments"} <= set(page_ids)
    headings = [*page_ids, "Part one", "Part one", "Part one 2"]
    review.body = [
        *(shared_blocks.text_section("<p>Text.</p>", heading=h) for h in headings),
        verdict_block(),
    ]
    review.save_revision().publish()

    soup = page(client, review)
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    entries = listed(soup)
    assert len(entries) == len(headings) + 1
    assert all(soup.select_one(target) for _, target in entries)
    taken = {("verdict", "#verdict-2"), (comment_id, f"#{comment_id}-2"), ("id_name", "#id-name")}
    assert taken <= set(entries)
    assert [target for _, target in entries[-4:]] == [
        "#part-one",
        "#part-one-2",
        "#part-one-2-2",
        "#verdict",
    ]


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Début à l'écran", "début-à-lécran"),
        ("  Hands,  heads & hearts!  ", "hands-heads-hearts"),
        ("?!", "section"),
    ],
)
def test_anchors_are_made_from_the_heading_text(heading, anchor):
    body = [{"type": "text", "value": {"heading": heading, "text": "<p>Text.</p>"}}]
    assert [section.anchor for section in sections(body)] == [anchor]


def test_publishing_new_headings_refreshes_the_cached_list(client, long_review):
    assert client.get(long_review.url)["X-Page-Cache"] == "miss"
    assert client.get(long_review.url)["X-Page-Cache"] == "hit"
    added = shared_blocks.text_section("<p>New.</p>", heading="Added later")
    long_review.body = [added, *long_review.body.raw_data]
    long_review.save_revision().publish()
    assert listed(page(client, long_review))[0] == ("Added later", "#added-later")

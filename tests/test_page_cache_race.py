"""A change that lands while a page is rendering never leaves the old page in the cache.

Each test interleaves deterministically: the vote is cast at an exact point of a render, after
the render has read the data the vote changes and before the result is stored.
"""

from unittest import mock

from feedback.models import ReaderRating
from pagecache import pages, tags


def vote(review, score=5):
    ReaderRating.record(
        review, voter_hash=f"voter-{score}", ip_hash=f"ip-{score}", score=score, known_reader=True
    )


def test_a_vote_between_rendering_and_storing_a_page_keeps_it_out_of_the_cache(client, review):
    url = review.url
    render_and_store = pages.snapshot

    def vote_then_store(response):
        vote(review)  # the page has been rendered with no vote; now one commits
        return render_and_store(response)

    with mock.patch.object(pages, "snapshot", side_effect=vote_then_store):
        rendered = client.get(url)
    assert "No reader ratings yet" in rendered.text

    again = client.get(url)
    assert again["X-Page-Cache"] == "miss"  # the old page was not stored
    assert "from 1 reader" in again.text
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_vote_while_the_rating_is_counted_keeps_the_old_count_out_of_the_cache(client, review):
    url = review.url
    count = ReaderRating.summary
    voted = []

    def count_then_vote(review):
        summary = count(review)
        if not voted:
            voted.append(vote(review))  # counted without it, stored after it
        return summary

    with mock.patch.object(ReaderRating, "summary", side_effect=count_then_vote):
        client.get(url)
        assert "from 1 reader" in client.get(f"{url}?again=1").text


def test_a_value_built_while_its_tag_changes_is_returned_but_not_stored(db):
    def build():
        tags.invalidate("shown-tag")  # the data was read; now it changes
        return "built from old data", {"shown-tag"}

    assert tags.fetch_or_build("example", build, 60) == "built from old data"
    assert tags.fetch("example", tags.current_generation()) is None
    assert tags.fetch_or_build("example", lambda: ("fresh", {"shown-tag"}), 60) == "fresh"
    assert tags.fetch("example", tags.current_generation()) == "fresh"

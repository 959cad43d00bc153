"""Reader ratings: one vote per reader, changeable, honest when empty, safe under concurrency."""

import threading

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from feedback.models import ReaderRating, rating_text
from reviews.factories import ReviewPageFactory

from .conftest import COMMITTED_DB, form_token


def summary(client, review):
    soup = BeautifulSoup(client.get(review.url).content, "html.parser")
    return soup.select_one(".reader-rating__summary").get_text()


def test_empty_state_is_honest(client, review):
    assert summary(client, review) == "No reader ratings yet"


def test_plain_form_vote_without_javascript(client, review, rate):
    response = rate(review, 4)
    assert response.status_code == 302
    assert response["Location"] == f"{review.url}?rated=4#reader-rating"
    assert summary(client, review) == "User rating 4.0 / 5 from 1 reader"
    soup = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert "your rating of 4 is counted" in soup.select_one("[data-rating-status]").get_text()
    assert soup.select_one("input[name=score][value='4']").has_attr("checked")


def test_one_vote_per_reader_who_may_change_it(client, review, rate):
    rate(review, 2)
    rate(review, 5)
    assert ReaderRating.objects.count() == 1
    assert summary(client, review) == "User rating 5.0 / 5 from 1 reader"


def test_clearing_cookies_does_not_buy_another_vote(review, rate):
    rate(review, 1, client=Client())
    rate(review, 5, client=Client())  # no cookie, same address
    assert list(ReaderRating.objects.values_list("score", flat=True)) == [5]


def test_different_readers_each_count(client, review, rate):
    rate(review, 5, client=Client(), ip="198.51.100.1")
    rate(review, 4, client=Client(), ip="198.51.100.2")
    rate(review, 2, client=Client(), ip="198.51.100.3")
    assert summary(client, review) == "User rating 3.7 / 5 from 3 readers"


def test_votes_count_per_review(client, review, rate):
    other = ReviewPageFactory(parent=review.get_parent())
    rate(review, 5)
    rate(other, 1)
    assert summary(client, review) == "User rating 5.0 / 5 from 1 reader"
    assert summary(client, other) == "User rating 1.0 / 5 from 1 reader"


def test_no_raw_personal_data_is_stored(client, review, rate):
    response = rate(review, 3, ip="203.0.113.99")
    vote = ReaderRating.objects.get()
    assert "203.0.113.99" not in (vote.ip_hash + vote.voter_hash)
    assert len(vote.ip_hash) == len(vote.voter_hash) == 64
    cookie = response.cookies["reader"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie.value.split(":")[0] not in vote.voter_hash


def test_forged_cookie_is_a_new_reader(review, rate):
    client = Client()
    rate(review, 2, client=client, ip="198.51.100.1")
    client.cookies["reader"] = "forged-value"
    rate(review, 4, client=client, ip="198.51.100.2")
    assert ReaderRating.objects.count() == 2


def test_the_database_keeps_one_cookieless_vote_per_address(review):
    vote = {"review": review, "ip_hash": "1" * 64, "known_by_address": True, "score": 3}
    ReaderRating.objects.create(voter_hash="a" * 64, **vote)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReaderRating.objects.create(voter_hash="b" * 64, **vote)


def test_a_returning_reader_may_vote_from_an_address_another_reader_used(review, rate):
    reader = Client()
    rate(review, 2, client=reader, ip="198.51.100.1")
    rate(review, 4, client=Client(), ip="198.51.100.2")
    assert rate(review, 5, client=reader, ip="198.51.100.2").status_code == 302
    assert sorted(ReaderRating.objects.values_list("score", flat=True)) == [4, 5]


def test_javascript_gets_the_new_summary_as_json(review, rate):
    response = rate(review, 5, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {
        "score": 5,
        "average": 5.0,
        "count": 1,
        "votes": [0, 0, 0, 0, 1],
        "text": "User rating 5.0 / 5 from 1 reader",
    }


@pytest.mark.parametrize("score", ["0", "6", "abc", ""])
def test_invalid_scores_are_refused(client, review, rate, score):
    response = rate(review, score)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text or "Choose a rating" in response.text
    assert ReaderRating.objects.count() == 0
    assert rate(review, score, HTTP_ACCEPT="application/json").status_code == 400


def test_votes_need_the_form_token_and_a_published_review(client, review, rate):
    url = reverse("feedback:rate_review", args=[review.pk])
    assert client.post(url, {"score": 3}, HTTP_ORIGIN="http://testserver").status_code == 403
    assert client.post(url, {"score": 3, "form_token": form_token(review)}).status_code == 403
    review.unpublish()
    assert rate(review, 3).status_code == 404
    assert ReaderRating.objects.count() == 0


@pytest.mark.parametrize(
    ("average", "count", "text"),
    [
        (None, 0, "No reader ratings yet"),
        (4.0, 1, "User rating 4.0 / 5 from 1 reader"),
        (4.25, 37, "User rating 4.2 / 5 from 37 readers"),
    ],
)
def test_summary_wording(average, count, text):
    assert rating_text(average, count) == text


def run_in_threads(count, work):
    errors = []

    def target(n):
        try:
            work(n)
        except Exception as error:  # collected and reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@COMMITTED_DB
def test_concurrent_votes_are_all_counted(review_index, rate):
    review = ReviewPageFactory(parent=review_index)
    voters = 16

    def vote(n):
        response = rate(review, n % 5 + 1, client=Client(), ip=f"198.51.100.{n}")
        assert response.status_code == 302

    assert run_in_threads(voters, vote) == []
    assert ReaderRating.objects.filter(review=review).count() == voters
    expected = sum(n % 5 + 1 for n in range(voters)) / voters
    votes = [sum(1 for n in range(voters) if n % 5 + 1 == score) for score in range(1, 6)]
    assert ReaderRating.summary(review) == {
        "average": pytest.approx(expected),
        "count": voters,
        "votes": votes,
    }


@COMMITTED_DB
def test_concurrent_first_votes_by_one_reader_leave_one_vote(review_index, rate):
    review, elsewhere = ReviewPageFactory.create_batch(2, parent=review_index)
    reader = Client()
    rate(elsewhere, 1, client=reader)  # the reader's browser now has its cookie
    cookie = reader.cookies["reader"].value

    def change(n):
        client = Client()
        client.cookies["reader"] = cookie
        assert rate(review, n % 5 + 1, client=client).status_code == 302

    assert run_in_threads(12, change) == []
    assert ReaderRating.objects.filter(review=review).count() == 1


@COMMITTED_DB
def test_a_burst_of_cookieless_votes_from_one_new_address_stores_one_vote(review_index, rate):
    """A double-clicking script without cookies: each burst from a new address is one reader."""
    review = ReviewPageFactory(parent=review_index)
    rounds, burst = 5, 32

    for round_number in range(rounds):
        start = threading.Barrier(burst)
        address = f"198.51.100.{200 + round_number}"

        def vote(n, address=address, start=start):
            start.wait()
            assert rate(review, n % 5 + 1, client=Client(), ip=address).status_code == 302

        assert run_in_threads(burst, vote) == []
        assert ReaderRating.objects.filter(review=review).count() == round_number + 1

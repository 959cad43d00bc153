"""`manage.py check_offers` against a local HTTP server: statuses, timeouts, bounded concurrency."""

import datetime
import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from offers.factories import OfferFactory, ServiceFactory
from offers.management.commands import check_offers as check_offers_command
from offers.models import LinkCheck, Offer
from reviews.factories import ReviewPageFactory

SLOW_SECONDS = 3


class Films(BaseHTTPRequestHandler):
    """/ok, /gone, /moved (to /ok), /loop (to itself), /slow, /wait/<n> (a short wait)."""

    def do_GET(self):
        server = self.server
        with server.lock:
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
            server.agents.add(self.headers.get("User-Agent"))
        try:
            self.answer()
        finally:
            with server.lock:
                server.in_flight -= 1

    def answer(self):
        if self.path in ("/moved", "/loop"):
            self.send_response(301 if self.path == "/moved" else 302)
            self.send_header("Location", "/ok" if self.path == "/moved" else "/loop")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path.startswith("/wait/"):
            time.sleep(0.2)
        self.send_response(404 if self.path == "/gone" else 200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>" + b"A film page. " * 2000 + b"</p>")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    films = ThreadingHTTPServer(("127.0.0.1", 0), Films)
    films.daemon_threads = True
    films.lock = threading.Lock()
    films.in_flight = films.most_in_flight = 0
    films.agents = set()
    thread = threading.Thread(target=films.serve_forever, daemon=True)
    thread.start()
    yield films, f"http://127.0.0.1:{films.server_address[1]}"
    films.shutdown()
    films.server_close()


@pytest.fixture
def offers_at(review_index):
    def make(base, *paths):
        archive = ServiceFactory(name="Archive")
        review = ReviewPageFactory(
            parent=review_index,
            title="Nosferatu",
            offers=[OfferFactory(service=archive, url=f"{base}{path}") for path in paths],
        )
        return {offer.url.removeprefix(base): offer for offer in review.offers.all()}

    return make


def check_offers(*args):
    out = io.StringIO()
    call_command("check_offers", *args, stdout=out)
    return out.getvalue()


def check_of(offer):
    return LinkCheck.objects.get(offer=offer)


def test_statuses_are_recorded_and_broken_links_listed(server, offers_at):
    films, base = server
    offers = offers_at(base, "/ok", "/moved", "/gone", "/loop")
    before = timezone.now()

    output = check_offers("--timeout", "5")

    assert check_of(offers["/ok"]).status_code == 200
    assert check_of(offers["/moved"]).status_code == 200  # followed to /ok
    assert check_of(offers["/gone"]).status_code == 404
    assert "More than 5 redirects" in check_of(offers["/loop"]).error
    assert {check.works for check in LinkCheck.objects.all()} == {True, False}
    assert all(check.checked_at >= before for check in LinkCheck.objects.all())
    assert f"BROKEN {base}/gone (404;" in output
    assert f"BROKEN {base}/loop" in output
    assert "/ok " not in output
    assert output.strip().endswith("Checked 4 address(es) of 4 offer(s): 2 broken.")
    assert films.agents == {check_offers_command.USER_AGENT}


def test_an_address_that_does_not_answer_in_time_is_broken(server, offers_at):
    _, base = server
    offers = offers_at(base, "/slow", "/ok")
    started = time.monotonic()
    check_offers("--timeout", "0.5")
    assert time.monotonic() - started < SLOW_SECONDS
    assert check_of(offers["/slow"]).error == "No answer within 0.5 seconds"
    assert check_of(offers["/ok"]).works


def test_a_closed_port_is_broken(offers_at):
    offers = offers_at("http://127.0.0.1:9", "/nothing-listens-here")
    check_offers()
    check = check_of(offers["/nothing-listens-here"])
    assert check.status_code is None
    assert check.error.startswith("ConnectError")


def test_only_a_few_addresses_are_fetched_at_once(server, offers_at):
    films, base = server
    offers_at(base, *(f"/wait/{n}" for n in range(12)))
    check_offers("--concurrency", "3")
    assert 2 <= films.most_in_flight <= 3
    assert LinkCheck.objects.count() == 12


def test_broken_for_a_week_is_flagged_and_mending_clears_it(server, offers_at):
    _, base = server
    gone = offers_at(base, "/gone")["/gone"]
    check_offers()
    first = check_of(gone).broken_since
    LinkCheck.objects.filter(offer=gone).update(broken_since=first - datetime.timedelta(days=8))

    output = check_offers()
    check = check_of(gone)
    assert check.broken_since == first - datetime.timedelta(days=8)  # kept from the first
    assert check.broken_for_a_week()
    assert "flagged" in output

    Offer.objects.filter(pk=gone.pk).update(url=f"{base}/ok")
    check_offers()
    assert check_of(gone).works and not check_of(gone).broken_for_a_week()


def test_nonsense_options_are_refused(db):
    with pytest.raises(CommandError, match="--concurrency must be at least 1"):
        check_offers("--concurrency", "0")

"""`manage.py check_offers`: visit every offer's address, record what was found, list the broken.

A few addresses are fetched at a time (--concurrency), each given at most --timeout seconds in
all; only the status line and headers are read, never the page. An address that answers 400 or
above, or not at all, is broken; an offer broken for a week is flagged in the admin's list.
Run it daily, e.g. from cron.
"""

import asyncio

import httpx
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from offers.models import LinkCheck, Offer

USER_AGENT = "ProjectionBoothLinkChecker/1.0 (checks the offers our reviews link to)"
MAX_REDIRECTS = 5


async def fetch_status(client, limit, timeout, url):
    """(status code, error) for one address; the status is None when it could not be had."""
    async with limit:
        try:
            async with asyncio.timeout(timeout):
                async with client.stream("GET", url) as response:
                    return response.status_code, ""
        except TimeoutError:
            return None, f"No answer within {timeout:g} seconds"
        except httpx.TooManyRedirects:
            return None, f"More than {MAX_REDIRECTS} redirects"
        except httpx.HTTPError as error:
            return None, f"{type(error).__name__}: {error}"[:200]


async def fetch_statuses(urls, concurrency, timeout):
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=timeout,
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=concurrency),
    ) as client:
        results = await asyncio.gather(*(fetch_status(client, limit, timeout, url) for url in urls))
    return dict(zip(urls, results, strict=True))


def record(offers, statuses, now):
    """Save each offer's check; an offer stays broken since the first check that found it so."""
    before = LinkCheck.objects.in_bulk([offer.pk for offer in offers])
    checks = []
    for offer in offers:
        status, error = statuses[offer.url]
        works = status is not None and status < 400
        previous = before.get(offer.pk)
        broken_since = None if works else (previous and previous.broken_since) or now
        checks.append(
            LinkCheck(
                offer=offer,
                checked_at=now,
                status_code=status,
                error=error,
                broken_since=broken_since,
            )
        )
    LinkCheck.objects.bulk_create(
        checks,
        update_conflicts=True,
        unique_fields=["offer"],
        update_fields=["checked_at", "status_code", "error", "broken_since"],
    )
    return checks


class Command(BaseCommand):
    help = "Check every offer's address, record what was found, and list the broken ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=int, default=8, help="Addresses fetched at once (default 8)."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=15.0,
            help="Seconds one address may take in all, redirects included (default 15).",
        )

    def handle(self, *args, concurrency, timeout, **options):
        if concurrency < 1 or timeout <= 0:
            raise CommandError("--concurrency must be at least 1 and --timeout above 0.")
        offers = list(Offer.objects.select_related("review", "service").order_by("pk"))
        urls = sorted({offer.url for offer in offers})
        statuses = asyncio.run(fetch_statuses(urls, concurrency, timeout))
        checks = record(offers, statuses, timezone.now())

        broken = [check for check in checks if check.broken_since]
        for check in broken:
            offer = check.offer
            found = f"{check.status_code}" if check.status_code else check.error
            since = f"broken since {check.broken_since:%Y-%m-%d}"
            flag = ", flagged" if check.broken_for_a_week() else ""
            self.stdout.write(
                f"BROKEN {offer.url} ({found}; {since}{flag}): {offer.service} in {offer.review}"
            )
        self.stdout.write(
            f"Checked {len(urls)} address(es) of {len(offers)} offer(s): {len(broken)} broken."
        )

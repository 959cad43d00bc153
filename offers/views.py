"""/go/<short code>/: an offer's link, counted and sent on to the service."""

import re

from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from .models import ClickCount, Offer

# Crawlers, link previewers, monitors and command-line clients, as they name themselves.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|whatsapp|"
    r"headless|lighthouse|pingdom|uptime|monitor|validator|scan|curl|wget|python|httpx|"
    r"go-http-client|java/|libwww|okhttp|axios|node-fetch",
    re.IGNORECASE,
)


def is_reader_click(request):
    """A person following the link: not a crawler, a HEAD check or the browser prefetching."""
    agent = request.headers.get("User-Agent", "")
    prefetch = "prefetch" in request.headers.get("Sec-Purpose", request.headers.get("Purpose", ""))
    return (
        request.method == "GET" and bool(agent) and not prefetch and not NOT_A_READER.search(agent)
    )


@require_safe
def go(request, code):
    offer = Offer.objects.live().select_related("service").filter(short_code=code).first()
    if offer is None:
        raise Http404("No offer has this link, or its review is no longer published.")
    if is_reader_click(request):
        ClickCount.objects.count_click(offer, timezone.localdate())
    response = HttpResponseRedirect(offer.destination())
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)  # every click must reach the server to be counted
    return response

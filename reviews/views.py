"""Search over reviews.

A search costs one full-text query per normalised query, not one per request: it ranks up to
MOST_RESULTS + 1 matches and counts them at once (past MOST_RESULTS the count says "more than"),
and every page of results is a slice of that list. The list is kept with the tags of what it
depends on, so it is refreshed exactly as pages are: when a review is published, unpublished,
moved or deleted (the search tag), or a site or view restriction changes (the site tag). The
cards of a page of results come from the cache too (`review_cards`).
"""

import hashlib
import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from pagecache import keys, tags
from pagecache.routing import use_site

from . import cache
from .models import ReviewPage

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
MOST_RESULTS = 200  # ranked and counted; past this the count is "more than"
SEARCH_SECONDS = 24 * 60 * 60
# Control characters and the quote marks and operators a full-text engine would parse.
UNSAFE = re.compile(r'[\x00-\x1f\x7f"*^():{}\[\]]')


def clean_query(raw):
    """The words to search for, and a note for the reader when the query had to be cut."""
    words = " ".join(UNSAFE.sub(" ", raw).split())
    if len(words) <= MAX_QUERY_LENGTH:
        return words, ""
    shortened = words[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
    return shortened, f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters."


def matching_reviews(site, query):
    """Ids of the site's live, public reviews with every word of the query, best first (at
    most MOST_RESULTS + 1): one full-text query, kept until a review or the site changes."""
    normalised = query.casefold()
    digest = hashlib.sha256(normalised.encode()).hexdigest()

    def build():
        reviews = ReviewPage.objects.live().public().in_site(site).only("pk")
        found = reviews.search(normalised, operator="and")[: MOST_RESULTS + 1]
        return [review.pk for review in found], {cache.SEARCH, keys.SITE}

    return tags.fetch_or_build(f"search:{site.pk}:{digest}", build, SEARCH_SECONDS)


def review_results(request, query):
    """The requested page of results (review ids); a page that does not exist is a 404."""
    found = matching_reviews(use_site(request), query)
    try:
        page = Paginator(found[:MOST_RESULTS], RESULTS_PER_PAGE).page(request.GET.get("page", 1))
    except InvalidPage as exc:
        raise Http404("No such page of results.") from exc
    page.more_than_counted = len(found) > MOST_RESULTS
    return page


def search(request):
    query, notice = clean_query(request.GET.get("q", ""))
    context = {"query": query, "notice": notice, "results": None}
    if query:
        context["results"] = review_results(request, query)
    return TemplateResponse(request, "reviews/search.html", context)

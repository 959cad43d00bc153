import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Site

from .models import ReviewPage

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
# Control characters and the quote marks and operators a full-text engine would parse.
UNSAFE = re.compile(r'[\x00-\x1f\x7f"*^():{}\[\]]')


def clean_query(raw):
    """The words to search for, and a note for the reader when the query had to be cut."""
    words = " ".join(UNSAFE.sub(" ", raw).split())
    if len(words) <= MAX_QUERY_LENGTH:
        return words, ""
    shortened = words[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
    return shortened, f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters."


def with_listing_details(reviews):
    """The same reviews in the same order, loaded with what a listing card shows."""
    ids = [review.pk for review in reviews]
    loaded = ReviewPage.objects.for_listing().in_bulk(ids)
    return [loaded[pk] for pk in ids if pk in loaded]


def search(request):
    query, notice = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        site = Site.find_for_request(request)
        matches = ReviewPage.objects.live().public().in_site(site).search(query, operator="and")
        try:
            results = Paginator(matches, RESULTS_PER_PAGE).page(request.GET.get("page", 1))
        except InvalidPage as exc:
            raise Http404("No such page of results.") from exc
        results.object_list = with_listing_details(results.object_list)
    context = {"query": query, "notice": notice, "results": results}
    return TemplateResponse(request, "reviews/search.html", context)

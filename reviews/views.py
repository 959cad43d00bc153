"""Search over reviews and people; the pages of people and the A-Z people index; in the admin,
filling a review, or making a new one, from pasted text.

A search costs one full-text query per normalised query, not one per request: it ranks up to
MOST_RESULTS + 1 matches and counts them at once (past MOST_RESULTS the count says "more than"),
and every page of results is a slice of that list. The list is kept with the tags of what it
depends on, so it is refreshed exactly as pages are: when a review is published, unpublished,
moved or deleted (the search tag), or a site or view restriction changes (the site tag). The
cards of a page of results come from the cache too (`review_cards`).
"""

import hashlib
import itertools
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import Truncator
from wagtail.models import Page, PageSubscription

from pagecache import keys, tags
from pagecache.routing import use_site
from pagecache.tags import depends_on
from people import cache as people_cache
from people import names
from people.models import Person

from . import cache
from .blocks import ReviewBodyBlock
from .conversion import VerdictLabels, body_text, visible_text
from .forms import PastedReviewForm, byline_for
from .models import Category, Critic, ReviewCredit, ReviewPage
from .pasted import fill_review, fills_for, read_review

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
MOST_RESULTS = 200  # ranked and counted; past this the count is "more than"
MOST_PEOPLE = 5  # people listed above the reviews a search finds
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


def live_reviews(site):
    return ReviewPage.objects.live().public().in_site(site)


def matching_reviews(site, query):
    """Ids of the site's live, public reviews with every word of the query, best first (at
    most MOST_RESULTS + 1): one full-text query, kept until a review or the site changes."""
    normalised = query.casefold()
    digest = hashlib.sha256(normalised.encode()).hexdigest()

    def build():
        found = live_reviews(site).only("pk").search(normalised, operator="and")
        return [review.pk for review in found[: MOST_RESULTS + 1]], {cache.SEARCH, keys.SITE}

    return tags.fetch_or_build(f"search:{site.pk}:{digest}", build, SEARCH_SECONDS)


def matching_people(site, query):
    """The people with published reviews whose names hold every word of the query, accents
    and case aside ("schroder" finds Greta Schröder): one query, kept like the reviews'."""
    words = names.normalise(query).split()
    digest = hashlib.sha256(" ".join(words).encode()).hexdigest()

    def build():
        found = Person.objects.filter(credits__review__in=live_reviews(site)).matching(query)
        found = found.distinct().order_by("sort_as", "pk")[:MOST_PEOPLE]
        return list(found.only("pk", "name", "slug", "born", "died")), {
            cache.SEARCH,
            cache.PEOPLE_CREDITED,
            people_cache.PEOPLE,
            keys.SITE,
        }

    if not words:
        return []
    return tags.fetch_or_build(f"search-people:{site.pk}:{digest}", build, SEARCH_SECONDS)


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
    context = {"query": query, "notice": notice, "results": None, "people": []}
    if query:
        context["results"] = review_results(request, query)
        if context["results"].number == 1:
            context["people"] = matching_people(use_site(request), query)
    return TemplateResponse(request, "reviews/search.html", context)


def person_page(request, slug):
    """A person and the published reviews crediting them, by role, newest first."""
    person = Person.objects.select_related("portrait").filter(slug=slug).first()
    if person is None:
        raise Http404("No such person.")
    credits = (
        ReviewCredit.objects.filter(person=person, review__in=live_reviews(use_site(request)))
        .select_related("review__verdict_label")
        # Role and position last: one review's credits stay together, in the cast's order.
        .order_by(
            "-review__date_published",
            "-review__first_published_at",
            "-review__pk",
            "role",
            "position",
        )
    )
    roles = {role: [] for role in ReviewCredit.Role}
    for (role, _), credited in itertools.groupby(credits, lambda c: (c.role, c.review_id)):
        credited = list(credited)
        roles[role].append({"review": credited[0].review, "credits": credited})
    reviews = {entry["review"] for entries in roles.values() for entry in entries}
    depends_on(
        request,
        people_cache.person(person.pk),
        cache.credits_of(person.pk),
        *([keys.image(person.portrait_id)] if person.portrait_id else []),
        *(cache.card(review.pk) for review in reviews),
        *(cache.verdict_label(r.verdict_label_id) for r in reviews if r.verdict_label_id),
    )
    context = {
        "person": person,
        "directed": roles[ReviewCredit.Role.DIRECTOR],
        "performed": roles[ReviewCredit.Role.PERFORMER],
    }
    return TemplateResponse(request, "reviews/person_page.html", context)


def people_index(request):
    """Everyone credited in a published review, A to Z by sort name."""
    in_live_review = Q(credits__review__in=live_reviews(use_site(request)))
    people = (
        Person.objects.annotate(
            review_count=Count("credits__review", filter=in_live_review, distinct=True)
        )
        .filter(review_count__gt=0)
        .order_by("sort_as", "pk")
        .only("name", "slug", "sort_as", "born", "died")
    )
    # "#" gathers names starting with a digit (sorted before "A") and with a letter outside
    # A-Z (sorted after "Z"), and comes last.
    by_letter = {}
    for person in people:
        by_letter.setdefault(index_letter(person.sort_as), []).append(person)
    letters = sorted(by_letter.items(), key=lambda item: item[0] == "#")
    depends_on(request, people_cache.PEOPLE, cache.PEOPLE_CREDITED)
    return TemplateResponse(request, "reviews/people_index.html", {"letters": letters})


def index_letter(sort_as):
    first = sort_as[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


# Filling a review from pasted text (admin) ----------------------------------------------------


def pasted_blocks(review, form, conversion):
    """The body the pasted text gives `review`, the new blocks, and what the editor should hear.

    Added to a body that has its verdict, a pasted verdict is left out: a review has one.
    """
    new, notes = (
        conversion.blocks,
        [f"{kind}: {detail}" if detail else kind for kind, detail in conversion.warnings],
    )
    if form.replaces_body():
        return new, new, notes
    body = list(review.body.raw_data)
    if any(block["type"] == "verdict" for block in body):
        if any(block["type"] == "verdict" for block in new):
            notes.append("The pasted verdict was left out: the review has its verdict.")
        new = [block for block in new if block["type"] != "verdict"]
    return body + new, new, notes


def block_summaries(blocks, labels):
    """(block label, its first words) for each block, as the editor confirms them."""
    names = ReviewBodyBlock().child_blocks
    return [
        (
            names[block["type"]].meta.label,
            Truncator(" ".join(visible_text(body_text([block], labels.names)).split())).words(16),
        )
        for block in blocks
    ]


def fill_from_pasted_text(request, page_id):
    """Fill a review from pasted text (its latest revision), after showing what it gives."""
    review = get_object_or_404(ReviewPage, pk=page_id)
    if not review.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return pasted_review(request, review.get_latest_revision_as_object())


def new_review_from_pasted_text(request, parent_id):
    """A new review under the parent page, made from pasted text: its title comes from the text."""
    parent = get_object_or_404(Page, pk=parent_id).specific
    allowed = parent.permissions_for_user(request.user).can_add_subpage()
    if not (allowed and ReviewPage.can_create_at(parent)):
        raise PermissionDenied
    review = ReviewPage(owner=request.user, author=byline_for(request.user, Critic.objects))
    return pasted_review(request, review, parent)


def pasted_review(request, review, parent=None):
    """Show the blocks and the field values the pasted text gives; on confirmation, save them
    as a new draft of `review` (a new review under `parent`). A field the review has filled
    keeps its value unless the editor ticked it to be replaced."""
    form = PastedReviewForm(request.POST or None, new_review=parent is not None)
    context = {"review": review, "parent": parent, "form": form}
    if request.method == "POST" and form.is_valid():
        labels = VerdictLabels()
        pasted = read_review(
            form.cleaned_data["text"],
            categories=Category.objects.all(),
            verdicts=labels,
            work_title=review.reviewed_title,
            with_intro=not review.intro,
        )
        body, new, notes = pasted_blocks(review, form, pasted.conversion)
        fills = fills_for(review, pasted)
        added = fill_review(review, pasted, fills, form.cleaned_data["replace"])
        changes = bool(new or added or any(f.state == "fill" for f in fills))
        if form.confirmed() and changes and review.title:
            review.body = body
            return saved_review(request, review, parent, len(new))
        form.data = form.data.copy()
        form.data["previewed"] = form.fingerprint()
        context.update(
            blocks=block_summaries(new, labels),
            notes=notes,
            pasted=pasted,
            fills=fills,
            added_categories=added,
            can_confirm=changes and bool(review.title),
        )
    return TemplateResponse(request, "reviews/admin/fill_from_pasted_text.html", context)


def saved_review(request, review, parent, block_count):
    """Save the filled review as a draft (adding it under `parent` if it is new)."""
    if parent is not None:
        review.live = False
        parent.add_child(instance=review)
        # As Wagtail's own create view does: the author hears of comments on the draft.
        PageSubscription.objects.create(page=review, user=request.user, comment_notifications=True)
    review.save_revision(user=request.user, log_action=True)
    messages.success(
        request,
        f"{block_count} blocks from the pasted text, and the fields it fills, are in "
        f"“{review.title}” as a draft: check them, then publish.",
    )
    return redirect("wagtailadmin_pages:edit", review.pk)

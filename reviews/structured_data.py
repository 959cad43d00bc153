"""schema.org data for a review, as search engines read it from JSON-LD."""

from people.structured_data import person_reference

from .blocks import SCORE_MAX

MOVIE_KINDS = {"film", "documentary", "short"}
SERIES_KINDS = {"tv_series", "miniseries"}


def person_list(credited, person_url):
    """Person entries for (name, person or None) pairs, one per person or unlinked name."""
    entries = {}
    for name, person in credited:
        key = person.pk if person else name
        if key not in entries:
            entries[key] = person_reference(name, person, person and person_url(person))
    return list(entries.values())


def reviewed_work(review, poster_url, reader_rating, person_url):
    kind = review.kind
    work = {
        "@type": "Movie"
        if kind in MOVIE_KINDS
        else "TVSeries"
        if kind in SERIES_KINDS
        else "CreativeWork",
        "name": review.reviewed_title,
    }
    if review.original_title:
        work["alternateName"] = review.original_title
    if review.release_year:
        work["dateCreated"] = str(review.release_year)
    if directors := person_list(review.credited("director"), person_url):
        work["director" if kind in MOVIE_KINDS else "creator"] = directors
    actors = person_list(review.credited("performer"), person_url)
    if actors:
        work["actor"] = actors
    if poster_url:
        work["image"] = poster_url
    if reader_rating["count"]:
        work["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(reader_rating["average"], 2),
            "ratingCount": reader_rating["count"],
            "bestRating": reader_rating["best"],
            "worstRating": reader_rating["worst"],
        }
    return work


def review_schema(review, *, url, site_name, site_url, poster_url, reader_rating, person_url):
    """A CriticReview of the reviewed work. Spoiler-free: the body is never included.

    `person_url(person)` is the address of a credited person's page."""
    data = {
        "@context": "https://schema.org",
        "@type": "CriticReview",
        "name": review.title,
        "url": url,
        "description": review.search_description or review.intro,
        "datePublished": review.date_published.isoformat(),
        "itemReviewed": reviewed_work(review, poster_url, reader_rating, person_url),
        "author": (
            {"@type": "Person", "name": review.author.name}
            if review.author
            else {"@type": "Organization", "name": site_name}
        ),
        "publisher": {"@type": "Organization", "name": site_name, "url": site_url},
    }
    if review.last_published_at:
        data["dateModified"] = review.last_published_at.isoformat()
    if review.verdict_score is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": float(review.verdict_score),
            "bestRating": float(SCORE_MAX),
            "worstRating": 0,
        }
        if review.verdict_label:
            explanation = f"{review.verdict_label.name}: {review.verdict_summary}"
            data["reviewRating"]["ratingExplanation"] = explanation
    return data

"""schema.org data for a review, as search engines read it from JSON-LD."""

from .blocks import SCORE_MAX

MOVIE_KINDS = {"film", "documentary", "short"}
SERIES_KINDS = {"tv_series", "miniseries"}


def person_list(names):
    return [{"@type": "Person", "name": name} for name in names]


def reviewed_work(review, poster_url, reader_rating):
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
    if review.director:
        people = person_list(name.strip() for name in review.director.split(","))
        work["director" if kind in MOVIE_KINDS else "creator"] = people
    actors = person_list(dict.fromkeys(performer for _, performer in review.cast()))
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


def review_schema(review, *, url, site_name, site_url, poster_url, reader_rating):
    """A CriticReview of the reviewed work. Spoiler-free: the body is never included."""
    data = {
        "@context": "https://schema.org",
        "@type": "CriticReview",
        "name": review.title,
        "url": url,
        "description": review.search_description or review.intro,
        "datePublished": review.date_published.isoformat(),
        "itemReviewed": reviewed_work(review, poster_url, reader_rating),
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

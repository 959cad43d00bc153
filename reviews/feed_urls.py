from django.urls import path

from .feeds import ReviewsAtomFeed, ReviewsFeed

app_name = "feeds"

urlpatterns = [
    path("reviews/rss/", ReviewsFeed(), name="rss"),
    path("reviews/atom/", ReviewsAtomFeed(), name="atom"),
    path("category/<slug:slug>/rss/", ReviewsFeed(), name="category_rss"),
    path("category/<slug:slug>/atom/", ReviewsAtomFeed(), name="category_atom"),
]

"""The home page: hand-picked reviews first, then the latest, then the categories."""

from bs4 import BeautifulSoup

from home.models import LATEST_REVIEWS_ON_HOME, HomePageFeaturedReview
from reviews.factories import CategoryFactory, ReviewPageFactory


def section_titles(soup, heading_id):
    section = soup.find(attrs={"aria-labelledby": heading_id})
    return [a.get_text() for a in section.select(".review-card__title a")] if section else []


def test_featured_in_chosen_order_then_latest_without_repeats(client, home_page, review_index):
    reviews = [ReviewPageFactory(parent=review_index, title=f"Film {n}") for n in range(9)]
    for order, review in enumerate([reviews[2], reviews[8]]):
        HomePageFeaturedReview.objects.create(home_page=home_page, review=review, sort_order=order)

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert section_titles(soup, "featured-heading") == ["Film 2", "Film 8"]
    latest = section_titles(soup, "latest-heading")
    assert latest == ["Film 7", "Film 6", "Film 5", "Film 4", "Film 3", "Film 1"]
    assert len(latest) == LATEST_REVIEWS_ON_HOME


def test_unpublished_featured_review_is_left_out(client, home_page, review_index):
    review = ReviewPageFactory(parent=review_index, title="Withdrawn")
    HomePageFeaturedReview.objects.create(home_page=home_page, review=review)
    review.unpublish()

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert section_titles(soup, "featured-heading") == []
    assert "Withdrawn" not in soup.get_text()


def test_links_to_every_category_and_all_reviews(client, home_page, review_index):
    CategoryFactory(name="Comedy")
    CategoryFactory(name="Horror")
    ReviewPageFactory(parent=review_index)

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    categories = soup.find(attrs={"aria-labelledby": "categories-heading"})
    assert [a["href"] for a in categories.select("a")] == [
        "/reviews/category/comedy/",
        "/reviews/category/horror/",
    ]
    assert soup.select_one("a.more-link")["href"] == "/reviews/"


def test_empty_site_has_an_honest_home_page(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert "No reviews published yet." in response.text

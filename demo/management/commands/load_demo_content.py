"""Create the demo publication from demo/content/. Safe to run again: it only adds what is
missing."""

import datetime
import io
import json
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core import block_values as shared_blocks
from demo.bodies import body_blocks
from demo.posters import draw_card, draw_poster
from feedback.models import Comment
from home.models import HomePage, HomePageFeaturedReview, SiteSettings, StandardPage
from offers.models import Offer, Service
from people.models import Person
from reviews.models import (
    AffiliateDisclosure,
    Category,
    Critic,
    ReviewIndexPage,
    ReviewPage,
    ReviewSettings,
    VerdictLabel,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


class Command(BaseCommand):
    help = "Load the demo reviews, categories, disclosures and pages (only what is missing)."

    def handle(self, *args, **options):
        self.created = 0
        site_data = read_json(CONTENT / "site.json")
        with transaction.atomic():
            home = self.home_page(site_data)
            snippets = self.snippets(site_data)
            index = self.review_index(home, site_data["review_index"])
            pages = {page["slug"]: self.standard_page(home, page) for page in site_data["pages"]}
            self.site_settings(home, site_data, snippets, pages)
            self.people(site_data["people"])
            for slug in site_data["reviews"]:
                self.review(index, slug, snippets)
            self.featured(home, site_data["featured"])
            self.comments(site_data["comments"])
        self.stdout.write(f"Demo content ready ({self.created} new objects).")

    def count(self, created):
        self.created += int(created)

    def home_page(self, site_data):
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            home = Page.get_first_root_node().add_child(
                instance=HomePage(title="Home", slug="home-page")
            )
            site.root_page = home
            site.save()
            self.count(True)
        if not home.intro:
            home.intro = site_data["home_intro"]
            home.save_revision().publish()
        return home

    def snippets(self, site_data):
        for category in site_data["categories"]:
            _, created = Category.objects.get_or_create(
                slug=category["slug"],
                defaults={"name": category["name"], "description": category["description"]},
            )
            self.count(created)
        for critic in site_data["critics"]:
            _, created = Critic.objects.get_or_create(
                name=critic["name"], defaults={"short_bio": critic["short_bio"]}
            )
            self.count(created)
        for disclosure in site_data["disclosures"]:
            _, created = AffiliateDisclosure.objects.get_or_create(
                name=disclosure["name"], defaults={"text": disclosure["text"]}
            )
            self.count(created)
        for service in site_data["services"]:
            _, created = Service.objects.get_or_create(name=service["name"], defaults=service)
            self.count(created)
        return {
            "categories": {category.slug: category for category in Category.objects.all()},
            "critics": {critic.name: critic for critic in Critic.objects.all()},
            "disclosures": {item.name: item for item in AffiliateDisclosure.objects.all()},
            "verdicts": {label.name: label for label in VerdictLabel.objects.all()},
            "services": {service.name: service for service in Service.objects.all()},
        }

    def people(self, records):
        """The people the demo has more to say about; publishing each review adds the rest of
        its cast and directors."""
        for record in records:
            if not Person.objects.named(record["name"]).exists():
                Person.objects.create(**record)
                self.count(True)

    def site_settings(self, home, site_data, snippets, pages):
        guidelines = pages[site_data["guidelines_page"]]
        site = home.get_site()
        if not site.site_name:
            site.site_name = "The Projection Booth"
            site.save()
        settings = SiteSettings.for_site(site)
        if not settings.tagline:
            settings.tagline = site_data["tagline"]
            settings.social_links = [("link", link) for link in site_data["social_links"]]
            settings.save()
        if settings.privacy_page_id is None:
            settings.privacy_page = pages[site_data["privacy_page"]]
            settings.save()
        review_settings = ReviewSettings.for_site(site)
        if review_settings.default_disclosure_id is None:
            review_settings.default_disclosure = snippets["disclosures"][
                site_data["default_disclosure"]
            ]
            review_settings.save()
        for disclosure in snippets["disclosures"].values():
            if disclosure.guidelines_page_id is None:
                disclosure.guidelines_page = guidelines
                disclosure.save()

    def child(self, parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def publish_new(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.count(True)
        return page

    def standard_page(self, home, record):
        page = self.child(home, StandardPage, record["slug"])
        if page:
            return page
        page = StandardPage(
            title=record["title"],
            slug=record["slug"],
            intro=record["intro"],
            show_in_menus=record.get("show_in_menus", True),
            body=[
                shared_blocks.text_section(section["text"], heading=section["heading"])
                for section in record["body"]
            ],
        )
        return self.publish_new(home, page)

    def review_index(self, home, record):
        page = self.child(home, ReviewIndexPage, record["slug"])
        if page:
            return page
        page = ReviewIndexPage(show_in_menus=True, **record)
        return self.publish_new(home, page)

    def review(self, index, slug, snippets):
        record = read_json(CONTENT / "reviews" / f"{slug}.json")
        existing = self.child(index, ReviewPage, slug)
        if existing:
            self.add_offers(existing, record, snippets)
            return
        background, ink = record["palette"]
        disclosure = record["disclosure"]
        page = ReviewPage(
            title=record["title"],
            slug=slug,
            original_title=record.get("original_title", ""),
            kind=record["kind"],
            release_year=record["release_year"],
            director=record["director"],
            runtime_minutes=record["runtime_minutes"],
            intro=record["intro"],
            author=snippets["critics"][record["critic"]],
            date_published=datetime.date.fromisoformat(record["date_published"]),
            poster=self.image(
                f"Poster: {record['title']} ({record['release_year']})",
                f"Poster for {record['title']} ({record['release_year']}), made for this site.",
                lambda: draw_poster(
                    record["title"], record["release_year"], record["director"], background, ink
                ),
                f"poster-{slug}.png",
            ),
            disclosure_choice=(
                ReviewPage.DisclosureChoice.DEFAULT
                if disclosure == "default"
                else ReviewPage.DisclosureChoice.OTHER
            ),
            disclosure=snippets["disclosures"].get(disclosure),
        )
        page.categories = [snippets["categories"][slug] for slug in record["categories"]]
        page.offers = self.offers(record, snippets)
        page.body = body_blocks(
            (CONTENT / "reviews" / f"{slug}.html").read_text(encoding="utf-8"),
            verdict_labels=snippets["verdicts"],
            draw_card=lambda text, alt: self.image(
                f"Card: {text}", alt, lambda: draw_card(text, background, ink), f"card-{slug}.png"
            ),
        )
        self.publish_new(index, page)

    def offers(self, record, snippets):
        return [
            Offer(**{**offer, "service": snippets["services"][offer["service"]]})
            for offer in record["offers"]
        ]

    def add_offers(self, review, record, snippets):
        """Offers for a review loaded before the demo had them, in a new published revision."""
        if review.offers.exists() or not record["offers"]:
            return
        review.offers = self.offers(record, snippets)
        review.save_revision().publish()
        self.count(True)

    def image(self, title, description, draw, filename):
        image_model = get_image_model()
        existing = image_model.objects.filter(title=title).first()
        if existing:
            return existing
        buffer = io.BytesIO()
        draw().save(buffer, format="PNG", optimize=True)
        image = image_model(title=title, description=description)
        image.file = ImageFile(buffer, name=filename)
        image.save()
        self.count(True)
        return image

    def comments(self, records):
        for record in records:
            review = ReviewPage.objects.filter(slug=record["review"]).first()
            if review is None or review.reader_comments.exists():
                continue
            comment = self.comment(review, record["name"], record["text"])
            for reply in record["replies"]:
                self.comment(review, reply["name"], reply["text"], parent=comment)

    def comment(self, page, name, text, parent=None):
        self.count(True)
        return Comment.objects.create(
            page=page,
            parent=parent,
            name=name,
            email=f"{name.split()[0].lower()}@readers.example",
            body=text,
            status=Comment.Status.APPROVED,
            ip_hash="demo",
        )

    def featured(self, home, slugs):
        if home.featured_reviews.exists():
            return
        reviews = ReviewPage.objects.filter(slug__in=slugs)
        home.featured_reviews = [
            HomePageFeaturedReview(review=review, sort_order=slugs.index(review.slug))
            for review in reviews
        ]
        home.save_revision().publish()

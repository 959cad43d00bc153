"""Create the demo publication. Safe to run again: it only adds what is missing."""

import datetime
import io
import textwrap

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from feedback.models import Comment
from home import demo_content as demo
from home.models import HomePage, HomePageFeaturedReview, SiteSettings, StandardPage
from reviews.models import (
    AffiliateDisclosure,
    Category,
    Critic,
    ReviewIndexPage,
    ReviewPage,
    VerdictLabel,
)

POSTER_SIZE = (600, 900)
CARD_SIZE = (1200, 675)


class Command(BaseCommand):
    help = "Load the demo reviews, categories, disclosures and pages (only what is missing)."

    def handle(self, *args, **options):
        self.created = 0
        with transaction.atomic():
            home = self.home_page()
            snippets = self.snippets()
            index = self.review_index(home)
            guidelines = self.standard_page(home, demo.GUIDELINES_PAGE)
            self.standard_page(home, demo.ABOUT_PAGE)
            self.site_settings(home, snippets["disclosures"], guidelines)
            for record in demo.REVIEWS:
                self.review(index, record, snippets)
            self.featured(home)
            self.comments()
        self.stdout.write(f"Demo content ready ({self.created} new objects).")

    def count(self, created):
        self.created += int(created)

    def home_page(self):
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
            home.intro = demo.HOME_INTRO
            home.save_revision().publish()
        return home

    def snippets(self):
        for name, slug, description in demo.CATEGORIES:
            _, created = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )
            self.count(created)
        for name, bio in demo.CRITICS:
            _, created = Critic.objects.get_or_create(name=name, defaults={"short_bio": bio})
            self.count(created)
        for name, text in demo.DISCLOSURES:
            _, created = AffiliateDisclosure.objects.get_or_create(
                name=name, defaults={"text": text}
            )
            self.count(created)
        return {
            "categories": {category.slug: category for category in Category.objects.all()},
            "critics": {critic.name: critic for critic in Critic.objects.all()},
            "disclosures": {item.name: item for item in AffiliateDisclosure.objects.all()},
            "verdicts": {label.name: label for label in VerdictLabel.objects.all()},
        }

    def site_settings(self, home, disclosures, guidelines):
        site = home.get_site()
        if not site.site_name:
            site.site_name = "The Projection Booth"
            site.save()
        settings = SiteSettings.for_site(site)
        if not settings.tagline:
            settings.tagline = demo.SITE_TAGLINE
            settings.default_disclosure = disclosures[demo.DEFAULT_DISCLOSURE]
            settings.social_links = [
                ("link", {"name": "Mastodon", "url": "https://mastodon.example/@projectionbooth"}),
                (
                    "link",
                    {"name": "Newsletter", "url": "https://newsletter.example/projectionbooth"},
                ),
            ]
            settings.save()
        for disclosure in disclosures.values():
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
        body = [("text", {"heading": heading, "text": text}) for heading, text in record["body"]]
        page = StandardPage(
            title=record["title"],
            slug=record["slug"],
            intro=record["intro"],
            show_in_menus=True,
        )
        page.body = raw_stream(body)
        return self.publish_new(home, page)

    def review_index(self, home):
        page = self.child(home, ReviewIndexPage, demo.REVIEW_INDEX["slug"])
        if page:
            return page
        page = ReviewIndexPage(show_in_menus=True, **demo.REVIEW_INDEX)
        return self.publish_new(home, page)

    def review(self, index, record, snippets):
        if self.child(index, ReviewPage, record["slug"]):
            return
        title = record["title"]
        disclosure = record["disclosure"]
        page = ReviewPage(
            title=title,
            slug=record["slug"],
            original_title=record.get("original_title", ""),
            kind=record["kind"],
            release_year=record["release_year"],
            director=record["director"],
            runtime_minutes=record["runtime_minutes"],
            intro=record["intro"],
            author=snippets["critics"][record["critic"]],
            date_published=datetime.date.fromisoformat(record["date_published"]),
            poster=self.poster(record),
            disclosure_choice=(
                disclosure
                if disclosure in ("default", "none")
                else ReviewPage.DisclosureChoice.OTHER
            ),
            disclosure=snippets["disclosures"].get(disclosure),
        )
        page.categories = [snippets["categories"][slug] for slug in record["categories"]]
        body = [self.block(kind, value, record, snippets) for kind, value in record["body"]]
        page.body = raw_stream(body)
        self.publish_new(index, page)

    def block(self, kind, value, record, snippets):
        """Turn a demo record's shorthand for a block into the block's stored value."""
        if kind == "cast":
            members = [
                {"character": character, "performer": performer, "note": note}
                for character, performer, note in value
            ]
            return kind, {"heading": "Cast", "members": members}
        if kind == "quote":
            return kind, {"source": "", **value}
        if kind == "spoiler":
            return kind, {"warning_label": "Spoilers ahead", **value}
        if kind == "verdict":
            label, score, summary = value
            return kind, {
                "label": snippets["verdicts"][label].pk,
                "score": score,
                "summary": summary,
            }
        if kind == "image":
            image = self.card(record, value)
            return kind, {
                "image": {"image": image.pk, "decorative": False, "alt_text": value["alt"]},
                "caption": value["caption"],
                "credit": "Made for The Projection Booth",
            }
        return kind, value

    def poster(self, record):
        title = f"Poster: {record['title']} ({record['release_year']})"
        background, ink = record["palette"]
        description = (
            f"Poster for {record['title']} ({record['release_year']}), made for this site."
        )
        return self.image(
            title,
            description,
            lambda: draw_poster(record, background, ink),
            f"poster-{record['slug']}.png",
        )

    def card(self, record, value):
        background, ink = record["palette"]
        return self.image(
            f"Card: {value['card']}",
            value["alt"],
            lambda: draw_card(value["card"], background, ink),
            f"card-{record['slug']}.png",
        )

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

    def comments(self):
        for slug, name, text, replies in demo.COMMENTS:
            review = ReviewPage.objects.filter(slug=slug).first()
            if review is None or review.comments.exists():
                continue
            comment = self.comment(review, name, text)
            for reply_name, reply_text in replies:
                self.comment(review, reply_name, reply_text, parent=comment)

    def comment(self, review, name, text, parent=None):
        email = f"{name.split()[0].lower()}@readers.example"
        self.count(True)
        return Comment.objects.create(
            review=review,
            parent=parent,
            name=name,
            email=email,
            body=text,
            status=Comment.Status.APPROVED,
            ip_hash="demo",
        )

    def featured(self, home):
        if home.featured_reviews.exists():
            return
        reviews = ReviewPage.objects.filter(slug__in=demo.FEATURED)
        home.featured_reviews = [
            HomePageFeaturedReview(review=review, sort_order=demo.FEATURED.index(review.slug))
            for review in reviews
        ]
        home.save_revision().publish()


def raw_stream(blocks):
    return [{"type": kind, "value": value} for kind, value in blocks]


def font(size):
    return ImageFont.load_default(size=size)


def draw_centred_lines(draw, lines, top, size, fill, width):
    for line in lines:
        draw.text((width / 2, top), line, font=font(size), fill=fill, anchor="ma")
        top += int(size * 1.2)
    return top


def draw_poster(record, background, ink):
    width, height = POSTER_SIZE
    image = PILImage.new("RGB", POSTER_SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 24, width - 24, height - 24), outline=ink, width=4)
    draw.ellipse((width / 2 - 150, 150, width / 2 + 150, 450), outline=ink, width=6)
    lines = textwrap.wrap(record["title"].upper(), width=14)
    bottom = draw_centred_lines(draw, lines, 500, 58, ink, width)
    draw.text(
        (width / 2, bottom + 20), str(record["release_year"]), font=font(40), fill=ink, anchor="ma"
    )
    draw.text((width / 2, height - 90), record["director"], font=font(28), fill=ink, anchor="ma")
    return image


def draw_card(text, background, ink):
    width, height = CARD_SIZE
    image = PILImage.new("RGB", CARD_SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, width - 40, height - 40), outline=ink, width=3)
    lines = textwrap.wrap(text, width=22)
    top = (height - len(lines) * 86) / 2
    draw_centred_lines(draw, lines, top, 72, ink, width)
    return image

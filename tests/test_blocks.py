"""Each block's HTML on the public review page, and its admin preview."""

import importlib

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.urls import reverse

from core import block_values as shared_blocks
from reviews import block_values as review_blocks
from reviews.blocks import ReviewBodyBlock
from reviews.factories import (
    ReviewPageFactory,
    verdict_block,
)


def render(client, review):
    response = client.get(review.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".review__body")


@pytest.fixture
def review_with(review_index):
    def make(*blocks, **fields):
        return ReviewPageFactory(parent=review_index, body=list(blocks), **fields)

    return make


def test_text_section_has_optional_heading(client, review_with):
    body = render(
        client,
        review_with(
            shared_blocks.text_section("<p>First.</p>", heading="Opening"),
            shared_blocks.text_section("<p>Second.</p>"),
        ),
    )
    sections = body.select("section.text-section")
    assert [s.h2.get_text() if s.h2 else None for s in sections] == ["Opening", None]
    assert sections[1].p.get_text() == "Second."


def test_spoiler_section_is_collapsed_behind_a_labelled_summary(client, review_with):
    body = render(
        client,
        review_with(
            review_blocks.spoiler(
                "<p>The butler did it.</p>", heading="Whodunnit", warning_label="Big twist"
            )
        ),
    )
    details = body.select_one("details.spoiler")
    assert details is not None
    assert not details.has_attr("open")
    summary = details.summary
    assert "Big twist" in summary.get_text()
    assert "Whodunnit" in summary.get_text()
    assert "butler" not in summary.get_text()
    assert details.select_one(".spoiler__body").get_text(strip=True) == "The butler did it."


def test_cast_listing_is_a_table_of_characters_and_performers(client, review_with):
    body = render(
        client,
        review_with(
            review_blocks.cast(
                [("Ben", "Duane Jones", ""), ("The Mummy", "Boris Karloff", "voice")]
            )
        ),
    )
    table = body.select_one("section.cast table")
    assert [th.get_text() for th in table.select("thead th")] == ["Character", "Played by"]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    rows = table.select("tbody tr")
    assert [(r.th.get_text(), r.td.get_text(" ", strip=True)) for r in rows] == [
        ("Ben", "Duane Jones"),
        ("The Mummy", "Boris Karloff (voice)"),
    ]
    assert rows[0].th["scope"] == "row"


def test_quote_is_a_figure_crediting_speaker_and_source(client, review_with):
    body = render(
        client, review_with(shared_blocks.quote("Nothing.", speaker="Reggie", source="A play"))
    )
    figure = body.select_one("figure.quote")
    assert figure.blockquote.get_text(strip=True) == "Nothing."
    assert figure.figcaption.select_one(".quote__speaker").get_text() == "Reggie"
    assert figure.figcaption.cite.get_text() == "A play"


def test_quote_source_defaults_to_the_reviewed_work(client, review_with):
    review = review_with(
        shared_blocks.quote("Nothing."), title="A lovely review", work_title="Charade"
    )
    assert render(client, review).select_one("figure.quote cite").get_text() == "Charade"
    review = review_with(shared_blocks.quote("Nothing."), title="Charade")
    assert render(client, review).select_one("figure.quote cite").get_text() == "Charade"


def test_verdict_shows_label_score_and_summary(client, review_with):
    body = render(client, review_with(verdict_block("Worth Seeing", "7.5", "Fun but long.")))
    verdict = body.select_one("section.verdict")
    assert "verdict--positive" in verdict["class"]
    assert verdict.select_one(".verdict__label").get_text() == "Worth Seeing"
    assert verdict.select_one(".verdict__score").get_text() == "7.5/10"
    assert verdict.select_one(".verdict__summary").get_text() == "Fun but long."


def test_verdict_scores_print_without_trailing_zero_and_are_optional(client, review_with):
    whole = render(client, review_with(verdict_block("Skip It", "3")))
    assert whole.select_one(".verdict__score").get_text() == "3/10"
    none = render(client, review_with(verdict_block("Mixed", None)))
    assert none.select_one(".verdict__score") is None
    assert none.select_one(".verdict__label").get_text() == "Mixed"


def test_image_is_a_responsive_picture_in_modern_formats(client, review_with):
    image = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    body = render(
        client,
        review_with(
            shared_blocks.image(image.pk, "Orlok on the stairs", caption="Up he goes", credit="PD")
        ),
    )
    figure = body.select_one("figure.figure")
    types = [source["type"] for source in figure.select("picture source")]
    assert types == ["image/avif", "image/webp"]
    img = figure.select_one("picture img")
    assert img["alt"] == "Orlok on the stairs"
    assert img["loading"] == "lazy"
    assert [entry.split()[-1] for entry in img["srcset"].split(", ")] == ["480w", "800w", "1200w"]
    assert "Up he goes" in figure.figcaption.get_text()
    assert figure.select_one(".figure__credit").get_text() == "PD"


def test_trailer_embeds_the_player_and_always_links_to_the_video(client, review_with):
    body = render(
        client, review_with(review_blocks.trailer("https://archive.org/details/the_general"))
    )
    figure = body.select_one("figure.trailer")
    assert figure.iframe["src"] == "https://archive.org/embed/the_general"
    assert figure.iframe["title"]
    link = figure.figcaption.a
    assert link["href"] == "https://archive.org/details/the_general"
    assert link.get_text() == "watch it on archive.org"


def test_trailer_that_cannot_be_embedded_still_links(client, review_with):
    body = render(
        client, review_with(review_blocks.trailer("https://www.youtube.com/watch?v=x", "Teaser"))
    )
    figure = body.select_one("figure.trailer")
    assert figure.iframe is None
    assert figure.figcaption.get_text(" ", strip=True) == "Teaser: watch it on youtube.com"


@pytest.mark.parametrize("name", list(ReviewBodyBlock.base_blocks))
def test_every_block_explains_itself_and_previews_in_the_admin(admin_client, name):
    wagtail_factories.ImageFactory()
    block = ReviewBodyBlock().child_blocks[name]
    assert block.meta.icon not in ("", "placeholder")
    assert block.label
    assert block.meta.help_text
    assert block.is_previewable

    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    assert b"css/site.css" in response.content


def test_cast_rows_stored_as_bare_values_are_migrated_to_list_items():
    migration = importlib.import_module("reviews.migrations.0008_cast_rows_as_list_items")
    body = [
        {"type": "text", "value": {"heading": "", "text": "<p>Hi.</p>"}},
        {
            "type": "cast",
            "value": {"heading": "Cast", "members": [{"character": "A", "performer": "B"}]},
        },
    ]
    fixed = migration.as_list_items(body)
    row = fixed[1]["value"]["members"][0]
    assert row["type"] == "item" and row["value"] == {"character": "A", "performer": "B"}
    assert migration.as_list_items(fixed) is None  # already in shape: left alone

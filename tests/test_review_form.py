"""The review form as a critic meets it: its tabs, labels, first blocks and limits."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.admin.panels import get_edit_handler
from wagtail.blocks import StreamBlockValidationError

from core.blocks import QuoteBlock, without_quotation_marks
from reviews.blocks import ReviewBodyBlock, VerdictBlock
from reviews.factories import CriticFactory
from reviews.models import ReviewPage

from .test_roles import add_review_url


def field_names(panel):
    """Every field a panel shows, in the order it shows them."""
    names = [panel.field_name] if getattr(panel, "field_name", None) else []
    if getattr(panel, "relation_name", None):
        names.append(panel.relation_name)
    for child in getattr(panel, "children", []):
        names.extend(field_names(child))
    return names


@pytest.fixture
def tabs():
    return {tab.heading: field_names(tab) for tab in get_edit_handler(ReviewPage).children}


def test_review_tab_comes_first_with_what_a_critic_writes(tabs):
    assert next(iter(tabs)) == "Review"
    assert tabs["Review"] == [
        "title",
        "work_title",
        "kind",
        "release_year",
        "original_title",
        "director",
        "runtime_minutes",
        "intro",
        "author",
        "date_published",
        "categories",
        "tags",
        "disclosure_choice",
        "disclosure",
        "poster",
        "body",
    ]


def test_promote_tab_keeps_only_the_slug_and_search_engine_fields(tabs):
    assert tabs["Promote"] == ["slug", "seo_title", "search_description"]
    assert tabs["Where to watch"] == ["offers"]
    assert "comments_open" in tabs["Settings"]


def new_review_form(client, index):
    response = client.get(add_review_url(index))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), response.context["form"]


def test_categories_are_checkboxes_and_the_byline_is_called_byline(admin_client, review_index):
    page, _ = new_review_form(admin_client, review_index)
    review_tab = page.find(id="tab-review")
    assert review_tab.select("input[type=checkbox][name=categories]") is not None
    assert review_tab.find("label", attrs={"for": "id_author"}).get_text(strip=True) == "Byline"
    chooser = review_tab.find(id="id_author").parent.get_text(" ", strip=True)
    assert "Choose byline" in chooser
    assert "critic" not in chooser.lower()
    assert review_tab.select_one("select#id_disclosure") is not None


def test_a_new_review_starts_with_a_text_section_and_the_verdict(admin_client, review_index):
    _, form = new_review_form(admin_client, review_index)
    body = form.initial["body"]
    assert [block.block_type for block in body] == ["text", "verdict"]
    assert body[1].value["label"] is None


def test_a_new_review_carries_the_byline_of_the_critic_with_the_editors_name(
    client, user_in, review_index
):
    critic = CriticFactory(name="Ada Marlowe")
    CriticFactory(name="Tomás Reyes")
    editor = user_in("Editors")
    editor.first_name, editor.last_name = "Ada", "Marlowe"
    editor.save()
    client.force_login(editor)
    _, form = new_review_form(client, review_index)
    assert form.initial["author"] == critic.pk


def test_score_input_steps_by_half_points_within_the_scale():
    widget = VerdictBlock().child_blocks["score"].field.widget
    assert (widget.attrs["min"], widget.attrs["max"], widget.attrs["step"]) == (0, 10, "0.5")


@pytest.mark.parametrize(
    ("score", "error"),
    [
        ("8.3", "Use steps of 0.5, e.g. 7 or 7.5."),
        ("10.5", "Ensure this value is less than or equal to 10."),
        ("-0.5", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_a_score_off_the_scale_gets_one_error(score, error):
    score_block = VerdictBlock().child_blocks["score"]
    with pytest.raises(ValidationError) as refused:
        score_block.clean(Decimal(score))
    assert refused.value.messages == [error]


@pytest.mark.parametrize("score", ["0", "7", "7.5", "10"])
def test_half_point_scores_are_accepted(score):
    assert VerdictBlock().child_blocks["score"].clean(Decimal(score)) == Decimal(score)


def test_a_review_offers_one_verdict_and_says_why_a_second_is_refused(db):
    body = ReviewBodyBlock()
    assert body.meta.block_counts == {"verdict": {"max_num": 1}}
    value = body.to_python(
        [
            {"type": "verdict", "value": {"label": None, "summary": "One."}},
            {"type": "verdict", "value": {"label": None, "summary": "Two."}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as refused:
        body.clean(value)
    assert "Verdict: The maximum number of items is 1" in str(refused.value.as_json_data())


def test_collapsed_blocks_summarise_their_content():
    blocks = ReviewBodyBlock().child_blocks
    assert blocks["verdict"].meta.label_format == "{label} {score} · {summary}"
    assert blocks["cast"].meta.label_format == "{heading}: {members}"
    # A text section without a heading is summarised by its first words (Wagtail's default).
    assert blocks["text"].meta.label_format is None
    assert list(blocks["text"].child_blocks)[-1] == "text"


def test_review_blocks_are_one_click_away_in_the_editor():
    attrs = ReviewBodyBlock().meta.form_attrs
    assert attrs["data-quick-blocks"].split() == ["text", "spoiler", "cast", "quote", "verdict"]


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ('"Is this your wife?"', "Is this your wife?"),
        ("“What a lovely throat.”", "What a lovely throat."),
        ("„Guten Abend“", "Guten Abend"),
        ("« Bonjour »", "Bonjour"),
        ("'Don't try.'", "Don't try."),
        ('"Yes," he said, "no."', '"Yes," he said, "no."'),
        ("No marks at all.", "No marks at all."),
    ],
)
def test_quotation_marks_around_a_quote_are_removed(pasted, stored):
    assert without_quotation_marks(pasted) == stored


def test_quote_block_stores_the_line_without_its_quotation_marks():
    block = QuoteBlock()
    value = block.clean(block.to_python({"quote": "  “Nevermore.”  ", "speaker": "The Raven"}))
    assert value["quote"] == "Nevermore."


def test_admin_asks_no_third_party_for_avatars_or_releases(admin_client, review_index):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    dashboard = admin_client.get("/admin/")
    policy = dashboard["Content-Security-Policy"]
    assert "gravatar" not in policy
    assert b"gravatar" not in dashboard.content
    assert b"w-upgrade" not in dashboard.content  # the release feed check
    page, _ = new_review_form(admin_client, review_index)
    assert "gravatar" not in str(page)


def test_site_name_in_the_header_is_a_link_not_a_styled_paragraph(client, home_page):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    name = page.select_one(".site-header__name")
    assert name.name == "a" and name["rel"] == ["home"]
    assert page.select(".site-header p.site-header__name") == []

"""Editors fill a review from a review pasted whole, after seeing the blocks it makes and the
fields it fills (its title, facts, categories and intro), or make a new review from it."""

import hashlib
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageSubscription

from core import block_values as shared_blocks
from reviews.conversion import VerdictLabels
from reviews.factories import CategoryFactory, CriticFactory, ReviewPageFactory, verdict_block
from reviews.models import Category, ReviewPage
from reviews.pasted import facts_line, read_review

PASTED = """<p>Keaton's finest short feature, and his most inventive.</p>
<h2>Spoilers: the ending</h2>
<p>He walks back out of the screen and into the girl's arms.</p>
<h2>Favourite lines</h2>
<blockquote><p>“Don't try to do two things at once.”</p><cite>Title card</cite></blockquote>
<h2>Verdict: Must See, 9/10</h2>
<p>Forty-five minutes of pure invention.</p>
"""


@pytest.fixture
def review(review_index):
    return ReviewPageFactory(
        parent=review_index,
        title="Sherlock Jr.",
        body=[shared_blocks.text_section("<p>The first draft.</p>"), verdict_block("Skip It")],
    )


@pytest.fixture
def editor(client, user_in):
    client.force_login(user_in("Editors"))
    return client


def fill_url(review):
    return reverse("reviews_fill_from_pasted_text", args=[review.pk])


def fingerprint(text):
    """What the form keeps of the text it showed (surrounding blank lines do not count)."""
    return hashlib.sha256(text.strip().encode()).hexdigest()


def block_types(review):
    review.refresh_from_db()
    return [block.block_type for block in review.get_latest_revision_as_object().body]


def test_the_pasted_review_is_shown_as_blocks_and_nothing_changes(editor, review):
    revisions = review.revisions.count()
    response = editor.post(fill_url(review), {"text": PASTED, "placement": "replace"})

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    shown = [item.strong.get_text() for item in page.select(".pasted-review__blocks li")]
    assert shown == ["Text section", "Spoiler section", "Text section", "Quote", "Verdict"]
    assert "Keaton's finest short feature" in page.select_one(".pasted-review__blocks").text
    assert page.select_one("button[name=confirm]") is not None
    assert page.select_one("input[name=previewed]")["value"] == fingerprint(PASTED)
    assert review.revisions.count() == revisions
    assert block_types(review) == ["text", "verdict"]


def test_confirmed_blocks_replace_the_body_as_a_draft(editor, review):
    response = editor.post(
        fill_url(review),
        {"text": PASTED, "placement": "replace", "previewed": fingerprint(PASTED), "confirm": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[review.pk])
    assert block_types(review) == ["text", "spoiler", "text", "quote", "verdict"]
    draft = review.get_latest_revision_as_object()
    assert draft.body[3].value["quote"] == "Don't try to do two things at once."
    assert draft.body[4].value["label"].name == "Must See"
    assert review.live_revision is None or review.live_revision != review.latest_revision


def test_added_to_the_end_the_pasted_verdict_gives_way_to_the_reviews_own(editor, review):
    data = {"text": PASTED, "placement": "append"}
    preview = editor.post(fill_url(review), data)
    assert "left out: the review has its verdict" in preview.content.decode()

    editor.post(fill_url(review), {**data, "previewed": fingerprint(PASTED), "confirm": ""})
    assert block_types(review) == ["text", "verdict", "text", "spoiler", "text", "quote"]


def test_text_changed_after_the_preview_is_shown_again_not_saved(editor, review):
    response = editor.post(
        fill_url(review),
        {"text": PASTED, "placement": "replace", "previewed": fingerprint("other"), "confirm": ""},
    )
    assert response.status_code == 200
    assert block_types(review) == ["text", "verdict"]


def test_empty_or_missing_reviews_are_refused_clearly(editor, review):
    assert editor.post(fill_url(review), {"text": "", "placement": "replace"}).status_code == 200
    assert block_types(review) == ["text", "verdict"]
    missing = reverse("reviews_fill_from_pasted_text", args=[review.pk + 1000])
    assert editor.get(missing).status_code == 404


def test_the_review_editor_offers_the_paste_page(editor, review):
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    assert fill_url(review) in edit.content.decode()
    assert editor.get(fill_url(review)).status_code == 200


# Recognising the title, the facts and the categories ------------------------------------------

SITE_CATEGORIES = [
    SimpleNamespace(name=name, slug=slug)
    for name, slug in [
        ("Comedy", "comedy"),
        ("Silent era", "silent-era"),
        ("Science fiction", "science-fiction"),
    ]
]
BODY = "<p>The projectionist's dream is the film's real subject.</p>"


def read(text, with_intro=False):
    return read_review(
        text,
        categories=SITE_CATEGORIES,
        verdicts=VerdictLabels(labels=[]),
        with_intro=with_intro,
    )


def body_html(pasted):
    return "".join(block["value"].get("text", "") for block in pasted.conversion.blocks)


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("<h1>Sherlock Jr.</h1>" + BODY, {"title": "Sherlock Jr."}),
        ("<h1>Sherlock Jr. (1924)</h1>" + BODY, {"title": "Sherlock Jr.", "release_year": 1924}),
        ("<h1>Review: The General [1926]</h1>" + BODY,
         {"title": "The General", "release_year": 1926}),
        ("<h1>Nosferatu \u2013 review</h1>" + BODY, {"title": "Nosferatu"}),
        ("Sherlock Jr.\n\n" + BODY, {"title": "Sherlock Jr."}),
        ("Safety Last!\n1923 · 70 min\n\n" + BODY,
         {"title": "Safety Last!", "release_year": 1923, "runtime_minutes": 70}),
        ("Airplane! (1980)\n" + BODY, {"title": "Airplane!", "release_year": 1980}),
        (
            "Sherlock Jr.\n1924 · Directed by Buster Keaton · 45 min\n\n" + BODY,
            {"title": "Sherlock Jr.", "release_year": 1924, "director": "Buster Keaton",
             "runtime_minutes": 45},
        ),
    ],
)  # fmt: skip
def test_the_title_is_a_leading_heading_or_first_line(text, facts):
    pasted = read(text)
    assert pasted.facts == facts
    assert body_html(pasted) == BODY


@pytest.mark.parametrize(
    ("line", "facts"),
    [
        ("1924 · Directed by Buster Keaton · 45 min",
         {"release_year": 1924, "director": "Buster Keaton", "runtime_minutes": 45}),
        ("Director: Buster Keaton", {"director": "Buster Keaton"}),
        ("Directors: Joel Coen, Ethan Coen", {"director": "Joel Coen, Ethan Coen"}),
        ("Directed by Joel and Ethan Coen.", {"director": "Joel Coen, Ethan Coen"}),
        ("Dir. F. W. Murnau", {"director": "F. W. Murnau"}),
        ("Created by Phoebe Waller-Bridge", {"director": "Phoebe Waller-Bridge"}),
        ("A film by Agnès Varda", {"director": "Agnès Varda"}),
        ("Written and directed by Jean-Luc Godard", {"director": "Jean-Luc Godard"}),
        ("Year: 1924", {"release_year": 1924}),
        ("Released 1922", {"release_year": 1922}),
        ("Runtime: 45 minutes", {"runtime_minutes": 45}),
        ("Running time 1h 32m", {"runtime_minutes": 92}),
        ("Length \u2013 2 hours", {"runtime_minutes": 120}),
        ("Duration: 1 hr 5 min", {"runtime_minutes": 65}),
        ("Short film | 1924 | 45 mins", {"kind": "short", "release_year": 1924,
                                         "runtime_minutes": 45}),
        ("Original title: Nosferatu, eine Symphonie des Grauens",
         {"original_title": "Nosferatu, eine Symphonie des Grauens"}),
        ("Type: TV series", {"kind": "tv_series"}),
    ],
)  # fmt: skip
def test_a_line_of_facts_fills_the_fields_and_leaves_the_body(line, facts):
    for text in (f"<p>{line}</p>{BODY}", f"{BODY}\n\n{line}"):  # before the text or after it
        pasted = read(text)
        assert pasted.facts == facts, text
        assert body_html(pasted) == BODY, text


@pytest.mark.parametrize(
    "text",
    [
        "<ul><li>Director: Buster Keaton</li><li>Year: 1924</li><li>Runtime: 45 min</li></ul>",
        "<dl><dt>Director</dt><dd>Buster Keaton</dd><dt>Year</dt><dd>1924</dd>"
        "<dt>Running time</dt><dd>45 minutes</dd></dl>",
        "Director: Buster Keaton\nYear: 1924\nRuntime: 45 min\nCountry: USA",
    ],
)
def test_a_block_of_facts_is_read_line_by_line(text):
    pasted = read(f"{text}\n\n{BODY}")
    assert pasted.facts == {
        "director": "Buster Keaton",
        "release_year": 1924,
        "runtime_minutes": 45,
    }
    assert body_html(pasted) == BODY
    assert pasted.unused == (["Country: USA"] if "Country" in text else [])


@pytest.mark.parametrize(
    ("line", "found", "unknown"),
    [
        ("Categories: Comedy, Silent era", ["Comedy", "Silent era"], []),
        ("Filed under: comedy, SILENT-ERA", ["Comedy", "Silent era"], []),
        ("Filed under Science Fiction", ["Science fiction"], []),
        ("Tags: silent era; Westerns; comedy", ["Silent era", "Comedy"], ["Westerns"]),
        ("Genre: Science-fiction / Comedy", ["Science fiction", "Comedy"], []),
        ("Posted in: Reviews, Comedy", ["Comedy"], ["Reviews"]),
    ],
)
def test_categories_are_matched_whatever_their_case_and_punctuation(line, found, unknown):
    pasted = read(f"{BODY}\n\n{line}")
    assert [category.name for category in pasted.categories] == found
    assert pasted.unknown_categories == unknown
    assert body_html(pasted) == BODY


@pytest.mark.parametrize(
    "paragraph",
    [
        "The film, directed by Buster Keaton, runs a brisk 45 minutes.",
        "Directed by Buster Keaton with his usual deadpan, it never stops moving.",
        "Directed by Buster Keaton, Sherlock Jr. is a marvel.",
        "Released in 1924, it was a flop.",
        "Runtime: shorter than you would think, and all the better for it.",
        "Year: the best of Keaton's career.",
        "Filed under: things I never expected to love, and then did.",
        "Rating: 8/10 · 45 min · 1924",
        "Length matters less than pace.",
        "Director: the projectionist, in his own dream.",
    ],
)
def test_text_that_only_looks_like_facts_stays_in_the_body(paragraph):
    text = f"<p>An opening paragraph.</p><p>{paragraph}</p>"
    pasted = read(text)
    assert pasted.facts == {}
    assert pasted.categories == [] and pasted.unknown_categories == []
    assert paragraph.split()[1] in body_html(pasted) + " ".join(
        block["value"].get("summary", "") for block in pasted.conversion.blocks
    )


def test_films_named_with_their_facts_in_the_text_stay_in_the_body():
    films = "<ul><li>The General · 1926 · 78 min</li><li>Seven Chances · 1925 · 56 min</li></ul>"
    pasted = read(f"<p>Keaton made others:</p>{films}")
    assert pasted.facts == {} and "Seven Chances" in body_html(pasted)

    later = "<p>Also worth seeing: Seven Chances · 1925 · 56 min</p>"
    pasted = read(f"<h1>Sherlock Jr. (1924)</h1><p>Runtime: 45 min</p>{BODY}{later}")
    assert pasted.facts == {"title": "Sherlock Jr.", "release_year": 1924, "runtime_minutes": 45}
    assert "Seven Chances" in body_html(pasted) and pasted.unused == []


@pytest.mark.parametrize(
    "text",
    [
        "I loved it.\n\n" + BODY,  # a sentence, not a title
        "Keaton's finest hour, and his most inventive\nAnd the rest of the paragraph.",
        "<h2>The dream</h2>" + BODY,  # a section heading
        BODY + "<p>The General (1926)</p>",  # a film named later in the text
    ],
)
def test_a_first_line_that_is_not_a_title_stays(text):
    assert "title" not in read(text).facts


def test_the_first_paragraph_is_the_intro_only_when_wanted_and_it_fits():
    text = "<h1>Sherlock Jr.</h1><p>Keaton walks into a film.</p>" + BODY
    assert read(text, with_intro=True).facts["intro"] == "Keaton walks into a film."
    assert body_html(read(text, with_intro=True)) == BODY
    assert "intro" not in read(text).facts
    assert "Keaton walks into a film." in body_html(read(text))

    long = "<p>" + "A paragraph far too long for an intro. " * 10 + "</p>" + BODY
    pasted = read(long, with_intro=True)
    assert "intro" not in pasted.facts and pasted.intro_too_long
    assert "far too long" in body_html(pasted)


def test_facts_lines_are_read_whole():
    assert facts_line("1924 · USA · 45 min") == (
        [("release_year", 1924), ("runtime_minutes", 45)],
        ["USA"],
    )
    assert facts_line("45 min") is None  # a bare duration needs a label or other facts
    assert facts_line("Year: 1492") is None  # before films
    assert facts_line("1924 · a film that changed how I watch everything") is None


# Filling the review's fields ------------------------------------------------------------------

PASTED_WITH_FACTS = (
    """<h1>Sherlock Jr. (1924)</h1>
<p>Directed by Buster Keaton · 45 min</p>
<p>Keaton walks into a film and out of the laws of physics.</p>
"""
    + PASTED
    + "<p>Filed under: comedy, Silent-Era, Westerns</p>"
)


@pytest.fixture
def categories(db):
    return [CategoryFactory(name="Comedy"), CategoryFactory(name="Silent era")]


@pytest.fixture
def half_filled(review_index):
    """A review with its title, intro and a director typed, but no year."""
    return ReviewPageFactory(
        parent=review_index, title="Sherlock Jr.", release_year=None, director="B. Keaton"
    )


def fields_shown(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {
        row["data-field"]: " ".join(row.get_text(" ").split())
        for row in page.select(".pasted-review__fields [data-field]")
    }


def test_the_fields_the_text_fills_are_shown_beside_the_blocks(editor, half_filled, categories):
    response = editor.post(
        fill_url(half_filled), {"text": PASTED_WITH_FACTS, "placement": "replace"}
    )

    shown = fields_shown(response)
    assert "Already so" in shown["title"]
    assert "1924" in shown["release_year"] and "Will be filled" in shown["release_year"]
    assert "Replace “B. Keaton”" in shown["director"]
    assert "45 min" in shown["runtime_minutes"]
    assert "intro" not in shown  # the review has one: the first paragraph stays in the body
    assert shown["categories"].startswith("Categories Comedy, Silent era")
    page = BeautifulSoup(response.content, "html.parser")
    assert "“Westerns” is not one of the site\u2019s categories" in page.text
    assert not page.select_one("input[name=replace][value=director]").has_attr("checked")
    assert half_filled.revisions.count() == 0


def test_confirmed_fields_fill_the_empty_ones_and_keep_the_filled(editor, half_filled, categories):
    data = {"text": PASTED_WITH_FACTS, "placement": "replace"}
    editor.post(
        fill_url(half_filled), {**data, "previewed": fingerprint(data["text"]), "confirm": ""}
    )

    half_filled.refresh_from_db()
    draft = half_filled.get_latest_revision_as_object()
    assert (draft.release_year, draft.runtime_minutes) == (1924, 45)
    assert draft.director == "B. Keaton"  # filled by the editor: kept
    assert draft.intro == "A spoiler-free look at Sherlock Jr.."  # the factory's, kept
    assert sorted(c.name for c in draft.categories.all()) == ["Comedy", "Silent era"]
    assert Category.objects.count() == 2  # "Westerns" is not made up
    assert [b.block_type for b in draft.body] == ["text", "spoiler", "text", "quote", "verdict"]
    assert "Keaton walks into a film" in draft.body[0].value["text"].source  # not the intro


def test_a_filled_field_is_replaced_when_the_editor_ticks_it(editor, half_filled, categories):
    data = {"text": PASTED_WITH_FACTS, "placement": "replace", "replace": ["director"]}
    editor.post(
        fill_url(half_filled), {**data, "previewed": fingerprint(data["text"]), "confirm": ""}
    )
    half_filled.refresh_from_db()
    assert half_filled.get_latest_revision_as_object().director == "Buster Keaton"


def new_url(index):
    return reverse("reviews_new_from_pasted_text", args=[index.pk])


def test_a_new_review_is_made_from_the_pasted_text_as_a_draft(
    client, user_in, review_index, categories
):
    user = user_in("Editors")
    user.first_name, user.last_name = "Ada", "Marlowe"
    user.save()
    CriticFactory(name="Ada Marlowe")
    client.force_login(user)
    text = PASTED_WITH_FACTS
    preview = client.post(new_url(review_index), {"text": text})
    assert "Will be filled" in fields_shown(preview)["title"]
    assert not ReviewPage.objects.exists()

    response = client.post(
        new_url(review_index), {"text": text, "previewed": fingerprint(text), "confirm": ""}
    )

    review = ReviewPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[review.pk])
    assert review.get_parent().specific == review_index and not review.live
    draft = review.get_latest_revision_as_object()
    assert (draft.title, draft.slug, draft.release_year) == ("Sherlock Jr.", "sherlock-jr", 1924)
    assert (draft.director, draft.runtime_minutes) == ("Buster Keaton", 45)
    assert draft.intro == "Keaton walks into a film and out of the laws of physics."
    assert draft.author.name == "Ada Marlowe"
    assert sorted(c.name for c in draft.categories.all()) == ["Comedy", "Silent era"]
    assert [b.block_type for b in draft.body] == ["text", "spoiler", "text", "quote", "verdict"]
    assert draft.owner == user
    assert PageSubscription.objects.get(page=review).user == user


def test_a_new_review_needs_a_title_in_the_text(editor, review_index):
    text = "<p>I loved it.</p><p>And so will you.</p>"
    response = editor.post(
        new_url(review_index), {"text": text, "previewed": fingerprint(text), "confirm": ""}
    )
    assert response.status_code == 200
    assert "Needed: start the text with the title" in fields_shown(response)["title"]
    assert BeautifulSoup(response.content, "html.parser").select_one("button[name=confirm]") is None
    assert not ReviewPage.objects.exists()


def test_a_new_review_goes_only_where_reviews_go(editor, home_page, review_index):
    assert editor.get(new_url(review_index)).status_code == 200
    refused = editor.get(new_url(home_page))  # Wagtail sends the refused to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))


def test_categories_the_review_has_are_already_so(editor, review_index, categories):
    review = ReviewPageFactory(parent=review_index, title="Sherlock Jr.", categories=categories)
    text = "<p>Some words.</p><p>Filed under: comedy</p>"
    response = editor.post(fill_url(review), {"text": text, "placement": "append"})
    assert fields_shown(response)["categories"] == "Categories Comedy Already so"

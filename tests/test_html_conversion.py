"""HTML as review body blocks (reviews.conversion): every word kept, the review's structure found.

The inputs are shaped the way WordPress's classic editor stores posts: no <p>, paragraphs made on
display by wpautop.
"""

from collections import Counter

import pytest

from reviews.conversion import (
    autop,
    body_text,
    heading_role,
    html_to_body,
    visible_text,
    words,
)
from reviews.models import VerdictLabel


def convert(html, **options):
    return html_to_body(html, **options).blocks


def texts(blocks):
    return [block["value"].get("text", "") for block in blocks if block["type"] == "text"]


def reader_words(blocks):
    names = dict(VerdictLabel.objects.values_list("pk", "name"))
    return words(visible_text(body_text(blocks, names)))


@pytest.mark.parametrize(
    ("markup", "tail"),
    [
        ("<em>emphasis</em>", " and then the rest."),
        ("<strong>bold words</strong>", " and then the rest."),
        ('<a href="https://example.com/">a link</a>', " and then the rest."),
        ('<span class="x">a span</span>', " and then the rest."),
    ],
)
def test_text_after_inline_markup_is_kept(db, markup, tail):
    html = f"Some text with {markup}{tail}\nA second line.\n\nA second paragraph."
    html += "\n\n<h2>Next</h2>\nMore."
    blocks = convert(html)
    first = texts(blocks)[0]
    assert first.startswith("<p>Some text with ")
    assert "and then the rest.<br>A second line.</p><p>A second paragraph.</p>" in first
    assert blocks[1]["value"]["heading"] == "Next"
    source = words(visible_text(html))
    assert sorted(source) == sorted(w for w in reader_words(blocks) if w in source)


def test_an_image_inside_a_line_of_text_keeps_the_text_and_the_image(db):
    html = 'Before <img src="https://example.com/a.jpg" alt="A still"> after the image.\n\nNext.'
    blocks = convert(html)
    text = texts(blocks)[0]
    assert "Before" in text and "after the image." in text and "Next." in text
    assert 'href="https://example.com/a.jpg"' in text  # no file found: the image is a link


def test_autop_paragraphs_like_wordpress():
    assert autop("One\ntwo\n\nThree") == "<p>One<br />\ntwo</p>\n<p>Three</p>\n"
    assert autop("Text\n<blockquote>Quote</blockquote>\nMore") == (
        "<p>Text</p>\n<blockquote><p>Quote</p></blockquote>\n<p>More</p>\n"
    )
    assert autop("<h2>Title</h2>\nText") == "<h2>Title</h2>\n<p>Text</p>\n"
    # Preformatted text keeps its line breaks.
    assert "<pre>a\nb</pre>" in autop("Code:\n\n<pre>a\nb</pre>")


def test_block_editor_posts_keep_their_own_paragraphs(db):
    html = "<!-- wp:paragraph -->\n<p>One line\nstill one paragraph.</p>\n<!-- /wp:paragraph -->"
    assert texts(convert(html)) == ["<p>One line still one paragraph.</p>"]


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Overall: Worth Seeing", "verdict"),
        ("Verdict — Skip It", "verdict"),
        ("Final score: 8/10", "verdict"),
        ("Collected Quotes", "quotes"),
        ("Favourite lines", "quotes"),
        ("Review (with Spoilers)", "spoiler"),
        ("Spoilers: the ending", "spoiler"),
        ("Characters & Story", ""),
        ("Scores of extras", ""),  # a word that starts with "score" is no verdict
        ("Ratings agencies and their cuts", ""),
    ],
)
def test_what_a_heading_announces(title, role):
    assert heading_role(title) == role


REVIEW = """An opening paragraph about the film.

<h2>Review (with Spoilers)</h2>
The set-up.

<h3>Characters &amp; Story</h3>
Who does what, and how it ends.

<h2>Overall: Worth Seeing</h2>
A paragraph under the verdict that says why, at a length no listing would want to show in full, with a second clause, and then a third one, that takes it well past one line.

<h2>Collected Quotes</h2>
<blockquote>“A line of the film.” — <cite>Her</cite></blockquote>

<blockquote>"Another line." \u2013 <cite>Samantha</cite></blockquote>"""  # noqa: E501


def test_a_review_warned_about_as_a_whole_is_one_spoiler_section(db):
    blocks = convert(REVIEW, work_title="Her (2013)")
    assert [b["type"] for b in blocks] == ["text", "spoiler", "verdict", "text", "quote", "quote"]
    spoiler = blocks[1]["value"]
    assert spoiler["heading"] == "Review"
    assert "<h3>Characters &amp; Story</h3>" in spoiler["text"]
    assert "how it ends" in spoiler["text"]


def test_a_verdict_heading_and_its_paragraph(db):
    verdict = convert(REVIEW)[2]["value"]
    assert VerdictLabel.objects.get(pk=verdict["label"]).name == "Worth Seeing"
    assert verdict["summary"].startswith("A paragraph under the verdict")
    assert "takes it well past one line" in verdict["details"]


def test_quotes_lose_their_marks_and_dash_and_credit_the_work_or_the_speaker(db):
    blocks = convert(REVIEW, work_title="Her (2013)")
    first, second = blocks[4]["value"], blocks[5]["value"]
    assert (first["quote"], first["speaker"], first["source"]) == ("A line of the film.", "", "Her")
    assert (second["quote"], second["speaker"], second["source"]) == (
        "Another line.",
        "Samantha",
        "",
    )
    assert blocks[3]["value"]["text"] == "<h3>Collected Quotes</h3>"


def test_a_named_spoiler_section_ends_at_the_next_heading_of_its_level(db):
    html = "<h2>Spoilers: the ending</h2>\nIt ends.\n\n<h2>The music</h2>\nA score."
    blocks = convert(html)
    assert [b["type"] for b in blocks] == ["spoiler", "text"]
    assert blocks[0]["value"]["heading"] == "the ending"
    assert blocks[1]["value"]["heading"] == "The music"


@pytest.mark.parametrize(
    "line",
    ["<p><strong>Verdict: Skip It</strong></p>", "Verdict — skip it!", "<h3>verdict: SKIP IT</h3>"],
)
def test_verdict_labels_match_whatever_the_case_and_punctuation(db, line):
    blocks = convert(f"Some text.\n\n{line}\n\nWhy, in a paragraph.")
    verdict = next(b["value"] for b in blocks if b["type"] == "verdict")
    assert VerdictLabel.objects.get(pk=verdict["label"]).name == "Skip It"
    assert "Why, in a paragraph." in verdict["summary"] + verdict["details"]


def test_only_the_blocks_a_page_offers(db):
    blocks = convert(REVIEW, allowed={"text", "quote", "image"})
    assert {b["type"] for b in blocks} <= {"text", "quote"}
    assert "how it ends" in " ".join(texts(blocks))


@pytest.mark.parametrize(
    "html",
    [
        "Intro.\n<table><tr><th>Year</th><td>1927</td></tr></table>\nAfter.",
        "Code:\n<pre>line one\nline two</pre>\nafter",
        "List:\n<ul><li>one <em>x</em> tail</li><li>two</li></ul>\nafter <code>code</code> words",
        "<div><div>deep <b>bold</b> tail<p>para in div</p>loose end</div></div>",
        "<h2>" + "a heading far too long for a section heading " * 4 + "</h2>\ntext",
        "<dl><dt>Term</dt><dd>Definition text</dd></dl>",
        "Before the fold<!--more-->after the fold\n<!--nextpage-->\npage two",
        "<blockquote>Line one<br>Line two<cite>Someone</cite></blockquote>",
        "E=mc<sup>2</sup> and H<sub>2</sub>O",
        "<form><input value='x'>Form words</form>",
        "<details><summary>Summary</summary>Hidden words</details>",
        "<h2>Spoilers</h2>\n<h2>Next</h2>\ntext",
        "Verdict: Must See " + "and a very long line " * 12,
    ],
)
def test_no_markup_loses_a_word(db, html):
    blocks = convert(html)
    missing = Counter(words(visible_text(autop(html)))) - Counter(reader_words(blocks))
    assert not missing - Counter(["verdict", "spoilers"])  # made structure: label, warning


def test_players_become_videos_or_links_to_their_files(db):
    html = (
        'Watch <video src="https://films.example/a.mp4"></video> then'
        ' <audio><source src="https://films.example/a.mp3"></audio> and'
        ' <iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe> end'
    )
    blocks = convert(html)
    assert [b["type"] for b in blocks] == ["text", "trailer"]
    assert "Watch then and end" in " ".join(blocks[0]["value"]["text"].split())
    assert 'href="https://films.example/a.mp4"' in blocks[0]["value"]["text"]
    assert 'href="https://films.example/a.mp3"' in blocks[0]["value"]["text"]
    assert blocks[1]["value"]["video"] == "https://www.youtube.com/watch?v=abcdefghijk"


def test_a_verdict_line_with_a_link_keeps_it_in_the_longer_text(db):
    html = 'Final score: 7/10\n<a href="https://films.example/where">where to see it</a>'
    verdict = convert(html)[0]["value"]
    assert verdict["score"] == "7"
    assert 'href="https://films.example/where"' in verdict["details"]


def test_a_player_in_the_verdict_line_stays_a_video(db):
    html = 'Verdict: Must See\n<iframe src="https://player.vimeo.com/video/123"></iframe>at last'
    assert [b["type"] for b in convert(html)] == ["verdict", "trailer"]


# A cast list under a "Cast" heading -------------------------------------------------------------


def cast_rows(blocks):
    cast = next(block["value"] for block in blocks if block["type"] == "cast")
    return cast["heading"], [
        (row["value"]["character"], row["value"]["performer"], row["value"]["note"])
        for row in cast["members"]
    ]


@pytest.mark.parametrize(
    "html",
    [
        # The classic editor: one role per line, no markup.
        "<h2>Cast</h2>\nCount Orlok — Max Schreck\nMax Schreck as Knock (a double)\n\nAfter.",
        # A list, as the block editor and most themes write it.
        "<h2>Cast</h2><ul><li>Count Orlok \u2013 Max Schreck</li>"
        "<li>Max Schreck as Knock (a double)</li></ul><p>After.</p>",
    ],
)
def test_a_cast_heading_over_a_list_of_roles_becomes_a_cast_listing(db, html):
    blocks = convert(html)
    assert [block["type"] for block in blocks] == ["cast", "text"]
    assert cast_rows(blocks) == (
        "Cast",
        [("Count Orlok", "Max Schreck", ""), ("Knock", "Max Schreck", "a double")],
    )
    assert Counter(reader_words(blocks)) >= Counter(words(visible_text(autop(html))))


def test_a_cast_heading_over_prose_stays_a_text_section(db):
    blocks = convert("<h2>Cast</h2>\nThe cast is small and <em>very</em> good.")
    assert [block["type"] for block in blocks] == ["text"]
    assert blocks[0]["value"]["heading"] == "Cast"
    assert "<em>very</em> good." in blocks[0]["value"]["text"]


def test_a_list_with_a_line_that_is_not_a_role_stays_text(db):
    html = "<h2>Starring</h2><ul><li>Orlok — Max Schreck</li><li>and a cast of rats</li></ul>"
    blocks = convert(html)
    assert [block["type"] for block in blocks] == ["text"]
    assert "and a cast of rats" in blocks[0]["value"]["text"]

"""Entering a cast fast: lines pasted into a cast listing become rows linked to people."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from people.factories import PersonFactory
from people.models import Person
from reviews.cast_lines import CastLine, read
from reviews.factories import ReviewIndexPageFactory
from reviews.models import ReviewPage, VerdictLabel

from .test_review_admin import list_rows

HER = """Theodore Twombly — Joaquin Phoenix
Samantha \u2013 Scarlett Johansson (voice)
Amy\tAmy Adams

Rooney Mara as Catherine
* Charles - Matt Letscher
"""


def test_every_separator_and_a_trailing_note_read_as_a_row():
    rows, unread = read(HER)
    assert rows == [
        CastLine("Theodore Twombly", "Joaquin Phoenix"),
        CastLine("Samantha", "Scarlett Johansson", "voice"),
        CastLine("Amy", "Amy Adams"),
        CastLine("Catherine", "Rooney Mara"),
        CastLine("Charles", "Matt Letscher"),
    ]
    assert unread == []


@pytest.mark.parametrize(
    "line", ["Joaquin Phoenix", "— Joaquin Phoenix", "Theodore —", "(voice)", "Jean-Pierre Léaud"]
)
def test_a_line_without_both_names_is_not_a_row(line):
    assert read(line) == ([], [line])


def test_hyphenated_names_stay_whole():
    rows, _ = read("Antoine Doinel - Jean-Pierre Léaud\nJean-Pierre Léaud as Antoine")
    assert [row.performer for row in rows] == ["Jean-Pierre Léaud", "Jean-Pierre Léaud"]


class CastEntryTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = ReviewIndexPageFactory(parent=HomePage.objects.get())
        self.verdict = VerdictLabel.objects.get(name="Must See")

    def post(self, paste, rows=(), action="action-publish"):
        blank = {"character": "", "performer": "", "note": "", "person": ""}
        cast = {"heading": "Cast", "paste": paste, "members": list_rows(*(rows or [blank]))}
        data = nested_form_data(
            {
                "title": "Her",
                "slug": "her",
                "kind": "film",
                "intro": "A man and his operating system.",
                "date_published": "2026-11-01",
                "disclosure_choice": "default",
                "offers": inline_formset([]),
                "body": streamfield(
                    [
                        ("cast", cast),
                        ("verdict", {"label": self.verdict.pk, "score": "", "summary": "Tender."}),
                    ]
                ),
            }
        )
        data[action] = "action"
        url = reverse("wagtailadmin_pages:add", args=("reviews", "reviewpage", self.index.pk))
        return self.client.post(url, data)

    def cast_rows(self):
        review = ReviewPage.objects.get(slug="her")
        return review, next(block.value for block in review.body if block.block_type == "cast")

    def test_pasted_lines_become_rows_linked_to_people_on_publishing(self):
        johansson = PersonFactory(name="Scarlett Johansson")
        response = self.post(HER)
        self.assertEqual(response.status_code, 302)
        review, cast = self.cast_rows()
        self.assertEqual(cast["paste"], "")
        self.assertEqual(
            [(row["character"], row["performer"], row["note"]) for row in cast["members"]],
            [
                ("Theodore Twombly", "Joaquin Phoenix", ""),
                ("Samantha", "Scarlett Johansson", "voice"),
                ("Amy", "Amy Adams", ""),
                ("Catherine", "Rooney Mara", ""),
                ("Charles", "Matt Letscher", ""),
            ],
        )
        self.assertEqual(cast["members"][1]["person"], johansson)
        self.assertTrue(all(row["person"] for row in cast["members"]))
        self.assertEqual(Person.objects.count(), 5)
        self.assertEqual(review.credits.count(), 5)

    def test_pasted_rows_follow_the_rows_already_there(self):
        kept = {"character": "Paul", "performer": "Chris Pratt", "note": "", "person": ""}
        self.post("Amy — Amy Adams", rows=[kept], action="action-save")
        _, cast = self.cast_rows()
        self.assertEqual([row["character"] for row in cast["members"]], ["Paul", "Amy"])
        self.assertFalse(Person.objects.exists())  # a draft adds no one

    def test_a_line_that_does_not_read_is_refused_and_kept(self):
        response = self.post("Theodore Twombly — Joaquin Phoenix\nJoaquin Phoenix")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ReviewPage.objects.filter(slug="her").exists())
        html = response.content.decode()
        self.assertIn("Put a dash, a tab or", html)
        # The box is shown again with both lines (in the editor's JSON).
        self.assertIn("Joaquin Phoenix\\nJoaquin Phoenix", html)

    def test_a_pasted_row_longer_than_a_row_may_be_is_refused_and_kept(self):
        line = f"{'Theodore ' * 15}— Joaquin Phoenix ({'a very long note ' * 5})"
        response = self.post(line)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ReviewPage.objects.filter(slug="her").exists())
        html = response.content.decode()
        self.assertIn("character: Ensure this value has at most 120 characters", html)
        self.assertIn("note: Ensure this value has at most 60 characters", html)
        self.assertIn("Theodore Theodore", html)  # the box keeps the line

    def test_a_row_needs_a_character_and_a_performer_or_person(self):
        row = {"character": "", "performer": "Amy Adams", "note": "", "person": ""}
        response = self.post("", rows=[row])
        self.assertEqual(response.status_code, 200)
        self.assertIn("Name the character.", response.content.decode())

    def test_an_empty_cast_asks_for_a_row(self):
        response = self.post("")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Add a row, or paste the cast above.", response.content.decode())

    def test_the_editor_lays_each_row_out_on_one_line(self):
        url = reverse("wagtailadmin_pages:add", args=("reviews", "reviewpage", self.index.pk))
        self.assertContains(self.client.get(url), "css/admin-cast.css")

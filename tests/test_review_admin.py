"""Editors build a review from every block in the admin form."""

import wagtail_factories
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from reviews.factories import CategoryFactory, CriticFactory, ReviewIndexPageFactory
from reviews.models import ReviewPage, VerdictLabel

ARCHIVE_URL = "https://archive.org/details/sherlock_jr"


def list_rows(*rows):
    """ListBlock form data has the same shape as a stream of untyped items."""
    return streamfield([("item", row) for row in rows])


class ReviewAdminFormTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.index = ReviewIndexPageFactory(parent=HomePage.objects.get())
        self.image = wagtail_factories.ImageFactory(title="Still")
        self.critic = CriticFactory()
        self.category = CategoryFactory(name="Comedy")
        self.must_see = VerdictLabel.objects.get(name="Must See")

    def body(self, *extra_blocks, score="9"):
        return streamfield(
            [
                (
                    "text",
                    {"heading": "The set-up", "text": rich_text("<p>A projectionist dreams.</p>")},
                ),
                (
                    "spoiler",
                    {
                        "heading": "The dream",
                        "warning_label": "Spoilers ahead",
                        "text": rich_text("<p>He walks into the screen.</p>"),
                    },
                ),
                (
                    "cast",
                    {
                        "heading": "Cast",
                        "members": list_rows(
                            {
                                "character": "Projectionist",
                                "performer": "Buster Keaton",
                                "note": "",
                            },
                            {"character": "The Girl", "performer": "Kathryn McGuire", "note": ""},
                        ),
                    },
                ),
                (
                    "quote",
                    {"quote": "Don't try to do two things at once.", "speaker": "", "source": ""},
                ),
                (
                    "verdict",
                    {"label": self.must_see.pk, "score": score, "summary": "Pure invention."},
                ),
                (
                    "image",
                    {
                        "image": {"image": self.image.pk, "alt_text": "The projection booth"},
                        "caption": "The booth",
                        "credit": "Public domain",
                    },
                ),
                ("trailer", {"video": ARCHIVE_URL, "caption": "The film"}),
                *extra_blocks,
            ]
        )

    def form_data(self, **overrides):
        data = nested_form_data(
            {
                "title": "Sherlock Jr.",
                "slug": "sherlock-jr",
                "kind": "film",
                "release_year": "1924",
                "director": "Buster Keaton",
                "runtime_minutes": "45",
                "intro": "Keaton walks into a film and out of the laws of physics.",
                "author": str(self.critic.pk),
                "date_published": "2026-11-01",
                "disclosure_choice": "default",
                "body": overrides.pop("body", None) or self.body(),
                "offers": inline_formset([]),
                **overrides,
            }
        )
        data["categories"] = [str(self.category.pk)]
        return data

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=("reviews", "reviewpage", self.index.pk))

    def test_review_with_every_block_is_created_and_published(self):
        self.assertCanCreate(self.index, ReviewPage, self.form_data())

        review = ReviewPage.objects.get(slug="sherlock-jr")
        self.assertTrue(review.live)
        self.assertEqual(
            [block.block_type for block in review.body],
            ["text", "spoiler", "cast", "quote", "verdict", "image", "trailer"],
        )
        self.assertEqual(list(review.categories.all()), [self.category])
        self.assertEqual(review.verdict_label, self.must_see)
        self.assertEqual(str(review.verdict_score), "9.0")
        self.assertEqual(review.verdict_summary, "Pure invention.")

    def test_published_review_stays_editable(self):
        self.assertCanCreate(self.index, ReviewPage, self.form_data())
        review = ReviewPage.objects.get(slug="sherlock-jr")
        self.assertPageIsEditable(review, post_data=self.form_data())
        self.assertPageIsPreviewable(review, post_data=self.form_data())

    def test_second_verdict_is_refused_with_a_clear_error(self):
        extra = ("verdict", {"label": self.must_see.pk, "score": "", "summary": "Again."})
        response = self.client.post(self.add_url(), self.form_data(body=self.body(extra)))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Verdict: The maximum number of items is 1")
        self.assertFalse(ReviewPage.objects.filter(slug="sherlock-jr").exists())

    def test_score_outside_the_scale_or_between_steps_is_refused(self):
        for score, message in [
            ("11", "Ensure this value is less than or equal to 10"),
            ("-1", "Ensure this value is greater than or equal to 0"),
            ("7.3", "Use steps of 0.5"),
        ]:
            with self.subTest(score=score):
                response = self.client.post(
                    self.add_url(), self.form_data(body=self.body(score=score))
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
                self.assertFalse(ReviewPage.objects.filter(slug="sherlock-jr").exists())

    def test_field_errors_point_at_the_field_and_keep_the_text(self):
        response = self.client.post(
            self.add_url(),
            self.form_data(release_year="1700", disclosure_choice="other"),
        )

        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("release_year", form.errors)
        self.assertIn("disclosure", form.errors)
        self.assertContains(response, "Keaton walks into a film and out of the laws of physics.")

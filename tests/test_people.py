"""People: the model, matching typed names to people, the admin, and the data migration."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from people.factories import PersonFactory
from people.models import Person
from people.names import normalise, sort_key
from reviews import block_values as review_blocks
from reviews.conversion import body_text
from reviews.factories import ReviewPageFactory, verdict_block
from reviews.models import ReviewCredit, ReviewPage


def test_names_compare_without_accents_case_or_punctuation():
    assert normalise("Greta  Schröder") == normalise("GRETA SCHRODER") == "greta schroder"
    assert normalise("Søren Kierkegaard") == "soren kierkegaard"
    assert normalise("F. W. Murnau") == "f w murnau"
    assert sort_key("Max Schreck") == "schreck max"
    assert sort_key("Judith O'Dea") == "o dea judith"
    assert sort_key("F. W. Murnau", "Murnau, F. W.") == "murnau f w"


@pytest.mark.django_db
def test_a_person_gets_a_slug_from_the_name_and_namesakes_get_their_own():
    first = PersonFactory(name="Greta  Schröder")
    second = Person.objects.create(name="Greta Schröder", slug="")
    assert first.name == "Greta Schröder"
    assert (first.slug, second.slug) == ("greta-schroder", "greta-schroder-2")
    assert first.get_absolute_url() == "/people/greta-schroder/"


@pytest.mark.django_db
def test_a_name_without_latin_letters_keeps_its_own_slug():
    assert PersonFactory(name="黒澤明").slug == "黒澤明"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("wikidata_id", "59084"),
        ("wikidata_id", "Q0"),
        ("imdb_id", "nm12"),
        ("imdb_id", "tt0013442"),
    ],
)
@pytest.mark.django_db
def test_identifiers_must_have_their_format(field, value):
    person = Person(name="Max Schreck", **{field: value})
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_identifiers_become_same_as_links_and_years_must_be_in_order():
    person = Person(name="Max Schreck", wikidata_id="Q77136", imdb_id="nm0775486", born=1879)
    person.full_clean()
    assert person.same_as == [
        "https://www.wikidata.org/wiki/Q77136",
        "https://www.imdb.com/name/nm0775486/",
    ]
    person.died = 1878
    with pytest.raises(ValidationError, match="comes before"):
        person.full_clean()


@pytest.mark.django_db
def test_typed_names_find_people_whatever_the_accents_and_add_the_rest():
    greta = PersonFactory(name="Greta Schröder")
    found = Person.objects.for_names(["Greta Schroder", "Max Schreck", "  ", "max schreck"])
    assert found["Greta Schroder"] == greta
    assert found["Max Schreck"] == found["max schreck"]
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_publishing_links_typed_performers_and_directors_to_people(review_index):
    murnau = PersonFactory(name="F. W. Murnau", sort_name="Murnau, F. W.")
    chosen = PersonFactory(name="Gustav von Wangenheim")
    review = ReviewPageFactory(
        parent=review_index,
        director="F. W. Murnau, Henrik Galeen",
        body=[
            review_blocks.cast(
                [
                    ("Count Orlok", "Max Schreck", ""),
                    ("Ellen Hutter", "Greta Schroder", "uncredited"),
                    ("Thomas Hutter", "", "", chosen.pk),
                ]
            ),
            verdict_block(),
        ],
    )
    rows = [member for block in review.body for member in block.value.get("members", [])]
    assert [row["person"].name for row in rows] == [
        "Max Schreck",
        "Greta Schroder",
        "Gustav von Wangenheim",
    ]
    assert rows[2]["performer"] == "Gustav von Wangenheim"  # the chosen person's name filled in
    credits = [
        (c.person.name, c.role, c.credited_as, c.character, c.note) for c in review.credits.all()
    ]
    assert credits == [
        ("F. W. Murnau", "director", "F. W. Murnau", "", ""),
        ("Henrik Galeen", "director", "Henrik Galeen", "", ""),
        ("Max Schreck", "performer", "Max Schreck", "Count Orlok", ""),
        ("Greta Schroder", "performer", "Greta Schroder", "Ellen Hutter", "uncredited"),
        ("Gustav von Wangenheim", "performer", "Gustav von Wangenheim", "Thomas Hutter", ""),
    ]
    assert credits and review.credits.first().person == murnau


@pytest.mark.django_db
def test_a_draft_creates_no_one_and_publishing_writes_the_links_into_the_revision(review_index):
    review = ReviewPageFactory(
        parent=review_index,
        live=False,
        director="Carl Theodor Dreyer",
        body=[review_blocks.cast([("Jeanne", "Renée Falconetti", "")]), verdict_block()],
    )
    assert not Person.objects.exists()
    revision = review.save_revision()
    revision.publish()
    person = Person.objects.get(name="Renée Falconetti")
    revision.refresh_from_db()
    assert f'"person": {person.pk}' in revision.content["body"]
    editing = revision.as_object()
    row = next(block.value for block in editing.body if block.block_type == "cast")["members"][0]
    assert row["person"] == person


@pytest.mark.django_db
def test_unpublishing_keeps_the_people(review_index):
    review = ReviewPageFactory(parent=review_index, director="Jean Vigo")
    review.unpublish()
    assert Person.objects.filter(name="Jean Vigo").exists()


class TestAdmin:
    @pytest.fixture
    def admin(self, admin_client):
        return admin_client

    def add(self, client, name, **extra):
        data = nested_form_data(
            {"name": name, "slug": "", "sort_name": "", "bio": rich_text(""), **extra}
        )
        return client.post(reverse("wagtailsnippets_people_person:add"), data)

    def test_a_similar_name_is_refused_once_with_a_link_to_the_other(self, admin, db):
        greta = PersonFactory(name="Greta Schröder")
        response = self.add(admin, "Greta Schroeder")
        assert response.status_code == 200
        form = response.context["form"]
        assert "Someone with a similar name is here already" in str(form.errors["name"])
        assert reverse("wagtailsnippets_people_person:edit", args=[greta.pk]) in str(
            form.errors["name"]
        )
        assert "different_person" in form.fields
        assert 'name="different_person"' in response.content.decode()
        assert "at least one letter" not in response.content.decode()
        response = self.add(admin, "Greta Schroeder", different_person="on")
        assert response.status_code == 302
        assert Person.objects.filter(name="Greta Schroeder").exists()

    def test_editing_someone_who_keeps_their_name_asks_nothing(self, admin, db):
        PersonFactory(name="Greta Schröder")
        other = PersonFactory(name="Greta Schroeder")
        data = nested_form_data(
            {"name": "Greta Schroeder", "slug": other.slug, "bio": rich_text("<p>Another.</p>")}
        )
        url = reverse("wagtailsnippets_people_person:edit", args=[other.pk])
        assert admin.post(url, data).status_code == 302
        data["name"] = "Greta Schroder"
        assert admin.post(url, data).status_code == 200  # a new name like another's: asked

    def test_a_name_without_letters_or_digits_is_refused(self, admin, db):
        response = self.add(admin, "?!")
        assert "at least one letter or digit" in str(response.context["form"].errors["name"])

    def test_a_name_like_no_other_is_saved_without_the_question(self, admin, db):
        PersonFactory(name="Greta Schröder")
        response = self.add(admin, "Max Schreck")
        assert response.status_code == 302
        assert Person.objects.get(name="Max Schreck").slug == "max-schreck"

    def test_a_taken_slug_is_refused(self, admin, db):
        PersonFactory(name="Max Schreck")
        response = self.add(admin, "Maximilian Schreck", slug="max-schreck")
        assert "slug" in response.context["form"].errors

    def test_the_listing_finds_people_without_their_accents(self, admin, db):
        PersonFactory(name="Greta Schröder")
        PersonFactory(name="Max Schreck")
        response = admin.get(reverse("wagtailsnippets_people_person:list"), {"q": "schroder"})
        assert response.status_code == 200
        assert "Greta Schröder" in response.content.decode()
        assert "Max Schreck" not in response.content.decode()

    def test_the_chooser_finds_people_without_their_accents(self, admin, db):
        PersonFactory(name="Greta Schröder")
        PersonFactory(name="Max Schreck")
        choose = admin.get(reverse("wagtailsnippetchoosers_people_person:choose"))
        assert 'name="q"' in choose.json()["html"]
        url = reverse("wagtailsnippetchoosers_people_person:choose_results")
        html = admin.get(url, {"q": "GRETA schroder"}).content.decode()
        assert "Greta Schröder" in html
        assert "Max Schreck" not in html

    def test_the_chooser_can_add_a_person_in_place(self, admin, db):
        url = reverse("wagtailsnippetchoosers_people_person:create")
        response = admin.post(url, {"name": "Alexander Granach"})
        assert response.status_code == 200
        assert response.json()["step"] == "chosen"
        assert Person.objects.filter(name="Alexander Granach").exists()


MIGRATION = importlib.import_module("reviews.migrations.0012_people_from_cast_and_directors")


def raw_cast_row(character, performer):
    """A cast row as stored before people existed: no person."""
    return {"character": character, "performer": performer, "note": ""}


@pytest.mark.django_db
def test_the_migration_makes_people_of_every_performer_and_director(review_index):
    old_body = [
        {
            "type": "cast",
            "id": "c1",
            "value": {
                "heading": "Cast",
                "members": [
                    {"type": "item", "id": "r1", "value": raw_cast_row("Orlok", "Max Schreck")},
                    {"type": "item", "id": "r2", "value": raw_cast_row("Ellen", "Greta Schröder")},
                ],
            },
        },
        verdict_block(),
    ]
    first = ReviewPageFactory(parent=review_index, director="F. W. Murnau", body=old_body)
    second = ReviewPageFactory(
        parent=review_index,
        live=False,
        director="f. w. murnau, Someone  Else",
        body=[review_blocks.cast([("Ellen", "Greta Schroder", "")]), verdict_block()],
    )
    # As before this feature: no people, no credits, no person in any row.
    ReviewCredit.objects.all().delete()
    Person.objects.all().delete()
    ReviewPage.objects.filter(pk=first.pk).update(body=old_body)
    second.save_revision()

    MIGRATION.forwards(apps, None)

    assert sorted(Person.objects.values_list("name", flat=True)) == [
        "F. W. Murnau",
        "Greta Schröder",
        "Max Schreck",
        "Someone Else",
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    greta = Person.objects.get(name="Greta Schröder")
    rows = [row["value"] for row in first.body.raw_data[0]["value"]["members"]]
    assert [(row["performer"], row["person"]) for row in rows] == [
        ("Max Schreck", Person.objects.get(name="Max Schreck").pk),
        ("Greta Schröder", greta.pk),
    ]
    # The second spelling keeps its words; its row links the one person.
    second_row = second.body.raw_data[0]["value"]["members"][0]["value"]
    assert (second_row["performer"], second_row["person"]) == ("Greta Schroder", greta.pk)
    assert f'"person": {greta.pk}' in second.latest_revision.content["body"]
    assert [c.person.name for c in first.credits.all()] == [
        "F. W. Murnau",
        "Max Schreck",
        "Greta Schröder",
    ]
    assert not second.credits.exists()  # a draft has no credits until it is published
    MIGRATION.forwards(apps, None)  # running again changes nothing
    assert Person.objects.count() == 4
    assert first.credits.count() == 3


@pytest.mark.parametrize(("group", "may_delete"), [("Editors", False), ("Site owners", True)])
def test_editors_add_people_and_only_site_owners_delete_them(client, user_in, group, may_delete):
    client.force_login(user_in(group))
    person = PersonFactory(name="Max Schreck")
    add = reverse("wagtailsnippets_people_person:add")
    data = nested_form_data({"name": "Alexander Granach", "slug": "", "bio": rich_text("")})
    assert client.post(add, data).status_code == 302
    chooser = reverse("wagtailsnippetchoosers_people_person:create")
    assert client.post(chooser, {"name": "Ruth Landshoff"}).json()["step"] == "chosen"
    client.post(reverse("wagtailsnippets_people_person:delete", args=[person.pk]))
    assert Person.objects.filter(pk=person.pk).exists() != may_delete


def test_the_words_of_a_linked_cast_row_are_read_without_its_person():
    body = [review_blocks.cast([("Count Orlok", "Max Schreck", "uncredited", 7)])]
    assert "<p>Max Schreck as Count Orlok uncredited</p>" in body_text(body, {})

"""Every performer in a cast row and every director becomes a person, linked from the review.

Names that normalise alike ("Greta Schröder", "Greta Schroder") become one person, named as
first met. No text is changed: each review keeps its names as typed (the cast row's performer,
the director field, the credit's `credited_as`), and each person keeps the whole name. Cast
rows of every review get the person's id, in the page and in its latest and live revisions;
published reviews get their credits.
"""

import json

from django.db import migrations
from django.utils.text import slugify

from people.names import normalise, sort_key


def cast_rows(body):
    return [
        member["value"]
        for block in body
        if block.get("type") == "cast"
        for member in block["value"].get("members", [])
        if isinstance(member, dict) and isinstance(member.get("value"), dict)
    ]


def director_names(text):
    return [name.strip() for name in (text or "").split(",") if name.strip()]


class People:
    """The people met so far, by normalised name, each created once."""

    def __init__(self, Person):
        self.Person = Person
        self.by_name = {person.normalised_name: person for person in Person.objects.order_by("-pk")}
        self.slugs = set(Person.objects.values_list("slug", flat=True))

    def get(self, name):
        normalised = normalise(name)
        if not normalised:
            return None
        if normalised not in self.by_name:
            name = " ".join(name.split())
            base = (slugify(normalised) or slugify(name, allow_unicode=True))[:110] or "person"
            slug, number = base, 1
            while slug in self.slugs:
                number += 1
                slug = f"{base}-{number}"
            self.slugs.add(slug)
            self.by_name[normalised] = self.Person.objects.create(
                name=name, slug=slug, normalised_name=normalised, sort_as=sort_key(name)
            )
        return self.by_name[normalised]


def link_rows(body, people):
    """Give each cast row with a performer its person; the rows, and whether any changed."""
    rows, changed = cast_rows(body), False
    for row in rows:
        person = people.get(row.get("performer") or "")
        if person and row.get("person") != person.pk:
            row["person"] = person.pk
            changed = True
    return rows, changed


def forwards(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    ReviewPage = apps.get_model("reviews", "ReviewPage")
    ReviewCredit = apps.get_model("reviews", "ReviewCredit")
    Revision = apps.get_model("wagtailcore", "Revision")
    people = People(Person)
    for page in ReviewPage.objects.order_by("pk").iterator():
        body = list(page.body.raw_data)
        rows, changed = link_rows(body, people)
        if changed:
            page.body = body
            page.save(update_fields=["body"])
        directors = [(name, people.get(name)) for name in director_names(page.director)]
        if page.live:
            ReviewCredit.objects.filter(review=page).delete()
            credits = [
                ReviewCredit(review=page, person=person, role="director", credited_as=name)
                for name, person in directors
                if person
            ] + [
                ReviewCredit(
                    review=page,
                    person_id=row["person"],
                    role="performer",
                    credited_as=row.get("performer", ""),
                    character=row.get("character", ""),
                    note=row.get("note", ""),
                )
                for row in rows
                if row.get("person")
            ]
            for position, credit in enumerate(credits):
                credit.position = position
            ReviewCredit.objects.bulk_create(credits)
        revision_ids = {page.latest_revision_id, page.live_revision_id} - {None}
        for revision in Revision.objects.filter(pk__in=revision_ids):
            stored = revision.content.get("body")
            if not stored:
                continue
            body = json.loads(stored) if isinstance(stored, str) else stored
            _, changed = link_rows(body, people)
            for name in director_names(revision.content.get("director")):
                people.get(name)
            if changed:
                revision.content["body"] = json.dumps(body) if isinstance(stored, str) else body
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0011_review_credits"),
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

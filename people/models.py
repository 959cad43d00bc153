"""People the reviewed works credit: directors, creators and performers.

A person is a snippet with a public page of their own (/people/<slug>/, served by the reviews
app, which knows their credits). Names typed in a review are matched to people by their
normalised form (`names.normalise`), so "Greta Schroder" finds "Greta Schröder".
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from core.slugs import free_slug, slug_for

from . import names
from .forms import PersonForm

EARLIEST_YEAR = 1700
LATEST_YEAR = 2100
WIKIDATA_ID = RegexValidator(r"^Q[1-9][0-9]{0,9}$", "A Wikidata id is Q and digits, e.g. Q59084.")
IMDB_ID = RegexValidator(r"^nm[0-9]{7,8}$", "An IMDb id is nm and 7 or 8 digits, e.g. nm0775486.")
YEAR_VALIDATORS = [MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)]


def year_field(label):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=YEAR_VALIDATORS, help_text="Optional, e.g. 1879."
    )


class PersonQuerySet(models.QuerySet):
    def matching(self, query):
        """People whose names hold every word of `query`, accents and case aside."""
        found = self
        for word in names.normalise(query).split():
            found = found.filter(normalised_name__contains=word)
        return found

    def named(self, name):
        """People whose name normalises as `name` does, the longest-standing first."""
        return self.filter(normalised_name=names.normalise(name)).order_by("pk")

    def for_names(self, typed_names):
        """{typed name: person} for every non-blank name, creating the people not found.

        One query finds the existing ones; a name matching several people takes the
        longest-standing. In a cast row an editor can choose another; a director's name
        always goes to the longest-standing namesake (the field is typed text).
        """
        wanted = {name: names.normalise(name) for name in typed_names if names.normalise(name)}
        if not wanted:
            return {}
        found = {}
        for person in self.filter(normalised_name__in=set(wanted.values())).order_by("-pk"):
            found[person.normalised_name] = person
        people = {}
        with transaction.atomic():
            for name, normalised in wanted.items():
                if normalised not in found:
                    found[normalised] = self.create(name=" ".join(name.split()))
                people[name] = found[normalised]
        return people


class Person(models.Model):
    name = models.CharField(max_length=200, help_text="As credited, e.g. F. W. Murnau.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text="Their page is /people/<slug>/. Leave blank to make it from the name.",
    )
    sort_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="How the A-Z index sorts them, e.g. 'Murnau, F. W.'. Blank: by the last word.",
    )
    born = year_field("year of birth")
    died = year_field("year of death")
    bio = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="A short biography, optional."
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional; shown on their page and when it is shared.",
    )
    wikidata_id = models.CharField(
        "Wikidata id", max_length=12, blank=True, validators=[WIKIDATA_ID], help_text="e.g. Q59084"
    )
    imdb_id = models.CharField(
        "IMDb id", max_length=10, blank=True, validators=[IMDB_ID], help_text="e.g. nm0775486"
    )
    # Kept from the name on save: typed names are matched and people sorted by these.
    normalised_name = models.CharField(max_length=200, editable=False, db_index=True)
    sort_as = models.CharField(max_length=200, editable=False, db_index=True)

    objects = PersonQuerySet.as_manager()
    base_form_class = PersonForm

    panels = [
        FieldPanel("name"),
        FieldPanel("different_person"),  # the form's, shown only beside a similar-name warning
        FieldRowPanel([FieldPanel("slug"), FieldPanel("sort_name")]),
        FieldRowPanel([FieldPanel("born"), FieldPanel("died")]),
        FieldPanel("bio"),
        FieldPanel("portrait"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("wikidata_id"), FieldPanel("imdb_id")])],
            heading="Identifiers elsewhere",
            help_text="Search engines use them to tell this person from namesakes.",
        ),
    ]

    class Meta:
        ordering = ["sort_as", "pk"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.normalised_name = names.normalise(self.name)
        self.sort_as = names.sort_key(self.name, self.sort_name)
        if not self.slug:
            self.slug = self.free_slug()
        return super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:person", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.born and self.died and self.died < self.born:
            raise ValidationError({"died": "The year of death comes before the year of birth."})
        if self.name and not names.normalise(self.name):
            raise ValidationError({"name": "Give a name with at least one letter or digit."})

    def free_slug(self):
        """A slug made from the name that no other person has (-2, -3… when taken)."""
        base = slug_for(self.normalised_name, "") or slug_for(self.name, "person")
        return free_slug(Person.objects.exclude(pk=self.pk), base)

    @property
    def same_as(self):
        """The same person on Wikidata and IMDb, as schema.org's sameAs lists them."""
        return [
            *([f"https://www.wikidata.org/wiki/{self.wikidata_id}"] if self.wikidata_id else []),
            *([f"https://www.imdb.com/name/{self.imdb_id}/"] if self.imdb_id else []),
        ]

    @property
    def years(self):
        """Their years as a page shows them: both with an en dash, 'born 1931', or ''."""
        if self.born and self.died:
            return f"{self.born}\u2013{self.died}"
        if self.born:
            return f"born {self.born}"
        return f"died {self.died}" if self.died else ""

    def similar_people(self):
        """Other people whose names are this one spelt another way ("Schroder", "Schröder")."""
        mine = names.normalise(self.name or "")
        words = [word for word in mine.split() if len(word) > 2] or mine.split()
        if not words:
            return []
        candidates = Person.objects.exclude(pk=self.pk)
        query = models.Q()
        for word in words:
            query |= models.Q(normalised_name__contains=word[:4])
        return [
            person
            for person in candidates.filter(query)
            if names.similar(mine, person.normalised_name)
        ]

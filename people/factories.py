"""Factories for tests: people."""

import factory
from factory.django import DjangoModelFactory

from .models import Person


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")

    class Meta:
        model = Person

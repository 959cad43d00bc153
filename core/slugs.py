"""Addresses made from names: readable, and never shared by two objects."""

from django.utils.text import slugify


def slug_for(name, fallback, max_length=110):
    """ASCII where the name allows it ("Schröder" → "schroder"), its own letters otherwise
    (a name in Cyrillic keeps them), `fallback` for a name with no letter or digit."""
    return (slugify(name) or slugify(name, allow_unicode=True))[:max_length] or fallback


def free_slug(others, base):
    """`base`, or `base-2`, `base-3`… when one of `others` (a queryset) has it."""
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    number, slug = 1, base
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug

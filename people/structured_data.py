"""schema.org data for people, as search engines read it from JSON-LD."""

from django.utils.html import strip_tags


def person_reference(name, person=None, url=None):
    """A Person entry where a work credits someone: their page and identifiers, if linked."""
    entry = {"@type": "Person", "name": name}
    if person is not None:
        entry["url"] = url
        if person.same_as:
            entry["sameAs"] = person.same_as
    return entry


def person_schema(person, *, url, image_url=None):
    """The Person a person's page is about."""
    data = {"@context": "https://schema.org", **person_reference(person.name, person, url)}
    if person.born:
        data["birthDate"] = str(person.born)
    if person.died:
        data["deathDate"] = str(person.died)
    if person.bio:
        data["description"] = " ".join(strip_tags(person.bio).split())
    if image_url:
        data["image"] = image_url
    return data

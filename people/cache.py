"""What pages show of people, and what a change to a person retires.

- person:<id>   a person as pages show them: name, address, years, bio, portrait, identifiers
                (their own page, and every review page or listing that links to them)
- people        the list of people: the A-Z index and the people search finds

Which reviews credit a person is the reviews app's to say (`reviews.cache.credits_of`).
Connected in PeopleConfig.ready(); the senders are named lazily because the models use these
names too.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import tags

PEOPLE = "people"


def person(pk):
    return f"person:{pk}"


@receiver(post_save, sender="people.Person")
@receiver(post_delete, sender="people.Person")
def person_changed(sender, instance, **kwargs):
    tags.invalidate(person(instance.pk), PEOPLE)

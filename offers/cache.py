"""What pages show of services, and what a change to a service retires.

- service:<id>      a service as review pages show it beside their offers (name, logo, kind,
                    whether it is an affiliate, its address template)
- affiliate-sites   the sites affiliate services are on: links to them in a review's text are
                    affiliate links
- offer-terms       services' kinds and affiliate flags, which decide a listing card's
                    "Free to watch" and which feed entries carry a disclosure

Offers themselves are part of their review: publishing it retires its page and card.
Connected in OffersConfig.ready(); the senders are named lazily because the models use
these names too.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from pagecache import tags

AFFILIATE_SITES = "affiliate-sites"
OFFER_TERMS = "offer-terms"


def service(pk):
    return f"service:{pk}"


def facts(service):
    return {
        "terms": (service.kind, service.is_affiliate),
        "site": (service.is_affiliate, service.website),
    }


@receiver(pre_save, sender="offers.Service")
def remember_service_facts(sender, instance, **kwargs):
    before = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance.facts_before = facts(before) if before else None


@receiver(post_save, sender="offers.Service")
def service_saved(sender, instance, **kwargs):
    now, before = facts(instance), getattr(instance, "facts_before", None)
    if before is None:  # new: no offer shows it yet, but it may be a new affiliate site
        changed = {AFFILIATE_SITES} if instance.is_affiliate and instance.website else set()
    else:
        changed = {service(instance.pk)}
        if now["terms"] != before["terms"]:
            changed.add(OFFER_TERMS)
        if now["site"] != before["site"]:
            changed.add(AFFILIATE_SITES)
    if changed:
        tags.invalidate(*changed)


@receiver(post_delete, sender="offers.Service")
def service_deleted(sender, instance, **kwargs):
    tags.invalidate(service(instance.pk), OFFER_TERMS, AFFILIATE_SITES)

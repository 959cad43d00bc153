"""Factories for tests: services and the offers of a review."""

import factory
from factory.django import DjangoModelFactory

from .models import Kind, Offer, Service


class ServiceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = Kind.STREAM
    website = factory.Sequence(lambda n: f"https://service{n}.example/")

    class Meta:
        model = Service


class AffiliateServiceFactory(ServiceFactory):
    name = factory.Sequence(lambda n: f"Shop {n}")
    kind = Kind.BUY
    website = factory.Sequence(lambda n: f"https://shop{n}.example/")
    is_affiliate = True
    affiliate_url_template = "?tag=booth-21"


class OfferFactory(factory.Factory):
    """An unsaved offer: give it to a review (`review.offers = [...]`) and publish the review,
    as the editor's form does."""

    service = factory.SubFactory(ServiceFactory)
    url = factory.Sequence(lambda n: f"https://watch.example/film-{n}")

    class Meta:
        model = Offer

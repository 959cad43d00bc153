import os
import secrets
import threading
import time
import uuid
from unittest import mock

import pytest
import redis
import wagtail_factories
from django.contrib.auth.models import Group
from django.core import signing
from django.core.cache import caches
from django.db import connection
from django.urls import reverse
from wagtail.models import Site

from bench.services import PrivateRedis, free_port, wait_for
from config.settings.base import cache_settings
from feedback.factories import comment_threads
from feedback.protection import TOKEN_SALT
from home.models import HomePage
from offers.factories import AffiliateServiceFactory, OfferFactory, ServiceFactory
from offers.models import Kind
from reviews.factories import (
    AffiliateDisclosureFactory,
    CategoryFactory,
    CriticFactory,
    ReviewIndexPageFactory,
    ReviewPageFactory,
    budget_review_body,
)
from reviews.models import ReviewSettings

# Playwright's sync API runs an event loop in the test thread; the ORM calls the browser tests
# make there are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def home_page(db):
    """The home page the data migration creates as the default site's root."""
    return HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)


@pytest.fixture
def review_index(home_page):
    return ReviewIndexPageFactory(parent=home_page)


@pytest.fixture
def default_disclosure(home_page):
    disclosure = AffiliateDisclosureFactory(text="<p>We earn a commission on shop links.</p>")
    settings = ReviewSettings.for_site(home_page.get_site())
    settings.default_disclosure = disclosure
    settings.save()
    return disclosure


# Tests whose writes must really commit (threads, the live server) use this marker: Django
# empties the database after each and restores what the migrations made before the next.
COMMITTED_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def commits(item):
    marker = item.get_closest_marker("django_db")
    return "live_server" in getattr(item, "fixturenames", ()) or bool(
        marker and marker.kwargs.get("transaction")
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that commit, and then empty the database, run after all the others."""
    items.sort(key=commits)


DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(scope="session", autouse=True)
def migrated_data(request, django_db_setup, django_db_blocker):
    """What the migrations put in the test database: home page, site, groups, workflow."""
    items = request.session.items
    if not any(
        i.get_closest_marker("django_db") or DATABASE_FIXTURES & set(i.fixturenames) for i in items
    ):
        return ""  # no test here uses the test database, so none was made
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test gets caches of its own (a fresh key prefix): rate limits and cached pages never
    leak between tests, and a shared Redis is never flushed."""
    settings.CACHES = cache_settings(os.environ.get("REDIS_URL"), f"tests-{uuid.uuid4().hex}")


@pytest.fixture
def review(review_index):
    return ReviewPageFactory(parent=review_index, title="Nosferatu")


def page_token(page, age=60):
    """The token printed in the page's forms (maybe an hour ago, in the cache), `age` s ago."""
    return signing.dumps({"review": page.pk, "issued": time.time() - age}, salt=TOKEN_SALT)


def form_token(page, age=60):
    """A start token, as a reader gets on starting a comment, `age` seconds ago."""
    data = {"review": page.pk, "issued": time.time() - age, "nonce": secrets.token_urlsafe(12)}
    return signing.dumps(data, salt=TOKEN_SALT)


def comment_data(review, **fields):
    return {
        "name": "Ellen",
        "email": "ellen@example.com",
        "website": "",
        "body": "The shadow on the stairs still gets me.",
        "homepage": "",
        "form_token": form_token(review),
        **fields,
    }


@pytest.fixture
def post_comment(client):
    """Post a comment the way the review page's form does, from this site."""

    def post(review, ip="203.0.113.7", **fields):
        return client.post(
            reverse("feedback:post_comment", args=[review.pk]),
            comment_data(review, **fields),
            HTTP_ORIGIN="http://testserver",
            REMOTE_ADDR=ip,
        )

    return post


@pytest.fixture
def rate(client):
    def post(review, score, ip="203.0.113.7", client=client, **headers):
        return client.post(
            reverse("feedback:rate_review", args=[review.pk]),
            {"score": score, "form_token": page_token(review)},
            HTTP_ORIGIN="http://testserver",
            REMOTE_ADDR=ip,
            **headers,
        )

    return post


@pytest.fixture
def user_in(db, django_user_model):
    """A staff member in one of the editorial groups the roles migration sets up."""

    def make(group_name):
        username = group_name.lower().replace(" ", "-")
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def big_review(index, categories):
    images = [wagtail_factories.ImageFactory() for _ in range(3)]
    body = budget_review_body(images)
    assert len(body) == 20
    shop = AffiliateServiceFactory(logo=wagtail_factories.ImageFactory())
    review = ReviewPageFactory(
        parent=index,
        body=body,
        poster=wagtail_factories.ImageFactory(),
        author=CriticFactory(),
        categories=categories,
        offers=[  # a free source, a shop with a logo and affiliate links, a rental
            OfferFactory(service=ServiceFactory(kind=Kind.FREE)),
            OfferFactory(service=shop, price_text="£12.99", region="GB"),
            OfferFactory(service=ServiceFactory(), kind=Kind.RENT, price_text="£3.49"),
        ],
    )
    comment_threads(review)  # 50 comments
    return review


@pytest.fixture
def site_with_content(review_index):
    """The review the speed and weight budgets are set for, among a few others."""
    categories = [CategoryFactory(), CategoryFactory()]
    for _ in range(5):
        ReviewPageFactory(parent=review_index, categories=categories)
    return big_review(review_index, categories)


# A Redis server of the test module's own, to stop, freeze and bring back.

REDIS_RETRY_SECONDS = 0.2


@pytest.fixture(scope="module")
def private_redis(tmp_path_factory):
    server = PrivateRedis(free_port(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def breaker(settings, private_redis):
    """The site's caches on the private Redis; its breaker, closed, once the test ends too."""
    configured = cache_settings(private_redis.url, f"outage-{uuid.uuid4().hex}")
    for cache in configured.values():
        cache["RETRY_SECONDS"] = REDIS_RETRY_SECONDS
    settings.CACHES = configured
    breaker = caches["default"]._cache.breaker
    yield breaker
    if private_redis.frozen:
        private_redis.thaw()
    if not private_redis.answers():
        private_redis.start()
    wait_for(lambda: not breaker.is_open, what="the breaker to close")


def commands_from_this_thread():
    """Counts the Redis commands this thread sends (the breaker's own pings are another's)."""
    this_thread = threading.get_ident()
    sent = []
    send = redis.Redis.execute_command

    def counting(client, *args, **options):
        if threading.get_ident() == this_thread:
            sent.append(args[0])
        return send(client, *args, **options)

    return sent, mock.patch.object(redis.Redis, "execute_command", counting)

"""Two app servers, one PostgreSQL and one Redis: what one server changes, the other shows at once.

Each server is a real gunicorn process with the production settings, as docs/deploy.md runs
them behind a load balancer; they share nothing but the database and the cache.
"""

import http.cookiejar
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/15"
CONCURRENT_VOTES = 40
CONCURRENT_CLICKS = 200
READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

SETUP = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from feedback.models import Comment
from reviews.models import ReviewPage
get_user_model().objects.create_superuser("moderator", "moderator@example.com", "{password}")
review = ReviewPage.objects.live().order_by("pk").first()
comment = Comment.objects.create(
    page=review, name="Ada", email="ada@example.com", body="Seen through the other server."
)
print(json.dumps({{"url": review.get_url(), "comment": comment.pk}}))
"""


def services_or_skip():
    try:
        psycopg.connect(f"postgresql://{POSTGRES}/postgres", connect_timeout=2).close()
        with redis.Redis.from_url(REDIS, socket_connect_timeout=2) as client:
            client.ping()
    except (psycopg.OperationalError, redis.ConnectionError) as exc:
        pytest.skip(f"PostgreSQL and Redis are needed for the scale-out test: {exc}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """A fresh database with the demo content, and two servers sharing it and one Redis."""
    services_or_skip()
    name = f"reviews_scale_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(f"postgresql://{POSTGRES}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    prefix = f"scale-{uuid.uuid4().hex[:8]}"
    password = secrets.token_urlsafe(16)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOCAL_HTTP": "true",
        "DATABASE_URL": f"postgres://{POSTGRES}/{name}",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": prefix,
        "TRUSTED_PROXY_COUNT": "1",  # as behind one load balancer
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
    }
    servers = []
    try:
        manage = [sys.executable, "manage.py"]
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "load_demo_content"], cwd=ROOT, env=env, check=True)
        made = subprocess.run(
            [sys.executable, "-c", SETUP.format(password=password)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        content = json.loads(made.stdout.strip().splitlines()[-1])
        for _ in range(2):
            port = free_port()
            gunicorn = Path(sys.executable).parent / "gunicorn"
            command = [str(gunicorn), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"]
            servers.append((subprocess.Popen(command, cwd=ROOT, env=env), port))
        for _, port in servers:
            wait_until_up(port)
        yield {
            "database": f"postgresql://{POSTGRES}/{name}",
            "a": f"http://127.0.0.1:{servers[0][1]}",
            "b": f"http://127.0.0.1:{servers[1][1]}",
            "password": password,
            **content,
        }
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=30)
        with redis.Redis.from_url(REDIS) as shared:
            for key in shared.scan_iter(f"{prefix}:*"):
                shared.delete(key)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def wait_until_up(port):
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the app server on port {port} did not start")


def get(url, opener=None):
    with (opener or urllib.request.build_opener()).open(url, timeout=30) as response:
        return response.read().decode(), response.headers.get("X-Page-Cache")


def post(url, data, origin, forwarded_for=None, opener=None):
    headers = {"Origin": origin}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, body, headers=headers)
    with (opener or urllib.request.build_opener()).open(request, timeout=30) as response:
        return response.status


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def sign_in(base, password):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page, _ = get(f"{base}/admin/login/", opener)
    credentials = {
        "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
        "username": "moderator",
        "password": password,
    }
    post(f"{base}/admin/login/", credentials, base, opener=opener)
    return opener


def rating_summary(html):
    return re.search(r"data-rating-summary>([^<]*)<", html).group(1)


def test_a_comment_approved_on_one_server_shows_on_the_other_at_once(deployment):
    a, b, url = deployment["a"], deployment["b"], deployment["url"]
    get(b + url)
    page, state = get(b + url)
    assert state == "hit" and "Seen through the other server." not in page

    moderator = sign_in(a, deployment["password"])
    queue, _ = get(f"{a}/admin/feedback/comment/", moderator)
    action = {
        "csrfmiddlewaretoken": hidden(queue, "csrfmiddlewaretoken"),
        "single": f"approve:{deployment['comment']}",
    }
    assert post(f"{a}/admin/feedback/comment/moderate/", action, a, opener=moderator) == 200

    page, state = get(b + url)
    assert state == "miss"
    assert "Seen through the other server." in page


def test_concurrent_votes_through_both_servers_are_all_counted(deployment):
    a, b, url = deployment["a"], deployment["b"], deployment["url"]
    review_page, _ = get(a + url)
    token = re.search(
        r'action="(/feedback/rate/\d+/)".*?name="form_token" value="([^"]+)"', review_page, re.S
    )
    rate_path, form_token = token.groups()
    get(b + url)  # B has the page in the cache before the votes
    before = rating_summary(get(b + url)[0])
    assert before == "No reader ratings yet"

    def vote(n):
        base = (a, b)[n % 2]
        data = {"score": 1 + n % 5, "form_token": form_token}
        return post(base + rate_path, data, base, forwarded_for=f"198.51.100.{n + 1}")

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(vote, range(CONCURRENT_VOTES)))
    assert statuses == [200] * CONCURRENT_VOTES  # each redirected to the review, then 200

    average = sum(1 + n % 5 for n in range(CONCURRENT_VOTES)) / CONCURRENT_VOTES
    expected = f"User rating {average:.1f} / 5 from {CONCURRENT_VOTES} readers"
    assert rating_summary(get(a + url)[0]) == expected
    assert rating_summary(get(b + url)[0]) == expected


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer


def test_concurrent_clicks_through_both_servers_are_all_counted(deployment):
    """Four worker processes on two servers, sixteen readers at once: no click is lost."""
    a, b = deployment["a"], deployment["b"]
    review_page, _ = get(f"{a}/reviews/nosferatu/")
    code = re.search(r'href="/go/([^/"]+)/" rel="sponsored noopener"', review_page).group(1)
    opener = urllib.request.build_opener(NoRedirects)

    def click(n):
        request = urllib.request.Request(
            f"{(a, b)[n % 2]}/go/{code}/", headers={"User-Agent": READER_AGENT}
        )
        try:
            opener.open(request, timeout=30)
        except urllib.error.HTTPError as redirect:
            return redirect.code, redirect.headers["Location"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = set(pool.map(click, range(CONCURRENT_CLICKS)))
    destination = (
        "https://silverscreen.example/blu-ray/nosferatu-1922-restored?ref=projection-booth"
    )
    assert answers == {(302, destination)}

    with psycopg.connect(deployment["database"]) as database:
        counted = database.execute("SELECT sum(clicks) FROM offers_clickcount").fetchone()[0]
    assert counted == CONCURRENT_CLICKS

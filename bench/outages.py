"""What each outage costs readers: the site under gunicorn with a Redis and a PostgreSQL of its
own, which this script stops and freezes while wrk asks for pages.

    .venv/bin/python bench/outages.py [--seconds 5] [--workers 2]

Needs redis-server, PostgreSQL's server binaries (run as the postgres user) and wrk. Uses
ports 6391 (Redis) and 5440 (PostgreSQL) and a temporary folder; prints a table for
docs/deploy.md.
"""

import argparse
import json
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import UNCACHED_LUA, ensure_wrk, measure, start_server  # noqa: E402
from bench.services import PrivatePostgres, PrivateRedis, free_port, wait_for  # noqa: E402

REDIS_PORT = free_port()
POSTGRES_PORT = free_port()
FIND_REVIEW = (
    "import django; django.setup(); from reviews.models import ReviewPage; "
    "print(ReviewPage.objects.live().order_by('pk').first().url)"
)


def deploy(work, redis_server, postgres):
    postgres.initialise()
    postgres.start()
    subprocess.run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(postgres.port),
            "reviews",
        ],
        check=True,
    )
    redis_server.start()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOCAL_HTTP": "true",
        "DATABASE_URL": f"{postgres.url}/reviews",
        "REDIS_URL": redis_server.url,
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "SERVE_MEDIA": "true",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo_content"], cwd=ROOT, env=env, check=True)
    review = subprocess.run(
        [sys.executable, "-c", FIND_REVIEW],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return env, review


def health(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}").get("down")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()).get("down")


def first_request(url):
    """Milliseconds for one request and its status."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return (time.perf_counter() - start) * 1000, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="outages-"))
    work.chmod(0o755)  # PostgreSQL runs as its own user
    redis_server = PrivateRedis(REDIS_PORT, work / "redis")
    postgres = PrivatePostgres(POSTGRES_PORT, work / "postgres")
    env, review = deploy(work, redis_server, postgres)
    server, base = start_server("config.wsgi", env, args.workers, "/healthz/live")
    lua = work / "uncached.lua"
    lua.write_text(UNCACHED_LUA)
    rows = []

    def warm():
        for _ in range(20):
            urllib.request.urlopen(base + review).read()

    def scenario(name, fault, repair):
        print(f"{name}…", flush=True)
        warm()
        fault()
        first_ms, first_status = first_request(f"{base}{review}?first={secrets.token_hex(4)}")
        cached = measure(f"{base}{review}", args.seconds)
        uncached = measure(f"{base}{review}", args.seconds, script=str(lua))
        ready, down = health(base, "/healthz/ready")[0], health(base, "/healthz")[1]
        start = time.monotonic()
        repair()
        back = time.monotonic() - start
        rows.append((name, first_ms, first_status, cached, uncached, ready, down, back))

    def nothing():
        pass

    def redis_back():
        wait_for(lambda: health(base, "/healthz")[0] == 200, what="Redis back in every worker")

    try:
        warm()
        scenario("all up", nothing, nothing)
        scenario("Redis stopped", redis_server.stop, lambda: (redis_server.start(), redis_back()))
        scenario(
            "Redis frozen (SIGSTOP)",
            redis_server.freeze,
            lambda: (redis_server.thaw(), redis_back()),
        )
        scenario("PostgreSQL stopped", postgres.stop, postgres.start)
    finally:
        server.terminate()
        server.wait()
        redis_server.stop()
        postgres.stop()

    print(f"\n{args.workers} gunicorn workers, wrk -t2 -c8 for {args.seconds} s per figure\n")
    print(
        "| fault | first request: ms (status) | review page: requests/s, p99 ms, failed "
        "| review page, uncached: requests/s, p99 ms, failed | /healthz/ready | /healthz names "
        "| back after repair (s) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    for name, first_ms, first_status, cached, uncached, ready, down, back in rows:

        def figures(found):
            failed = found["errors"] + found["timeouts"]
            return f"{found['rps']:,.0f}, {found['p99']:,.0f}, {failed:,}"

        print(
            f"| {name} | {first_ms:,.0f} ({first_status}) | {figures(cached)} "
            f"| {figures(uncached)} | {ready} | {', '.join(down or []) or '-'} | {back:.1f} |"
        )


if __name__ == "__main__":
    main()

"""Benchmark: the site under gunicorn with production settings, driven by wrk on loopback.

    make bench            (or: .venv/bin/python bench/run.py [--rounds 3] [--seconds 5])

Every figure is also given as a ratio to two references measured in the same run: a one-file
Django app returning a constant response with no middleware (bench/reference_app.py, the
ceiling for any Django page, served by its own gunicorn with the same options), and the site's
own constant view, which runs the site's whole middleware stack. Each target is measured in
interleaved rounds, in a new order each round, and the median is reported, so a busy moment on
the machine weighs on every target alike. Requests ask for compressed bodies as browsers do.
Queries and server-side render time come from rendering each page in-process, missing the page
cache.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import PAGES  # noqa: E402 - bench/run.py runs as a script

DATA = ROOT / "bench" / ".data"
PG = "postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/14"
LIVENESS = "/healthz/live"  # the site's constant view
BROWSER_ENCODINGS = "gzip, deflate, br"
# Every request a new address, unique across wrk's threads and the rounds (the argument), so
# each one misses the page cache; counts any response that was a hit all the same.
UNCACHED_LUA = """
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  prefix = args[1] .. "-" .. id
  counter = 0
  hits = 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?uncached=" .. prefix .. "-" .. counter)
end
function response(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("hits") end
  io.write("cache hits: " .. total .. "\\n")
end
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LOCAL_HTTP": "true",
        "SERVE_MEDIA": "true",
        "STATIC_ROOT": str(DATA / "static"),
        "MEDIA_ROOT": str(DATA / "media"),
        "LOG_LEVEL": "ERROR",
    }
    if "DATABASE_URL" not in env:
        env["DATABASE_URL"] = bench_database(database)
    if "REDIS_URL" not in env:
        env["REDIS_URL"] = bench_redis()
    # Its own keys, so runs sharing one Redis (other checkouts, other engineers) never meet.
    env["CACHE_KEY_PREFIX"] = f"bench-{secrets.token_hex(4)}"
    return env


def bench_database(name):
    """Its own PostgreSQL database when this machine runs PostgreSQL, else an SQLite file."""
    import psycopg

    try:
        with psycopg.connect(f"postgresql://{PG}/postgres", autocommit=True) as connection:
            if not connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone():
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        print("PostgreSQL is not reachable: measuring on SQLite.")
        return f"sqlite:///{DATA / f'{name}.sqlite3'}"
    return f"postgres://{PG}/{name}"


def bench_redis():
    """Redis database 14 when this machine runs Redis (else each worker's own memory)."""
    import redis

    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.ConnectionError:
        print("Redis is not reachable: each worker caches in its own memory.")
        return ""
    return REDIS


def forget_cache_entries(env):
    """Delete this run's keys (only they carry its prefix)."""
    import redis

    if env["REDIS_URL"]:
        client = redis.Redis.from_url(env["REDIS_URL"])
        for key in client.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
            client.delete(key)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return
    sys.exit("wrk is needed: install it with 'apt-get install wrk' (Debian) and run again.")


def prepare(env, root=ROOT):
    """Migrate, load the demo and add the benchmark's own content (idempotent)."""
    DATA.mkdir(parents=True, exist_ok=True)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, cwd=root, env=env, check=True)
    subprocess.run([*manage, "load_demo_content"], cwd=root, env=env, check=True)
    subprocess.run([sys.executable, "-m", "bench.seed"], cwd=root, env=env, check=True)


def measure_in_process(env, targets, repeats):
    """Median render time and queries of each page when it misses the page cache."""
    code = (
        f"import json, bench.inprocess as p; print(json.dumps(p.measure({targets!r}, {repeats})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_server(app, env, workers, probe, root=ROOT):
    """gunicorn serving `app` on a free port; the site and the reference get the same options."""
    base = f"http://127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            "--bind",
            base.removeprefix("http://"),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(base + probe, timeout=1)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn did not start {app}")


def get(url, encodings=BROWSER_ENCODINGS):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encodings})
    with urllib.request.urlopen(request) as response:
        response.read()
        return response.headers


def warm(url, cached, encodings, times=30):
    for _ in range(times):
        headers = get(url, encodings)
    if cached and headers.get("X-Page-Cache") != "hit":
        sys.exit(f"{url} is not served from the page cache: {dict(headers)}")


def measure(url, seconds, encodings="", script=None):
    """wrk's figures for url: requests/s, p99 and slowest latency (ms), error responses."""
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency"]
    if encodings:
        command += ["-H", f"Accept-Encoding: {encodings}"]
    if script:
        command += ["-s", script]
    command += [url, "--", secrets.token_hex(4)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def milliseconds(pattern):
        found = re.search(pattern + r"\s+([\d.]+)(us|ms|s)", output)
        return float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*timeout (\d+)", output)
    hits = re.search(r"cache hits: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p99": milliseconds("99%"),
        "slowest": milliseconds(r"Latency\s+[\d.]+\w+\s+[\d.]+\w+"),
        "errors": int(errors.group(1)) if errors else 0,
        "timeouts": int(socket_errors.group(1)) if socket_errors else 0,  # no answer within 2 s
        "hits": int(hits.group(1)) if hits else 0,
        "output": output,
    }


def wrk(url, seconds, encodings, script=None):
    found = measure(url, seconds, encodings, script)
    if found["hits"]:
        sys.exit(f"{url}: {found['hits']} responses came from the cache\n{found['output']}")
    if found["errors"]:
        sys.exit(f"{url}: {found['errors']} error responses\n{found['output']}")
    return found["rps"], found["p99"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    # As docs/deploy.md runs gunicorn: two workers per core and one more.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--database", default="reviews_bench", help="PostgreSQL database to create and use"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of the site (say, a worktree of main) whose pages are measured "
        "in the same rounds, under the same load, with its own database (--database + _baseline)",
    )
    args = parser.parse_args()

    ensure_wrk()
    env = environment(args.database)
    prepare(env)
    static = measure_in_process(env, {}, 0)["static"]
    # name: (server, path, mode, Accept-Encoding); the first two are the references.
    targets = {
        "one-file Django app (ceiling)": ("reference", "/", None, BROWSER_ENCODINGS),
        f"site's constant view ({LIVENESS})": ("site", LIVENESS, None, BROWSER_ENCODINGS),
        "static file (site.css)": ("site", static, None, BROWSER_ENCODINGS),
        "home page, cached": ("site", "/", "cached", BROWSER_ENCODINGS),
        "review page, cached": ("site", PAGES["review"], "cached", BROWSER_ENCODINGS),
        "listing page, cached": ("site", PAGES["listing"], "cached", BROWSER_ENCODINGS),
        "review page, cached, uncompressed": ("site", PAGES["review"], "cached", ""),
        "review page, uncached (20 blocks, 50 comments)": (
            "site",
            PAGES["review"],
            "uncached",
            BROWSER_ENCODINGS,
        ),
        "search": ("site", PAGES["search"], None, BROWSER_ENCODINGS),
    }
    lua = Path(tempfile.mkstemp(suffix=".lua")[1])
    lua.write_text(UNCACHED_LUA)

    site, site_base = start_server("config.wsgi", env, args.workers, LIVENESS)
    reference, reference_base = start_server("bench.reference_app", env, args.workers, "/")
    servers, bases = [site, reference], {"site": site_base, "reference": reference_base}
    if args.baseline:
        baseline_env = {
            **environment(f"{args.database}_baseline"),
            "STATIC_ROOT": str(DATA / "baseline-static"),
        }
        prepare(baseline_env, args.baseline)
        baseline, bases["baseline"] = start_server(
            "config.wsgi", baseline_env, args.workers, "/robots.txt", args.baseline
        )
        servers.append(baseline)
        for name, (_, path, mode, encodings) in list(targets.items())[3:]:
            targets[f"baseline: {name}"] = ("baseline", path, mode, encodings)
    try:
        for server, path, mode, encodings in targets.values():
            warm(bases[server] + path, mode == "cached", encodings)
        results = {name: [] for name in targets}
        order = random.Random(1)  # the same shuffles every run
        for _ in range(args.rounds):
            # A new order each round, so no target always follows the same neighbour.
            for name in order.sample(list(targets), len(targets)):
                server, path, mode, encodings = targets[name]
                script = str(lua) if mode == "uncached" else None
                results[name].append(wrk(bases[server] + path, args.seconds, encodings, script))
    finally:
        for process in servers:
            process.terminate()
            process.wait()
        lua.unlink()
        forget_cache_entries(env)
        if args.baseline:
            forget_cache_entries(baseline_env)

    inprocess = measure_in_process(env, PAGES, 15)
    report(results, inprocess, args)


def report(results, inprocess, args):
    medians = {
        name: (statistics.median(r for r, _ in runs), statistics.median(p for _, p in runs))
        for name, runs in results.items()
    }
    ceiling, constant_view = (rps for rps, _ in list(medians.values())[:2])
    print(
        f"\n{args.rounds} interleaved rounds of {args.seconds} s per target, wrk -t2 -c8, "
        f"gunicorn with {args.workers} workers, production settings\n"
    )
    print(
        "| target | requests/s | ratio to the one-file app | ratio to the site's constant view "
        "| p99 latency (ms) |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (rps, p99) in medians.items():
        print(
            f"| {name} | {rps:,.0f} | {rps / ceiling:.1%} | {rps / constant_view:.1%} | {p99:.1f} |"
        )
    print("\nRendered in-process, missing the page cache (median of 15):\n")
    print("| page | queries | server-side render time (ms) |")
    print("| --- | ---: | ---: |")
    for name, (queries, milliseconds) in inprocess["pages"].items():
        print(f"| {name} | {queries} | {milliseconds:.1f} |")


if __name__ == "__main__":
    main()

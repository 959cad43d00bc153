"""Benchmark: the site under gunicorn with production settings, driven by wrk on loopback.

    make bench            (or: .venv/bin/python bench/run.py [--rounds 3] [--seconds 5])

Every figure is also given as a ratio to a reference measured in the same run: /healthz, a
view that returns a constant response. Each target is measured in interleaved rounds, in a new
order each round, and the median is reported, so a busy moment on the machine weighs on every
target alike. Queries and
server-side render time come from rendering each page in-process, missing the page cache.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
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
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
PG = "postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/14"
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


def environment():
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
        env["DATABASE_URL"] = bench_database()
    if "REDIS_URL" not in env:
        env["REDIS_URL"] = bench_redis()
    env["CACHE_KEY_PREFIX"] = "bench"
    return env


def bench_database():
    """Its own PostgreSQL database when this machine runs PostgreSQL, else an SQLite file."""
    import psycopg

    try:
        with psycopg.connect(f"postgresql://{PG}/postgres", autocommit=True) as connection:
            if not connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'reviews_bench'"
            ).fetchone():
                connection.execute("CREATE DATABASE reviews_bench")
    except psycopg.OperationalError:
        print("PostgreSQL is not reachable: measuring on SQLite.")
        return f"sqlite:///{DATA / 'bench.sqlite3'}"
    return f"postgres://{PG}/reviews_bench"


def bench_redis():
    """Redis database 14, emptied for the run, when this machine runs Redis (else local memory)."""
    import redis

    try:
        redis.Redis.from_url(REDIS).flushdb()
    except redis.ConnectionError:
        print("Redis is not reachable: each worker caches in its own memory.")
        return ""
    return REDIS


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return
    sys.exit("wrk is needed: install it with 'apt-get install wrk' (Debian) and run again.")


def prepare(env):
    """Migrate, load the demo and add the benchmark's own content (idempotent)."""
    DATA.mkdir(parents=True, exist_ok=True)
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo_content"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-m", "bench.seed"], cwd=ROOT, env=env, check=True)


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


def start_server(env, workers):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def warm(path, times=30):
    for _ in range(times):
        urllib.request.urlopen(BASE + path).read()


def wrk(path, seconds, script=None):
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    command += [BASE + path, "--", secrets.token_hex(4)]
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    hits = re.search(r"cache hits: (\d+)", output.stdout)
    if hits and int(hits.group(1)):
        sys.exit(f"{path}: {hits.group(1)} responses came from the cache\n{output.stdout}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output.stdout).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output.stdout)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output.stdout)
    if errors:
        sys.exit(f"{path}: {errors.group(1)} error responses\n{output.stdout}")
    return rps, float(p99.group(1)) * scale


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    # As docs/deploy.md runs gunicorn: two workers per core and one more.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()

    ensure_wrk()
    env = environment()
    prepare(env)
    static = measure_in_process(env, {}, 0)["static"]
    targets = {
        "reference: constant view (/healthz)": ("/healthz", None),
        "static file (site.css)": (static, None),
        "home page, cached": ("/", None),
        "review page, cached": (PAGES["review"], None),
        "listing page, cached": (PAGES["listing"], None),
        "review page, uncached (20 blocks, 50 comments)": (PAGES["review"], "uncached"),
        "search": (PAGES["search"], None),
    }
    lua = Path(tempfile.mkstemp(suffix=".lua")[1])
    lua.write_text(UNCACHED_LUA)

    server = start_server(env, args.workers)
    try:
        for path, _ in targets.values():
            warm(path)
        results = {name: [] for name in targets}
        order = random.Random(1)  # the same shuffles every run
        for _ in range(args.rounds):
            # A new order each round, so no target always follows the same neighbour.
            for name in order.sample(list(targets), len(targets)):
                path, mode = targets[name]
                script = str(lua) if mode == "uncached" else None
                results[name].append(wrk(path, args.seconds, script))
    finally:
        server.terminate()
        server.wait()
        lua.unlink()

    inprocess = measure_in_process(env, PAGES, 15)
    report(results, inprocess, args)


def report(results, inprocess, args):
    medians = {
        name: (statistics.median(r for r, _ in runs), statistics.median(p for _, p in runs))
        for name, runs in results.items()
    }
    reference = next(iter(medians.values()))[0]
    print(
        f"\n{args.rounds} interleaved rounds of {args.seconds} s per target, wrk -t2 -c8, "
        f"gunicorn with {args.workers} workers, production settings\n"
    )
    print("| target | requests/s | ratio to reference | p99 latency (ms) |")
    print("| --- | ---: | ---: | ---: |")
    for name, (rps, p99) in medians.items():
        print(f"| {name} | {rps:,.0f} | {rps / reference:.1%} | {p99:.1f} |")
    print("\nRendered in-process, missing the page cache (median of 15):\n")
    print("| page | queries | server-side render time (ms) |")
    print("| --- | ---: | ---: |")
    for name, (queries, milliseconds) in inprocess["pages"].items():
        print(f"| {name} | {queries} | {milliseconds:.1f} |")


if __name__ == "__main__":
    main()

"""Screenshots of the public pages at desktop and phone widths, light and dark.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--full]

Builds the demo site in a throwaway SQLite database, serves it on a free port and photographs
home, a listing, a review, a critic's page and search with Debian's Chromium.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "/",
    "listing": "/reviews/",
    "review": "/reviews/nosferatu/",
    "critic": "/reviews/critic/ada-marlowe/",
    "search": "/search/?q=silent",
    "person": "/people/max-schreck/",
    "people": "/people/",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_demo(workdir):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir}/demo.sqlite3"}
    env.pop("REDIS_URL", None)
    python = str(ROOT / ".venv/bin/python")
    for command in (["migrate", "-v0"], ["load_demo_content"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz/live", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("The demo server did not start.")


def photograph(base, out, names, full):
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for width_name, (width, height) in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                for name in names:
                    page.goto(base + PAGES[name], wait_until="networkidle")
                    path = out / f"{name}-{width_name}-{scheme}.png"
                    page.screenshot(path=str(path), full_page=full)
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs/screenshots"))
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("pages", nargs="*", help=f"some of: {', '.join(PAGES)} (default: all)")
    args = parser.parse_args()
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        parser.error(f"no such page: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as workdir:
        server, base = serve_demo(workdir)
        try:
            photograph(base, Path(args.out).resolve(), args.pages or list(PAGES), args.full)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()

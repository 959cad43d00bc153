"""Benchmark: importing a generated WordPress export of 2,000 posts (and a quarter of one).

    .venv/bin/python bench/wordpress_import.py [--posts 2000]

Each import runs in its own process on a fresh SQLite database; the script prints posts per
second and the process's peak memory, beside the peak of a process that only starts Django.
With a streaming parser the peak should barely grow with the export's size.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated</title><link>https://generated.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://generated.example</wp:base_site_url>
<wp:author><wp:author_login>critic</wp:author_login>
<wp:author_display_name>A Critic</wp:author_display_name></wp:author>
"""

BODY = """Paragraph one about film {n}, its look and its pace.
A second line in the same paragraph.

<h2>What works</h2>
The camera stays close; the cutting is patient. {filler}

<blockquote>A line someone says in film {n}.<cite>Someone</cite></blockquote>

<h2>Spoilers</h2>
How film {n} ends, which the listing must never show.

<h2>In short</h2>
Worth an evening.

Verdict: {score}/10, a sturdy piece of work."""


def item(n):
    comments = "".join(
        f"<wp:comment><wp:comment_id>{n * 10 + c}</wp:comment_id>"
        f"<wp:comment_author>Reader {c}</wp:comment_author>"
        f"<wp:comment_author_email>reader{c}@example.com</wp:comment_author_email>"
        f"<wp:comment_date_gmt>2020-01-0{c + 1} 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content>Comment {c} on film {n}.</wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
        f"<wp:comment_parent>{n * 10 if c else 0}</wp:comment_parent></wp:comment>"
        for c in range(n % 4)
    )
    body = BODY.format(n=n, filler="More words. " * 20, score=5 + n % 5)
    return f"""<item><title>Film {n}</title>
<link>https://generated.example/{2000 + n % 20}/film-{n}/</link>
<dc:creator>critic</dc:creator>
<content:encoded>{escape(body)}</content:encoded>
<excerpt:encoded>A look at film {n}.</excerpt:encoded>
<wp:post_id>{n + 1}</wp:post_id>
<wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:post_name>film-{n}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="genre-{n % 8}">Genre {n % 8}</category>
<category domain="post_tag" nicename="tag-{n % 30}">Tag {n % 30}</category>
{comments}</item>
"""


def write_export(path, posts):
    with open(path, "w", encoding="utf-8") as export:
        export.write(HEADER)
        for n in range(posts):
            export.write(item(n))
        export.write("</channel></rss>\n")


def run(command, env):
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def measure(posts, folder):
    export = folder / f"export-{posts}.xml"
    write_export(export, posts)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / f'import-{posts}.sqlite3'}",
    }
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "-v0"], env)
    run([*manage, "load_demo_content"], env)  # the review index and the verdict labels
    start = time.perf_counter()
    peak = peak_megabytes(
        env, f"call_command('import_wordpress', {str(export)!r}, '--no-progress')"
    )
    seconds = time.perf_counter() - start
    return {
        "posts": posts,
        "megabytes": export.stat().st_size / 1e6,
        "seconds": seconds,
        "rate": posts / seconds,
        "peak": peak,
    }


def peak_megabytes(env, statement):
    """Run a statement in a fresh Django process; its peak resident memory in MB."""
    code = (
        "import resource, django; django.setup(); "
        "from django.core.management import call_command; "
        f"{statement}; "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = [
            measure(max(args.posts // 4, 1), Path(folder)),
            measure(args.posts, Path(folder)),
        ]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        reference = peak_megabytes(env, "None")
    print(f"\nReference: a Django process that only starts up peaks at {reference:.0f} MB.")
    print("\n| posts | export (MB) | seconds | posts/s | peak memory (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['posts']:,} | {r['megabytes']:.1f} | {r['seconds']:.1f} | {r['rate']:.1f} "
            f"| {r['peak']:.0f} |"
        )
    small, large = results
    print(
        f"\nPeak memory grew {large['peak'] / small['peak']:.2f}x for "
        f"{large['megabytes'] / small['megabytes']:.1f}x the export."
    )


if __name__ == "__main__":
    main()

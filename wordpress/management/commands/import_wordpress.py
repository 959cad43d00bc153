"""import_wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--verify] [--parent PAGE]
[--author-map FILE]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reviews.models import ReviewIndexPage
from wordpress.importer import ImportRefused, Options, WordPressImport, read_author_map


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0-1.2): posts as reviews, pages as standard pages, "
        "categories, tags, authors, comments, images and redirects from the old addresses. "
        "Running it again updates what changed in WordPress and never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The .xml file WordPress exported.")
        parser.add_argument(
            "--uploads",
            type=Path,
            help="A copy of the site's wp-content/uploads folder, to import images from.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument(
            "--parent",
            help="The review index to put the reviews under: its id or its path, e.g. /reviews/.",
        )
        parser.add_argument(
            "--author-map",
            type=Path,
            help="CSV of 'login,byline[,username]': the byline to show for each WordPress "
            "author, and the Wagtail user to own their pages.",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Fail (exit status 1) if any item failed or any post or page lost a word, a "
            "link, an image or a video. "
            "The check itself always runs and is always in the report.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (e.g. in logs)."
        )

    def handle(self, *args, **options):
        try:
            settings = Options(
                uploads=options["uploads"],
                dry_run=options["dry_run"],
                parent=self.parent(options["parent"]),
                author_map=read_author_map(options["author_map"]) if options["author_map"] else {},
            )
            importer = WordPressImport(options["export"], settings, self.progress_bar(options))
            report = importer.run()
        except ImportRefused as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        heading = "Dry run: nothing was written." if settings.dry_run else "Import finished."
        self.stdout.write(self.style.SUCCESS(heading))
        for line in report.lines(settings.dry_run):
            self.stdout.write(f"  {line}")
        failed = sum(n for (_, outcome), n in report.outcomes.items() if outcome == "failed")
        if options["verify"] and failed:
            raise CommandError(
                f"Verification failed: {failed} item(s) could not be imported; the report above "
                "names them (not imported because of an error)."
            )
        if options["verify"] and report.losses:
            titles = ", ".join(f"“{post.title}”" for post in report.losses)
            raise CommandError(
                f"Verification failed: {len(report.losses)} post(s) or page(s) lost content: "
                f"{titles}. The report above shows what is missing from each."
            )

    def progress_bar(self, options):
        if options["no_progress"]:
            return None
        return lambda total: tqdm(total=total, unit="item", desc="Importing", file=sys.stderr)

    @staticmethod
    def parent(value):
        if not value:
            return None
        pages = ReviewIndexPage.objects.all()
        found = pages.filter(pk=value).first() if value.isdigit() else None
        found = found or next(
            (p for p in pages if p.url_path.endswith(value.strip("/") + "/")), None
        )
        if found is None:
            raise ImportRefused(f"No review index page matches --parent {value}.")
        return found

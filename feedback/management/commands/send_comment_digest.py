from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from feedback.models import CommentSettings
from feedback.notices import not_yet_told, tell_moderators


class Command(BaseCommand):
    help = (
        "E-mail moderators the comments held since the last message, one message per site "
        "(run daily by a timer: docs/deploy.md). Sites set to send no e-mail are skipped."
    )

    def handle(self, *args, **options):
        failed = []
        never = CommentSettings.ModeratorEmail.NEVER
        for site in Site.objects.select_related("root_page"):
            if CommentSettings.for_site(site).moderator_email == never:
                continue
            comments = list(not_yet_told(site))
            if not comments:
                continue
            if tell_moderators(site, comments):
                self.stdout.write(f"{site}: told moderators of {len(comments)} comment(s)")
            else:
                failed.append(str(site))
        if failed:
            raise CommandError(f"Could not e-mail moderators for {', '.join(failed)} (see log)")

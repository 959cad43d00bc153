"""Make sure a local `admin` superuser exists; print its generated password when it is created."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the development 'admin' account if missing (refused unless DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for development settings only (DEBUG=True).")
        user_model = get_user_model()
        if user_model.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Admin account '{USERNAME}' already exists; password unchanged.")
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(USERNAME, "admin@localhost", password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created admin account '{USERNAME}' with password: {password}\n"
                "Sign in at http://127.0.0.1:8000/admin/ (shown once; change it there)."
            )
        )

"""Local development: DEBUG on, SQLite, console e-mail. Never use on a public host."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-key-not-for-production-use-this-is-local-machine-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]  # noqa: F405

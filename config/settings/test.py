"""Settings for the test suite: fast hashing, in-memory media and static files from the finders."""

import os
import tempfile
import uuid

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-used-by-the-test-suite-and-nothing-else-0123456789"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="review-tests-media-")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared memory, so tests with several threads see SQLite's real locking.
    TEST_DATABASE_DIR = tempfile.mkdtemp(prefix="review-tests-db-")
    DATABASES["default"]["TEST"] = {"NAME": f"{TEST_DATABASE_DIR}/test.sqlite3"}  # noqa: F405

# Each run keeps its cache entries apart, so a shared Redis never leaks between runs.
CACHES = cache_settings(os.environ.get("REDIS_URL"), f"tests-{uuid.uuid4().hex[:8]}")  # noqa: F405

# Serve static files straight from the source folders so tests need no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Tests never reach the network: only the finder that builds embeds from the URL itself.
WAGTAILEMBEDS_FINDERS = [{"class": "reviews.embeds.InternetArchiveFinder"}]

# Tests sign in through the test client, which gives django-axes no request; the throttling
# test turns it back on.
AXES_ENABLED = False

"""Production: everything that differs between hosts comes from the environment."""

import importlib.util
import json
import os

from django.core.exceptions import ImproperlyConfigured

from config.mail import mail_settings

from .base import *  # noqa: F403


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable (50+ random characters).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL)  # noqa: F405

STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)  # noqa: F405
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# Reverse proxies in front of the app (load balancer, CDN) that append to X-Forwarded-For and
# set X-Forwarded-Proto. Those headers are believed only from trusted proxies (core/proxies.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is the number of proxies: 0 or more.")

# HTTPS everywhere, unless LOCAL_HTTP=true for a production-like run on this machine's loopback.
HTTPS = os.environ.get("LOCAL_HTTP", "").lower() != "true"
SECURE_SSL_REDIRECT = HTTPS
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Mail (password resets, moderator notices): EMAIL_URL and DEFAULT_FROM_EMAIL, checked here
# (config/mail.py). A trial on this machine's loopback (LOCAL_HTTP) may leave EMAIL_URL out:
# its mail is written to standard output.
globals().update(
    mail_settings(
        os.environ.get("EMAIL_URL") or ("" if HTTPS else "console://"),
        os.environ.get("DEFAULT_FROM_EMAIL", ""),
    )
)

AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
AKISMET_SITE_URL = os.environ.get("AKISMET_SITE_URL", WAGTAILADMIN_BASE_URL)

# Media on S3-compatible storage when a bucket is named (needs the optional django-storages).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set but django-storages is not installed: "
            "pip install 'django-storages[s3]>=1.14' (see docs/deploy.md)."
        )
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = False
MEDIA_ORIGINS = env_list("MEDIA_ORIGINS")  # e.g. https://media.example.com, for the CSP
CONTENT_SECURITY_POLICY = public_policy(MEDIA_ORIGINS)  # noqa: F405
STAFF_CONTENT_SECURITY_POLICY = staff_policy(MEDIA_ORIGINS)  # noqa: F405

# A CDN or caching proxy in front of the site, purged through Wagtail's frontend cache: the
# WAGTAILFRONTENDCACHE setting as JSON, e.g. {"cdn": {"BACKEND": "...CloudflareBackend", ...}}.
if os.environ.get("WAGTAILFRONTENDCACHE"):
    WAGTAILFRONTENDCACHE = json.loads(os.environ["WAGTAILFRONTENDCACHE"])

# Uploaded images from this process, for a single machine without a web server or S3 in front.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "").lower() == "true"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

"""Settings shared by every environment; dev.py, production.py and test.py build on them."""

import datetime
import os
import zoneinfo
from pathlib import Path

import dj_database_url

from core.security import public_policy, staff_policy

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "core",
    "home",
    "reviews",
    "feedback",
    "offers",
    "people",
    "pagecache",
    "wordpress",
    "demo",
    "wagtail_modeladmin",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "axes",
    "django.contrib.admin",  # list filters of wagtail-modeladmin use its filter classes
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost: it stores pages with every header the others add, and serves them again
    # (under WSGI, pagecache.front serves them before Django runs at all).
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.SitePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wordpress.middleware.WordPressIdRedirectMiddleware",
    "pagecache.routing.CachedRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.proxies.ProxyHeaderWatchMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "config.template_loaders.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite unless DATABASE_URL names another database (e.g. postgres://user@host/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when a transaction starts and wait for each other, instead of
    # failing with "database is locked" when readers and writers overlap.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0


REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "1"))


def cache_settings(redis_url, key_prefix):
    """Redis when REDIS_URL is set (shared by every app server), else this process's memory.

    A Redis that does not answer within REDIS_TIMEOUT_SECONDS is left alone by each process,
    which renders pages uncached, until it answers a ping again (every REDIS_RETRY_SECONDS).
    """
    if redis_url:
        backend = {
            "BACKEND": "pagecache.redis.SharedClientRedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
            "RETRY_SECONDS": REDIS_RETRY_SECONDS,
        }
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "default": {**backend, "KEY_PREFIX": key_prefix},
        # Wagtail looks image renditions up here before asking the database.
        "renditions": {**backend, "KEY_PREFIX": f"{key_prefix}-renditions", "TIMEOUT": 24 * 3600},
    }


CACHES = cache_settings(os.environ.get("REDIS_URL"), os.environ.get("CACHE_KEY_PREFIX", "reviews"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The top-level static/ folder holds the sources; collectstatic writes to staticfiles/.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
SERVE_MEDIA = False  # production.py may turn it on; DEBUG serves media anyway

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor of a review with many blocks posts more fields than Django's default allows.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "The Projection Booth"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "gif": "webp"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "odt", "docx"]
# The admin shows initials instead of avatars fetched from Gravatar (a third party that would
# learn who signs in), and never calls Wagtail's release feed: upgrades follow requirements.lock.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The zones editors choose from: the system's "localtime" alias is no zone a browser knows.
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime"})
WAGTAILEMBEDS_FINDERS = [
    {"class": "reviews.embeds.InternetArchiveFinder"},
    {"class": "wagtail.embeds.finders.oembed"},
]

# Security headers on every response (the HTTPS ones are in production.py).
CONTENT_SECURITY_POLICY = public_policy()
STAFF_CONTENT_SECURITY_POLICY = staff_policy()
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Admin sign-in is throttled: five wrong passwords for one account from one address lock that
# pair out for fifteen minutes (django-axes, recorded in the database all servers share).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # checks the lockout; its get_user serves force_login too
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_CLIENT_IP_CALLABLE = "core.proxies.client_ip"  # the reader's address behind the proxies

# Whole pages for anonymous readers (pagecache); fragments of reviews are kept per revision.
PAGE_CACHE_SECONDS = 60 * 60
# Entries each process also keeps in its own memory (a review page is about 60 KB).
PAGE_CACHE_LOCAL_ENTRIES = 500
# Query parameters for analytics: a page asked for with them is the page without them.
PAGE_CACHE_IGNORED_PARAMETERS = ("utm_*", "fbclid", "gclid", "msclkid")
PAGE_CACHE_SKIP_PREFIXES = (
    "/admin/",
    "/documents/",
    "/feedback/",
    "/go/",  # offer links: counted on every click, never stored
    "/static/",
    "/media/",
    "/healthz",
)
X_FRAME_OPTIONS = "DENY"  # core.security allows the admin's own preview frames

# Reader feedback (comments and ratings).
FEEDBACK_FORM_MAX_AGE = 60 * 60 * 24 * 2  # seconds a rendered form stays valid
COMMENT_MIN_SECONDS = 3  # faster than this from starting the form to posting is a bot
COMMENT_MAX_LINKS = 2  # more links than this sends a comment to the spam queue
COMMENT_RATE_LIMIT = (5, 10 * 60)  # comments per address per window in seconds
TRUSTED_PROXY_COUNT = 0  # reverse proxies in front of the app that set X-Forwarded-For
AKISMET_API_KEY = ""  # optional; when set, comments are also checked by Akismet
AKISMET_SITE_URL = ""

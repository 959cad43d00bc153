from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config import health
from core import views as core_views
from reviews import views as review_views

urlpatterns = [
    path("healthz", health.overview, name="health"),
    path("healthz/live", health.live, name="health-live"),
    path("healthz/ready", health.ready, name="health-ready"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", review_views.search, name="search"),
    path("feeds/", include("reviews.feed_urls")),
    path("people/", include("reviews.people_urls")),
    path("feedback/", include("feedback.urls")),
    path("go/", include("offers.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("site.webmanifest", core_views.web_manifest, name="web_manifest"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Wagtail serves every path the patterns above leave.
urlpatterns += [path("", include(wagtail_urls))]

"""Files browsers ask for at fixed addresses: the favicon and the web app manifest."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from .chrome import chrome_for

DAY = 24 * 60 * 60


@require_safe
@cache_control(max_age=DAY, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico before reading a page's icon links."""
    return redirect(static("icons/favicon.ico"), permanent=True)


@require_safe
@cache_control(max_age=DAY, public=True)
def web_manifest(request):
    site = Site.find_for_request(request)
    name = site.site_name if site and site.site_name else "Reviews"
    settings = chrome_for(request).settings
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    manifest = {
        "name": name,
        "short_name": name,
        "description": settings.tagline,
        "start_url": "/",
        "display": "browser",
        "background_color": "#fbfaf7",
        "theme_color": "#7a1f1f",
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")

"""The Content-Security-Policy: strict for readers, looser where Wagtail's admin needs it."""

from csp.constants import HEADER, NONE, SELF, UNSAFE_INLINE
from csp.utils import build_policy, default_config
from django.conf import settings

EMBED_PLAYERS = [
    "https://archive.org",
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]


def public_policy(media_origins=()):
    """What readers' pages may load: nothing inline, scripts and styles from this site only."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:", *media_origins],
            "frame-src": EMBED_PLAYERS,
            "connect-src": [SELF],
            "font-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }


def staff_policy(media_origins=()):
    """Wagtail's admin and userbar still use inline scripts and styles, and upload images.

    Avatars come from this site only (settings turn Gravatar off)."""
    directives = {**public_policy(media_origins)["DIRECTIVES"]}
    directives.update(
        {
            "script-src": [SELF, UNSAFE_INLINE],
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": [SELF, "data:", "blob:", *media_origins],
            "frame-src": [SELF, *EMBED_PLAYERS],
            # Wagtail shows previews of pages inside its editor.
            "frame-ancestors": [SELF],
        }
    )
    return directives


def for_staff(request):
    user = getattr(request, "user", None)
    return request.path_info.startswith("/admin/") or bool(user and user.is_authenticated)


class SitePolicyMiddleware:
    """Readers get the strict policy and no framing; staff get what Wagtail's editor needs.

    Both policies are fixed and need no nonce, so each header is built once rather than per
    response: this runs for every page served from the cache too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        public = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        self.public = build_policy(default_config(public))
        self.staff = build_policy(default_config(settings.STAFF_CONTENT_SECURITY_POLICY))

    def __call__(self, request):
        response = self.get_response(request)
        staff = for_staff(request)
        if staff and "X-Frame-Options" not in response:
            response["X-Frame-Options"] = "SAMEORIGIN"  # previews in the editor's frame
        response.setdefault(HEADER, self.staff if staff else self.public)
        return response

"""The Content-Security-Policy: strict for readers, looser where Wagtail's admin needs it."""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
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
    """Wagtail's admin and userbar still use inline scripts and styles, and show avatars."""
    directives = {**public_policy(media_origins)["DIRECTIVES"]}
    directives.update(
        {
            "script-src": [SELF, UNSAFE_INLINE],
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": [SELF, "data:", "blob:", "https://www.gravatar.com", *media_origins],
            "frame-src": [SELF, *EMBED_PLAYERS],
            # Wagtail shows previews of pages inside its editor.
            "frame-ancestors": [SELF],
        }
    )
    return directives


def for_staff(request):
    user = getattr(request, "user", None)
    return request.path_info.startswith("/admin/") or bool(user and user.is_authenticated)


class SitePolicyMiddleware(CSPMiddleware):
    """Readers get the strict policy and no framing; staff get what Wagtail's editor needs."""

    def process_response(self, request, response):
        if for_staff(request) and "X-Frame-Options" not in response:
            response["X-Frame-Options"] = "SAMEORIGIN"  # previews in the editor's frame
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if for_staff(request) and not report_only:
            parts.config = settings.STAFF_CONTENT_SECURITY_POLICY
        return parts

"""What guards the reader forms (comments, ratings) on pages that may be served from a cache.

A cached page cannot carry Django's per-visitor CSRF token, so these forms carry a signed,
time-stamped token for their review instead, and a post is accepted only from this site's own
pages (the Origin, or failing that the Referer, header must name this scheme and host).
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

TOKEN_SALT = "feedback.form-token"


class FormTokenError(Exception):
    pass


def issue_token(review):
    return signing.dumps({"review": review.pk, "issued": time.time()}, salt=TOKEN_SALT)


def token_age(token, review):
    """Seconds since the form was issued for this review; FormTokenError if not genuine."""
    if not token:
        raise FormTokenError("The form was sent without its security token.")
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature as exc:
        raise FormTokenError("The form's security token is not valid.") from exc
    if data.get("review") != review.pk:
        raise FormTokenError("The form's security token belongs to another review.")
    age = time.time() - data["issued"]
    if age > settings.FEEDBACK_FORM_MAX_AGE:
        raise FormTokenError("This form has expired. Please send it again.")
    return age


def is_same_origin(request):
    """True when the browser says the post comes from one of this site's pages.

    Scheme and host must both match, as in Django's own Origin check: a page on plain HTTP (or
    a look-alike served by someone between reader and site) does not speak for the HTTPS site.
    """
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return False
    try:
        sent = urlsplit(source)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    site = f"{request.scheme}://{request.get_host()}"
    return f"{sent.scheme}://{sent.netloc}".lower() == site.lower()


def private_hash(purpose, value):
    """A keyed hash that identifies a reader without storing who they are."""
    return salted_hmac(f"feedback.{purpose}", value, algorithm="sha256").hexdigest()

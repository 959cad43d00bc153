"""What guards the reader forms (comments, ratings) on pages that may be served from a cache.

A cached page cannot carry Django's per-visitor CSRF token, so these forms carry a signed,
time-stamped token for their page instead, and a post is accepted only from this site's own
pages (the Origin, or failing that the Referer, header must name this scheme and host).

The token printed in a page is as old as the page's copy in the cache, so it proves where a
post comes from, not how long the reader took. A comment needs a *start* token: minted for one
reader when they start writing (the form's script asks for it on first focus) or when the site
shows a comment back to be sent again. Its age is the reader's time on the form, and its
nonce lets it send one comment (feedback.Comment.form_nonce is unique).
"""

import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

TOKEN_SALT = "feedback.form-token"


class FormTokenError(Exception):
    pass


@dataclass(frozen=True)
class FormToken:
    issued: float
    nonce: str  # empty for the token printed in the page, which any number of readers share

    @property
    def age(self):
        return time.time() - self.issued


def issue_token(page):
    """The token printed in the page's forms."""
    return signing.dumps({"review": page.pk, "issued": time.time()}, salt=TOKEN_SALT)


def start_token(page):
    """A token for one reader starting a comment now: single-use, and its age is theirs."""
    data = {"review": page.pk, "issued": time.time(), "nonce": secrets.token_urlsafe(12)}
    return signing.dumps(data, salt=TOKEN_SALT)


def read_token(token, page):
    """The FormToken a form was sent with for this page; FormTokenError if not genuine.

    ("review" names the page: tokens in pages already cached keep working.)
    """
    if not token:
        raise FormTokenError("The form was sent without its security token.")
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature as exc:
        raise FormTokenError("The form's security token is not valid.") from exc
    if data.get("review") != page.pk:
        raise FormTokenError("The form's security token belongs to another review.")
    read = FormToken(issued=data["issued"], nonce=data.get("nonce", ""))
    if read.age > settings.FEEDBACK_FORM_MAX_AGE:
        raise FormTokenError("This form has expired. Please send it again.")
    return read


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

"""Spam rules for comments. They run offline; Akismet is asked too when a key is configured.

A comment that breaks a rule is kept in the spam queue with the reasons, never dropped.
"""

import logging
import re
from dataclasses import dataclass

import akismet
import httpx
from django.conf import settings

from pagecache import counters

logger = logging.getLogger(__name__)

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
AKISMET_TIMEOUT = 3


@dataclass
class Submission:
    name: str
    email: str
    website: str
    body: str
    ip: str
    user_agent: str
    referrer: str
    seconds_taken: float
    honeypot: str
    permalink: str


def spam_reasons(submission, blocked_words):
    """Every rule the submission breaks, in words a moderator understands."""
    reasons = []
    if submission.honeypot:
        reasons.append("filled in the hidden field")
    if submission.seconds_taken < settings.COMMENT_MIN_SECONDS:
        reasons.append(f"sent {submission.seconds_taken:.1f}s after the page loaded")
    links = len(LINK.findall(submission.body))
    if links > settings.COMMENT_MAX_LINKS:
        reasons.append(f"{links} links")
    text = f"{submission.name} {submission.website} {submission.body}".casefold()
    reasons += [f"blocked word “{word}”" for word in blocked_words if word.casefold() in text]
    if not reasons and akismet_says_spam(submission):
        reasons.append("Akismet")
    return reasons


def akismet_http_client():
    """The HTTP client Akismet talks through (tests put a fake transport here)."""
    return httpx.Client(timeout=AKISMET_TIMEOUT)


def akismet_says_spam(submission):
    if not settings.AKISMET_API_KEY:
        return False
    config = akismet.Config(key=settings.AKISMET_API_KEY, url=settings.AKISMET_SITE_URL)
    try:
        with akismet_http_client() as http_client:
            verdict = akismet.SyncClient(config=config, http_client=http_client).comment_check(
                user_ip=submission.ip,
                user_agent=submission.user_agent,
                referrer=submission.referrer,
                permalink=submission.permalink,
                comment_type="comment",
                comment_author=submission.name,
                comment_author_email=submission.email,
                comment_author_url=submission.website,
                comment_content=submission.body,
            )
    except (akismet.AkismetError, httpx.HTTPError):
        # The comment is moderated anyway: an unreachable Akismet must not lose it.
        logger.warning("Akismet check failed; the comment goes to moderation", exc_info=True)
        return False
    return verdict != akismet.CheckResponse.HAM


def rate_limited(address_hash):
    """Count a comment from this address; True once it is over the limit for the window."""
    limit, window = settings.COMMENT_RATE_LIMIT
    return counters.count(f"comment-rate:{address_hash}", window) > limit

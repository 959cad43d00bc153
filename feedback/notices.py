"""E-mail to moderators about comments held from the page (CommentSettings.moderator_email).

"At once" sends a message when a comment starts waiting for moderation, after it is stored;
"daily" leaves it to `manage.py send_comment_digest`, which a timer runs once a day. The digest
also lists what the spam filter held, and whatever an earlier message could not deliver. A
comment is marked once its message went out (`moderators_told_at`), so none is told twice and
a failed message is retried by the next digest. Mail that cannot be sent never loses a comment.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Comment

logger = logging.getLogger(__name__)

HELD = (Comment.Status.PENDING, Comment.Status.SPAM)


def moderator_addresses():
    """The active staff who may approve comments (superusers too), by e-mail address."""
    users = get_user_model().objects.with_perm(
        "feedback.change_comment", backend="django.contrib.auth.backends.ModelBackend"
    )
    return sorted({user.email for user in users if user.email})


def not_yet_told(site):
    """Held comments on the site's pages that no message has named yet, oldest first."""
    return (
        Comment.objects.filter(
            status__in=HELD,
            moderators_told_at=None,
            page__path__startswith=site.root_page.path,
        )
        .select_related("page")
        .order_by("created_at")
    )


def queue_url(status):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}{reverse('feedback_comment_modeladmin_index')}?status__exact={status}"


def message(site, comments):
    waiting = [c for c in comments if c.status == Comment.Status.PENDING]
    spam = [c for c in comments if c.status == Comment.Status.SPAM]
    site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    if waiting:
        subject = f"{len(waiting)} comment{pluralize(len(waiting))} awaiting moderation"
    else:
        subject = f"{len(spam)} comment{pluralize(len(spam))} held as spam"
    context = {
        "site_name": site_name,
        "waiting": waiting,
        "spam": spam,
        "waiting_url": queue_url(Comment.Status.PENDING),
        "spam_url": queue_url(Comment.Status.SPAM),
    }
    return f"{site_name}: {subject}", render_to_string("feedback/mail/held_comments.txt", context)


def tell_moderators(site, comments):
    """E-mail every moderator about `comments`; False (and a log line) if that failed."""
    recipients = moderator_addresses()
    if not recipients:
        logger.warning("Comments await moderation, but no moderator has an e-mail address")
        return False
    subject, body = message(site, comments)
    try:
        send_mass_mail([(subject, body, None, [address]) for address in recipients])
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not e-mail moderators; the next comment digest tries again")
        return False
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(
        moderators_told_at=timezone.now()
    )
    return True

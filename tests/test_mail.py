"""Mail: production settings from EMAIL_URL (an unusable one refuses to start), delivery through a
real SMTP server the tests start (aiosmtpd), and moderators told of held comments, at once or in
a daily digest."""

import email
import email.policy
import logging
import socket
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse

from config.mail import mail_settings
from feedback.models import Comment, CommentSettings

from .test_security import ROOT, production_env

SMTP_PORTS = range(8025, 8030)  # the ports these tests may listen on
USER, PASSWORD = "reviews", "p@ss word"
SENDER = "The Projection Booth <reviews@reviews.example>"


def free_port():
    for port in SMTP_PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip(f"no free port in {SMTP_PORTS} for the test SMTP server")


class Inbox:
    """An aiosmtpd handler that keeps what it receives, and whether the sender signed in."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message.recipients = envelope.rcpt_tos
        message.signed_in = session.authenticated
        self.messages.append(message)
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    valid = isinstance(auth_data, LoginPassword) and auth_data == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=valid)


@pytest.fixture
def smtp_server():
    """A real SMTP server on this machine's loopback, which accepts our user's password."""
    inbox = Inbox()
    server = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticate,
        auth_require_tls=False,  # loopback only; production refuses passwords over plain SMTP
    )
    server.start()
    inbox.url = f"smtp://{USER}:p%40ss%20word@127.0.0.1:{server.port}"
    yield inbox
    server.stop()


@pytest.fixture
def inbox(smtp_server, settings):
    """The site sends its mail to the test server, configured as production configures it."""
    for name, value in mail_settings(smtp_server.url, SENDER).items():
        setattr(settings, name, value)
    return smtp_server.messages


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp+tls://user%40example.com:p%2Fw@smtp.example",
            {
                "EMAIL_HOST": "smtp.example",
                "EMAIL_PORT": 587,
                "EMAIL_USE_TLS": True,
                "EMAIL_HOST_USER": "user@example.com",  # percent-decoded
                "EMAIL_HOST_PASSWORD": "p/w",
            },
        ),
        ("smtps://u:p@smtp.example", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("smtp+tls://u:p@smtp.example:2525", {"EMAIL_PORT": 2525, "EMAIL_USE_SSL": False}),
        ("smtp://127.0.0.1", {"EMAIL_PORT": 25, "EMAIL_USE_TLS": False, "EMAIL_HOST_USER": ""}),
        ("smtp://u:p@localhost:1025", {"EMAIL_HOST_USER": "u"}),
    ],
)
def test_mail_settings_from_email_url(url, expected):
    found = mail_settings(url, SENDER)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert expected.items() <= found.items()
    assert found["DEFAULT_FROM_EMAIL"] == found["SERVER_EMAIL"] == SENDER
    assert found["EMAIL_TIMEOUT"] == 10


@pytest.mark.parametrize(
    ("url", "sender", "problem"),
    [
        ("", SENDER, "Set EMAIL_URL"),
        ("mailto:someone@example.com", SENDER, "not mailto:"),
        ("smtp+tls://", SENDER, "names no mail server"),
        ("smtp+tls://user@smtp.example", SENDER, "both a user and a password"),
        ("smtp://user:secret@smtp.example", SENDER, "password unencrypted"),
        ("smtp+tls://smtp.example:port", SENDER, "not a valid address"),
        ("smtp+tls://u:p@smtp.example", "", "DEFAULT_FROM_EMAIL"),
        ("smtp+tls://u:p@smtp.example", "webmaster", "DEFAULT_FROM_EMAIL"),
    ],
)
def test_unusable_mail_settings_are_refused(url, sender, problem):
    with pytest.raises(ImproperlyConfigured, match=problem) as refused:
        mail_settings(url, sender)
    assert "secret" not in str(refused.value)


def run_in_production(code, **env):
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_usable_mail():
    started = run_in_production("", EMAIL_URL="")
    assert started.returncode != 0
    assert "Set EMAIL_URL" in started.stderr
    started = run_in_production("", DEFAULT_FROM_EMAIL="")
    assert started.returncode != 0
    assert "DEFAULT_FROM_EMAIL" in started.stderr

    # A trial on this machine's loopback writes its mail to standard output instead.
    trial = run_in_production(
        "from django.core.mail import send_mail; send_mail('Hi', 'Trial.', None, ['a@b.example'])",
        EMAIL_URL="",
        LOCAL_HTTP="true",
    )
    assert trial.returncode == 0, trial.stderr
    assert "Subject: Hi" in trial.stdout


def test_production_delivers_through_the_server_in_email_url(smtp_server):
    sent = run_in_production(
        "from django.core.mail import send_mail;"
        "send_mail('Testing the mail', 'It arrives.', None, ['chief@example.com'])",
        EMAIL_URL=smtp_server.url,
        DEFAULT_FROM_EMAIL=SENDER,
    )
    assert sent.returncode == 0, sent.stderr
    [message] = smtp_server.messages
    assert message["Subject"] == "Testing the mail"
    assert message["From"] == SENDER
    assert message.recipients == ["chief@example.com"]
    assert message.signed_in


def test_password_reset_mail_arrives(client, inbox, django_user_model):
    django_user_model.objects.create_user("chief", "chief@example.com", "old-password")
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "chief@example.com"})
    assert response.status_code == 302
    [message] = inbox
    assert message.recipients == ["chief@example.com"]
    assert "/admin/password_reset/confirm/" in message.get_content()


@pytest.fixture
def moderators(user_in):
    """Who may approve comments: a moderator and a site owner; an editor may not."""
    user_in("Editors")
    return sorted(user_in(group).email for group in ("Moderators", "Site owners"))


def notify(review, how):
    moderation = CommentSettings.for_site(review.get_site())
    moderation.moderator_email = how
    moderation.save()


def test_moderators_hear_of_each_comment_that_waits(review, post_comment, inbox, moderators):
    post_comment(review, name="Ellen & Co", body="The shadow on the stairs still gets me.")
    assert sorted(recipient for m in inbox for recipient in m.recipients) == moderators
    message = inbox[0]
    assert message["Subject"] == "The Projection Booth: 1 comment awaiting moderation"
    text = message.get_content()
    assert "Ellen & Co on “Nosferatu”" in text
    assert "The shadow on the stairs still gets me." in text
    assert "http://127.0.0.1:8000/admin/feedback/comment/?status__exact=pending" in text
    assert Comment.objects.get().moderators_told_at is not None

    post_comment(review, ip="198.51.100.2", homepage="http://bot.example/")  # spam: the digest's
    assert len(inbox) == len(moderators)


def test_the_daily_digest_lists_what_waits_and_what_the_spam_filter_held(
    review, post_comment, inbox, moderators
):
    notify(review, CommentSettings.ModeratorEmail.DAILY)
    post_comment(review, name="Ellen", body="First.")
    post_comment(review, name="Hutter", body="Second.", ip="198.51.100.2")
    post_comment(review, name="Bot", body="Buy now.", homepage="x", ip="198.51.100.3")
    assert inbox == []

    call_command("send_comment_digest", stdout=None)
    assert len(inbox) == len(moderators)
    text = inbox[0].get_content()
    assert inbox[0]["Subject"] == "The Projection Booth: 2 comments awaiting moderation"
    assert text.index("Ellen") < text.index("Hutter") < text.index("Held by the spam filter")
    assert "Bot on “Nosferatu” (filled in the hidden field)" in text

    call_command("send_comment_digest")
    assert len(inbox) == len(moderators)  # each comment is told once


def test_no_mail_when_the_site_wants_none(review, post_comment, inbox, moderators):
    notify(review, CommentSettings.ModeratorEmail.NEVER)
    post_comment(review)
    call_command("send_comment_digest")
    assert inbox == []


def test_mail_that_cannot_be_sent_loses_no_comment_and_is_sent_later(
    review, post_comment, smtp_server, settings, moderators, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    with caplog.at_level(logging.ERROR, logger="feedback.notices"):
        assert post_comment(review).status_code == 302
    assert "Could not e-mail moderators" in caplog.text
    assert Comment.objects.get().moderators_told_at is None
    with pytest.raises(CommandError, match="Could not e-mail moderators"):
        call_command("send_comment_digest")

    for name, value in mail_settings(smtp_server.url, SENDER).items():
        setattr(settings, name, value)
    call_command("send_comment_digest")
    assert "Ellen on “Nosferatu”" in smtp_server.messages[0].get_content()
    assert Comment.objects.get().moderators_told_at is not None

"""Mail settings from the environment, refused before the site starts if they could not send.

EMAIL_URL names the server the way DATABASE_URL and REDIS_URL do (user and password
percent-encoded):

    smtp+tls://user:password@smtp.example:587    STARTTLS (port 587 unless given)
    smtps://user:password@smtp.example:465       TLS from the start (port 465 unless given)
    smtp://127.0.0.1:25                          no encryption: a relay on this machine
    console://                                   write mail to standard output (trials only)

DEFAULT_FROM_EMAIL is the sender of everything the site sends (password resets, moderator
notices), e.g. `The Projection Booth <reviews@reviews.example>`.
"""

import ipaddress
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
# scheme: (default port, encryption settings)
SMTP_SCHEMES = {
    "smtp": (25, {}),
    "smtp+tls": (587, {"EMAIL_USE_TLS": True}),
    "smtps": (465, {"EMAIL_USE_SSL": True}),
}
TIMEOUT_SECONDS = 10  # Django waits forever by default; a reader's post must not


def refuse(problem):
    raise ImproperlyConfigured(f"{problem} (see docs/deploy.md, Mail).")


def is_loopback(host):
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sender(from_address):
    _, address = parseaddr(from_address)
    try:
        validate_email(address)
    except ValidationError:
        refuse(f"DEFAULT_FROM_EMAIL must be the address mail is sent from, not {from_address!r}")
    return from_address


def mail_settings(url, from_address):
    """Django's EMAIL_* settings for EMAIL_URL and DEFAULT_FROM_EMAIL."""
    if not url:
        refuse("Set EMAIL_URL to the mail server, e.g. smtp+tls://user:password@smtp.example:587")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        refuse("EMAIL_URL is not a valid address")
    if parts.scheme == "console":
        return {
            "EMAIL_BACKEND": CONSOLE,
            "DEFAULT_FROM_EMAIL": from_address or "webmaster@localhost",
        }
    if parts.scheme not in SMTP_SCHEMES:
        refuse(
            f"EMAIL_URL must be smtp+tls://, smtps://, smtp:// or console://, not {parts.scheme}:"
        )
    if not parts.hostname:
        refuse("EMAIL_URL names no mail server")
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    if bool(user) != bool(password):
        refuse("EMAIL_URL needs both a user and a password, or neither")
    if password and parts.scheme == "smtp" and not is_loopback(parts.hostname):
        refuse("EMAIL_URL would send the password unencrypted: use smtp+tls:// or smtps://")
    default_port, encryption = SMTP_SCHEMES[parts.scheme]
    from_address = sender(from_address)
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or default_port,
        "EMAIL_HOST_USER": user,
        "EMAIL_HOST_PASSWORD": password,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        **encryption,
        "EMAIL_TIMEOUT": TIMEOUT_SECONDS,
        "DEFAULT_FROM_EMAIL": from_address,
        "SERVER_EMAIL": from_address,
    }

"""Security headers on every response, production settings, and admin sign-in throttling."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("visit", ["miss", "hit"])
def test_public_pages_send_security_headers(client, review, visit):
    client.get(review.url)
    response = client.get(review.url)
    if visit == "miss":
        response = client.get(review.url + "?fresh")
    assert response["X-Page-Cache"] == visit
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "https://archive.org" in csp["frame-src"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_have_no_inline_script(client, review):
    html = client.get(review.url).text
    for chunk in html.split("<script")[1:]:
        attributes = chunk.split(">")[0]
        assert "src=" in attributes or 'type="application/ld+json"' in attributes


def test_admin_gets_the_policy_it_needs(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert "'unsafe-inline'" in directives(response)["script-src"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def production_env(**extra):
    local_only = ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in local_only}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 25 + "-production-looking-secret-" + "x" * 25,
        "ALLOWED_HOSTS": "reviews.example",
        "CSRF_TRUSTED_ORIGINS": "https://reviews.example",
        "WAGTAILADMIN_BASE_URL": "https://reviews.example",
        "EMAIL_URL": "smtp+tls://reviews:secret@smtp.reviews.example",
        "DEFAULT_FROM_EMAIL": "The Projection Booth <reviews@reviews.example>",
        **extra,
    }


def test_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_redirects_to_https_and_sends_hsts():
    # robots.txt needs no database, so this runs anywhere.
    code = (
        "from django.test import Client;"
        "r = Client().get('/robots.txt', HTTP_HOST='reviews.example');"
        "print(r.status_code, r['Location']);"
        "r = Client().get('/robots.txt', HTTP_HOST='reviews.example', secure=True);"
        "print(r.get('Strict-Transport-Security'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    redirect, hsts = result.stdout.strip().splitlines()
    assert redirect == "301 https://reviews.example/robots.txt"
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_admin_sign_in_is_throttled(client, settings, django_user_model):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_superuser("chief", "chief@example.com", "right-password")
    login = reverse("wagtailadmin_login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "chief", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post(login, {"username": "chief", "password": "wrong"})
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.text

    still_locked = client.post(login, {"username": "chief", "password": "right-password"})
    assert still_locked.status_code == 429
    other = client.post(login, {"username": "someone-else", "password": "wrong"})
    assert other.status_code == 200


def test_a_named_media_bucket_without_django_storages_is_a_clear_start_up_error():
    # django-storages is the optional "s3" group; the suite's environment does not have it.
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=production_env(AWS_STORAGE_BUCKET_NAME="reviews-media"),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "django-storages is not installed" in result.stderr


def test_media_hosts_are_allowed_by_the_content_security_policy():
    code = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=production_env(MEDIA_ORIGINS="https://media.example"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert "https://media.example" in result.stdout

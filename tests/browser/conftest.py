"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from tests.conftest import COMMITTED_DB

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / ".cache/browser-js/node_modules/axe-core/axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct-horse-battery-staple"


def pytest_collection_modifyitems(config, items):
    browser_tests = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker(COMMITTED_DB)  # the live server reads from another thread
    if not CHROMIUM.exists():
        skip = pytest.mark.skip(
            reason=f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
        )
        for item in browser_tests:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    # bypass_csp lets the tests inject axe-core; the pages themselves keep their policy.
    return {**browser_context_args, "base_url": live_server.url, "bypass_csp": True}


@pytest.fixture(scope="session")
def playwright(playwright, migrated_data):
    """Playwright's event loop gives this thread a new context, and with it new database
    connection objects; hand them the copy of the migrated data Django restores between tests."""
    connections[DEFAULT_DB_ALIAS]._test_serialized_contents = migrated_data
    return playwright


@pytest.fixture
def site(transactional_db):
    """The demo publication, rebuilt for each test (the live server's database is flushed)."""
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def staff_member(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def log_in(page):
    def log_in_as(user):
        page.context.clear_cookies()
        page.goto("/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")

    return log_in_as

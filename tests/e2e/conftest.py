"""Browser tests: Playwright (the Python package only) driving Debian's Chromium.

Playwright's own browser downloads are never used: `CHROMIUM_PATH` (default
/usr/bin/chromium) names the executable. Without it the tests are skipped, unless
`KB_REQUIRE_E2E=1`, where a missing browser is a failure.

The browser lives as long as the e2e package runs, not the whole session: while Playwright's
sync API runs, the main thread has a running event loop, so Django refuses ORM calls there
unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and asgiref keeps a separate set of database
connections for that "async" context. Both are undone when the last browser test ends, so the
tests that run after these (and the subprocesses they start) see a normal environment.
"""

import os
import shutil

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def _unavailable(reason: str):
    if os.environ.get("KB_REQUIRE_E2E") == "1":
        pytest.fail(f"{reason} (KB_REQUIRE_E2E=1 requires the browser tests to run)")
    pytest.skip(reason)


def _chromium_executable() -> str | None:
    if os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK):
        return CHROMIUM_PATH
    return shutil.which(CHROMIUM_PATH)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium shared by all the browser tests."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    executable = _chromium_executable()
    if executable is None:
        _unavailable(
            f"Chromium not found at {CHROMIUM_PATH} "
            "(apt-get install chromium, or set CHROMIUM_PATH)"
        )

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        from django.db import connections

        connections.close_all()  # the connections opened while the event loop ran
        playwright.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def tab(browser):
    """A fresh browser context and tab, as a Vietnamese-speaking reader on a desktop."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site_structure(live_server):
    """The site skeleton, in a database the live server sees (committed, not rolled back).

    A transactional test starts from whatever the previous one left: after a flush, even what
    migrations loaded (Wagtail's locale, root page and root collection) is gone, so it is put
    back here before the home and index pages are built.
    """
    from kb.home.structure import ensure_site_structure

    ensure_wagtail_roots()
    return ensure_site_structure()


def ensure_wagtail_roots() -> None:
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))

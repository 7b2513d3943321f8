"""The Content Security Policy and the login throttling, as a person meets them in Chromium:
the reader site's own script (search suggestions) runs with its nonce, Wagtail's editor works
under the admin policy, nothing is refused by the policy, and guessing passwords locks the
login with a Vietnamese explanation."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from tests.factories import ExemplarPageFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-bien-tap-2026"  # noqa: S105


def csp_violations(tab) -> list[str]:
    """Chromium reports every script, style or frame the policy refused on the console."""
    refused: list[str] = []
    tab.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def login(tab, base: str, username: str, password: str) -> None:
    tab.goto(base + "/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(password)
    tab.locator("form button[type=submit]").click()


def test_reader_scripts_and_the_wagtail_editor_run_under_the_policy(
    live_server, tab, site_structure
):
    from tests.factories import InitiativePageFactory

    InitiativePageFactory(title="Cấp thẻ bảo hiểm y tế cho học sinh")
    page = ExemplarPageFactory(title="Tổ Thu nợ BHXH huyện Diễn Châu")
    UserFactory(username="bientap", password=PASSWORD, is_staff=True, is_superuser=True)
    refused = csp_violations(tab)

    response = tab.goto(live_server.url + "/search/")
    assert "'nonce-" in response.headers["content-security-policy"]
    tab.locator("#search-q").fill("cap the")
    # the suggestions come from the page's inline script, allowed by its nonce
    expect(tab.locator("#search-suggestions option")).to_have_count(1)

    login(tab, live_server.url, "bientap", PASSWORD)
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    response = tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    # Wagtail's inline panel (its own inline script) adds a title row
    tab.locator("#id_titles-ADD").click()
    expect(tab.locator("#id_titles-TOTAL_FORMS")).to_have_value("1")
    tab.locator("#id_titles-ADD").click()
    expect(tab.locator("#id_titles-TOTAL_FORMS")).to_have_value("2")
    tab.locator("#id_titles-1-DELETE-button").click() if tab.locator(
        "#id_titles-1-DELETE-button"
    ).count() else None
    tab.locator("#id_title").fill("Tổ Thu nợ BHXH huyện Diễn Châu (sửa)")
    tab.locator("#id_titles-0-DELETE-button").click() if tab.locator(
        "#id_titles-0-DELETE-button"
    ).count() else None
    tab.locator("button.action-save").first.click()
    expect(tab.locator(".messages")).to_contain_text("Tổ Thu nợ BHXH huyện Diễn Châu (sửa)")

    assert refused == [], "\n".join(refused)


def test_guessing_passwords_locks_the_login_even_for_the_right_password(
    live_server, tab, site_structure
):
    UserFactory(username="canbo", password=PASSWORD, is_staff=True)
    for attempt in range(4):
        login(tab, live_server.url, "canbo", f"doan-sai-{attempt}")
        expect(tab.locator("#id_password")).to_be_visible()
    login(tab, live_server.url, "canbo", "doan-sai-lan-cuoi")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Tạm khóa đăng nhập")

    login(tab, live_server.url, "canbo", PASSWORD)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Tạm khóa đăng nhập")
    expect(tab.get_by_role("alert")).to_contain_text("kể cả khi nhập đúng mật khẩu")
    expect(tab.get_by_text("Vui lòng thử lại sau 15 phút")).to_be_visible()
    tab.goto(live_server.url + "/admin/")
    expect(tab).to_have_url(re.compile(r"/admin/login/"))

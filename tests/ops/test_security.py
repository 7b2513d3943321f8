import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "dung-mat-khau-2026"


@pytest.fixture
def officer(db):
    return UserFactory(username="canbo.thidua", password=PASSWORD, is_superuser=True)


def _wagtail_login(client, password):
    return client.post(
        reverse("wagtailadmin_login"), {"username": "canbo.thidua", "password": password}
    )


@pytest.mark.django_db
def test_wrong_passwords_lock_the_admin_login_even_for_the_right_one(client, officer, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _wagtail_login(client, f"sai-{attempt}")
        assert response.status_code == 200  # the form again, with its error
    response = _wagtail_login(client, "sai-lan-cuoi")
    assert response.status_code == 429
    locked = _wagtail_login(client, PASSWORD)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "nhập sai mật khẩu 5 lần" in html
    assert "kể cả khi nhập đúng mật khẩu" in html
    assert "thử lại sau 15 phút" in html
    assert "_auth_user_id" not in client.session
    # the refused right password counts as one more attempt while locked
    assert AccessAttempt.objects.get(username="canbo.thidua").failures_since_start == 6


@pytest.mark.django_db
def test_the_django_admin_login_is_throttled_too(client, officer, settings):
    url = reverse("admin:login")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "canbo.thidua", "password": f"sai-{attempt}"})
    response = client.post(url, {"username": "canbo.thidua", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_a_right_password_before_the_limit_logs_in_and_forgets_the_failures(client, officer):
    for attempt in range(3):
        _wagtail_login(client, f"sai-{attempt}")
    response = _wagtail_login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert not AccessAttempt.objects.filter(username="canbo.thidua").exists()


@pytest.mark.django_db
def test_one_person_guessing_does_not_lock_another_address(client, officer, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _wagtail_login(client, f"sai-{attempt}")
    other = client.__class__(REMOTE_ADDR="10.20.30.40")
    response = other.post(
        reverse("wagtailadmin_login"), {"username": "canbo.thidua", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_behind_the_proxy_the_client_address_is_the_one_nginx_appended(rf):
    from kb.ops.auth import client_ip

    proxied = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.7")
    assert client_ip(proxied) == "10.0.0.7"
    direct = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(direct) == "10.0.0.9"  # not from our proxy: the header is not trusted


@pytest.mark.django_db
def test_reader_pages_allow_only_our_scripts_and_the_nonce(client, site_structure):
    response = client.get(reverse("search"), {"q": "bảo hiểm"})
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html
    # a new nonce for every response
    again = client.get(reverse("search"))["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" not in again


@pytest.mark.django_db
def test_the_admin_policy_allows_wagtails_inline_scripts_without_a_nonce(client, officer):
    client.force_login(officer)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "nonce-" not in policy
    assert "object-src 'none'" in policy

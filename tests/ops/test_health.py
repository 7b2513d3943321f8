from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

SECRET = "mat-khau-bi-mat-42"


@pytest.mark.django_db
def test_health_reports_each_part_as_json(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["search"]["detail"] == "embedded"


@pytest.mark.django_db
def test_database_failure_is_503(client):
    with mock.patch(
        "kb.ops.health.connection.cursor", side_effect=OperationalError("server closed")
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {**body["checks"]["database"], "ok": False}
    assert body["checks"]["database"]["detail"] == "OperationalError"
    assert body["checks"]["cache"]["ok"]


@pytest.mark.django_db
def test_unreachable_redis_is_503_and_the_password_is_not_shown(client, settings):
    # A real Redis client against a closed port: nothing listens on 127.0.0.1:9.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://:{SECRET}@127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert SECRET not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_elasticsearch_down_leaves_the_site_up_but_degraded(client, settings):
    """Search falls back on the embedded index, so the load balancer must keep the server."""
    settings.ELASTICSEARCH_URL = f"http://elastic:{SECRET}@127.0.0.1:9"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["ok"] is False
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert SECRET not in response.content.decode()


def test_health_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405

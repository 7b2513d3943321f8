"""What /healthz checks: the database, the shared cache and the search engine.

Each check returns a `Check` with a short, secret-free detail (never a URL, a host name or a
password: the endpoint is public so that a load balancer can call it).
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection

logger = logging.getLogger(__name__)


@dataclass
class Check:
    ok: bool
    detail: str
    ms: float
    # A failing check that is not critical leaves the site "degraded" (still 200): search
    # falls back on the embedded index when Elasticsearch does not answer.
    critical: bool = True

    def as_dict(self) -> dict:
        return {"ok": self.ok, "detail": self.detail, "ms": round(self.ms, 1)}


def _timed(name: str, probe, critical: bool = True) -> Check:
    start = time.perf_counter()
    try:
        detail = probe()
        ok = True
    except Exception as error:  # noqa: BLE001 - any failure is what the endpoint reports
        logger.warning("health check %s failed: %s", name, error)
        detail = f"{type(error).__name__}"
        ok = False
    return Check(ok, detail, (time.perf_counter() - start) * 1000, critical)


def check_database() -> Check:
    def probe() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return connection.vendor

    return _timed("database", probe)


def check_cache() -> Check:
    def probe() -> str:
        cache = caches["default"]
        key = f"kb:healthz:{uuid.uuid4().hex}"
        cache.set(key, "1", 10)
        if cache.get(key) != "1":
            raise RuntimeError("value written was not read back")
        cache.delete(key)
        return cache.__class__.__name__

    return _timed("cache", probe)


def check_search() -> Check:
    def probe() -> str:
        if not getattr(settings, "ELASTICSEARCH_URL", ""):
            from search.models import SearchDocument

            SearchDocument.objects.exists()
            return "embedded"
        from search.backends.elasticsearch import ElasticsearchBackend

        client = ElasticsearchBackend().client.options(request_timeout=2)
        health = client.cluster.health()
        status = health["status"]
        if status == "red":
            raise RuntimeError("cluster status red")
        return f"elasticsearch {status}"

    return _timed("search", probe, critical=False)


def run_checks() -> tuple[str, dict[str, Check]]:
    """Overall status ("ok", "degraded" or "error") and each check."""
    checks = {"database": check_database(), "cache": check_cache(), "search": check_search()}
    if any(not c.ok and c.critical for c in checks.values()):
        return "error", checks
    if any(not c.ok for c in checks.values()):
        return "degraded", checks
    return "ok", checks

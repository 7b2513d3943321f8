"""Two councillors deciding at the same moment: one wins, the other is told, nothing mixes.

The services lock the pact or the sheet row (SELECT … FOR UPDATE) and compare the version the
screen was opened with; this needs PostgreSQL's row locks and real concurrent connections."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connections

from kb.emulation import services
from kb.emulation.models import ScoreLine, ScoreSheet
from tests.emulation.conftest import build_cluster

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (row locks between concurrent connections)",
    ),
    pytest.mark.django_db(transaction=True),
]


def race(*jobs):
    """Run the jobs at once; each result is "saved" or the refusal's message."""
    barrier = threading.Barrier(len(jobs))
    results = []

    def run(job):
        try:
            barrier.wait()
            job()
            results.append("saved")
        except services.EmulationError as exc:
            results.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def slow(monkeypatch, name):
    """Widen the window between reading and writing, as a slow request would."""
    original = getattr(services, name)

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(services, name, wrapped)


def test_two_adjustments_from_the_same_screen_cannot_both_win(monkeypatch):
    cluster = build_cluster()
    services.ensure_sheets(cluster.pact)
    sheet = ScoreSheet.objects.get(pact=cluster.pact, unit=cluster.units["QB"])
    cid = cluster.criteria["1.1"].pk
    slow(monkeypatch, "_locked_sheet")
    results = race(
        lambda: services.adjust(sheet, {cid: services.Adjustment("10", "A")}, version=0),
        lambda: services.adjust(sheet, {cid: services.Adjustment("12", "B")}, version=0),
    )
    assert results.count("saved") == 1
    assert any("vừa được người khác cập nhật" in r for r in results)
    line = ScoreLine.objects.get(sheet=sheet, criterion_id=cid)
    assert (line.council_points, line.council_reason) in {(10, "A"), (12, "B")}
    assert ScoreSheet.objects.get(pk=sheet.pk).version == 1


def test_two_councillors_locking_at_once_lock_once(monkeypatch):
    cluster = build_cluster()
    for sheet in services.ensure_sheets(cluster.pact):
        services.save_self_score(
            sheet, {c.pk: services.SelfScore("1") for c in cluster.criteria.values()}
        )
    slow(monkeypatch, "ensure_sheets")
    results = race(
        lambda: services.lock_results(cluster.pact),
        lambda: services.lock_results(cluster.pact),
    )
    assert results.count("saved") == 1
    assert any("Kết quả đã được khoá lúc" in r for r in results)
    from wagtail.log_actions import registry

    assert registry.get_logs_for_instance(cluster.pact).filter(action="emulation.lock").count() == 1

"""Two officers entering the last seat of a unit at the same time: one is refused.

The service locks the conference row (SELECT … FOR UPDATE) before it counts; this needs
PostgreSQL's row locks and real concurrent connections, so it runs there only.
"""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.db import connections

from kb.conferences import services
from kb.conferences.models import Delegate
from kb.units.models import UnitLevel
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import ConferencePageFactory, UnitFactory

# Skipped before any fixture runs, so that on SQLite no transactional flush happens either.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (row locks between concurrent connections)",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_officers_cannot_both_take_the_last_seat(monkeypatch):
    from kb.home.structure import ensure_site_structure

    ensure_wagtail_roots()
    ensure_site_structure()
    province = UnitFactory(code="C-P", level=UnitLevel.PROVINCE, staff_count=100)
    district = UnitFactory(code="C-D", level=UnitLevel.DISTRICT, parent=province, staff_count=5)
    conference = ConferencePageFactory(
        level="province", unit=province, date=datetime.date(2025, 4, 1), capacity=1
    )
    services.run_allocation(conference)  # the district's one seat

    # Widen the window between the check and the insert, as a slow request would.
    check = services._check_room

    def slow_check(*args, **kwargs):
        check(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(services, "_check_room", slow_check)
    barrier = threading.Barrier(2)
    results = []

    def enter(name):
        try:
            barrier.wait()
            services.add_delegate(conference, category="elected", unit=district, full_name=name)
            results.append("saved")
        except services.PlanningError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enter, args=(n,)) for n in ("Người A", "Người B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == ["refused", "saved"]
    assert Delegate.objects.filter(conference=conference, unit=district).count() == 1

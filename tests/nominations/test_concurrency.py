"""Two reviewers at once: on the same dossier only one decision is recorded, and two dossiers
of the same cluster cannot both pass its one-flag quota. Needs PostgreSQL's row locks between
real concurrent connections, so it runs there only."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connections

from kb.emulation.models import EmulationGroup, EmulationMembership
from kb.nominations import facts, services
from kb.nominations.models import Decision, Nomination, NomineeKind
from kb.taxonomy.models import Title
from kb.users import roles
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import UserFactory

from .conftest import YEAR, build_world

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (row locks between concurrent connections)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def world():
    from kb.nominations.defaults import ensure_route_and_rules

    ensure_wagtail_roots()
    ensure_route_and_rules()
    for role in roles.ALL_ROLES:
        from django.contrib.auth.models import Group

        Group.objects.get_or_create(name=role)
    return build_world()


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    results = []

    def run(call):
        try:
            barrier.wait()
            call()
            results.append("decided")
        except services.DecisionRefused:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(results)


def slow_findings(monkeypatch):
    """Widen the window between reading the dossier and writing the decision."""
    original = facts.findings_for

    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(0.4)
        return result

    monkeypatch.setattr(facts, "findings_for", slow)


def test_two_reviewers_deciding_the_same_dossier_one_wins(world, monkeypatch):
    u = world.users
    nomination = Nomination(
        year=YEAR,
        nominee_kind=NomineeKind.INDIVIDUAL,
        title=world.cstd_nganh,
        proposing_unit=world.district,
        nominee_unit=world.district,
        nominee_name=world.exemplar.title,
        exemplar=world.exemplar,
    )
    services.save_dossier(nomination, u.officer, initiatives=[world.initiative])
    services.submit(nomination, u.officer)
    nomination.refresh_from_db()
    second_member = UserFactory(
        username="council_d01_b", roles=[roles.COUNCIL_MEMBER], unit=world.district
    )
    slow_findings(monkeypatch)
    version = nomination.version
    vote = services.VoteInput(9, 0, 9)
    results = run_together(
        lambda: services.decide(
            nomination, u.council_unit, "approve", comment="Đồng ý", version=version, vote=vote
        ),
        lambda: services.decide(
            nomination, second_member, "approve", comment="Đồng ý", version=version, vote=vote
        ),
    )
    assert results == ["decided", "refused"]
    assert Decision.objects.filter(nomination=nomination, action="approve").count() == 1


def test_two_provinces_of_one_cluster_cannot_both_pass_the_flag_quota(world, monkeypatch):
    u = world.users
    group = EmulationGroup.objects.create(kind="cluster", name="Cụm 2", year=YEAR)
    EmulationMembership.objects.create(group=group, unit=world.province)
    EmulationMembership.objects.create(group=group, unit=world.province_2)
    flag = Title.objects.get(code="co-bhxh")
    officer_p2 = UserFactory(
        username="officer_p02", roles=[roles.UNIT_OFFICER], unit=world.province_2
    )
    dossiers = []
    for province, officer in ((world.province, u.officer_province), (world.province_2, officer_p2)):
        nomination = Nomination(
            year=YEAR,
            nominee_kind=NomineeKind.COLLECTIVE,
            title=flag,
            proposing_unit=province,
            nominee_unit=province,
            nominee_name=province.name,
            group_rank=1,
        )
        services.save_dossier(nomination, officer)
        services.submit(nomination, officer)
        nomination.refresh_from_db()
        dossiers.append(nomination)
    slow_findings(monkeypatch)
    vote = services.VoteInput(9, 0, 9)
    first, second = dossiers
    results = run_together(
        lambda: services.decide(
            first, u.council_province, "approve", comment="Đồng ý", version=first.version, vote=vote
        ),
        lambda: services.decide(
            second, u.council_other, "approve", comment="Đồng ý", version=second.version, vote=vote
        ),
    )
    assert results == ["decided", "refused"]
    assert Nomination.objects.filter(title=flag, reached_level__gte=3).count() == 1

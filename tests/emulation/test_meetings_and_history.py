"""The group's meetings with minutes, the election of next year's leader and deputy, a unit's
results across the years, and the pact edited in the admin."""

import datetime
from decimal import Decimal as D

import pytest

from kb.emulation import services
from kb.emulation.models import EmulationGroup, Meeting, Pact
from kb.emulation.services import EmulationError, SelfScore

BASE = "/admin/emulation-scores/"


def test_the_leader_records_the_year_end_summary_and_next_years_leaders(client, cluster, users):
    client.force_login(users.na)
    response = client.post(
        f"{BASE}{cluster.group.pk}/meetings/add/",
        {
            "kind": "year_end",
            "date": "2025-12-12",
            "topic": "Tổng kết phong trào thi đua năm 2025",
            "host": cluster.units["QB"].pk,
            "minutes": "Các đơn vị thống nhất kết quả chấm điểm.\n<script>alert(1)</script>",
        },
        follow=True,
    )
    meeting = Meeting.objects.get(group=cluster.group)
    assert meeting.host == cluster.units["QB"]
    page = response.content.decode()
    assert "Các đơn vị thống nhất kết quả chấm điểm." in page
    assert "<script>alert(1)</script>" not in page

    response = client.post(
        f"{BASE}{cluster.group.pk}/meetings/{meeting.pk}/",
        {"leader": cluster.units["QB"].pk, "deputy": cluster.units["TH"].pk},
        follow=True,
    )
    successor = EmulationGroup.objects.get(name="Cụm thi đua số 3", year=2026)
    assert (successor.leader, successor.deputy) == (cluster.units["QB"], cluster.units["TH"])
    assert {m.unit.code for m in successor.memberships.all()} == {"NA", "HT", "QB", "TH"}
    assert "Cụm thi đua số 3 (2026): trưởng BHXH tỉnh Quảng Bình, phó BHXH tỉnh Thanh Hoá" in (
        response.content.decode()
    )
    # The election happens once; the group's log shows it.
    meeting.refresh_from_db()
    with pytest.raises(EmulationError, match="đã bầu"):
        services.elect_next_year(
            meeting, leader=cluster.units["NA"], deputy=cluster.units["HT"], user=users.na
        )
    group_page = client.get(f"{BASE}{cluster.group.pk}/").content.decode()
    assert "Năm 2026: trưởng BHXH tỉnh Quảng Bình, phó BHXH tỉnh Thanh Hoá" in group_page


def test_elections_only_at_the_year_end_and_among_members(cluster, users):
    mid = services.record_meeting(
        cluster.group, user=users.na, kind="mid_year", date=datetime.date(2025, 7, 3), online=True
    )
    with pytest.raises(EmulationError, match="Chỉ hội nghị tổng kết"):
        services.elect_next_year(mid, leader=cluster.units["QB"], deputy=cluster.units["TH"])
    end = services.record_meeting(
        cluster.group, user=users.na, kind="year_end", date=datetime.date(2025, 12, 12)
    )
    with pytest.raises(EmulationError, match="không phải thành viên"):
        services.elect_next_year(end, leader=cluster.outsider, deputy=cluster.units["TH"])
    with pytest.raises(EmulationError, match="phải khác"):
        services.elect_next_year(end, leader=cluster.units["TH"], deputy=cluster.units["TH"])


def test_members_cannot_record_meetings(client, cluster, users):
    client.force_login(users.qb)
    assert client.get(f"{BASE}{cluster.group.pk}/meetings/add/").status_code == 404
    meeting = services.record_meeting(
        cluster.group, kind="year_end", date=datetime.date(2025, 12, 12)
    )
    page = client.get(f"{BASE}{cluster.group.pk}/meetings/{meeting.pk}/").content.decode()
    assert "Ghi kết quả bầu" not in page
    response = client.post(
        f"{BASE}{cluster.group.pk}/meetings/{meeting.pk}/",
        {"leader": cluster.units["QB"].pk, "deputy": cluster.units["TH"].pk},
    )
    assert response.status_code == 404
    assert not EmulationGroup.objects.filter(year=2026).exists()


def _score_and_lock(cluster, per_unit):
    services.ensure_sheets(cluster.pact)
    for code, value in per_unit.items():
        sheet = cluster.pact.sheets.get(unit=cluster.units[code])
        services.save_self_score(
            sheet, {c.pk: SelfScore(str(min(value, c.max_points)) if c.kind == "score" else "0")
                    for c in cluster.criteria.values()},
        )  # fmt: skip
    services.lock_results(cluster.pact)


def test_a_unit_sees_its_results_year_on_year(client, cluster, users):
    from tests.emulation.conftest import build_cluster

    _score_and_lock(cluster, {"NA": 10, "HT": 8, "QB": 6, "TH": 4})
    # The next year the same cluster again (its units are reused by code).
    later = build_cluster(2026)
    _score_and_lock(later, {"NA": 7, "HT": 9, "QB": 6, "TH": 5})

    rows = services.unit_history(cluster.units["NA"], kind="cluster")
    assert [(y, total, rank) for y, _, total, rank, _ in rows] == [
        (2025, D(30), 1), (2026, D(21), 2),
    ]  # fmt: skip
    client.force_login(users.na)
    page = client.get(f"{BASE}{later.group.pk}/units/{cluster.units['NA'].pk}/history/")
    text = page.content.decode()
    assert 'role="img"' in text
    assert "hạng 2/4" in text
    assert "<td>2025</td><td>Cụm thi đua số 3</td><td>30</td><td>1/4</td>" in text


def test_the_locked_years_charts_and_ranking_show_to_members(client, cluster, users):
    _score_and_lock(cluster, {"NA": 10, "HT": 8, "QB": 6, "TH": 4})
    client.force_login(users.th)
    page = client.get(f"{BASE}{cluster.group.pk}/").content.decode()
    assert "Bảng xếp hạng" in page
    assert "Quy tắc xếp hạng" in page
    assert "Nếu bằng tổng điểm: đơn vị có tổng điểm các phần trọng tâm cao hơn xếp trên." in page
    assert "Điểm theo phần tiêu chí – Cụm thi đua số 3 2025" in page
    ranking = client.get(f"{BASE}{cluster.group.pk}/ranking.xlsx")
    assert ranking.status_code == 200


def test_the_office_writes_a_pact_with_sections_and_criteria_in_the_admin(client, cluster, users):
    group = EmulationGroup.objects.create(kind="block", name="Khối các ban", year=2025)
    client.force_login(users.office)
    prefix_s = "sections"
    data = {
        "group": group.pk, "self_score_deadline": "2025-12-10", "bonus_cap": "5",
        "deduction_cap": "", "signed_on": "", "note": "",
        f"{prefix_s}-TOTAL_FORMS": "1", f"{prefix_s}-INITIAL_FORMS": "0",
        f"{prefix_s}-MIN_NUM_FORMS": "0", f"{prefix_s}-MAX_NUM_FORMS": "1000",
        f"{prefix_s}-0-code": "I", f"{prefix_s}-0-title": "Nhiệm vụ chuyên môn",
        f"{prefix_s}-0-is_core": "on", f"{prefix_s}-0-ORDER": "1", f"{prefix_s}-0-id": "",
        f"{prefix_s}-0-DELETE": "",
        f"{prefix_s}-0-criteria-TOTAL_FORMS": "2", f"{prefix_s}-0-criteria-INITIAL_FORMS": "0",
        f"{prefix_s}-0-criteria-MIN_NUM_FORMS": "0",
        f"{prefix_s}-0-criteria-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for i, (code, points) in enumerate((("1.1", "30"), ("1.2", "20"))):
        c = f"{prefix_s}-0-criteria-{i}-"
        data.update({c + "code": code, c + "text": f"Tiêu chí {code}", c + "kind": "score",
                     c + "max_points": points, c + "guidance": "", c + "ORDER": str(i + 1),
                     c + "id": "", c + "DELETE": ""})  # fmt: skip
    response = client.post("/admin/snippets/emulation/pact/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    listing = client.get("/admin/snippets/emulation/pact/").content.decode()
    assert "Giao ước Khối các ban (2025)" in listing
    pact = Pact.objects.get(group=group)
    assert [(c.section.code, c.code, c.max_points) for c in pact.criteria()] == [
        ("I", "1.1", D(30)), ("I", "1.2", D(20)),
    ]  # fmt: skip


def test_a_locked_pact_and_duplicate_criterion_codes_are_refused(cluster):
    from django.core.exceptions import ValidationError

    cluster.criteria["2.1"].code = "1.1"
    cluster.criteria["2.1"].save()
    with pytest.raises(ValidationError, match="bị trùng: 1.1"):
        cluster.pact.full_clean()
    cluster.criteria["2.1"].code = "2.1"
    cluster.criteria["2.1"].save()
    _score_and_lock(cluster, {"NA": 10, "HT": 8, "QB": 6, "TH": 4})
    with pytest.raises(ValidationError, match="đã khoá"):
        Pact.objects.get(pk=cluster.pact.pk).full_clean()

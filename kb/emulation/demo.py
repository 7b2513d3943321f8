"""Demo data for emulation scoring: one cluster's pact and scores over two years.

``load_demo_scoring()`` takes the first cluster the demo created ("Cụm thi đua số 1" of the
latest year), gives it a leader and deputy if it has none, and writes:

- the year before: the same cluster, its pact, every member's scores, locked (so that the
  year-on-year view has two points);
- the latest year: its pact, every member's self-scores, one discrepancy flagged by the
  leader, one adjustment by the council, the mid-year review and the year-end summary;
  the results are left unlocked, for the council to lock and open the nominations on screen.

Idempotent: a cluster year that already has a pact is left as it is. The figures come from a
seeded random generator, the same on every run.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction

from . import services
from .models import (
    Criterion,
    EmulationGroup,
    EmulationMembership,
    GroupKind,
    MeetingKind,
    Pact,
    PactSection,
)

# section code, title, core, [(criterion code, text, kind, max points)]
PACT_SECTIONS = [
    ("I", "Thực hiện nhiệm vụ chuyên môn", True, [
        ("1.1", "Tỷ lệ bao phủ BHXH, BHYT so với kế hoạch được giao", "score", 25),
        ("1.2", "Giảm tỷ lệ nợ đóng BHXH, BHYT, BHTN", "score", 15),
        ("1.3", "Giải quyết, chi trả chế độ đúng hạn", "score", 15),
    ]),
    ("II", "Cải cách hành chính và chuyển đổi số", True, [
        ("2.1", "Tỷ lệ hồ sơ giao dịch điện tử, dịch vụ công trực tuyến", "score", 15),
        ("2.2", "Mức độ hài lòng của người dân, doanh nghiệp", "score", 10),
    ]),
    ("III", "Xây dựng đơn vị và phong trào thi đua", False, [
        ("3.1", "Tổ chức phong trào thi đua, nhân rộng điển hình", "score", 10),
        ("3.2", "Công tác đảng, đoàn thể, văn hoá công sở", "score", 10),
    ]),
    ("IV", "Điểm thưởng, điểm trừ", False, [
        ("T.1", "Vượt kế hoạch thu trên 2%", "bonus", 5),
        ("T.2", "Có sáng kiến được công nhận hiệu quả cấp ngành", "bonus", 5),
        ("D.1", "Để xảy ra sai phạm bị cơ quan có thẩm quyền kết luận", "deduction", 10),
    ]),
]  # fmt: skip


def _pact(group: EmulationGroup) -> Pact:
    pact = Pact.objects.create(
        group=group,
        signed_on=datetime.date(group.year, 2, 20),
        self_score_deadline=datetime.date(group.year, 12, 10),
        bonus_cap=Decimal(8),
        deduction_cap=Decimal(10),
        note="Giao ước ký tại hội nghị phát động thi đua đầu năm.",
    )
    for s_order, (code, title, core, criteria) in enumerate(PACT_SECTIONS):
        section = PactSection.objects.create(
            pact=pact, code=code, title=title, is_core=core, sort_order=s_order
        )
        for c_order, (c_code, text, kind, points) in enumerate(criteria):
            Criterion.objects.create(
                section=section, code=c_code, text=text, kind=kind,
                max_points=Decimal(points), sort_order=c_order,
            )  # fmt: skip
    return pact


def _figures(rng: random.Random, criterion: Criterion, strength: float) -> Decimal:
    top = float(criterion.max_points)
    if criterion.kind == "score":
        value = top * min(1.0, max(0.5, strength + rng.uniform(-0.08, 0.05)))
    elif criterion.kind == "bonus":
        value = rng.choice([0, 0, 1, 2, 3, 5]) * strength
    else:
        value = rng.choice([0, 0, 0, 0, 2])
    return Decimal(str(round(min(value, top) * 2) / 2))  # to the half point


def _score_all(pact: Pact, rng: random.Random) -> None:
    criteria = list(pact.criteria())
    for sheet in services.ensure_sheets(pact):
        strength = rng.uniform(0.78, 0.97)
        staff = sheet.unit.staff_count or rng.randint(80, 400)
        services.save_self_score(
            sheet,
            {c.pk: services.SelfScore(_figures(rng, c, strength), _note(c)) for c in criteria},
            staff_count=staff,
            women_count=int(staff * rng.uniform(0.45, 0.7)),
            submit=True,
            today=pact.self_score_deadline,
        )


def _note(criterion: Criterion) -> str:
    if criterion.kind == "deduction":
        return "Không có sai phạm trong năm."
    return "Số liệu theo báo cáo tổng hợp năm của đơn vị."


def _cluster_of_year(group: EmulationGroup, year: int) -> EmulationGroup:
    earlier, created = EmulationGroup.objects.get_or_create(
        kind=group.kind, name=group.name, year=year,
        defaults={"leader": group.deputy, "deputy": group.leader},
    )  # fmt: skip
    if created:
        EmulationMembership.objects.bulk_create(
            [
                EmulationMembership(group=earlier, unit_id=m.unit_id, sort_order=m.sort_order)
                for m in group.memberships.all()
            ]
        )
    return earlier


@transaction.atomic
def load_demo_scoring(seed: int = 2026) -> EmulationGroup | None:
    """Write the demo's scoring year (see the module's docstring); returns the cluster, or
    None when the demo has no cluster with at least three members."""
    rng = random.Random(seed)  # noqa: S311 - demo figures, not secrets
    group = next(
        (
            g
            for g in EmulationGroup.objects.filter(kind=GroupKind.CLUSTER).order_by("-year", "name")
            if g.memberships.count() >= 3
        ),
        None,
    )
    if group is None:
        return None
    units = services.members(group)
    if group.leader_id is None or group.deputy_id is None:
        group.leader, group.deputy = units[0], units[1]
        group.save(update_fields=["leader", "deputy"])

    earlier = _cluster_of_year(group, group.year - 1)
    if not Pact.objects.filter(group=earlier).exists():
        pact = _pact(earlier)
        _score_all(pact, rng)
        services.lock_results(pact)

    if Pact.objects.filter(group=group).exists():
        return group
    pact = _pact(group)
    _score_all(pact, rng)
    sheets = services.ensure_sheets(pact)
    reviewed = sheets[-1]
    criterion = pact.criteria().get(code="1.2")
    line = reviewed.lines.get(criterion=criterion)
    proposed = max(Decimal(0), (line.self_points or Decimal(0)) - 2)
    reviewed.refresh_from_db()
    services.save_review(
        reviewed,
        {criterion.pk: services.Review(True, proposed,
                                       "Số nợ đóng cuối năm cao hơn số đơn vị báo cáo.")},
    )  # fmt: skip
    reviewed.refresh_from_db()
    services.adjust(
        reviewed,
        {criterion.pk: services.Adjustment(proposed, "Theo số liệu đối chiếu của Ban Thu.")},
    )
    services.record_meeting(
        group, kind=MeetingKind.MID_YEAR, date=datetime.date(group.year, 7, 15), online=True,
        topic="Sơ kết 6 tháng đầu năm", host=units[0],
        minutes="Các đơn vị báo cáo tiến độ; hai đơn vị còn chậm chỉ tiêu giảm nợ đóng.",
    )  # fmt: skip
    services.record_meeting(
        group, kind=MeetingKind.THEMATIC, date=datetime.date(group.year, 9, 20),
        topic="Chuyên đề giảm nợ đóng BHXH", host=units[-1],
        minutes="Chia sẻ cách đối chiếu nợ theo từng doanh nghiệp lớn.",
    )  # fmt: skip
    return group

"""A cluster of four provinces with its 2025 pact, and users by role."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from kb.emulation.models import (
    Criterion,
    EmulationGroup,
    EmulationMembership,
    GroupKind,
    Pact,
    PactSection,
)
from kb.units.models import UnitLevel
from kb.users import roles
from tests.factories import UnitFactory, UserFactory

YEAR = 2025


def build_cluster(year: int = YEAR, *, deadline=datetime.date(2099, 12, 31)) -> SimpleNamespace:
    """Cụm thi đua số 3: Nghệ An leads, Hà Tĩnh deputises; Quảng Bình and Thanh Hoá.

    The pact: I (core) 1.1 /20, 1.2 /10; II 2.1 /10; bonus T.1, T.2 /5 each, capped at 6;
    deduction D.1 /5, capped at 4."""
    sector = UnitFactory(code="VN", name="Bảo hiểm xã hội Việt Nam", level=UnitLevel.SECTOR)
    units = {
        code: UnitFactory(code=code, name=f"BHXH tỉnh {name}", parent=sector)
        for code, name in (
            ("NA", "Nghệ An"),
            ("HT", "Hà Tĩnh"),
            ("QB", "Quảng Bình"),
            ("TH", "Thanh Hoá"),
        )
    }
    outsider = UnitFactory(code="HG", name="BHXH tỉnh Hà Giang", parent=sector)
    group = EmulationGroup.objects.create(
        kind=GroupKind.CLUSTER, name="Cụm thi đua số 3", year=year,
        leader=units["NA"], deputy=units["HT"],
    )  # fmt: skip
    for order, unit in enumerate(units.values()):
        EmulationMembership.objects.create(group=group, unit=unit, sort_order=order)
    pact = Pact.objects.create(
        group=group, self_score_deadline=deadline, bonus_cap=Decimal(6), deduction_cap=Decimal(4)
    )
    core = PactSection.objects.create(
        pact=pact, code="I", title="Thực hiện nhiệm vụ chuyên môn", is_core=True, sort_order=0
    )
    other = PactSection.objects.create(
        pact=pact, code="II", title="Xây dựng đơn vị, phong trào", sort_order=1
    )
    extra = PactSection.objects.create(pact=pact, code="III", title="Thưởng, trừ", sort_order=2)
    criteria = {}
    for section, code, text, kind, max_points in (
        (core, "1.1", "Tỷ lệ bao phủ BHXH, BHYT đạt kế hoạch", "score", 20),
        (core, "1.2", "Giảm nợ đóng BHXH, BHYT", "score", 10),
        (other, "2.1", "Cải cách hành chính, chuyển đổi số", "score", 10),
        (extra, "T.1", "Vượt kế hoạch thu", "bonus", 5),
        (extra, "T.2", "Có sáng kiến được công nhận cấp ngành", "bonus", 5),
        (extra, "D.1", "Không hoàn thành chỉ tiêu được giao", "deduction", 5),
    ):
        criteria[code] = Criterion.objects.create(
            section=section, code=code, text=text, kind=kind, max_points=Decimal(max_points),
            sort_order=len(criteria),
        )  # fmt: skip
    return SimpleNamespace(
        sector=sector, units=units, outsider=outsider, group=group, pact=pact, criteria=criteria
    )


def make_users(cluster) -> SimpleNamespace:
    u = cluster.units
    officer = lambda name, unit: UserFactory(  # noqa: E731
        username=name, unit=unit, roles=[roles.UNIT_OFFICER], is_staff=False
    )
    return SimpleNamespace(
        na=officer("td-nghe-an", u["NA"]),
        ht=officer("td-ha-tinh", u["HT"]),
        qb=officer("td-quang-binh", u["QB"]),
        th=officer("td-thanh-hoa", u["TH"]),
        outsider=officer("td-ha-giang", cluster.outsider),
        council=UserFactory(
            username="hoi-dong",
            unit=cluster.sector,
            roles=[roles.COUNCIL_MEMBER],
            last_name="Phạm Văn",
            first_name="Đức",
        ),  # fmt: skip
        province_council=UserFactory(
            username="hoi-dong-tinh", unit=u["QB"], roles=[roles.COUNCIL_MEMBER]
        ),
        office=UserFactory(username="vu-tdkt", unit=cluster.sector, roles=[roles.MINISTRY_OFFICE]),
        editor=UserFactory(username="bien-tap", unit=u["QB"], roles=[roles.EDITOR]),
        reader=UserFactory(username="doc-gia", unit=u["QB"], roles=[roles.READER]),
    )


@pytest.fixture
def cluster(db):
    return build_cluster()


@pytest.fixture
def users(cluster):
    return make_users(cluster)

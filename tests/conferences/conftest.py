"""A province with its districts and a division, another province, and users by role."""

import datetime
from types import SimpleNamespace

import pytest

from kb.units.models import UnitLevel
from kb.users import roles
from tests.factories import ConferencePageFactory, UnitFactory, UserFactory


@pytest.fixture
def tree(db):
    sector = UnitFactory(
        code="VN", name="Bảo hiểm xã hội Việt Nam", level=UnitLevel.SECTOR, staff_count=None
    )
    province = UnitFactory(
        code="NA", name="BHXH tỉnh Nghệ An", level=UnitLevel.PROVINCE, parent=sector,
        staff_count=420,
    )  # fmt: skip
    vinh = UnitFactory(
        code="NA-VI", name="BHXH thành phố Vinh", level=UnitLevel.DISTRICT, parent=province,
        staff_count=60,
    )  # fmt: skip
    dien_chau = UnitFactory(
        code="NA-DC", name="BHXH huyện Diễn Châu", level=UnitLevel.DISTRICT, parent=province,
        staff_count=45,
    )  # fmt: skip
    ky_son = UnitFactory(
        code="NA-KS", name="BHXH huyện Kỳ Sơn", level=UnitLevel.DISTRICT, parent=province,
        staff_count=30,
    )  # fmt: skip
    division = UnitFactory(
        code="NA-THU", name="Phòng Quản lý thu", level=UnitLevel.DEPARTMENT, parent=province,
        staff_count=20,
    )  # fmt: skip
    merged = UnitFactory(
        code="NA-XX", name="BHXH huyện đã sáp nhập", level=UnitLevel.DISTRICT, parent=province,
        staff_count=10, is_active=False,
    )  # fmt: skip
    team = UnitFactory(
        code="NA-VI-T1", name="Tổ thu Vinh", level=UnitLevel.TEAM, parent=vinh, staff_count=6
    )
    ha_tinh = UnitFactory(
        code="HT", name="BHXH tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, parent=sector,
        staff_count=300,
    )  # fmt: skip
    ha_tinh_district = UnitFactory(
        code="HT-KA", name="BHXH huyện Kỳ Anh", level=UnitLevel.DISTRICT, parent=ha_tinh,
        staff_count=40,
    )  # fmt: skip
    return SimpleNamespace(
        sector=sector,
        province=province,
        vinh=vinh,
        dien_chau=dien_chau,
        ky_son=ky_son,
        division=division,
        merged=merged,
        team=team,
        ha_tinh=ha_tinh,
        ha_tinh_district=ha_tinh_district,
    )


@pytest.fixture
def conference(tree, site_structure):
    """BHXH Nghệ An's upper conference, its cap left to the rules (300)."""
    return ConferencePageFactory(
        title="Hội nghị điển hình tiên tiến BHXH tỉnh Nghệ An 2025",
        level="province",
        unit=tree.province,
        date=datetime.date(2025, 4, 20),
    )


@pytest.fixture
def users(tree):
    return SimpleNamespace(
        office=UserFactory(
            username="vu-tdkt",
            unit=tree.sector,
            roles=[roles.MINISTRY_OFFICE],
            last_name="Trần Thị",
            first_name="Mai",
        ),  # fmt: skip
        admin=UserFactory(username="quan-tri", unit=None, roles=[roles.ADMINISTRATOR]),
        superuser=UserFactory(username="root", is_superuser=True, is_staff=True),
        province_officer=UserFactory(
            username="td-nghe-an", unit=tree.province, roles=[roles.UNIT_OFFICER]
        ),
        vinh_officer=UserFactory(username="td-vinh", unit=tree.vinh, roles=[roles.UNIT_OFFICER]),
        team_officer=UserFactory(username="td-to", unit=tree.team, roles=[roles.UNIT_OFFICER]),
        other_officer=UserFactory(
            username="td-ha-tinh", unit=tree.ha_tinh, roles=[roles.UNIT_OFFICER]
        ),
        other_district_officer=UserFactory(
            username="td-ky-anh", unit=tree.ha_tinh_district, roles=[roles.UNIT_OFFICER]
        ),
        editor=UserFactory(username="bien-tap", unit=tree.province, roles=[roles.EDITOR]),
        council=UserFactory(username="hoi-dong", unit=tree.province, roles=[roles.COUNCIL_MEMBER]),
        reader=UserFactory(username="doc-gia", unit=tree.province, roles=[roles.READER]),
    )

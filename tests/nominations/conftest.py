"""A small sector for the nomination tests: BHXH Việt Nam, two provinces, three districts,
and one user per role, with an exemplar who qualifies for the sector's emulation fighter."""

from types import SimpleNamespace

import pytest

from kb.exemplars.models import ExemplarTitleAward
from kb.taxonomy.models import Title
from kb.units.models import UnitLevel
from kb.users import roles
from tests.factories import (
    ExemplarPageFactory,
    InitiativePageFactory,
    UnitFactory,
    UserFactory,
)

YEAR = 2026


def build_world():
    from kb.home.structure import ensure_site_structure

    ensure_site_structure()
    sector = UnitFactory(code="BHXHVN", name="BHXH Việt Nam", level=UnitLevel.SECTOR)
    province = UnitFactory(
        code="P01", name="BHXH tỉnh Lào Cai", level=UnitLevel.PROVINCE, parent=sector
    )
    district = UnitFactory(
        code="D01", name="BHXH huyện Bát Xát", level=UnitLevel.DISTRICT, parent=province
    )
    district_b = UnitFactory(
        code="D02", name="BHXH huyện Sa Pa", level=UnitLevel.DISTRICT, parent=province
    )
    province_2 = UnitFactory(
        code="P02", name="BHXH tỉnh Yên Bái", level=UnitLevel.PROVINCE, parent=sector
    )
    district_2 = UnitFactory(
        code="D03", name="BHXH huyện Văn Chấn", level=UnitLevel.DISTRICT, parent=province_2
    )

    def user(name, role, unit, **kw):
        return UserFactory(username=name, roles=[role], unit=unit, **kw)

    users = SimpleNamespace(
        officer=user("officer_d01", roles.UNIT_OFFICER, district),
        officer_b=user("officer_d02", roles.UNIT_OFFICER, district_b),
        officer_other=user("officer_d03", roles.UNIT_OFFICER, district_2),
        officer_province=user("officer_p01", roles.UNIT_OFFICER, province),
        council_unit=user("council_d01", roles.COUNCIL_MEMBER, district),
        council_province=user("council_p01", roles.COUNCIL_MEMBER, province),
        council_other=user("council_p02", roles.COUNCIL_MEMBER, province_2),
        ministry=user("ministry", roles.MINISTRY_OFFICE, sector),
        editor=user("editor", roles.EDITOR, province),
        reader=user("reader", roles.READER, district),
    )
    exemplar = ExemplarPageFactory(title="Trần Thị Mai", kind="individual", unit=district)
    cstd = Title.objects.get(code="cstd-co-so")
    for year in (YEAR - 3, YEAR - 2, YEAR - 1):
        ExemplarTitleAward.objects.create(page=exemplar, title=cstd, year=year)
    initiative = InitiativePageFactory(
        title="Thu BHXH qua tổ dịch vụ xã", unit=district, scope="sector"
    )
    return SimpleNamespace(
        sector=sector,
        province=province,
        district=district,
        district_b=district_b,
        province_2=province_2,
        district_2=district_2,
        users=users,
        exemplar=exemplar,
        initiative=initiative,
        cstd_nganh=Title.objects.get(code="cstd-nganh"),
    )


@pytest.fixture
def world(db):
    return build_world()

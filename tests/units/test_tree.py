import pytest
from django.core.exceptions import ValidationError

from kb.units.models import Unit, UnitLevel
from tests.factories import UnitFactory


@pytest.fixture
def tree(db):
    sector = UnitFactory(code="VN", name="Bảo hiểm xã hội Việt Nam", level=UnitLevel.SECTOR)
    nghe_an = UnitFactory(code="NA", name="BHXH tỉnh Nghệ An", parent=sector)
    dien_chau = UnitFactory(
        code="NA-DC", name="BHXH huyện Diễn Châu", level=UnitLevel.DISTRICT, parent=nghe_an
    )
    team = UnitFactory(code="NA-DC-T1", name="Tổ Thu", level=UnitLevel.TEAM, parent=dien_chau)
    ha_tinh = UnitFactory(code="HT", name="BHXH tỉnh Hà Tĩnh", parent=sector)
    return {
        "sector": sector,
        "nghe_an": nghe_an,
        "dien_chau": dien_chau,
        "team": team,
        "ha_tinh": ha_tinh,
    }


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_subtree_of_a_province_holds_its_districts_and_teams(tree):
    assert codes(tree["nghe_an"].get_descendants(include_self=True)) == ["NA", "NA-DC", "NA-DC-T1"]
    assert codes(tree["nghe_an"].get_descendants()) == ["NA-DC", "NA-DC-T1"]
    assert codes(tree["team"].get_ancestors()) == ["NA", "NA-DC", "VN"]


def test_province_of_a_team_is_found_through_its_district(tree):
    assert tree["team"].province == tree["nghe_an"]
    assert tree["sector"].province is None


def test_moving_a_district_to_another_province_moves_its_whole_subtree(tree):
    """Administrative maps change: a district moved in the admin takes its teams along."""
    district = tree["dien_chau"]
    district.parent = tree["ha_tinh"]
    district.full_clean()
    district.save()
    assert codes(tree["ha_tinh"].get_descendants()) == ["NA-DC", "NA-DC-T1"]
    assert codes(tree["nghe_an"].get_descendants()) == []
    team = Unit.objects.get(code="NA-DC-T1")
    assert team.province.code == "HT"
    assert team.depth == 4


def test_a_unit_cannot_be_moved_under_its_own_descendant(tree):
    nghe_an = tree["nghe_an"]
    nghe_an.parent = tree["team"]
    with pytest.raises(ValidationError) as excinfo:
        nghe_an.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_a_unit_cannot_be_its_own_parent(tree):
    nghe_an = tree["nghe_an"]
    nghe_an.parent = nghe_an
    with pytest.raises(ValidationError):
        nghe_an.full_clean()


def test_unit_admin_lists_and_exports_units(tree, admin_client):
    response = admin_client.get("/admin/snippets/units/unit/")
    assert response.status_code == 200
    assert "BHXH huyện Diễn Châu" in response.content.decode()
    export = admin_client.get("/admin/snippets/units/unit/?export=xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )

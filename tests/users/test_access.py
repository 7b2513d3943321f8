import pytest
from django.contrib.auth.models import Group

from kb.units.models import UnitLevel
from kb.users import roles
from kb.users.access import can_act_for, units_for
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def units(db):
    sector = UnitFactory(code="VN", level=UnitLevel.SECTOR)
    nghe_an = UnitFactory(code="NA", parent=sector)
    district = UnitFactory(code="NA-DC", level=UnitLevel.DISTRICT, parent=nghe_an)
    ha_tinh = UnitFactory(code="HT", parent=sector)
    return {"sector": sector, "nghe_an": nghe_an, "district": district, "ha_tinh": ha_tinh}


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_provincial_officer_acts_for_own_province_and_its_districts_only(units):
    officer = UserFactory(unit=units["nghe_an"], roles=[roles.UNIT_OFFICER])
    assert codes(units_for(officer)) == ["NA", "NA-DC"]
    assert can_act_for(officer, units["district"])
    assert not can_act_for(officer, units["ha_tinh"])
    assert not can_act_for(officer, units["sector"])


def test_district_officer_cannot_act_for_the_province_above(units):
    officer = UserFactory(unit=units["district"], roles=[roles.UNIT_OFFICER])
    assert codes(units_for(officer)) == ["NA-DC"]


def test_ministry_office_acts_for_every_unit(units):
    office = UserFactory(unit=units["sector"], roles=[roles.MINISTRY_OFFICE])
    assert codes(units_for(office)) == ["HT", "NA", "NA-DC", "VN"]


def test_user_without_unit_or_inactive_acts_for_none(units):
    assert codes(units_for(UserFactory(unit=None))) == []
    inactive = UserFactory(unit=units["nghe_an"], is_active=False)
    assert codes(units_for(inactive)) == []


def test_anonymous_visitor_acts_for_none(units):
    from django.contrib.auth.models import AnonymousUser

    assert codes(units_for(AnonymousUser())) == []


def test_roles_exist_as_groups_after_migration(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ALL_ROLES) <= names
    # Wagtail's own groups were renamed, not duplicated.
    assert "Editors" not in names and "Moderators" not in names


def test_officer_can_open_admin_but_not_change_units(units, client):
    officer = UserFactory(unit=units["nghe_an"], roles=[roles.UNIT_OFFICER])
    client.force_login(officer)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/snippets/units/unit/edit/{units['ha_tinh'].pk}/").status_code in (
        302,
        403,
    )
    assert officer.has_perm("units.view_unit")
    assert not officer.has_perm("units.change_unit")


def test_ministry_office_edits_units_and_catalogue(units):
    office = UserFactory(unit=units["sector"], roles=[roles.MINISTRY_OFFICE])
    assert office.has_perm("units.change_unit")
    assert office.has_perm("taxonomy.add_title")
    assert office.has_perm("emulation.change_emulationgroup")


def test_reader_cannot_open_the_admin(units, client):
    reader = UserFactory(unit=units["nghe_an"], roles=[roles.READER])
    client.force_login(reader)
    response = client.get("/admin/")
    assert response.status_code == 302


def test_administrator_sets_a_users_unit_in_the_admin(units, admin_client):
    user = UserFactory(username="thuy", unit=None)
    form_page = admin_client.get(f"/admin/users/edit/{user.pk}/")
    assert form_page.status_code == 200
    assert 'name="unit"' in form_page.content.decode()
    response = admin_client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": "thuy",
            "email": "thuy@example.vn",
            "first_name": "Thuỷ",
            "last_name": "Lê Thị",
            "unit": units["nghe_an"].pk,
            "position": "Chuyên viên",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.unit == units["nghe_an"]
    assert user.position == "Chuyên viên"
    assert codes(units_for(user)) == ["NA", "NA-DC"]

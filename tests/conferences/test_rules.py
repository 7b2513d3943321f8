"""Caps and deadlines from the level and the organiser: the pure rules, then the setting and
the conference page that reads them."""

import datetime

import pytest

from kb.conferences import rules
from kb.conferences.models import ConferencePage, ConferenceRules
from kb.users import roles
from tests.factories import ConferencePageFactory, UnitFactory, UserFactory


def test_upper_conference_defaults_to_300():
    assert rules.default_capacity("province", staff_count=420) == 300


def test_raised_organiser_gets_350():
    assert rules.default_capacity("province", raised=True) == 350


def test_congress_gets_500_whatever_the_organiser():
    assert rules.default_capacity("sector", raised=True, staff_count=9000) == 500


def test_base_conference_takes_all_the_staff():
    assert rules.default_capacity("base", staff_count=47) == 47
    assert rules.default_capacity("base", staff_count=None) is None


def test_caps_are_data():
    caps = rules.CapRules(upper=250, raised_upper=320, congress=450)
    assert rules.default_capacity("province", caps=caps) == 250
    assert rules.default_capacity("province", raised=True, caps=caps) == 320
    assert rules.default_capacity("sector", caps=caps) == 450


def test_deadlines_by_level():
    assert rules.default_deadline("base", 2025) == datetime.date(2025, 1, 30)
    assert rules.default_deadline("province", 2025) == datetime.date(2025, 4, 30)
    assert rules.default_deadline("sector", 2025) == datetime.date(2025, 9, 30)


def test_a_day_past_the_month_end_is_the_last_day():
    deadlines = rules.DeadlineRules(base=(31, 2))
    assert rules.default_deadline("base", 2024, deadlines) == datetime.date(2024, 2, 29)
    assert rules.default_deadline("base", 2025, deadlines) == datetime.date(2025, 2, 28)


def test_levels_below():
    assert rules.lower_levels("base") == ()
    assert rules.lower_levels("province") == ("base",)
    assert rules.lower_levels("sector") == ("base", "province")
    with pytest.raises(ValueError, match="unknown conference level"):
        rules.level_rank("ward")


def test_rules_module_imports_nothing_from_django():
    import ast
    import inspect

    for module in (rules, __import__("kb.conferences.composition", fromlist=["x"])):
        tree = ast.parse(inspect.getsource(module))
        names = [
            n.module if isinstance(n, ast.ImportFrom) else a.name
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in (n.names if isinstance(n, ast.Import) else [n])
        ]
        assert not [n for n in names if n and n.startswith(("django", "wagtail", "kb"))]


# --- the setting and the page -----------------------------------------------------------------


def test_blank_cap_of_an_upper_conference_is_filled_with_300(tree, site_structure):
    page = ConferencePageFactory(level="province", unit=tree.province, capacity=None)
    assert page.capacity == 300
    assert ConferencePage.objects.get(pk=page.pk).capacity == 300


def test_units_named_in_the_setting_get_350(tree, site_structure):
    hanoi = UnitFactory(code="HN", name="BHXH thành phố Hà Nội", parent=tree.sector)
    ConferenceRules.load().raised_cap_units.add(hanoi)
    assert ConferencePageFactory(level="province", unit=hanoi).capacity == 350
    assert ConferencePageFactory(level="province", unit=tree.province).capacity == 300


def test_congress_cap_is_500(tree, site_structure):
    assert ConferencePageFactory(level="sector", unit=tree.sector).capacity == 500


def test_base_conference_cap_is_the_organisers_staff(tree, site_structure):
    page = ConferencePageFactory(level="base", unit=tree.vinh, date=datetime.date(2025, 1, 15))
    assert page.capacity == 60
    assert page.deadline == datetime.date(2025, 1, 30)


def test_a_cap_given_is_kept_and_the_deadline_follows_the_year(tree, site_structure):
    page = ConferencePageFactory(
        level="province", unit=tree.province, capacity=280, date=datetime.date(2026, 4, 2)
    )
    assert page.capacity == 280
    assert page.deadline == datetime.date(2026, 4, 30)


def test_changed_setting_applies_to_new_conferences(tree, site_structure):
    setting = ConferenceRules.load()
    setting.upper_cap = 260
    setting.upper_deadline_day, setting.upper_deadline_month = 15, 5
    setting.save()
    page = ConferencePageFactory(level="province", unit=tree.province)
    assert (page.capacity, page.deadline) == (260, datetime.date(2025, 5, 15))


def test_effective_capacity_falls_back_on_the_rules(tree, site_structure):
    page = ConferencePageFactory(level="province", unit=tree.province)
    ConferencePage.objects.filter(pk=page.pk).update(capacity=None)
    page.refresh_from_db()
    assert page.capacity is None
    assert page.effective_capacity == 300


def test_a_revision_holds_the_defaults(tree, site_structure):
    page = ConferencePageFactory(level="sector", unit=tree.sector, capacity=None)
    page.capacity = None
    revision = page.save_revision()
    assert revision.as_object().capacity == 500


def test_ministry_office_may_edit_the_rules(tree, client):
    office = UserFactory(unit=tree.sector, roles=[roles.MINISTRY_OFFICE])
    officer = UserFactory(unit=tree.province, roles=[roles.UNIT_OFFICER])
    assert office.has_perm("conferences.change_conferencerules")
    assert not officer.has_perm("conferences.change_conferencerules")
    setting = ConferenceRules.load()
    client.force_login(office)
    url = f"/admin/settings/conferences/conferencerules/{setting.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Số đại biểu tối đa" in response.content.decode()
    client.force_login(officer)
    assert client.get(url).status_code in (302, 403)

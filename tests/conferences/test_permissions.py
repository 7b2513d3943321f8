"""Who may do what in delegate planning, role by role.

A refusal is Wagtail's own: the admin turns a PermissionDenied into a redirect to the
dashboard with "you do not have permission" (``DENIED`` below); a unit or delegate that does
not belong to the conference is a 404.
"""

import pytest

from kb.conferences import access, services
from kb.conferences.models import Delegate, SeatAllocation

PLAN = "/admin/conference-plans/{}/"
PLANNERS = ["office", "admin", "superuser", "province_officer"]
OUTSIDERS = ["team_officer", "other_officer", "other_district_officer", "editor", "council"]


@pytest.fixture
def planned(conference, tree, users):
    services.set_capacity(conference, 12, user=users.office)
    services.run_allocation(conference, user=users.office)
    for unit, name in ((tree.vinh, "Đại biểu Vinh"), (tree.dien_chau, "Đại biểu Diễn Châu")):
        services.add_delegate(conference, category="elected", unit=unit, full_name=name)
    services.add_delegate(conference, category="invited", full_name="Giám đốc BHXH tỉnh")
    return conference


DENIED = "denied"


def status(client, user, url, method="get", data=None):
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and response["Location"] == "/admin/":
        return DENIED
    return response.status_code


@pytest.mark.parametrize("role", PLANNERS)
def test_planners_open_the_plan_with_its_forms(client, planned, users, role):
    client.force_login(getattr(users, role))
    response = client.get(PLAN.format(planned.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Chạy phân bổ" in text and "Lưu số tối đa" in text
    assert "Giám đốc BHXH tỉnh" in text  # invited delegates are the organiser's business
    assert "Các lần phân bổ" in text


def test_district_officer_sees_the_table_but_only_its_own_list(client, planned, tree, users):
    client.force_login(users.vinh_officer)
    response = client.get(PLAN.format(planned.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bảng phân bổ" in text
    assert "Chạy phân bổ" not in text and "Lưu số tối đa" not in text
    assert "Giám đốc BHXH tỉnh" not in text
    assert PLAN.format(planned.pk) + f"units/{tree.vinh.pk}/" in text
    assert PLAN.format(planned.pk) + f"units/{tree.dien_chau.pk}/" not in text
    assert [p.unit for p in response.context["plans"]] == [tree.vinh]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_others_cannot_open_the_plan(client, planned, users, role):
    assert status(client, getattr(users, role), PLAN.format(planned.pk)) == DENIED


def test_reader_cannot_reach_the_admin_at_all(client, planned, users):
    assert status(client, users.reader, PLAN.format(planned.pk)) in (302, DENIED)


@pytest.mark.parametrize("role", ["vinh_officer", "other_officer", "editor"])
def test_only_planners_change_the_cap_run_the_allocation_and_invite(
    client, planned, tree, users, role
):
    user = getattr(users, role)
    base = PLAN.format(planned.pk)
    assert status(client, user, base + "capacity/", "post", {"capacity": "50"}) == DENIED
    data = {"method": "dhondt", "minimum": "1", "basis": "staff"}
    assert status(client, user, base + "allocate/", "post", data) == DENIED
    invited = {"delegate-category": "invited", "delegate-full_name": "X"}
    assert status(client, user, base + "delegates/", "post", invited) == DENIED
    planned.refresh_from_db()
    assert planned.capacity == 12
    assert SeatAllocation.objects.filter(conference=planned).count() == 1
    assert services.count_invited(planned) == 1


def test_province_officer_runs_the_allocation(client, planned, users):
    client.force_login(users.province_officer)
    response = client.post(
        PLAN.format(planned.pk) + "allocate/",
        {"method": "huntington-hill", "minimum": "1", "basis": "staff"},
    )
    assert response.status_code == 302
    current = services.current_allocation(planned)
    assert (current.method, current.created_by) == ("huntington-hill", users.province_officer)


@pytest.mark.parametrize(
    ("role", "unit", "expected"),
    [
        ("vinh_officer", "vinh", 200),
        ("vinh_officer", "dien_chau", DENIED),
        ("team_officer", "vinh", DENIED),
        ("other_district_officer", "vinh", DENIED),
        ("other_officer", "vinh", DENIED),
        ("province_officer", "dien_chau", 200),
        ("office", "ky_son", 200),
        ("editor", "vinh", DENIED),
    ],
)
def test_unit_lists_role_by_role(client, planned, tree, users, role, unit, expected):
    url = PLAN.format(planned.pk) + f"units/{getattr(tree, unit).pk}/"
    assert status(client, getattr(users, role), url) == expected


def test_a_unit_not_electing_to_the_conference_is_not_found(client, planned, tree, users):
    url = PLAN.format(planned.pk) + f"units/{tree.team.pk}/"
    assert status(client, users.office, url) == 404


def test_officer_cannot_add_edit_or_delete_another_units_delegates(client, planned, tree, users):
    other = Delegate.objects.get(full_name="Đại biểu Diễn Châu")
    base = PLAN.format(planned.pk)
    user = users.vinh_officer
    add = {"delegate-full_name": "Người lạ"}
    assert status(client, user, base + f"units/{tree.dien_chau.pk}/", "post", add) == DENIED
    assert status(client, user, base + f"delegates/{other.pk}/") == DENIED
    edit = {"delegate-full_name": "Đổi tên"}
    assert status(client, user, base + f"delegates/{other.pk}/", "post", edit) == DENIED
    assert status(client, user, base + f"delegates/{other.pk}/delete/", "post") == DENIED
    invited = Delegate.objects.get(full_name="Giám đốc BHXH tỉnh")
    assert status(client, user, base + f"delegates/{invited.pk}/delete/", "post") == DENIED
    assert Delegate.objects.filter(conference=planned).count() == 3
    assert Delegate.objects.get(pk=other.pk).full_name == "Đại biểu Diễn Châu"


def test_officer_edits_and_deletes_its_own_delegates(client, planned, users):
    own = Delegate.objects.get(full_name="Đại biểu Vinh")
    base = PLAN.format(planned.pk)
    client.force_login(users.vinh_officer)
    response = client.post(
        base + f"delegates/{own.pk}/",
        {"delegate-full_name": "Nguyễn Thị Vinh", "delegate-gender": "female"},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.full_name, own.gender) == ("Nguyễn Thị Vinh", "female")
    assert client.post(base + f"delegates/{own.pk}/delete/").status_code == 302
    assert not Delegate.objects.filter(pk=own.pk).exists()


def test_delegate_of_another_conference_is_not_found(client, planned, users, tree):
    from tests.factories import ConferencePageFactory

    other = ConferencePageFactory(level="province", unit=tree.province)
    own = Delegate.objects.get(full_name="Đại biểu Vinh")
    url = PLAN.format(other.pk) + f"delegates/{own.pk}/"
    assert status(client, users.office, url) == 404


def test_exports_follow_the_same_rules(client, planned, tree, users):
    base = PLAN.format(planned.pk) + "export/"
    assert status(client, users.vinh_officer, base + "allocation.xlsx") == 200
    assert status(client, users.other_officer, base + "allocation.xlsx") == DENIED
    assert status(client, users.vinh_officer, base + f"delegates.xlsx?unit={tree.vinh.pk}") == 200
    assert (
        status(client, users.vinh_officer, base + f"delegates.xlsx?unit={tree.dien_chau.pk}")
        == DENIED
    )
    old = SeatAllocation.objects.get(conference=planned, is_current=True)
    assert status(client, users.vinh_officer, base + f"allocation.xlsx?allocation={old.pk}") == 404
    assert status(client, users.office, base + f"allocation.xlsx?allocation={old.pk}") == 200


def test_the_index_lists_what_each_user_may_plan(client, planned, tree, users, site_structure):
    from tests.factories import ConferencePageFactory

    ha_tinh = ConferencePageFactory(title="Hội nghị Hà Tĩnh", level="province", unit=tree.ha_tinh)
    assert set(access.visible_conferences(users.office)) == {planned, ha_tinh}
    assert set(access.visible_conferences(users.province_officer)) == {planned}
    assert set(access.visible_conferences(users.vinh_officer)) == {planned}
    assert set(access.visible_conferences(users.other_district_officer)) == {ha_tinh}
    assert not access.visible_conferences(users.team_officer).exists()
    assert not access.visible_conferences(users.editor).exists()

    client.force_login(users.vinh_officer)
    text = client.get("/admin/conference-plans/").content.decode()
    assert planned.title in text and "Hội nghị Hà Tĩnh" not in text
    assert status(client, users.editor, "/admin/conference-plans/") == DENIED


def test_menu_item_and_page_buttons(client, planned, users, site_structure):
    client.force_login(users.superuser)
    url = PLAN.format(planned.pk)
    assert "/admin/conference-plans/" in client.get("/admin/").content.decode()
    listing = client.get(f"/admin/pages/{site_structure.conferences.pk}/")
    assert url in listing.content.decode()
    edit = client.get(f"/admin/pages/{planned.pk}/edit/")
    assert url in edit.content.decode()
    client.force_login(users.editor)
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/conference-plans/" not in dashboard

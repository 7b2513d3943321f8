"""The plan screen and its forms, as a planner uses them."""

import datetime

from kb.conferences import services
from kb.conferences.models import ConferencePage, Delegate
from tests.factories import ConferencePageFactory

PLAN = "/admin/conference-plans/{}/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_plan_shows_cap_invited_and_elected_seats(client, conference, users):
    services.add_delegate(conference, category="invited", full_name="Phó Giám đốc Trần Bình")
    client.force_login(users.office)
    response = client.get(PLAN.format(conference.pk))
    context = response.context
    assert (context["cap"], context["invited"], context["elected_seats"]) == (300, 1, 299)
    text = response.content.decode()
    assert "Chưa phân bổ ghế bầu." in text
    assert "Phó Giám đốc Trần Bình" in text


def test_plan_shows_the_working_and_what_went_stale(client, conference, tree, users):
    services.run_allocation(conference, method="huntington-hill", user=users.office)
    tree.ky_son.staff_count = 31
    tree.ky_son.save()
    client.force_login(users.office)
    text = client.get(PLAN.format(conference.pk)).content.decode()
    assert "trọng số / √(n(n + 1))" in text
    assert "Các vòng trao ghế" in text
    assert "Trọng số đã thay đổi sau lần phân bổ này (BHXH huyện Kỳ Sơn)" in text


def test_plan_flags_a_conference_after_its_deadline(client, tree, users, site_structure):
    page = ConferencePageFactory(
        level="province", unit=tree.province, date=datetime.date(2025, 5, 8)
    )
    assert page.deadline == datetime.date(2025, 4, 30)
    client.force_login(users.office)
    assert "ngày tổ chức sau thời hạn" in client.get(PLAN.format(page.pk)).content.decode()


def test_planner_adds_and_edits_an_invited_delegate(client, conference, tree, users):
    client.force_login(users.province_officer)
    url = PLAN.format(conference.pk) + "delegates/"
    response = client.post(
        url,
        {
            "delegate-category": "invited",
            "delegate-full_name": "Nguyễn Văn Hùng",
            "delegate-position": "Giám đốc",
            "delegate-unit": tree.province.pk,
        },
        follow=True,
    )
    assert "Đã thêm đại biểu chính thức mời: Nguyễn Văn Hùng." in messages_of(response)
    delegate = Delegate.objects.get(full_name="Nguyễn Văn Hùng")
    assert (delegate.category, delegate.unit, delegate.created_by) == (
        "invited",
        tree.province,
        users.province_officer,
    )
    edit = PLAN.format(conference.pk) + f"delegates/{delegate.pk}/"
    client.post(edit, {"delegate-full_name": "Nguyễn Văn Hùng", "delegate-unit": tree.vinh.pk})
    delegate.refresh_from_db()
    assert delegate.unit == tree.vinh


def test_adding_an_invited_delegate_beyond_the_cap_is_refused(client, conference, users):
    services.set_capacity(conference, 1, user=users.office)
    services.add_delegate(conference, category="invited", full_name="Một")
    client.force_login(users.office)
    response = client.post(
        PLAN.format(conference.pk) + "delegates/",
        {"delegate-category": "invited", "delegate-full_name": "Hai"},
    )
    assert "Số đại biểu tối đa (1) nhỏ hơn số đại biểu mời (2). Chưa lưu gì." in messages_of(
        response
    )
    assert services.count_invited(conference) == 1


def test_a_delegate_needs_a_name_or_an_exemplar_in_the_form(client, conference, tree, users):
    services.run_allocation(conference, user=users.office)
    client.force_login(users.vinh_officer)
    response = client.post(PLAN.format(conference.pk) + f"units/{tree.vinh.pk}/", {})
    assert any("Nhập họ và tên, hoặc chọn một điển hình" in m for m in messages_of(response))
    assert not Delegate.objects.exists()


def test_unit_list_offers_candidates_from_below_and_picks_one(client, tree, users, site_structure):
    base = ConferencePageFactory(level="base", unit=tree.vinh, date=datetime.date(2025, 1, 20))
    services.run_allocation(base, user=users.office)
    team_delegate = services.add_delegate(
        base, category="elected", unit=tree.team, full_name="Đinh Thị Thu", gender="female"
    )
    upper = ConferencePageFactory(level="province", unit=tree.province)
    services.run_allocation(upper, user=users.office)
    client.force_login(users.vinh_officer)
    url = PLAN.format(upper.pk) + f"units/{tree.vinh.pk}/"
    assert "Chọn Đinh Thị Thu" in client.get(url).content.decode()
    response = client.post(url + f"candidates/{team_delegate.pk}/", follow=True)
    assert "Đã chọn Đinh Thị Thu làm đại biểu bầu." in messages_of(response)
    chosen = Delegate.objects.get(conference=upper)
    assert (chosen.source_delegate, chosen.unit) == (team_delegate, tree.vinh)
    assert "Chọn Đinh Thị Thu" not in client.get(url).content.decode()


def test_capacity_form_resets_to_the_rule_when_blank(client, conference, users):
    ConferencePage.objects.filter(pk=conference.pk).update(capacity=50)
    client.force_login(users.office)
    response = client.post(PLAN.format(conference.pk) + "capacity/", {"capacity": ""}, follow=True)
    assert "Đã lưu số đại biểu tối đa: 300." in messages_of(response)


def test_many_exemplars_are_chosen_with_the_page_chooser(client, conference, tree, users):
    from kb.conferences.forms import DelegateForm
    from tests.factories import ExemplarPageFactory

    services.run_allocation(conference, user=users.office)
    own = ExemplarPageFactory(title="Vi Thị Lan", unit=tree.vinh, gender="female")
    elsewhere = ExemplarPageFactory(title="Người tỉnh khác", unit=tree.ha_tinh)
    url = PLAN.format(conference.pk) + f"units/{tree.vinh.pk}/"
    client.force_login(users.vinh_officer)
    assert "Vi Thị Lan</option>" in client.get(url).content.decode()  # few: a list

    DelegateForm.SELECT_LIMIT = 0
    try:
        text = client.get(url).content.decode()
        assert "Vi Thị Lan</option>" not in text
        assert "data-w-chooser" in text or "page-chooser" in text
        refused = client.post(url, {"delegate-exemplar": elsewhere.pk})
        assert any("Chọn một điển hình cá nhân thuộc đơn vị" in m for m in messages_of(refused))
        client.post(url, {"delegate-exemplar": own.pk})
    finally:
        DelegateForm.SELECT_LIMIT = 300
    delegate = Delegate.objects.get(conference=conference)
    assert (delegate.full_name, delegate.exemplar, delegate.gender) == ("Vi Thị Lan", own, "female")

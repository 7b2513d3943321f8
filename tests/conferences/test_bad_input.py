"""Bad input: each a clear message, nothing saved — in the service and through the admin."""

import pytest

from kb.conferences import services
from kb.conferences.models import ConferencePage, Delegate, SeatAllocation

PLAN = "/admin/conference-plans/{}/"


def nothing_saved(conference, allocations=0):
    assert SeatAllocation.objects.filter(conference=conference).count() == allocations


def invite(conference, n):
    for i in range(n):
        services.add_delegate(conference, category="invited", full_name=f"Đại biểu mời {i}")


def test_cap_smaller_than_the_invited(conference, users):
    services.set_capacity(conference, 5, user=users.office)
    invite(conference, 5)
    with pytest.raises(services.PlanningError) as error:
        services.set_capacity(conference, 4, user=users.office)
    assert error.value.message == "Số đại biểu tối đa (4) nhỏ hơn số đại biểu mời (5)."
    conference.refresh_from_db()
    assert conference.capacity == 5
    assert conference.revisions.count() == 1  # only the first change


def test_cap_lowered_below_the_invited_behind_the_plans_back(conference, users):
    invite(conference, 5)
    ConferencePage.objects.filter(pk=conference.pk).update(capacity=4)
    with pytest.raises(services.PlanningError) as error:
        services.run_allocation(conference, user=users.office)
    assert error.value.message == "Số đại biểu tối đa (4) nhỏ hơn số đại biểu mời (5)."
    nothing_saved(conference)


def test_missing_staff_count_names_the_unit(conference, tree, users):
    tree.ky_son.staff_count = None
    tree.ky_son.save()
    with pytest.raises(services.PlanningError) as error:
        services.run_allocation(conference, user=users.office)
    assert error.value.message == (
        "Đơn vị “BHXH huyện Kỳ Sơn” chưa có số CBCCVC, NLĐ nên thiếu trọng số để phân bổ."
    )
    nothing_saved(conference)


def test_missing_own_conference_names_the_unit(conference, users):
    with pytest.raises(services.PlanningError) as error:
        services.run_allocation(conference, basis="conference_size", user=users.office)
    assert "chưa có hội nghị năm 2025 để lấy quy mô làm trọng số" in error.value.message
    assert error.value.message.startswith("Đơn vị “BHXH huyện Diễn Châu”")
    nothing_saved(conference)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "Trọng số của đơn vị “BHXH huyện Kỳ Sơn” không được âm (-3)."),
        ("", "Thiếu trọng số của đơn vị “BHXH huyện Kỳ Sơn”."),
        (None, "Thiếu trọng số của đơn vị “BHXH huyện Kỳ Sơn”."),
        ("mười", "Trọng số của đơn vị “BHXH huyện Kỳ Sơn” phải là một số, không phải “mười”."),
        ("inf", "Trọng số của đơn vị “BHXH huyện Kỳ Sơn” phải là một số hữu hạn."),
        (
            "1.234",
            "Trọng số của đơn vị “BHXH huyện Kỳ Sơn” chỉ được có tối đa hai chữ số thập phân.",
        ),
    ],
)
def test_bad_manual_weight_names_the_unit(conference, tree, users, value, message):
    weights = {tree.vinh.pk: 10, tree.dien_chau.pk: 10, tree.division.pk: 10, tree.ky_son.pk: value}
    with pytest.raises(services.PlanningError) as error:
        services.run_allocation(conference, basis="manual", weights=weights, user=users.office)
    assert error.value.message == message
    nothing_saved(conference)


def test_every_weight_zero(conference, tree, users):
    weights = {u.pk: 0 for u in (tree.vinh, tree.dien_chau, tree.ky_son, tree.division)}
    with pytest.raises(services.PlanningError, match="Mọi trọng số đều bằng 0"):
        services.run_allocation(conference, basis="manual", weights=weights, user=users.office)
    nothing_saved(conference)


def test_more_units_than_seats_with_a_minimum_of_one(conference, users):
    services.set_capacity(conference, 5, user=users.office)
    invite(conference, 2)
    with pytest.raises(services.PlanningError) as error:
        services.run_allocation(conference, minimum=1, user=users.office)
    assert error.value.message == (
        "Không đủ ghế: cần ít nhất 4 ghế bầu để mỗi đơn vị trong 4 đơn vị có tối thiểu 1 đại "
        "biểu, nhưng chỉ có 3 ghế bầu (= 5 tối đa − 2 đại biểu mời)."
    )
    nothing_saved(conference)
    # With no minimum the same seats can be shared.
    assert services.run_allocation(conference, minimum=0, user=users.office).seats == 3


def test_a_cap_change_that_breaks_the_current_allocation_is_not_saved(conference, users):
    current = services.run_allocation(conference, minimum=2, user=users.office)
    with pytest.raises(services.PlanningError, match="Không đủ ghế"):
        services.set_capacity(conference, 7, user=users.office)
    conference.refresh_from_db()
    assert conference.capacity == 300
    assert list(SeatAllocation.objects.filter(conference=conference)) == [current]
    assert SeatAllocation.objects.get(pk=current.pk).is_current


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "bầu cử"}, "Phương pháp phân bổ không hợp lệ: “bầu cử”."),
        ({"minimum": -1}, "Số đại biểu tối thiểu mỗi đơn vị phải là số nguyên không âm."),
        ({"basis": "revenue"}, "Căn cứ phân bổ không hợp lệ: “revenue”."),
    ],
)
def test_bad_settings(conference, users, kwargs, message):
    with pytest.raises(services.PlanningError) as error:
        services.run_allocation(conference, user=users.office, **kwargs)
    assert error.value.message == message
    nothing_saved(conference)


def test_an_organiser_without_subordinate_units(tree, users, site_structure):
    from tests.factories import ConferencePageFactory

    page = ConferencePageFactory(level="province", unit=tree.division)
    with pytest.raises(services.PlanningError, match="không có đơn vị cấp dưới đang hoạt động"):
        services.run_allocation(page, user=users.office)


# --- through the admin --------------------------------------------------------------------


def post_allocation(client, conference, tree, **data):
    form = {"method": "hamilton", "minimum": "1", "basis": "staff"}
    form.update(data)
    return client.post(PLAN.format(conference.pk) + "allocate/", form, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_admin_shows_the_cap_error_and_saves_nothing(client, conference, users):
    services.set_capacity(conference, 5, user=users.office)
    invite(conference, 5)
    client.force_login(users.office)
    response = client.post(PLAN.format(conference.pk) + "capacity/", {"capacity": "3"}, follow=True)
    assert "Số đại biểu tối đa (3) nhỏ hơn số đại biểu mời (5). Chưa lưu gì." in messages_of(
        response
    )
    conference.refresh_from_db()
    assert conference.capacity == 5


def test_admin_shows_a_negative_weight_and_keeps_the_form(client, conference, tree, users):
    client.force_login(users.province_officer)
    weights = {f"weight_{u.pk}": "10" for u in (tree.vinh, tree.dien_chau, tree.division)}
    weights[f"weight_{tree.ky_son.pk}"] = "-4"
    response = post_allocation(client, conference, tree, basis="manual", **weights)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Trọng số của đơn vị “BHXH huyện Kỳ Sơn” không được âm (-4). Chưa lưu gì." in text
    assert 'value="-4"' in text  # what was typed is still there
    nothing_saved(conference)


def test_admin_shows_too_few_seats(client, conference, tree, users):
    services.set_capacity(conference, 3, user=users.office)
    client.force_login(users.office)
    response = post_allocation(client, conference, tree, minimum="1")
    assert any(m.startswith("Không đủ ghế: cần ít nhất 4 ghế bầu") for m in messages_of(response))
    nothing_saved(conference)


def test_admin_refuses_a_minimum_that_is_not_a_number(client, conference, tree, users):
    client.force_login(users.office)
    response = post_allocation(client, conference, tree, minimum="một")
    assert any("Tối thiểu mỗi đơn vị" in m for m in messages_of(response))
    nothing_saved(conference)


def test_admin_refuses_a_delegate_beyond_the_seats(client, conference, tree, users):
    services.set_capacity(conference, 4, user=users.office)
    services.run_allocation(conference, user=users.office)  # one seat each
    client.force_login(users.vinh_officer)
    url = PLAN.format(conference.pk) + f"units/{tree.vinh.pk}/"
    first = client.post(url, {"delegate-full_name": "Nguyễn Văn Một"}, follow=True)
    assert "Đã thêm đại biểu bầu: Nguyễn Văn Một." in messages_of(first)
    second = client.post(url, {"delegate-full_name": "Nguyễn Văn Hai"}, follow=True)
    assert (
        "Đơn vị “BHXH thành phố Vinh” được phân bổ 1 đại biểu bầu và đã nhập đủ 1; không thể "
        "thêm. Chưa lưu gì." in messages_of(second)
    )
    assert list(Delegate.objects.filter(unit=tree.vinh).values_list("full_name", flat=True)) == [
        "Nguyễn Văn Một"
    ]

"""Running the allocation, changing the cap, entering delegates, candidates from below."""

import datetime

import pytest
from django.utils import timezone

from kb.conferences import services
from kb.conferences.models import (
    ConferencePage,
    Delegate,
    DelegateCategory,
    SeatAllocation,
)
from kb.taxonomy.models import FieldOfWork
from tests.factories import ConferencePageFactory, ExemplarPageFactory


def seats(allocation):
    return {line.unit.code: line.seats for line in allocation.lines.all()}


def invite(conference, n, **extra):
    for i in range(n):
        services.add_delegate(
            conference, category=DelegateCategory.INVITED, full_name=f"Khách {i}", **extra
        )


def test_allocation_is_saved_with_who_ran_it_and_when(conference, users):
    before = timezone.now()
    allocation = services.run_allocation(
        conference, method="hamilton", minimum=1, basis="staff", user=users.office
    )
    allocation.refresh_from_db()
    assert allocation.is_current
    assert allocation.created_by == users.office
    assert before <= allocation.created_at <= timezone.now()
    assert (allocation.cap, allocation.invited_count, allocation.seats) == (300, 0, 300)
    # Active children only (the merged district is left out), in code order.
    assert [line.unit.code for line in allocation.lines.all()] == [
        "NA-DC", "NA-KS", "NA-THU", "NA-VI",
    ]  # fmt: skip
    assert seats(allocation) == {"NA-DC": 87, "NA-KS": 58, "NA-THU": 39, "NA-VI": 116}
    assert sum(seats(allocation).values()) == 300


def test_elected_seats_are_the_cap_minus_the_invited(conference, users):
    invite(conference, 20)
    services.add_delegate(conference, category=DelegateCategory.GUEST, full_name="Khách mời")
    allocation = services.run_allocation(conference, user=users.office)
    assert (allocation.cap, allocation.invited_count, allocation.seats) == (300, 20, 280)
    assert sum(seats(allocation).values()) == 280


def test_hamilton_working_is_stored(conference, users):
    allocation = services.run_allocation(conference, user=users.office)
    working = allocation.working
    assert working["method"] == "hamilton"
    assert (working["total"], working["minimum"], working["remaining"]) == (300, 1, 296)
    assert working["total_weight"] == "155"
    vinh = next(row for row in working["rows"] if row["unit"] == "NA-VI")
    assert vinh["name"] == "BHXH thành phố Vinh"
    assert (vinh["quota"], vinh["floor"], vinh["remainder"]) == ("114.5806", "114", "0.5806")
    assert vinh["remainder_rank"] == "2" and vinh["remainder_seat"] is True
    assert "quota = weight × 296 / 155" in working["text"]
    lines = services.working_lines(allocation)
    assert "Số ghế bầu S = 300 (tối đa) − 0 (đại biểu mời) = 300" in lines[1]
    assert "2 ghế còn lại" in lines[3]


@pytest.mark.parametrize("method", ["dhondt", "sainte-lague", "huntington-hill"])
def test_divisor_methods_keep_their_rounds(conference, users, method):
    allocation = services.run_allocation(conference, method=method, minimum=2, user=users.office)
    rounds = allocation.working["rounds"]
    assert len(rounds) == 300 - 2 * 4
    assert rounds[0]["seat"] == "9"
    assert rounds[0]["name"] == "BHXH thành phố Vinh"  # the largest weight wins the first seat
    assert all("next_priority" in row for row in allocation.working["rows"])
    assert "Giá trị ưu tiên" in services.working_lines(allocation)[3]


def test_a_rerun_makes_a_new_current_allocation_and_keeps_history(conference, users):
    first = services.run_allocation(conference, user=users.office)
    second = services.run_allocation(
        conference, method="dhondt", minimum=3, user=users.province_officer
    )
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert list(SeatAllocation.objects.filter(conference=conference).order_by("pk")) == [
        first,
        second,
    ]
    assert services.current_allocation(conference) == second
    assert second.created_by == users.province_officer
    assert seats(first) != seats(second)


def test_changing_the_cap_reruns_the_allocation_with_the_same_settings(conference, users):
    first = services.run_allocation(conference, method="sainte-lague", minimum=2, user=users.office)
    again = services.set_capacity(conference, 200, user=users.province_officer)
    conference.refresh_from_db()
    assert conference.capacity == 200
    assert again.is_current and again.pk != first.pk
    assert (again.method, again.minimum, again.cap, again.seats) == ("sainte-lague", 2, 200, 200)
    assert again.created_by == users.province_officer


def test_the_cap_is_saved_as_a_published_revision(conference, users):
    services.set_capacity(conference, 280, user=users.office)
    page = ConferencePage.objects.get(pk=conference.pk)
    assert page.capacity == 280
    assert page.get_latest_revision().as_object().capacity == 280
    assert page.get_latest_revision().user == users.office
    assert not page.has_unpublished_changes


def test_the_cap_does_not_publish_a_pending_draft(conference, users):
    draft = conference.get_latest_revision_as_object()
    draft.summary = "Bản nháp chờ duyệt."
    draft.save_revision()
    services.set_capacity(conference, 260, user=users.office)
    page = ConferencePage.objects.get(pk=conference.pk)
    assert page.capacity == 260  # in force now
    assert page.summary == ""  # the draft still waits
    assert page.has_unpublished_changes
    latest = page.get_latest_revision().as_object()
    assert (latest.capacity, latest.summary) == (260, "Bản nháp chờ duyệt.")


def test_a_blank_cap_goes_back_to_the_rules(conference, users):
    services.set_capacity(conference, 120, user=users.office)
    services.set_capacity(conference, None, user=users.office)
    conference.refresh_from_db()
    assert conference.capacity == 300


def test_weights_from_the_units_own_conferences(conference, tree, users):
    sizes = ((tree.vinh, 58), (tree.dien_chau, 44), (tree.ky_son, 29), (tree.division, 19))
    for unit, size in sizes:
        ConferencePageFactory(
            level="base", unit=unit, date=datetime.date(2025, 1, 20), capacity=size
        )
    # Another year's conference is not read.
    ConferencePageFactory(
        level="base", unit=tree.vinh, date=datetime.date(2024, 1, 20), capacity=999
    )
    allocation = services.run_allocation(conference, basis="conference_size", user=users.office)
    weights = {line.unit.code: int(line.weight) for line in allocation.lines.all()}
    assert weights == {"NA-DC": 44, "NA-KS": 29, "NA-THU": 19, "NA-VI": 58}


def test_manual_weights(conference, tree, users):
    manual = {
        tree.vinh.pk: "10", tree.dien_chau.pk: "10", tree.ky_son.pk: "5,5", tree.division.pk: 0,
    }  # fmt: skip
    allocation = services.run_allocation(
        conference, basis="manual", minimum=0, weights=manual, user=users.office
    )
    weights = ["10.00", "5.50", "0.00", "10.00"]  # Diễn Châu, Kỳ Sơn, the division, Vinh
    assert [str(line.weight) for line in allocation.lines.all()] == weights
    assert seats(allocation)["NA-THU"] == 0
    # Re-running after a change of cap keeps the manual weights.
    again = services.set_capacity(conference, 100, user=users.office)
    assert [str(line.weight) for line in again.lines.all()] == weights


def test_stale_allocation_is_reported(conference, tree, users):
    allocation = services.run_allocation(conference, user=users.office)
    assert services.allocation_warnings(conference, allocation) == []
    tree.vinh.staff_count = 70
    tree.vinh.save()
    invite(conference, 2)
    warnings = services.allocation_warnings(conference, allocation)
    assert any("Số đại biểu mời đã đổi từ 0 thành 2" in w for w in warnings)
    assert any("Trọng số đã thay đổi" in w and "BHXH thành phố Vinh" in w for w in warnings)


# --- delegates ----------------------------------------------------------------------------


@pytest.fixture
def allocated(conference, tree, users):
    """A small plan: cap 10, 2 invited, 8 seats by staff (Vinh 3, the others 2, 2, 1)."""
    services.set_capacity(conference, 10, user=users.office)
    invite(conference, 2)
    return services.run_allocation(conference, user=users.office)


def test_small_plan_seats(allocated):
    assert seats(allocated) == {"NA-DC": 2, "NA-KS": 2, "NA-THU": 1, "NA-VI": 3}


def test_a_unit_cannot_enter_more_than_its_seats(conference, tree, users, allocated):
    for name in ("Lê Văn A", "Lê Văn B"):
        services.add_delegate(
            conference, category="elected", unit=tree.dien_chau, full_name=name, user=users.office
        )
    with pytest.raises(services.PlanningError) as error:
        services.add_delegate(
            conference, category="elected", unit=tree.dien_chau, full_name="Lê Văn C"
        )
    assert error.value.message == (
        "Đơn vị “BHXH huyện Diễn Châu” được phân bổ 2 đại biểu bầu và đã nhập đủ 2; không thể thêm."
    )
    assert Delegate.objects.filter(unit=tree.dien_chau).count() == 2


def test_elected_delegates_need_an_allocation(conference, tree):
    with pytest.raises(services.PlanningError, match="chưa phân bổ ghế bầu"):
        services.add_delegate(conference, category="elected", unit=tree.vinh, full_name="A")


def test_a_unit_outside_the_allocation_cannot_enter_delegates(conference, tree, allocated):
    with pytest.raises(services.PlanningError, match="không có trong bảng phân bổ"):
        services.add_delegate(conference, category="elected", unit=tree.team, full_name="A")


def test_an_invited_delegate_beyond_the_cap_is_refused(conference, users):
    services.set_capacity(conference, 2, user=users.office)
    invite(conference, 2)
    with pytest.raises(services.PlanningError) as error:
        invite(conference, 1)
    assert error.value.message == "Số đại biểu tối đa (2) nhỏ hơn số đại biểu mời (3)."
    assert services.count_invited(conference) == 2


def test_guests_do_not_count(conference, users):
    services.set_capacity(conference, 1, user=users.office)
    for i in range(3):
        services.add_delegate(conference, category="guest", full_name=f"Khách {i}")
    assert services.count_invited(conference) == 0


def test_a_delegate_takes_what_is_blank_from_the_exemplar(conference, tree, allocated):
    field = FieldOfWork.objects.get_or_create(name="Thu BHXH, BHYT")[0]
    exemplar = ExemplarPageFactory(
        title="Hồ Thị Mai", unit=tree.ky_son, gender="female", ethnic_minority=True,
        good_deed=True, position="Chuyên viên thu",
    )  # fmt: skip
    exemplar.fields_of_work.add(field)
    exemplar.save()
    delegate = services.add_delegate(
        conference, category="elected", unit=tree.ky_son, exemplar=exemplar, direct_worker=True
    )
    assert (delegate.full_name, delegate.gender, delegate.position) == (
        "Hồ Thị Mai", "female", "Chuyên viên thu",
    )  # fmt: skip
    assert delegate.ethnic_minority and delegate.good_deed and delegate.direct_worker
    assert delegate.field_of_work == field


def test_a_delegate_needs_a_name_or_an_exemplar(conference, tree, allocated):
    with pytest.raises(services.PlanningError, match="Nhập họ và tên"):
        services.add_delegate(conference, category="elected", unit=tree.vinh)


def test_composition_per_unit_and_for_the_conference(conference, tree, allocated):
    field = FieldOfWork.objects.get_or_create(name="Giám định BHYT")[0]
    services.add_delegate(
        conference, category="elected", unit=tree.vinh, full_name="Nguyễn Thị Lan",
        gender="female", direct_worker=True, field_of_work=field,
    )  # fmt: skip
    services.add_delegate(
        conference, category="elected", unit=tree.vinh, full_name="Trần Văn Nam",
        gender="male", field_of_work=field,
    )  # fmt: skip
    vinh = services.unit_composition(conference, tree.vinh, allocated)
    assert (vinh.total, vinh.seats, vinh.figure("women").count) == (2, 3, 1)
    assert "Còn thiếu 1 đại biểu so với 3 ghế được phân bổ." in vinh.warnings
    assert any("Lĩnh vực “Giám định BHYT”: 2/2" in w for w in vinh.warnings)
    whole = services.conference_composition(conference, allocated)
    assert (whole.total, whole.seats) == (2, 8)
    plans = {p.unit.code: p for p in services.unit_plans(conference, allocated)}
    assert [d.full_name for d in plans["NA-VI"].delegates] == ["Nguyễn Thị Lan", "Trần Văn Nam"]
    assert plans["NA-DC"].composition.total == 0


def test_update_and_delete(conference, tree, allocated):
    delegate = services.add_delegate(
        conference, category="elected", unit=tree.vinh, full_name="Phan Văn Tài"
    )
    services.update_delegate(delegate, position="Tổ trưởng", gender="male")
    delegate.refresh_from_db()
    assert (delegate.position, delegate.gender) == ("Tổ trưởng", "male")
    with pytest.raises(TypeError):
        services.update_delegate(delegate, unit=tree.ky_son)  # an elected one stays with its unit
    services.delete_delegate(delegate)
    assert not Delegate.objects.filter(pk=delegate.pk).exists()


# --- candidates from the conference below -------------------------------------------------


@pytest.fixture
def congress(tree, conference, users, allocated):
    """The province conference has elected delegates; the sector congress is above it."""
    for name in ("Vi Thị Hằng", "Lô Văn Quân"):
        services.add_delegate(
            conference, category="elected", unit=tree.vinh, full_name=name, gender="female"
        )
    other = ConferencePageFactory(level="province", unit=tree.ha_tinh, capacity=5)
    services.run_allocation(other, user=users.office)
    services.add_delegate(other, category="elected", unit=tree.ha_tinh_district, full_name="Hà X")
    previous_year = ConferencePageFactory(
        level="province", unit=tree.province, date=datetime.date(2024, 4, 1), capacity=5
    )
    services.run_allocation(previous_year, user=users.office)
    services.add_delegate(previous_year, category="elected", unit=tree.vinh, full_name="Năm trước")
    page = ConferencePageFactory(
        level="sector", unit=tree.sector, date=datetime.date(2025, 9, 18), capacity=20
    )
    services.run_allocation(page, user=users.office)
    return page


def test_elected_delegates_below_are_candidates_above(congress, tree):
    names = sorted(d.full_name for d in services.candidates_for(congress))
    assert names == ["Hà X", "Lô Văn Quân", "Vi Thị Hằng"]  # same year only
    nghe_an = sorted(d.full_name for d in services.candidates_for(congress, tree.province))
    assert nghe_an == ["Lô Văn Quân", "Vi Thị Hằng"]


def test_picking_a_candidate_copies_and_links_it(congress, tree, users):
    candidate = Delegate.objects.get(full_name="Vi Thị Hằng")
    delegate = services.pick_candidate(congress, tree.province, candidate, user=users.office)
    assert delegate.source_delegate == candidate
    assert (delegate.category, delegate.unit) == ("elected", tree.province)
    assert delegate.gender == "female"
    assert [d.full_name for d in services.candidates_for(congress, tree.province)] == [
        "Lô Văn Quân"
    ]
    with pytest.raises(services.PlanningError, match="đã được chọn"):
        services.pick_candidate(congress, tree.province, candidate)


def test_a_candidate_of_another_province_cannot_be_picked(congress, tree):
    candidate = Delegate.objects.get(full_name="Hà X")
    with pytest.raises(services.PlanningError, match="không phải ứng viên"):
        services.pick_candidate(congress, tree.province, candidate)

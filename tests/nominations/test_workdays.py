"""The working-day clock of appraisal: weekends, Vietnamese holidays, swapped and make-up days."""

import ast
import datetime
import inspect

import pytest

from kb.nominations import workdays
from kb.nominations.workdays import (
    Clock,
    UnknownHolidayYear,
    add_working_days,
    clock,
    holidays_for,
    make_up_days_for,
    working_days_between,
)

D = datetime.date


def test_the_days_off_of_2025():
    days = holidays_for(2025)
    assert D(2025, 1, 1) in days
    assert {D(2025, 1, d) for d in range(27, 32)} <= days  # Tết Ất Tỵ, Monday to Friday
    assert D(2025, 4, 7) in days  # Giỗ Tổ Hùng Vương
    assert {D(2025, 4, 30), D(2025, 5, 1), D(2025, 9, 1), D(2025, 9, 2)} <= days
    assert D(2025, 6, 2) not in days


@pytest.mark.parametrize("year", sorted(workdays.HOLIDAYS))
def test_every_year_has_five_weekdays_of_tet_around_the_lunar_new_year(year):
    tet = sorted(d for d, name in workdays.HOLIDAYS[year] if name.startswith("Tết Nguyên đán"))
    assert sum(1 for d in tet if d.weekday() < 5) == 5
    assert tet[0] <= workdays.LUNAR_NEW_YEAR[year] + datetime.timedelta(days=1)
    assert workdays.LUNAR_NEW_YEAR[year] - datetime.timedelta(days=3) <= tet[0]
    assert workdays.HUNG_KINGS[year] in holidays_for(year)
    national_day = D(year, 9, 2)
    adjacent = {national_day - datetime.timedelta(days=1), national_day + datetime.timedelta(1)}
    assert national_day in holidays_for(year)
    assert adjacent & holidays_for(year), "2/9 comes with one adjacent day"


def test_a_holiday_on_a_weekend_gives_the_next_monday_off():
    assert D(2026, 4, 26).weekday() == 6  # Giỗ Tổ 2026 falls on a Sunday
    assert D(2026, 4, 27) in holidays_for(2026)
    assert D(2028, 1, 3) in holidays_for(2028)  # 1/1/2028 is a Saturday


def test_a_dossier_received_before_tet_is_due_after_it():
    holidays = holidays_for(2025)
    # Friday 24/1/2025 + 1 working day: the whole Tết week is off.
    assert add_working_days(D(2025, 1, 24), 1, holidays) == D(2025, 2, 3)
    assert add_working_days(D(2025, 1, 24), 5, holidays) == D(2025, 2, 7)


def test_the_may_holidays_and_their_swapped_day():
    holidays = holidays_for(2025)
    # 30/4, 1/5 and the swapped Friday 2/5 are off.
    assert add_working_days(D(2025, 4, 29), 1, holidays) == D(2025, 5, 5)


def test_a_make_up_saturday_is_a_working_day():
    holidays, make_up = holidays_for(2025), make_up_days_for(2025)
    assert add_working_days(D(2025, 4, 25), 1, holidays) == D(2025, 4, 28)
    assert add_working_days(D(2025, 4, 25), 1, holidays, make_up) == D(2025, 4, 26)


def test_counting_back_and_forth_agree():
    holidays = set().union(*(holidays_for(y) for y in workdays.HOLIDAYS))
    make_up = set().union(*(make_up_days_for(y) for y in workdays.HOLIDAYS))
    start = D(2024, 1, 1)
    for offset in range(0, 1800, 7):
        day = start + datetime.timedelta(days=offset)
        for n in (0, 1, 3, 10, 30):
            end = add_working_days(day, n, holidays, make_up)
            assert working_days_between(day, end, holidays, make_up) == n
            assert working_days_between(end, day, holidays, make_up) == -n
            if n:
                assert workdays.is_working_day(end, holidays, make_up)
                assert add_working_days(end, -n, holidays, make_up) <= day


def test_weekends_only_without_holidays():
    # Monday 3/11/2025 + 5 working days is the next Monday.
    assert add_working_days(D(2025, 11, 3), 5, ()) == D(2025, 11, 10)
    assert working_days_between(D(2025, 11, 7), D(2025, 11, 10), ()) == 1  # Fri → Mon


def test_clock_statuses():
    received = D(2025, 11, 3)  # Monday; 10 working days → Monday 17/11
    on_time = clock(received, 10, D(2025, 11, 5))
    assert on_time == Clock(deadline=D(2025, 11, 17), days_left=8, status="on_time")
    assert on_time.label == "Còn 8 ngày làm việc"
    assert clock(received, 10, D(2025, 11, 13)).status == "due_soon"  # Thursday: 2 left
    today = clock(received, 10, D(2025, 11, 17))
    assert (today.days_left, today.status, today.label) == (0, "due_soon", "Hết hạn hôm nay")
    late = clock(received, 10, D(2025, 11, 19))
    assert (late.days_left, late.status) == (-2, "overdue")
    assert late.label == "Quá hạn 2 ngày làm việc"


def test_overdue_over_a_weekend_is_still_overdue():
    late = clock(D(2025, 11, 3), 4, D(2025, 11, 8))  # deadline Friday 7/11, today Saturday
    assert late.deadline == D(2025, 11, 7)
    assert (late.days_left, late.status, late.label) == (0, "overdue", "Quá hạn")


def test_clock_uses_the_holiday_data_across_new_year():
    # Received Friday 23/1/2026 with 20 working days: Tết Bính Ngọ (16–20/2) is skipped.
    result = clock(D(2026, 1, 23), 20, D(2026, 1, 23))
    assert result.deadline == D(2026, 2, 27)
    assert result.days_left == 20


def test_a_year_without_data_is_refused_with_a_clear_message():
    with pytest.raises(UnknownHolidayYear, match="năm 2030"):
        holidays_for(2030)
    with pytest.raises(UnknownHolidayYear):
        clock(D(2029, 12, 20), 10, D(2029, 12, 21))
    with pytest.raises(ValueError, match="từ 0 trở lên"):
        clock(D(2025, 1, 2), -1, D(2025, 1, 2))


def test_module_imports_nothing_from_django():
    tree = ast.parse(inspect.getsource(workdays))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(alias.name.startswith("django") for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("django")

"""The working-day clock of appraisal (thời hạn thẩm định tính theo ngày làm việc).

Deadlines for appraising a dossier are counted in working days: Monday to Friday, less the
public holidays of the Labour Code 2019 (Bộ luật Lao động, Điều 112) as the Government
schedules them for public servants each year (Tết Dương lịch 1/1; Tết Nguyên đán, five days
around the lunar new year; Giỗ Tổ Hùng Vương on the 10th of the third lunar month; 30/4; 1/5;
Quốc khánh 2/9 and one adjacent day), plus the compensatory day (nghỉ bù) when a holiday falls
on a weekend, and the Saturdays worked to make up a swapped day (làm bù).

The lunar holidays cannot be computed without a lunar calendar and the days off are decided
every year by the Prime Minister's notice, so the dates are *data* here, one entry per year.
2024–2026 follow the published schedules; 2027–2028 are the usual pattern projected from the
lunar calendar and must be checked against the notice for that year when it is published.
A year with no data raises :class:`UnknownHolidayYear` rather than silently losing Tết.

Plain Python, no Django import: the nomination lists call :func:`clock` for every row.
"""

from __future__ import annotations

import datetime
from collections.abc import Container
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "DUE_SOON",
    "HOLIDAYS",
    "HUNG_KINGS",
    "LUNAR_NEW_YEAR",
    "MAKE_UP_DAYS",
    "CalendarDays",
    "Clock",
    "UnknownHolidayYear",
    "add_working_days",
    "clock",
    "holidays_between",
    "holidays_for",
    "is_working_day",
    "make_up_days_for",
    "working_days_between",
]

D = datetime.date

#: Days off per year, with their Vietnamese name. Weekend days inside a break are listed when
#: the schedule names them (harmless: a weekend is not a working day anyway).
HOLIDAYS: dict[int, tuple[tuple[datetime.date, str], ...]] = {
    2024: (
        (D(2024, 1, 1), "Tết Dương lịch"),
        *((D(2024, 2, day), "Tết Nguyên đán Giáp Thìn") for day in range(8, 15)),
        (D(2024, 4, 18), "Giỗ Tổ Hùng Vương"),
        (D(2024, 4, 29), "Nghỉ hoán đổi (làm bù thứ Bảy 4/5)"),
        (D(2024, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2024, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2024, 9, 2), "Quốc khánh"),
        (D(2024, 9, 3), "Quốc khánh (ngày liền kề)"),
    ),
    2025: (
        (D(2025, 1, 1), "Tết Dương lịch"),
        *((D(2025, 1, day), "Tết Nguyên đán Ất Tỵ") for day in range(27, 32)),
        (D(2025, 4, 7), "Giỗ Tổ Hùng Vương"),
        (D(2025, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2025, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"),
        (D(2025, 9, 1), "Quốc khánh (ngày liền kề)"),
        (D(2025, 9, 2), "Quốc khánh"),
    ),
    2026: (
        (D(2026, 1, 1), "Tết Dương lịch"),
        *((D(2026, 2, day), "Tết Nguyên đán Bính Ngọ") for day in range(16, 21)),
        (D(2026, 4, 26), "Giỗ Tổ Hùng Vương"),
        (D(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (D(2026, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2026, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2026, 8, 31), "Nghỉ hoán đổi (làm bù thứ Bảy 22/8)"),
        (D(2026, 9, 1), "Quốc khánh (ngày liền kề)"),
        (D(2026, 9, 2), "Quốc khánh"),
        (D(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
    ),
    # Projected: the usual five weekdays around the lunar new year; check the year's notice.
    2027: (
        (D(2027, 1, 1), "Tết Dương lịch"),
        *(
            (D(2027, 2, day), "Tết Nguyên đán Đinh Mùi")
            for day in (4, 5, 8, 9, 10)  # 6/2 is mùng 1 (a Saturday)
        ),
        (D(2027, 4, 16), "Giỗ Tổ Hùng Vương"),
        (D(2027, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2027, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù)"),
        (D(2027, 9, 2), "Quốc khánh"),
        (D(2027, 9, 3), "Quốc khánh (ngày liền kề)"),
        (D(2027, 11, 24), "Ngày Văn hóa Việt Nam"),
    ),
    2028: (
        (D(2028, 1, 1), "Tết Dương lịch"),
        (D(2028, 1, 3), "Tết Dương lịch (nghỉ bù)"),
        *(
            (D(2028, 1, day), "Tết Nguyên đán Mậu Thân")
            for day in range(24, 29)  # 26/1 is mùng 1 (a Wednesday)
        ),
        (D(2028, 4, 4), "Giỗ Tổ Hùng Vương"),
        (D(2028, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2028, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2028, 5, 2), "Ngày Chiến thắng 30/4 (nghỉ bù)"),
        (D(2028, 9, 1), "Quốc khánh (ngày liền kề)"),
        (D(2028, 9, 2), "Quốc khánh"),
        (D(2028, 9, 4), "Quốc khánh (nghỉ bù)"),
        (D(2028, 11, 24), "Ngày Văn hóa Việt Nam"),
    ),
}

#: The first day of the lunar year (mùng 1 Tết) and Giỗ Tổ (10/3 âm lịch), for checking the data.
LUNAR_NEW_YEAR: dict[int, datetime.date] = {
    2024: D(2024, 2, 10),
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
    2027: D(2027, 2, 6),
    2028: D(2028, 1, 26),
}
HUNG_KINGS: dict[int, datetime.date] = {
    2024: D(2024, 4, 18),
    2025: D(2025, 4, 7),
    2026: D(2026, 4, 26),
    2027: D(2027, 4, 16),
    2028: D(2028, 4, 4),
}

#: Saturdays worked to make up a swapped day off (ngày làm bù): working days despite the weekend.
MAKE_UP_DAYS: dict[int, tuple[datetime.date, ...]] = {
    2024: (D(2024, 5, 4),),
    2025: (D(2025, 4, 26),),
    2026: (D(2026, 8, 22),),
    2027: (),
    2028: (),
}

#: A deadline this many working days away or closer is shown as "due soon".
DUE_SOON = 2

Status = Literal["on_time", "due_soon", "overdue"]


class UnknownHolidayYear(LookupError):
    """No holiday data for a year: add the year's schedule to :data:`HOLIDAYS`."""

    def __init__(self, year: int) -> None:
        known = ", ".join(str(y) for y in sorted(HOLIDAYS))
        super().__init__(
            f"Chưa có lịch nghỉ lễ, Tết của năm {year} (đã có: {known}); "
            "cần bổ sung vào kb/nominations/workdays.py trước khi tính hạn."
        )
        self.year = year


def holidays_for(year: int) -> set[datetime.date]:
    """The days off of ``year`` (weekends aside). Raises :class:`UnknownHolidayYear`."""
    try:
        return {day for day, _name in HOLIDAYS[year]}
    except KeyError:
        raise UnknownHolidayYear(year) from None


def make_up_days_for(year: int) -> set[datetime.date]:
    """The Saturdays worked in ``year`` to make up a swapped day off."""
    return set(MAKE_UP_DAYS.get(year, ()))


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """The days off of every year from ``start`` to ``end`` (in either order), for a clock."""
    low, high = sorted((start.year, end.year))
    days: set[datetime.date] = set()
    for year in range(low, high + 1):
        days |= holidays_for(year)
    return days


def is_working_day(
    day: datetime.date,
    holidays: Container[datetime.date],
    make_up_days: Container[datetime.date] = (),
) -> bool:
    """Monday to Friday and not a holiday, or a Saturday worked to make up a swapped day."""
    if day in make_up_days:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: datetime.date,
    n: int,
    holidays: Container[datetime.date],
    make_up_days: Container[datetime.date] = (),
) -> datetime.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    A dossier received on Friday with 1 working day to appraise is due on Monday. ``n`` = 0
    gives ``start``; a negative ``n`` counts backwards (the ``-n``-th working day before).
    """
    step = 1 if n >= 0 else -1
    day = start
    remaining = abs(n)
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day, holidays, make_up_days):
            remaining -= 1
    return day


def working_days_between(
    start: datetime.date,
    end: datetime.date,
    holidays: Container[datetime.date],
    make_up_days: Container[datetime.date] = (),
) -> int:
    """Working days ``d`` with ``start < d <= end``; negative when ``end`` is before ``start``.

    The inverse of :func:`add_working_days`:
    ``working_days_between(s, add_working_days(s, n, h), h) == n``.
    """
    if end < start:
        return -working_days_between(end, start, holidays, make_up_days)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays, make_up_days):
            count += 1
    return count


@dataclass(frozen=True, slots=True)
class Clock:
    """What a list shows for a dossier under appraisal.

    ``days_left`` counts the working days from ``today`` to the deadline: 0 on the deadline
    day, negative (the working days already lost) once it has passed.
    """

    deadline: datetime.date
    days_left: int
    status: Status

    @property
    def label(self) -> str:
        """A short Vietnamese label for the list column."""
        if self.status == "overdue":
            return f"Quá hạn {-self.days_left} ngày làm việc" if self.days_left else "Quá hạn"
        if self.days_left == 0:
            return "Hết hạn hôm nay"
        return f"Còn {self.days_left} ngày làm việc"


class CalendarDays:
    """The days off (or the make-up Saturdays) of whatever year is asked about, from the data.

    A container for :func:`add_working_days` and friends when the span of a count is not known
    in advance: it looks a year up the first time one of its days is tested, so a clock only
    fails for lack of data when it really walks into a year with none.
    """

    def __init__(self, *, make_up: bool = False) -> None:
        self._make_up = make_up
        self._years: dict[int, frozenset[datetime.date]] = {}

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, datetime.date):
            return False
        days = self._years.get(day.year)
        if days is None:
            lookup = make_up_days_for if self._make_up else holidays_for
            days = self._years[day.year] = frozenset(lookup(day.year))
        return day in days


def clock(
    received: datetime.date,
    allowed: int,
    today: datetime.date,
    holidays: Container[datetime.date] | None = None,
    make_up_days: Container[datetime.date] | None = None,
    *,
    due_soon: int = DUE_SOON,
) -> Clock:
    """The clock of a dossier received on ``received`` with ``allowed`` working days.

    ``today`` is the day to measure from (the decision date once decided, to record whether it
    was on time). Without ``holidays`` / ``make_up_days`` the data of this module is used.
    """
    if allowed < 0:
        raise ValueError(f"Số ngày làm việc được phép phải từ 0 trở lên, nhận được {allowed}.")
    if holidays is None:
        holidays = CalendarDays()
    if make_up_days is None:
        make_up_days = CalendarDays(make_up=True)
    deadline = add_working_days(received, allowed, holidays, make_up_days)
    days_left = working_days_between(today, deadline, holidays, make_up_days)
    if today > deadline:
        status: Status = "overdue"
    elif days_left <= due_soon:
        status = "due_soon"
    else:
        status = "on_time"
    return Clock(deadline=deadline, days_left=days_left, status=status)

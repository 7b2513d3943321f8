"""Defaults a conference takes from its level and its organiser (quy định về quy mô, thời hạn).

The 2019 guidance of BHXH Việt Nam on conferences of exemplary models at every level sets:

- base conferences (BHXH huyện, the divisions of a province, the units under BHXH Việt Nam):
  half a day, before 30/1, attended by all the staff of the unit;
- upper conferences (BHXH tỉnh, Khối cơ quan BHXH Việt Nam): half a day or one, before 30/4,
  at most 300 delegates, 350 for Khối cơ quan BHXH Việt Nam, BHXH TP.HCM and BHXH TP Hà Nội;
- the sector congress (Đại hội Thi đua yêu nước ngành BHXH): half a day or one, in the third
  quarter, at most 500 delegates, guests not counted.

The figures are data (the ``ConferenceRules`` setting in the admin); this module only applies
them. It is plain Python with no Django import.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

__all__ = [
    "BASE",
    "LEVELS",
    "PROVINCE",
    "SECTOR",
    "CapRules",
    "DeadlineRules",
    "default_capacity",
    "default_deadline",
    "level_rank",
    "lower_levels",
]

BASE = "base"
PROVINCE = "province"
SECTOR = "sector"

#: The levels from the lowest up; elected delegates go from one level to the next.
LEVELS: tuple[str, ...] = (BASE, PROVINCE, SECTOR)


def level_rank(level: str) -> int:
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown conference level {level!r}") from None


def lower_levels(level: str) -> tuple[str, ...]:
    """The levels below ``level`` (whose elected delegates are candidates for it)."""
    return LEVELS[: level_rank(level)]


@dataclass(frozen=True, slots=True)
class CapRules:
    """Delegate caps by level (guests are never counted)."""

    upper: int = 300
    raised_upper: int = 350
    congress: int = 500


@dataclass(frozen=True, slots=True)
class DeadlineRules:
    """The day and month each level must be held by, in the conference's year."""

    base: tuple[int, int] = (30, 1)
    upper: tuple[int, int] = (30, 4)
    congress: tuple[int, int] = (30, 9)  # the end of the third quarter


def default_capacity(
    level: str,
    *,
    staff_count: int | None = None,
    raised: bool = False,
    caps: CapRules | None = None,
) -> int | None:
    """The delegate cap of a conference of ``level``.

    A base conference takes all the staff of its organiser (``staff_count``; None when it is
    not known). An upper conference takes ``caps.upper``, or ``caps.raised_upper`` when its
    organiser is one of the units with a raised cap (``raised``). The congress takes
    ``caps.congress``.
    """
    caps = caps or CapRules()
    rank = level_rank(level)
    if rank == 0:
        return staff_count
    if rank == 1:
        return caps.raised_upper if raised else caps.upper
    return caps.congress


def default_deadline(
    level: str, year: int, deadlines: DeadlineRules | None = None
) -> datetime.date:
    """The date a conference of ``level`` held in ``year`` must be held by.

    A day past the end of its month is taken as the month's last day (31/2 → 28/2 or 29/2).
    """
    deadlines = deadlines or DeadlineRules()
    day, month = (deadlines.base, deadlines.upper, deadlines.congress)[level_rank(level)]
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1 to 12, got {month}")
    if day < 1:
        raise ValueError(f"day must be at least 1, got {day}")
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day, last))

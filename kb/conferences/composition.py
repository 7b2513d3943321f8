"""The make-up of a list of elected delegates (cơ cấu đại biểu), as figures and warnings.

The 2019 guidance asks that elected delegates favour "Người tốt – Việc tốt" examples, people
who do the work directly, women and ethnic minorities, and keep a balance across fields of
work. It gives no figures; the organiser's targets (the ``ConferenceRules`` setting) turn it
into checks: a minimum share for each group and a maximum share for any one field of work.
A target of 0 switches its check off. Shares are checked with whole numbers: a minimum of
p % of n delegates needs ⌈p·n / 100⌉ of them; a maximum of p % allows ⌊p·n / 100⌋ of them in
one field (at least 1, so that a list of one delegate is never out of balance).

Warnings advise, they do not refuse: the one hard rule, a unit entering no more delegates
than its seats, is enforced where delegates are saved. Plain Python, no Django import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Composition", "Figure", "Person", "Targets", "summarise", "format_percent"]

FEMALE = "female"


@dataclass(frozen=True, slots=True)
class Person:
    """What the checks read about one delegate."""

    gender: str = ""
    """"female", "male" or "" when not recorded."""
    ethnic_minority: bool = False
    direct_worker: bool = False
    good_deed: bool = False
    field_of_work: str | None = None


@dataclass(frozen=True, slots=True)
class Targets:
    """Whole percentages (0–100); 0 switches a check off."""

    min_women: int = 30
    min_ethnic_minority: int = 5
    min_direct_workers: int = 30
    min_good_deed: int = 10
    max_one_field: int = 50


@dataclass(frozen=True, slots=True)
class Figure:
    """One group's count against its target."""

    key: str
    label: str
    count: int
    total: int
    target: int
    """The minimum share in percent (0: no check)."""
    needed: int
    """The count the target asks for on this list."""

    @property
    def share(self) -> float:
        return 100 * self.count / self.total if self.total else 0.0

    @property
    def ok(self) -> bool:
        return self.count >= self.needed

    @property
    def share_text(self) -> str:
        return format_percent(self.share)


@dataclass(frozen=True)
class Composition:
    total: int
    seats: int | None
    figures: tuple[Figure, ...]
    fields: tuple[tuple[str, int], ...]
    """Delegates per field of work, the largest first (then by name)."""
    without_field: int
    without_gender: int
    max_one_field: int
    warnings: tuple[str, ...] = field(default=())

    @property
    def missing(self) -> int:
        """Seats not yet filled (0 when full or over, or when there are no seats)."""
        return max(0, (self.seats or 0) - self.total)

    @property
    def over(self) -> int:
        return max(0, self.total - self.seats) if self.seats is not None else 0

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def format_percent(value: float) -> str:
    """A share the Vietnamese way: one decimal with a comma, none when whole ("33,3 %")."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") + "%"


def _needed_min(percent: int, total: int) -> int:
    return -(-percent * total // 100) if percent > 0 else 0


def _allowed_max(percent: int, total: int) -> int:
    return max(1, percent * total // 100)


_GROUPS = (
    ("women", "Nữ", "min_women", lambda p: p.gender == FEMALE),
    (
        "ethnic_minority",
        "Người dân tộc thiểu số",
        "min_ethnic_minority",
        lambda p: p.ethnic_minority,
    ),
    (
        "direct_workers",
        "Trực tiếp thực thi nhiệm vụ",
        "min_direct_workers",
        lambda p: p.direct_worker,
    ),
    ("good_deed", "Gương “Người tốt – Việc tốt”", "min_good_deed", lambda p: p.good_deed),
)


def summarise(
    people: Iterable[Person], *, seats: int | None = None, targets: Targets | None = None
) -> Composition:
    """Figures and warnings for a list of delegates holding ``seats`` seats (None: not
    allocated yet)."""
    targets = targets or Targets()
    people = list(people)
    total = len(people)
    warnings: list[str] = []

    if seats is None:
        if total:
            warnings.append("Chưa có số ghế được phân bổ cho danh sách này.")
    elif total > seats:
        warnings.append(
            f"Đã nhập {total} đại biểu, vượt {total - seats} so với {seats} ghế được phân bổ."
        )
    elif total < seats:
        warnings.append(f"Còn thiếu {seats - total} đại biểu so với {seats} ghế được phân bổ.")

    figures = []
    for key, label, attr, test in _GROUPS:
        percent = getattr(targets, attr)
        count = sum(1 for p in people if test(p))
        figure = Figure(
            key=key,
            label=label,
            count=count,
            total=total,
            target=percent,
            needed=_needed_min(percent, total),
        )
        figures.append(figure)
        if total and not figure.ok:
            warnings.append(
                f"{label}: {count}/{total} ({figure.share_text}), thấp hơn mức tối thiểu "
                f"{percent}%; cần ít nhất {figure.needed}."
            )

    counts = Counter(p.field_of_work for p in people if p.field_of_work)
    by_field = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    if targets.max_one_field > 0 and total:
        allowed = _allowed_max(targets.max_one_field, total)
        for name, count in by_field:
            if count > allowed:
                warnings.append(
                    f"Lĩnh vực “{name}”: {count}/{total} "
                    f"({format_percent(100 * count / total)}), vượt mức tối đa "
                    f"{targets.max_one_field}% cho một lĩnh vực; chưa cân đối các lĩnh vực."
                )
    without_field = sum(1 for p in people if not p.field_of_work)
    without_gender = sum(1 for p in people if not p.gender)
    if without_gender:
        warnings.append(f"{without_gender} đại biểu chưa ghi giới tính.")
    if without_field:
        warnings.append(f"{without_field} đại biểu chưa ghi lĩnh vực công tác.")

    return Composition(
        total=total,
        seats=seats,
        figures=tuple(figures),
        fields=by_field,
        without_field=without_field,
        without_gender=without_gender,
        max_one_field=targets.max_one_field,
        warnings=tuple(warnings),
    )

"""Emulation scoring of a block or cluster: totals under the pact, and the ranking.

Pure Python (no Django): the services read the models into these dataclasses, so the rules
can be tested and reused on their own.

Totals. A criterion is one of three kinds:

- ``score``: points earned, from 0 to the criterion's maximum;
- ``bonus``: points for exceeding a target, from 0 to the criterion's maximum;
- ``deduction``: points taken away for a missed target or obligation, from 0 to its maximum.

The sum of bonus points is capped by the pact's bonus cap, and the sum of deductions by its
deduction cap (when the pact sets one). Total = base points + capped bonus − capped deductions.

Ranking (written down here and shown on the ranking screen, ``TIE_BREAK_RULE``): higher total
first; on equal totals, the higher total of the core sections; then the fewer deduction points
(capped); then the higher share of women among the unit's staff, when both units gave it. Units
still equal after that share the rank, and the council decides between them: no draft
nomination is opened for a place that is shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

SCORE = "score"
BONUS = "bonus"
DEDUCTION = "deduction"
KINDS = (SCORE, BONUS, DEDUCTION)

ZERO = Decimal("0")

TIE_BREAK_RULE: tuple[str, ...] = (
    "Xếp theo tổng điểm (điểm các tiêu chí + điểm thưởng − điểm trừ, thưởng và trừ không vượt "
    "mức trần của giao ước), cao hơn xếp trên.",
    "Nếu bằng tổng điểm: đơn vị có tổng điểm các phần trọng tâm cao hơn xếp trên.",
    "Nếu vẫn bằng: đơn vị bị trừ ít điểm hơn xếp trên.",
    "Nếu vẫn bằng: đơn vị có tỷ lệ nữ trong tổng số CBCCVC, NLĐ cao hơn xếp trên "
    "(khi cả hai đơn vị đã khai).",
    "Nếu vẫn bằng: các đơn vị đồng hạng; Hội đồng Thi đua - Khen thưởng quyết định và không "
    "tự động đề nghị khen thưởng cho vị trí đồng hạng.",
)


class ScoringError(ValueError):
    """Points that the pact does not allow; the message (Vietnamese) names the criterion."""


@dataclass(frozen=True)
class Criterion:
    code: str
    section: str
    kind: str
    max_points: Decimal
    label: str = ""


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    core: bool = False


@dataclass(frozen=True)
class Pact:
    sections: tuple[Section, ...]
    criteria: tuple[Criterion, ...]
    bonus_cap: Decimal | None = None
    deduction_cap: Decimal | None = None

    def criterion(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if c.code == code), None)

    @property
    def max_total(self) -> Decimal:
        base = sum((c.max_points for c in self.criteria if c.kind == SCORE), ZERO)
        bonus = sum((c.max_points for c in self.criteria if c.kind == BONUS), ZERO)
        if self.bonus_cap is not None:
            bonus = min(bonus, self.bonus_cap)
        return base + bonus


@dataclass(frozen=True)
class Total:
    base: Decimal
    bonus: Decimal
    deduction: Decimal
    by_section: Mapping[str, Decimal]
    core: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus - self.deduction


def check_points(criterion: Criterion, points) -> Decimal:
    """``points`` as a Decimal, or :class:`ScoringError` when it is not a number between 0 and
    the criterion's maximum."""
    if points is None or isinstance(points, bool):
        raise ScoringError(f"Tiêu chí {criterion.code}: thiếu số điểm.")
    try:
        value = Decimal(str(points).strip().replace(",", "."))
    except ArithmeticError:
        raise ScoringError(f"Tiêu chí {criterion.code}: “{points}” không phải là một số.") from None
    if not value.is_finite():
        raise ScoringError(f"Tiêu chí {criterion.code}: “{points}” không phải là một số.")
    if value < 0:
        raise ScoringError(f"Tiêu chí {criterion.code}: điểm không được âm ({points}).")
    if value > criterion.max_points:
        raise ScoringError(
            f"Tiêu chí {criterion.code}: {fmt(value)} điểm vượt mức tối đa "
            f"{fmt(criterion.max_points)}."
        )
    if value != value.quantize(Decimal("0.01")):
        raise ScoringError(f"Tiêu chí {criterion.code}: chỉ được tối đa hai chữ số thập phân.")
    return value


def total(pact: Pact, points: Mapping[str, Decimal | None]) -> Total:
    """The total of one unit; a criterion without points counts 0 (not yet scored)."""
    base = bonus = deduction = ZERO
    by_section: dict[str, Decimal] = {s.code: ZERO for s in pact.sections}
    for criterion in pact.criteria:
        value = points.get(criterion.code)
        value = ZERO if value is None else Decimal(value)
        if criterion.kind == SCORE:
            base += value
            by_section[criterion.section] = by_section.get(criterion.section, ZERO) + value
        elif criterion.kind == BONUS:
            bonus += value
        elif criterion.kind == DEDUCTION:
            deduction += value
        else:
            raise ScoringError(f"Tiêu chí {criterion.code}: loại “{criterion.kind}” không hợp lệ.")
    if pact.bonus_cap is not None:
        bonus = min(bonus, pact.bonus_cap)
    if pact.deduction_cap is not None:
        deduction = min(deduction, pact.deduction_cap)
    core_codes = {s.code for s in pact.sections if s.core}
    core = sum((v for code, v in by_section.items() if code in core_codes), ZERO)
    return Total(base=base, bonus=bonus, deduction=deduction, by_section=by_section, core=core)


@dataclass(frozen=True)
class Entry:
    """One unit to rank: its key (any hashable, e.g. the unit's id), its name, its total, and
    the share of women among its staff (0..1) when known."""

    key: object
    name: str
    total: Total
    women_share: Decimal | None = None


@dataclass
class Ranked:
    rank: int
    entry: Entry
    tied: bool = False
    decided_by: str = ""
    """Which step of the rule separated this unit from the one above it ("" for the first)."""
    tied_with: list[str] = field(default_factory=list)


def _compare(a: Entry, b: Entry) -> tuple[int, str]:
    """-1 when ``a`` ranks above ``b``, 1 when below, 0 when the rule cannot separate them;
    with the name of the step that decided."""
    steps = (
        ("tổng điểm", a.total.total, b.total.total),
        ("điểm phần trọng tâm", a.total.core, b.total.core),
        ("điểm trừ", -a.total.deduction, -b.total.deduction),
    )
    for name, x, y in steps:
        if x != y:
            return (-1 if x > y else 1), name
    if a.women_share is not None and b.women_share is not None and a.women_share != b.women_share:
        return (-1 if a.women_share > b.women_share else 1), "tỷ lệ nữ"
    return 0, ""


def rank(entries: Iterable[Entry]) -> list[Ranked]:
    """Entries in ranking order with their rank; equal entries share a rank (1, 2, 2, 4)."""
    import functools

    ordered = sorted(
        entries,
        key=functools.cmp_to_key(lambda a, b: _compare(a, b)[0] or _name_order(a, b)),
    )
    out: list[Ranked] = []
    for position, entry in enumerate(ordered, start=1):
        if out:
            outcome, step = _compare(out[-1].entry, entry)
            if outcome == 0:
                previous = out[-1]
                previous.tied = True
                row = Ranked(rank=previous.rank, entry=entry, tied=True)
                out.append(row)
                continue
            out.append(Ranked(rank=position, entry=entry, decided_by=step))
        else:
            out.append(Ranked(rank=1, entry=entry))
    groups: dict[int, list[Ranked]] = {}
    for row in out:
        groups.setdefault(row.rank, []).append(row)
    for rows in groups.values():
        if len(rows) > 1:
            for row in rows:
                row.tied_with = [r.entry.name for r in rows if r is not row]
    return out


def _name_order(a: Entry, b: Entry) -> int:
    """Only for a stable display order of tied units; it does not decide the rank."""
    return (a.name > b.name) - (a.name < b.name)


def sole_holder(ranking: list[Ranked], place: int) -> Ranked | None:
    """The one unit at ``place``, or None when that place is shared or empty."""
    rows = [r for r in ranking if r.rank == place]
    return rows[0] if len(rows) == 1 else None


def fmt(value: Decimal | None) -> str:
    """Points as Vietnamese text: decimal comma, no trailing zeros."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")

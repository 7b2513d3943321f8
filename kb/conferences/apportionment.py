"""Allocation of elected delegate seats among subordinate units (phân bổ đại biểu bầu).

The organiser of a conference has a cap on delegates; the seats left once the invited delegates
are counted (elected = cap − invited) are shared among its subordinate units in proportion to a
weight: the size of each unit's own conference, or its staff count. This module does the
arithmetic and nothing else: it is plain Python with no Django import, so that it can be
tested, benchmarked and checked by hand on its own.

Methods
-------
``hamilton`` (largest remainder, Hare quota; the default)
    Each unit first holds the minimum M. The R = S − M·U remaining seats are shared by weight:
    unit i's quota is q_i = w_i · R / W (W the sum of the weights); it gets ⌊q_i⌋, and the
    seats still left go one each to the units with the largest remainders q_i − ⌊q_i⌋.
``dhondt`` (D'Hondt, Jefferson), ``sainte-lague`` (Sainte-Laguë, Webster), ``huntington-hill``
    Divisor methods. Each unit first holds the minimum M; the remaining seats are handed out
    one at a time, each to the unit with the highest priority value computed on the seats n it
    already holds: w / (n + 1) for D'Hondt, w / (2n + 1) for Sainte-Laguë, w / √(n(n + 1)) for
    Huntington–Hill. Huntington–Hill with M = 1 is exactly the method of the U.S. House of
    Representatives. With M = 0, Huntington–Hill's priority for a unit holding no seat is
    infinite (divisor √0 = 0), so every unit of positive weight gets a first seat before any
    gets a second; when there are fewer seats than such units, the first seats go by the tie
    rule below, i.e. to the largest weights. That is the standard reading of the method.

All arithmetic is exact: weights are turned into ``fractions.Fraction`` (a float is taken at
its exact binary value, so pass ``Fraction("12.5")`` or a ``Decimal`` when the decimal value
matters), and Huntington–Hill priorities are compared through their squares
w² / (n(n + 1)), which are rational. The result is therefore the same on every machine.

Tie rule (the same for every method)
------------------------------------
When two units compete for a seat, the higher priority value (divisor methods) or the larger
remainder (Hamilton) wins; if they are equal, the unit with the larger weight wins; if the
weights are equal too, the unit that comes earlier in the input wins.

Weights
-------
A weight must be a finite number ≥ 0. A unit of weight 0 is allowed and gets the minimum only
(its remainder and its priority are 0, and a unit of positive weight always beats it; with
Huntington–Hill and M = 0 a weight-0 unit holding no seat has priority 0, not ∞). If every
weight is 0 there is nothing to share by, so that is an error unless no seat is left after
the minimums.

Working
-------
The :class:`Allocation` keeps its working so that a council can check it by hand: every
unit's quota; for Hamilton its floor, remainder and whether it got a remainder seat; for the
divisor methods every round (which unit won the seat and on what priority value) and each
unit's final priority value, the one it would bring to the next seat. A change of cap or of
weights is a new call to :func:`allocate`.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

__all__ = [
    "METHODS",
    "Allocation",
    "AllocationError",
    "DuplicateUnitError",
    "EmptyInputError",
    "InvalidWeightError",
    "NotEnoughSeatsError",
    "Round",
    "UnitWorking",
    "UnknownMethodError",
    "allocate",
    "normalise_method",
]

HAMILTON = "hamilton"
DHONDT = "dhondt"
SAINTE_LAGUE = "sainte-lague"
HUNTINGTON_HILL = "huntington-hill"

#: The canonical method names, the default first.
METHODS: tuple[str, ...] = (HAMILTON, DHONDT, SAINTE_LAGUE, HUNTINGTON_HILL)

_ALIASES = {
    "hamilton": HAMILTON,
    "largest-remainder": HAMILTON,
    "hare": HAMILTON,
    "dhondt": DHONDT,
    "d'hondt": DHONDT,
    "jefferson": DHONDT,
    "sainte-lague": SAINTE_LAGUE,
    "sainte-laguë": SAINTE_LAGUE,
    "saintelague": SAINTE_LAGUE,
    "webster": SAINTE_LAGUE,
    "huntington-hill": HUNTINGTON_HILL,
    "huntington": HUNTINGTON_HILL,
    "hill": HUNTINGTON_HILL,
    "equal-proportions": HUNTINGTON_HILL,
}

_LABELS = {
    HAMILTON: "largest remainder (Hamilton)",
    DHONDT: "D'Hondt",
    SAINTE_LAGUE: "Sainte-Laguë",
    HUNTINGTON_HILL: "Huntington–Hill",
}


class AllocationError(ValueError):
    """The input cannot be allocated; the message says why."""


class EmptyInputError(AllocationError):
    pass


class DuplicateUnitError(AllocationError):
    pass


class InvalidWeightError(AllocationError):
    pass


class NotEnoughSeatsError(AllocationError):
    pass


class UnknownMethodError(AllocationError):
    pass


def normalise_method(method: str) -> str:
    """The canonical name of ``method`` (case, ``_`` and spaces are ignored; aliases allowed)."""
    key = str(method).strip().lower().replace("_", "-").replace(" ", "-").replace("–", "-")
    try:
        return _ALIASES[key]
    except KeyError:
        raise UnknownMethodError(
            f"unknown method {method!r}; choose one of: {', '.join(METHODS)}"
        ) from None


@dataclass(frozen=True, slots=True)
class UnitWorking:
    """How one unit's seats were found.

    The algorithm works on integers: the weights times their least common denominator
    (``scale``). The exact values a person checks are derived from them on demand.
    """

    unit: str
    weight: object
    """The weight as it was given."""
    seats: int
    method: str
    scaled_weight: int
    scale: int
    scaled_total: int
    total_seats: int
    shared_seats: int
    """The seats shared by weight once every unit holds the minimum."""
    # Hamilton only.
    floor: int | None = None
    remainder_seat: bool = False
    remainder_rank: int | None = None
    """1 for the largest remainder, and so on, by the tie rule."""

    @property
    def exact_weight(self) -> Fraction:
        return Fraction(self.scaled_weight, self.scale)

    @property
    def standard_quota(self) -> Fraction:
        """w · S / W: the unit's exact share of all S seats (0 when every weight is 0)."""
        if not self.scaled_total:
            return Fraction(0)
        return Fraction(self.scaled_weight * self.total_seats, self.scaled_total)

    @property
    def quota(self) -> Fraction | None:
        """Hamilton: w · R / W, its share of the R seats left once every unit holds the
        minimum (0 when every weight is 0). None for divisor methods."""
        if self.method != HAMILTON:
            return None
        if not self.scaled_total:
            return Fraction(0)
        return Fraction(self.scaled_weight * self.shared_seats, self.scaled_total)

    @property
    def remainder(self) -> Fraction | None:
        """Hamilton: quota − floor. None for divisor methods."""
        quota = self.quota
        return None if quota is None else quota - self.floor

    @property
    def next_priority(self) -> float | None:
        """Divisor methods: the priority the unit would bring to one more seat (may be
        ``math.inf``). None for Hamilton."""
        if self.method == HAMILTON:
            return None
        return _value(self.method, self.exact_weight, self.seats)[0]

    @property
    def next_key(self) -> Fraction | None:
        """The exact value behind ``next_priority``: the priority itself for D'Hondt and
        Sainte-Laguë, its square for Huntington–Hill; None when infinite or for Hamilton."""
        if self.method == HAMILTON:
            return None
        return _value(self.method, self.exact_weight, self.seats)[1]

    @property
    def standard_quota_float(self) -> float:
        return float(self.standard_quota)

    @property
    def quota_float(self) -> float | None:
        quota = self.quota
        return None if quota is None else float(quota)

    @property
    def remainder_float(self) -> float | None:
        remainder = self.remainder
        return None if remainder is None else float(remainder)


@dataclass(frozen=True)
class Round:
    """One seat handed out by a divisor method after the minimums."""

    seat: int
    """The seat's number, counting the minimum seats first (so the first round is M·U + 1)."""
    unit: str
    held: int
    """The seats the unit held before winning this one."""
    priority: float
    key: Fraction | None
    """Exact value compared: the priority (D'Hondt, Sainte-Laguë) or its square
    (Huntington–Hill); None when the priority is infinite."""


@dataclass(frozen=True)
class Allocation:
    """The seats of each unit, in input order, with the working that produced them."""

    seats: dict[str, int]
    method: str
    minimum: int
    total: int
    total_weight: Fraction
    working: tuple[UnitWorking, ...]
    rounds: tuple[Round, ...] = field(default=())
    """Divisor methods only: the seats handed out after the minimums, in order."""

    @property
    def label(self) -> str:
        return _LABELS[self.method]

    @property
    def remaining(self) -> int:
        """The seats shared by weight, once every unit holds the minimum."""
        return self.total - self.minimum * len(self.seats)

    @property
    def is_divisor_method(self) -> bool:
        return self.method != HAMILTON

    def columns(self) -> tuple[str, ...]:
        if self.is_divisor_method:
            return ("unit", "weight", "quota", "seats", "next_priority")
        return ("unit", "weight", "quota", "floor", "remainder", "remainder_rank", "seats")

    def rows(self, digits: int = 4) -> list[dict[str, str]]:
        """One dict per unit, in input order, with the columns of :meth:`columns` as strings.

        For Hamilton ``quota`` is the share of the seats left after the minimums, for the
        divisor methods it is the share of all seats (the standard quota).
        """
        out = []
        for w in self.working:
            row = {"unit": w.unit, "weight": _show_weight(w.weight)}
            if self.is_divisor_method:
                row["quota"] = _fmt(w.standard_quota_float, digits)
                row["seats"] = str(w.seats)
                row["next_priority"] = _fmt(w.next_priority, digits)
            else:
                row["quota"] = _fmt(w.quota_float, digits)
                row["floor"] = str(w.floor)
                row["remainder"] = _fmt(w.remainder_float, digits)
                row["remainder_rank"] = "" if w.remainder_rank is None else str(w.remainder_rank)
                row["seats"] = str(w.seats)
            out.append(row)
        return out

    def round_rows(self, digits: int = 4) -> list[dict[str, str]]:
        """One dict per round of a divisor method: seat, unit, held, priority."""
        return [
            {
                "seat": str(r.seat),
                "unit": r.unit,
                "held": str(r.held),
                "priority": _fmt(r.priority, digits),
            }
            for r in self.rounds
        ]

    def format_working(self, digits: int = 4) -> str:
        """The working as plain text, for a person to check."""
        units = len(self.seats)
        lines = [
            f"method: {self.label}",
            f"seats: {self.total}; units: {units}; minimum per unit: {self.minimum}",
            f"seats given as minimums: {self.minimum * units}; shared by weight: {self.remaining}",
            f"total weight: {_num(self.total_weight, digits)}",
        ]
        if self.is_divisor_method:
            lines.append(f"priority: {_PRIORITY_TEXT[self.method]}, n = seats already held")
        elif self.remaining and self.total_weight:
            total = _num(self.total_weight, digits)
            per_seat = _num(self.total_weight / self.remaining, digits)
            lines.append(
                f"quota = weight × {self.remaining} / {total}; weight per seat: {per_seat}"
            )
        lines.append(
            "tie rule: higher priority/remainder, then larger weight, then earlier in the input"
        )
        lines.append("")
        lines.append(_table(self.columns(), self.rows(digits)))
        if self.is_divisor_method:
            lines.append("")
            lines.append("rounds:")
            lines.append(_table(("seat", "unit", "held", "priority"), self.round_rows(digits)))
        return "\n".join(lines)


_PRIORITY_TEXT = {
    DHONDT: "weight / (n + 1)",
    SAINTE_LAGUE: "weight / (2n + 1)",
    HUNTINGTON_HILL: "weight / √(n(n + 1))",
}


def _fmt(value: float | None, digits: int) -> str:
    if value is None:
        return ""
    if math.isinf(value):
        return "inf"
    return f"{value:.{digits}f}"


def _num(value: Fraction, digits: int) -> str:
    """An exact value as a decimal when it has a short one, else rounded to ``digits``."""
    if value.denominator == 1:
        return str(value.numerator)
    for places in range(1, digits + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return f"{Decimal(scaled.numerator).scaleb(-places):f}"
    return _fmt(float(value), digits)


def _show_weight(weight: object) -> str:
    if isinstance(weight, Fraction) and weight.denominator != 1:
        return f"{weight.numerator}/{weight.denominator}"
    return str(weight)


def _table(columns: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    rows = list(rows)
    widths = [max([len(c)] + [len(r[c]) for r in rows]) for c in columns]
    lines = ["  ".join(c.ljust(n) for c, n in zip(columns, widths, strict=True))]
    for r in rows:
        lines.append("  ".join(r[c].ljust(n) for c, n in zip(columns, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


def _exact(unit: str, weight: object) -> int | Fraction:
    if type(weight) is int:  # the common case, kept fast
        value: int | Fraction = weight
    elif isinstance(weight, bool) or not isinstance(weight, Rational | float | Decimal):
        raise InvalidWeightError(f"weight of {unit!r} must be a number, got {weight!r}")
    elif isinstance(weight, float | Decimal) and not math.isfinite(weight):
        raise InvalidWeightError(f"weight of {unit!r} must be finite, got {weight!r}")
    else:
        value = Fraction(weight)
    if value < 0:
        raise InvalidWeightError(f"weight of {unit!r} must not be negative, got {weight!r}")
    return value


def _check_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AllocationError(f"{name} must be a whole number, got {value!r}")
    if value < 0:
        raise AllocationError(f"{name} must not be negative, got {value}")
    return value


def _read(weights) -> list[tuple[str, object]]:
    items = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
    if not items:
        raise EmptyInputError("no units to allocate seats to")
    seen: set[str] = set()
    out = []
    for item in items:
        try:
            unit, weight = item
        except (TypeError, ValueError):
            raise AllocationError(f"expected (unit, weight) pairs, got {item!r}") from None
        unit = str(unit)
        if unit in seen:
            raise DuplicateUnitError(f"unit {unit!r} appears more than once")
        seen.add(unit)
        out.append((unit, weight))
    return out


def _scale(exact: list[int | Fraction]) -> tuple[list[int], int]:
    """The weights times their least common denominator, and that denominator."""
    lcd = 1
    for w in exact:
        d = w.denominator
        if d != 1:
            lcd = lcd * d // math.gcd(lcd, d)
    if lcd == 1:
        return [int(w) for w in exact], 1
    return [w.numerator * (lcd // w.denominator) for w in exact], lcd


def allocate(
    weights: Sequence[tuple[str, object]] | Mapping[str, object],
    seats: int,
    method: str = HAMILTON,
    minimum: int = 1,
) -> Allocation:
    """Share ``seats`` among the units in proportion to their weights.

    ``weights`` is a sequence of ``(unit, weight)`` pairs or a mapping, in the order the result
    keeps; ``method`` one of :data:`METHODS` (or an alias such as ``"webster"``); every unit
    gets at least ``minimum`` seats. Raises an :class:`AllocationError` subclass when the
    input cannot be allocated.
    """
    method = normalise_method(method)
    seats = _check_int("seats", seats)
    minimum = _check_int("minimum", minimum)
    items = _read(weights)
    units = [u for u, _ in items]
    given = [w for _, w in items]
    scaled, scale = _scale([_exact(u, w) for u, w in items])
    count = len(units)
    needed = minimum * count
    if seats < needed:
        raise NotEnoughSeatsError(
            f"need at least {needed} seats to give each of {count} units its minimum "
            f"{minimum}; got {seats}"
        )
    shared = seats - needed
    scaled_total = sum(scaled)
    if shared and not scaled_total:
        raise InvalidWeightError(
            f"every weight is 0, so the {shared} seats left after the minimums "
            "cannot be shared by weight"
        )

    if method == HAMILTON:
        held, extra = _hamilton(scaled, scaled_total, shared)
        rounds: tuple[Round, ...] = ()
    else:
        held, rounds = _divisor(method, units, scaled, scale, shared, minimum)
        extra = None

    working = []
    for i in range(count):
        if extra is None:
            n = held[i]
            more: dict[str, object] = {}
        else:
            floor, won, rank = extra[i]
            n = minimum + floor + won
            more = {"floor": floor, "remainder_seat": bool(won), "remainder_rank": rank}
        working.append(
            UnitWorking(
                unit=units[i],
                weight=given[i],
                seats=n,
                method=method,
                scaled_weight=scaled[i],
                scale=scale,
                scaled_total=scaled_total,
                total_seats=seats,
                shared_seats=shared,
                **more,
            )
        )
    return Allocation(
        seats={w.unit: w.seats for w in working},
        method=method,
        minimum=minimum,
        total=seats,
        total_weight=Fraction(scaled_total, scale),
        working=tuple(working),
        rounds=rounds,
    )


# Largest remainder ---------------------------------------------------------------------------


def _hamilton(scaled: list[int], total: int, shared: int) -> tuple[None, list[tuple]]:
    """Per unit (floor, 1 if it won a remainder seat else 0, rank of its remainder).

    With the common denominator ``total``, quota = w·R / total, so floor and remainder are
    ``divmod(w·R, total)`` and remainders compare as integers.
    """
    count = len(scaled)
    parts = [divmod(w * shared, total) for w in scaled] if total else [(0, 0)] * count
    left = shared - sum(f for f, _ in parts)
    # Larger remainder first, then larger weight, then earlier in the input.
    order = sorted(range(count), key=lambda i: (-parts[i][1], -scaled[i], i))
    ranks = [0] * count
    won = [0] * count
    for rank, i in enumerate(order, start=1):
        ranks[i] = rank
        if rank <= left:
            won[i] = 1
    return None, [(parts[i][0], won[i], ranks[i]) for i in range(count)]


# Divisor methods -----------------------------------------------------------------------------


class _Key:
    """A unit's claim to the next seat, ordered so that the strongest claim is the smallest.

    The priority is num / den with integers (den = 0 meaning infinite); ``weight`` is the
    integer-scaled weight used to break ties, ``index`` the input position.
    """

    __slots__ = ("num", "den", "weight", "index")

    def __init__(self, num: int, den: int, weight: int, index: int):
        self.num = num
        self.den = den
        self.weight = weight
        self.index = index

    def __lt__(self, other: _Key) -> bool:
        a = self.num * other.den
        b = other.num * self.den
        if a != b:
            return a > b
        if self.weight != other.weight:
            return self.weight > other.weight
        return self.index < other.index


def _key(method: str, w: int, n: int, index: int) -> _Key:
    if method == DHONDT:
        return _Key(w, n + 1, w, index)
    if method == SAINTE_LAGUE:
        return _Key(w, 2 * n + 1, w, index)
    # Huntington–Hill: compare w² / (n(n + 1)); n = 0 is infinite unless the weight is 0.
    den = n * (n + 1)
    if den == 0 and w == 0:
        return _Key(0, 1, w, index)
    return _Key(w * w, den, w, index)


def _value(method: str, exact: Fraction, n: int) -> tuple[float, Fraction | None]:
    """The priority of a unit of exact weight ``exact`` holding ``n`` seats: (float, key)."""
    if method == DHONDT:
        key = exact / (n + 1)
        return float(key), key
    if method == SAINTE_LAGUE:
        key = exact / (2 * n + 1)
        return float(key), key
    den = n * (n + 1)
    if den == 0:
        return (0.0, Fraction(0)) if exact == 0 else (math.inf, None)
    key = exact * exact / den
    return (float(exact) / math.sqrt(den) if exact else 0.0), key


def _divisor(method, units, scaled, scale, shared, minimum):
    count = len(units)
    held = [minimum] * count
    heap = [_key(method, scaled[i], minimum, i) for i in range(count)]
    heapq.heapify(heap)
    rounds = []
    first = minimum * count
    for k in range(shared):
        i = heap[0].index
        priority, key = _value(method, Fraction(scaled[i], scale), held[i])
        rounds.append(
            Round(seat=first + k + 1, unit=units[i], held=held[i], priority=priority, key=key)
        )
        held[i] += 1
        heapq.heapreplace(heap, _key(method, scaled[i], held[i], i))
    return held, tuple(rounds)

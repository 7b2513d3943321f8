"""Planning a conference's delegates: the cap, the allocation of elected seats, the lists.

Every function that writes runs in one transaction and locks the conference row first
(``select_for_update``), so two allocations, or two officers adding the last delegate of a
unit, cannot interleave. Bad input raises :class:`PlanningError` with a Vietnamese message
saying what is wrong, before anything is written; nothing is saved then.

The arithmetic is :mod:`kb.conferences.apportionment`, the composition checks
:mod:`kb.conferences.composition`, the defaults :mod:`kb.conferences.rules`; this module reads
and writes the models around them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db import transaction

from kb.units.models import Unit

from . import rules
from .apportionment import (
    Allocation,
    AllocationError,
    InvalidWeightError,
    UnknownMethodError,
    allocate,
    normalise_method,
)
from .composition import Composition, Person, summarise
from .models import (
    AllocationBasis,
    AllocationMethod,
    ConferencePage,
    ConferenceRules,
    Delegate,
    DelegateCategory,
    SeatAllocation,
    SeatAllocationLine,
)

__all__ = [
    "PlanningError",
    "UnitPlan",
    "add_delegate",
    "allocation_warnings",
    "candidates_for",
    "conference_composition",
    "count_invited",
    "current_allocation",
    "delete_delegate",
    "pick_candidate",
    "run_allocation",
    "set_capacity",
    "subordinate_units",
    "unit_composition",
    "unit_plans",
    "unit_weights",
    "update_delegate",
    "working_lines",
]

DELEGATE_FIELDS = (
    "full_name",
    "exemplar",
    "position",
    "gender",
    "ethnic_minority",
    "direct_worker",
    "good_deed",
    "field_of_work",
    "note",
)


class PlanningError(Exception):
    """The plan cannot be changed as asked; the message says why. Nothing was saved."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


# --- reading ------------------------------------------------------------------------------


def subordinate_units(conference: ConferencePage) -> list[Unit]:
    """The units that elect delegates to ``conference``: the organiser's active children,
    ordered by code (the order the allocation's tie rule reads, the same on every database)."""
    units = list(Unit.objects.filter(parent_id=conference.unit_id, is_active=True))
    return sorted(units, key=lambda u: u.code)


def count_invited(conference: ConferencePage) -> int:
    return Delegate.objects.filter(
        conference_id=conference.pk, category=DelegateCategory.INVITED
    ).count()


def current_allocation(conference: ConferencePage) -> SeatAllocation | None:
    return (
        SeatAllocation.objects.filter(conference_id=conference.pk, is_current=True)
        .select_related("created_by")
        .prefetch_related("lines__unit")
        .first()
    )


def _weight_of(unit: Unit, value) -> int | Decimal:
    """A weight checked and made exact; errors name the unit."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PlanningError(f"Thiếu trọng số của đơn vị “{unit.name}”.")
    if isinstance(value, bool):
        raise PlanningError(f"Trọng số của đơn vị “{unit.name}” phải là một số.")
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise PlanningError(
            f"Trọng số của đơn vị “{unit.name}” phải là một số, không phải “{value}”."
        ) from None
    if not number.is_finite():
        raise PlanningError(f"Trọng số của đơn vị “{unit.name}” phải là một số hữu hạn.")
    if number < 0:
        raise PlanningError(f"Trọng số của đơn vị “{unit.name}” không được âm ({value}).")
    if number != number.quantize(Decimal("0.01")):
        raise PlanningError(
            f"Trọng số của đơn vị “{unit.name}” chỉ được có tối đa hai chữ số thập phân."
        )
    if number >= Decimal("1e12"):
        raise PlanningError(f"Trọng số của đơn vị “{unit.name}” quá lớn.")
    return int(number) if number == number.to_integral_value() else number


def unit_weights(
    conference: ConferencePage,
    units: list[Unit],
    basis: str,
    manual: dict | None = None,
) -> list[tuple[Unit, int | Decimal]]:
    """Each unit's weight on ``basis``: its staff count, the cap of its own conference held
    the same year at a lower level, or ``manual[unit.pk]``. A missing or negative weight is a
    :class:`PlanningError` naming the unit."""
    if basis == AllocationBasis.STAFF:
        out = []
        for unit in units:
            if unit.staff_count is None:
                raise PlanningError(
                    f"Đơn vị “{unit.name}” chưa có số CBCCVC, NLĐ nên thiếu trọng số để phân bổ."
                )
            out.append((unit, _weight_of(unit, unit.staff_count)))
        return out
    if basis == AllocationBasis.CONFERENCE_SIZE:
        year = conference.date.year
        lower = rules.lower_levels(conference.level)
        own: dict[int, ConferencePage] = {}
        queryset = ConferencePage.objects.filter(
            unit__in=units, date__year=year, level__in=lower
        ).order_by("date", "pk")
        for page in queryset:
            own[page.unit_id] = page  # the latest of the year wins
        conference_rules = ConferenceRules.load()
        out = []
        for unit in units:
            page = own.get(unit.pk)
            if page is None:
                raise PlanningError(
                    f"Đơn vị “{unit.name}” chưa có hội nghị năm {year} để lấy quy mô làm trọng số."
                )
            size = page.capacity
            if size is None:
                page.unit = unit
                size = page.default_capacity(conference_rules)
            if size is None:
                raise PlanningError(
                    f"Hội nghị “{page.title}” của đơn vị “{unit.name}” chưa có số đại biểu nên "
                    "thiếu trọng số."
                )
            out.append((unit, _weight_of(unit, size)))
        return out
    if basis == AllocationBasis.MANUAL:
        manual = manual or {}
        return [(unit, _weight_of(unit, manual.get(unit.pk))) for unit in units]
    raise PlanningError(f"Căn cứ phân bổ không hợp lệ: “{basis}”.")


def candidates_for(conference: ConferencePage, unit: Unit | None = None):
    """Elected delegates of lower-level conferences held the same year by units in the
    organiser's subtree (in ``unit``'s subtree when given), not yet chosen for ``conference``."""
    lower = rules.lower_levels(conference.level)
    organiser = conference.unit
    queryset = Delegate.objects.filter(
        category=DelegateCategory.ELECTED,
        conference__level__in=lower,
        conference__date__year=conference.date.year,
        conference__unit__path__startswith=organiser.path,
    )
    if unit is not None:
        queryset = queryset.filter(conference__unit__path__startswith=unit.path)
    return (
        queryset.exclude(promoted__conference_id=conference.pk)
        .select_related("conference", "unit", "exemplar", "field_of_work")
        .order_by("full_name", "pk")
    )


# --- the allocation -----------------------------------------------------------------------


def _locked(conference: ConferencePage) -> ConferencePage:
    """The conference, its row locked until the transaction ends (PostgreSQL; SQLite takes
    the database's write lock at the start of the transaction)."""
    return (
        ConferencePage.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=conference.pk)
    )


def _check_method(method: str) -> str:
    try:
        return normalise_method(method)
    except UnknownMethodError:
        raise PlanningError(f"Phương pháp phân bổ không hợp lệ: “{method}”.") from None


def _check_minimum(minimum) -> int:
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise PlanningError("Số đại biểu tối thiểu mỗi đơn vị phải là số nguyên không âm.")
    return minimum


def run_allocation(
    conference: ConferencePage,
    *,
    method: str | None = None,
    minimum: int | None = None,
    basis: str = AllocationBasis.STAFF,
    user=None,
    weights: dict | None = None,
) -> SeatAllocation:
    """Allocate the elected seats (cap − invited) of ``conference`` among its subordinate units
    and save the result as the current allocation; earlier runs stay as history.

    ``weights`` (unit pk → number) is read with ``basis="manual"`` only. Raises
    :class:`PlanningError` when the input cannot be allocated; nothing is saved then.
    """
    conference_rules = ConferenceRules.load()
    method = _check_method(method or conference_rules.default_method)
    minimum = _check_minimum(conference_rules.default_minimum if minimum is None else minimum)
    if basis not in AllocationBasis.values:
        raise PlanningError(f"Căn cứ phân bổ không hợp lệ: “{basis}”.")
    with transaction.atomic():
        locked = _locked(conference)
        return _allocate(locked, method, minimum, basis, user, weights)


def _allocate(conference, method, minimum, basis, user, manual) -> SeatAllocation:
    cap = conference.effective_capacity
    if cap is None:
        raise PlanningError(
            "Hội nghị chưa có số đại biểu tối đa (đơn vị tổ chức chưa có số CBCCVC, NLĐ)."
        )
    invited = count_invited(conference)
    if cap < invited:
        raise PlanningError(f"Số đại biểu tối đa ({cap}) nhỏ hơn số đại biểu mời ({invited}).")
    seats = cap - invited
    units = subordinate_units(conference)
    if not units:
        raise PlanningError(
            f"Đơn vị tổ chức “{conference.unit.name}” không có đơn vị cấp dưới đang hoạt động "
            "để phân bổ đại biểu."
        )
    weighted = unit_weights(conference, units, basis, manual)
    needed = minimum * len(units)
    if needed > seats:
        raise PlanningError(
            f"Không đủ ghế: cần ít nhất {needed} ghế bầu để mỗi đơn vị trong {len(units)} đơn vị "
            f"có tối thiểu {minimum} đại biểu, nhưng chỉ có {seats} ghế bầu "
            f"(= {cap} tối đa − {invited} đại biểu mời)."
        )
    try:
        result = allocate(
            [(unit.code, weight) for unit, weight in weighted],
            seats,
            method=method,
            minimum=minimum,
        )
    except InvalidWeightError as exc:
        if sum(weight for _, weight in weighted) == 0:
            raise PlanningError(
                f"Mọi trọng số đều bằng 0 nên không chia được {seats - needed} ghế còn lại theo "
                "trọng số."
            ) from None
        raise PlanningError(f"Trọng số không hợp lệ: {exc}") from exc
    except AllocationError as exc:  # pragma: no cover - every case is checked above
        raise PlanningError(f"Không phân bổ được: {exc}") from exc

    SeatAllocation.objects.filter(conference_id=conference.pk, is_current=True).update(
        is_current=False
    )
    allocation = SeatAllocation.objects.create(
        conference=conference,
        method=method,
        minimum=minimum,
        basis=basis,
        cap=cap,
        invited_count=invited,
        seats=seats,
        created_by=user if getattr(user, "pk", None) else None,
        working=_working(result, {unit.code: unit.name for unit in units}),
        is_current=True,
    )
    SeatAllocationLine.objects.bulk_create(
        [
            SeatAllocationLine(
                allocation=allocation,
                unit=unit,
                position=position,
                weight=Decimal(weight),
                seats=result.seats[unit.code],
            )
            for position, (unit, weight) in enumerate(weighted, start=1)
        ]
    )
    return allocation


def _num(value: Fraction, digits: int = 4) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.{digits}f}"


def _working(result: Allocation, names: dict[str, str]) -> dict:
    """The working kept with an allocation: enough to show and check it without re-running."""
    rows = []
    for row, unit in zip(result.rows(), result.working, strict=True):
        rows.append(
            {
                **row,
                "name": names[unit.unit],
                "standard_quota": f"{unit.standard_quota_float:.4f}",
                "remainder_seat": unit.remainder_seat,
            }
        )
    working = {
        "method": result.method,
        "label": result.label,
        "total": result.total,
        "minimum": result.minimum,
        "units": len(result.seats),
        "remaining": result.remaining,
        "total_weight": _num(result.total_weight),
        "columns": list(result.columns()),
        "rows": rows,
        "rounds": [{**r, "name": names[r["unit"]]} for r in result.round_rows()],
        "text": result.format_working(),
    }
    if not result.is_divisor_method:
        working["remainder_seats"] = sum(1 for w in result.working if w.remainder_seat)
    return working


PRIORITY_TEXT = {
    AllocationMethod.DHONDT: "trọng số / (n + 1)",
    AllocationMethod.SAINTE_LAGUE: "trọng số / (2n + 1)",
    AllocationMethod.HUNTINGTON_HILL: "trọng số / √(n(n + 1))",
}


def working_lines(allocation: SeatAllocation) -> list[str]:
    """How the seats were found, in Vietnamese, for a council to follow by hand."""
    w = allocation.working or {}
    lines = [
        f"Phương pháp: {allocation.get_method_display()}. Căn cứ: "
        f"{allocation.get_basis_display()}.",
        f"Số ghế bầu S = {allocation.cap} (tối đa) − {allocation.invited_count} (đại biểu mời) "
        f"= {allocation.seats}; số đơn vị U = {w.get('units', '')}; tối thiểu mỗi đơn vị "
        f"M = {allocation.minimum}.",
        f"Ghế chia theo trọng số R = S − M × U = {w.get('remaining', '')}; tổng trọng số "
        f"W = {w.get('total_weight', '')}.",
    ]
    if allocation.method == AllocationMethod.HAMILTON:
        lines.append(
            "Hạn ngạch = trọng số × R / W. Mỗi đơn vị nhận M ghế cộng phần nguyên của hạn "
            f"ngạch; {w.get('remainder_seats', 0)} ghế còn lại lần lượt dành cho các đơn vị có "
            "phần dư lớn nhất."
        )
    else:
        lines.append(
            f"Giá trị ưu tiên = {PRIORITY_TEXT.get(allocation.method, '')}, n là số ghế đơn vị "
            "đang có. Sau phần tối thiểu, từng ghế một được trao cho đơn vị có giá trị ưu tiên "
            "cao nhất (xem bảng các vòng). Hạn ngạch chuẩn = trọng số × S / W, để đối chiếu."
        )
    lines.append(
        "Khi bằng nhau: ưu tiên phần dư (giá trị ưu tiên) lớn hơn, rồi trọng số lớn hơn, rồi "
        "đơn vị đứng trước trong bảng."
    )
    return lines


def allocation_warnings(conference: ConferencePage, allocation: SeatAllocation) -> list[str]:
    """Why the current allocation may be out of date (then it should be run again)."""
    warnings = []
    cap = conference.effective_capacity
    if cap != allocation.cap:
        warnings.append(
            f"Số đại biểu tối đa đã đổi từ {allocation.cap} thành {cap} sau lần phân bổ này; "
            "hãy chạy lại phân bổ."
        )
    invited = count_invited(conference)
    if invited != allocation.invited_count:
        warnings.append(
            f"Số đại biểu mời đã đổi từ {allocation.invited_count} thành {invited} sau lần phân "
            "bổ này; hãy chạy lại phân bổ."
        )
    lines = list(allocation.lines.all())
    units = subordinate_units(conference)
    if {line.unit_id for line in lines} != {unit.pk for unit in units}:
        warnings.append(
            "Danh sách đơn vị cấp dưới đã thay đổi sau lần phân bổ này; hãy chạy lại phân bổ."
        )
    elif allocation.basis != AllocationBasis.MANUAL:
        try:
            now = dict(
                (unit.pk, Decimal(weight))
                for unit, weight in unit_weights(conference, units, allocation.basis)
            )
        except PlanningError as exc:
            warnings.append(exc.message)
        else:
            changed = [line.unit.name for line in lines if now.get(line.unit_id) != line.weight]
            if changed:
                warnings.append(
                    "Trọng số đã thay đổi sau lần phân bổ này ("
                    + ", ".join(changed)
                    + "); hãy chạy lại phân bổ."
                )
    return warnings


# --- the cap ------------------------------------------------------------------------------


def set_capacity(
    conference: ConferencePage, capacity: int | None, *, user=None
) -> SeatAllocation | None:
    """Change the cap (None: back to the rules' default) and, when there is a current
    allocation, run it again with the same method, minimum and basis. Returns the new
    allocation, if any. The cap is saved as a new revision of the page (published when the
    page had no other unpublished changes), so the page editor shows it too."""
    with transaction.atomic():
        locked = _locked(conference)
        if capacity is None:
            capacity = locked.default_capacity()
            if capacity is None:
                raise PlanningError(
                    "Không xác định được số đại biểu tối đa theo quy định: đơn vị tổ chức chưa "
                    "có số CBCCVC, NLĐ."
                )
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
            raise PlanningError("Số đại biểu tối đa phải là số nguyên lớn hơn 0.")
        invited = count_invited(locked)
        if capacity < invited:
            raise PlanningError(
                f"Số đại biểu tối đa ({capacity}) nhỏ hơn số đại biểu mời ({invited})."
            )
        _store_capacity(locked, capacity, user)
        current = (
            SeatAllocation.objects.filter(conference_id=locked.pk, is_current=True)
            .prefetch_related("lines")
            .first()
        )
        if current is None:
            return None
        manual = None
        if current.basis == AllocationBasis.MANUAL:
            manual = {line.unit_id: line.weight for line in current.lines.all()}
        return _allocate(locked, current.method, current.minimum, current.basis, user, manual)


def _store_capacity(page: ConferencePage, capacity: int, user) -> None:
    """The cap as a new revision, published when nothing else was waiting: planning rights
    (checked by the caller) are what allow it, not the page's publishing permission."""
    if page.capacity == capacity:
        return
    author = user if getattr(user, "pk", None) else None
    had_draft = page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    draft.capacity = capacity
    revision = draft.save_revision(user=author, log_action=True, clean=False)
    if page.live and not had_draft:
        revision.publish(user=author, skip_permission_checks=True)
    else:
        # Other edits wait for moderation; the cap takes effect now.
        ConferencePage.objects.filter(pk=page.pk).update(capacity=capacity)
    page.capacity = capacity


# --- delegates ----------------------------------------------------------------------------


def _fill_from_exemplar(delegate: Delegate) -> None:
    exemplar = delegate.exemplar
    if exemplar is None:
        return
    if not delegate.full_name:
        delegate.full_name = exemplar.title
    if not delegate.position:
        delegate.position = exemplar.position
    if not delegate.gender:
        delegate.gender = exemplar.gender
    delegate.ethnic_minority = delegate.ethnic_minority or exemplar.ethnic_minority
    delegate.good_deed = delegate.good_deed or exemplar.good_deed
    if delegate.field_of_work_id is None:
        first = exemplar.fields_of_work.order_by("sort_order", "name").first()
        if first is not None:
            delegate.field_of_work = first


def _check_room(conference: ConferencePage, delegate: Delegate) -> None:
    """Refuse a delegate the plan has no room for (the conference row is locked)."""
    if delegate.category == DelegateCategory.ELECTED:
        unit = delegate.unit
        if unit is None:
            raise PlanningError("Đại biểu bầu phải thuộc một đơn vị.")
        allocation = SeatAllocation.objects.filter(
            conference_id=conference.pk, is_current=True
        ).first()
        if allocation is None:
            raise PlanningError("Hội nghị chưa phân bổ ghế bầu nên chưa thể nhập đại biểu bầu.")
        line = allocation.lines.filter(unit_id=unit.pk).first()
        if line is None:
            raise PlanningError(f"Đơn vị “{unit.name}” không có trong bảng phân bổ hiện hành.")
        entered = Delegate.objects.filter(
            conference_id=conference.pk, category=DelegateCategory.ELECTED, unit_id=unit.pk
        ).count()
        if entered >= line.seats:
            raise PlanningError(
                f"Đơn vị “{unit.name}” được phân bổ {line.seats} đại biểu bầu và đã nhập đủ "
                f"{entered}; không thể thêm."
            )
    elif delegate.category == DelegateCategory.INVITED:
        cap = conference.effective_capacity
        invited = count_invited(conference) + 1
        if cap is not None and cap < invited:
            raise PlanningError(f"Số đại biểu tối đa ({cap}) nhỏ hơn số đại biểu mời ({invited}).")
    elif delegate.category != DelegateCategory.GUEST:
        raise PlanningError(f"Loại đại biểu không hợp lệ: “{delegate.category}”.")


def add_delegate(
    conference: ConferencePage,
    *,
    category: str,
    unit: Unit | None = None,
    user=None,
    source_delegate: Delegate | None = None,
    **data,
) -> Delegate:
    """Add a delegate; an elected one only while its unit has a free seat, an invited one only
    while the cap allows."""
    unknown = set(data) - set(DELEGATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown delegate fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _locked(conference)
        delegate = Delegate(
            conference=locked,
            category=category,
            unit=unit,
            source_delegate=source_delegate,
            created_by=user if getattr(user, "pk", None) else None,
            **data,
        )
        _fill_from_exemplar(delegate)
        if not delegate.full_name:
            raise PlanningError("Nhập họ và tên, hoặc chọn một điển hình tiên tiến.")
        _check_room(locked, delegate)
        delegate.save()
        return delegate


def update_delegate(delegate: Delegate, **data) -> Delegate:
    """Change what is recorded about a delegate: not its category, nor the unit of an
    elected delegate (the unit that elected him or her)."""
    allowed = set(DELEGATE_FIELDS)
    if delegate.category != DelegateCategory.ELECTED:
        allowed.add("unit")
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"unknown delegate fields: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in data.items():
            setattr(delegate, name, value)
        _fill_from_exemplar(delegate)
        if not delegate.full_name:
            raise PlanningError("Nhập họ và tên, hoặc chọn một điển hình tiên tiến.")
        delegate.save()
        return delegate


def delete_delegate(delegate: Delegate) -> None:
    delegate.delete()


def pick_candidate(
    conference: ConferencePage, unit: Unit, candidate: Delegate, *, user=None
) -> Delegate:
    """Make an elected delegate of a lower conference an elected delegate of ``unit`` here."""
    if not candidates_for(conference, unit).filter(pk=candidate.pk).exists():
        raise PlanningError(
            f"“{candidate.full_name}” không phải ứng viên từ hội nghị cấp dưới của đơn vị "
            f"“{unit.name}”, hoặc đã được chọn."
        )
    return add_delegate(
        conference,
        category=DelegateCategory.ELECTED,
        unit=unit,
        user=user,
        source_delegate=candidate,
        **{name: getattr(candidate, name) for name in DELEGATE_FIELDS},
    )


# --- composition --------------------------------------------------------------------------


def person(delegate: Delegate) -> Person:
    return Person(
        gender=delegate.gender,
        ethnic_minority=delegate.ethnic_minority,
        direct_worker=delegate.direct_worker,
        good_deed=delegate.good_deed,
        field_of_work=delegate.field_of_work.name if delegate.field_of_work_id else None,
    )


def _elected(conference: ConferencePage):
    return (
        Delegate.objects.filter(conference_id=conference.pk, category=DelegateCategory.ELECTED)
        .select_related("field_of_work", "exemplar", "unit", "source_delegate__conference")
        .order_by("unit_id", "pk")
    )


def unit_composition(
    conference: ConferencePage, unit: Unit, allocation: SeatAllocation | None
) -> Composition:
    seats = allocation.seats_of(unit.pk) if allocation else None
    people = [person(d) for d in _elected(conference).filter(unit_id=unit.pk)]
    return summarise(people, seats=seats, targets=ConferenceRules.load().targets())


def conference_composition(
    conference: ConferencePage, allocation: SeatAllocation | None
) -> Composition:
    people = [person(d) for d in _elected(conference)]
    seats = allocation.seats if allocation else None
    return summarise(people, seats=seats, targets=ConferenceRules.load().targets())


@dataclass
class UnitPlan:
    unit: Unit
    seats: int | None
    delegates: list[Delegate]
    composition: Composition


def unit_plans(
    conference: ConferencePage, allocation: SeatAllocation | None, units=None
) -> list[UnitPlan]:
    """Per subordinate unit (those of the allocation, else the current ones): its seats, the
    delegates it entered and their composition. ``units`` limits the units shown."""
    if allocation is not None:
        pairs = [(line.unit, line.seats) for line in allocation.lines.all()]
    else:
        pairs = [(unit, None) for unit in subordinate_units(conference)]
    if units is not None:
        wanted = {u.pk for u in units}
        pairs = [(unit, seats) for unit, seats in pairs if unit.pk in wanted]
    by_unit: dict[int, list[Delegate]] = defaultdict(list)
    for delegate in _elected(conference):
        by_unit[delegate.unit_id].append(delegate)
    targets = ConferenceRules.load().targets()
    return [
        UnitPlan(
            unit=unit,
            seats=seats,
            delegates=by_unit.get(unit.pk, []),
            composition=summarise(
                [person(d) for d in by_unit.get(unit.pk, [])], seats=seats, targets=targets
            ),
        )
        for unit, seats in pairs
    ]

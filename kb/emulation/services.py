"""Scoring a group's year: self-scores, the leader's review, the council's adjustment, the
lock, the ranking and the draft nominations; evidence files; meetings and elections.

Rules shared by every writer here:

- Each runs in one transaction and locks the row it changes first (``select_for_update``):
  the sheet for a score, the pact for the lock. A writer passes the ``version`` of the sheet
  it read; when someone else saved in between, :class:`EmulationError` says so and nothing is
  written, so two people adjusting or locking at once cannot both win.
- Bad input raises :class:`EmulationError` naming the criterion and what is wrong, before
  anything is written.
- Every change is written to Wagtail's audit log (``wagtail.log_actions.log``) on the sheet,
  the pact or the group, with the figures before and after; the screens show that log.

Access (who may call what) is checked by the views with :mod:`kb.emulation.access`; the
functions here check the state (deadline, lock), which holds whoever calls.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from kb.core.uploads import UploadRejected, check_upload

from . import scoring
from .models import (
    Criterion,
    CriterionKind,
    EmulationGroup,
    EmulationMembership,
    Evidence,
    Meeting,
    MeetingKind,
    Pact,
    ScoreLine,
    ScoreSheet,
    SheetStatus,
)

EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_COLLECTION = "Minh chứng chấm điểm thi đua"

FLAG_TITLE_CODE = "co-bhxh"
BANG_KHEN_TITLE_CODE = "bang-khen-bhxh"


class EmulationError(Exception):
    """The change cannot be made; ``messages`` (Vietnamese) say why. Nothing was saved."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = list(messages)

    @property
    def message(self) -> str:
        return " ".join(self.messages)


def _user(user):
    return user if getattr(user, "pk", None) else None


# --- reading ------------------------------------------------------------------------------


def pact_spec(pact: Pact) -> scoring.Pact:
    criteria = list(pact.criteria())
    sections = list(pact.sections.order_by("sort_order", "pk"))
    return scoring.Pact(
        sections=tuple(scoring.Section(s.code, s.title, s.is_core) for s in sections),
        criteria=tuple(
            scoring.Criterion(c.code, c.section.code, c.kind, c.max_points, c.text)
            for c in criteria
        ),
        bonus_cap=pact.bonus_cap,
        deduction_cap=pact.deduction_cap,
    )


def members(group: EmulationGroup):
    return [m.unit for m in group.memberships.select_related("unit").order_by("sort_order", "pk")]


def ensure_sheets(pact: Pact) -> list[ScoreSheet]:
    """Every member's sheet, with a line for every criterion (new criteria get a line)."""
    criteria = list(pact.criteria())
    sheets = []
    for unit in members(pact.group):
        sheet, _ = ScoreSheet.objects.get_or_create(pact=pact, unit=unit)
        have = set(sheet.lines.values_list("criterion_id", flat=True))
        ScoreLine.objects.bulk_create(
            [ScoreLine(sheet=sheet, criterion=c) for c in criteria if c.pk not in have]
        )
        sheets.append(sheet)
    return sheets


def sheet_lines(sheet: ScoreSheet) -> list[ScoreLine]:
    return list(
        sheet.lines.select_related("criterion__section")
        .prefetch_related("evidence__document")
        .order_by("criterion__section__sort_order", "criterion__section__pk",
                  "criterion__sort_order", "criterion__pk")
    )  # fmt: skip


def sheet_total(spec: scoring.Pact, lines: list[ScoreLine], which: str = "points"):
    return scoring.total(spec, {line.criterion.code: getattr(line, which) for line in lines})


def women_share(sheet: ScoreSheet) -> Decimal | None:
    if sheet.staff_count and sheet.women_count is not None:
        return Decimal(sheet.women_count) / Decimal(sheet.staff_count)
    return None


@dataclass
class Standing:
    """A member's line of the ranking, with what the screens show beside it."""

    ranked: scoring.Ranked
    sheet: ScoreSheet
    self_total: scoring.Total
    missing: int


def ranking(pact: Pact) -> list[Standing]:
    spec = pact_spec(pact)
    sheets = ensure_sheets(pact)
    entries, extra = [], {}
    for sheet in sheets:
        lines = sheet_lines(sheet)
        result = sheet_total(spec, lines)
        entries.append(scoring.Entry(sheet.pk, sheet.unit.name, result, women_share(sheet)))
        extra[sheet.pk] = (
            sheet,
            sheet_total(spec, lines, "self_points"),
            sum(1 for line in lines if line.points is None),
        )
    return [Standing(r, *extra[r.entry.key]) for r in scoring.rank(entries)]


# --- locking helpers ----------------------------------------------------------------------


def _locked_sheet(sheet: ScoreSheet, version: int | None) -> ScoreSheet:
    locked = (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related("pact__group", "unit")
        .get(pk=sheet.pk)
    )
    if locked.pact.is_locked or locked.status == SheetStatus.FINAL:
        raise EmulationError("Kết quả chấm điểm đã được Hội đồng khoá; không thể sửa nữa.")
    if version is not None and int(version) != locked.version:
        raise EmulationError(
            "Bảng điểm vừa được người khác cập nhật sau khi bạn mở trang. Hãy tải lại trang, "
            "xem thay đổi của họ rồi làm lại."
        )
    return locked


def _lines_by_criterion(sheet: ScoreSheet) -> dict[int, ScoreLine]:
    return {line.criterion_id: line for line in sheet.lines.select_related("criterion")}


def _spec_criterion(criterion: Criterion) -> scoring.Criterion:
    return scoring.Criterion(
        criterion.code, criterion.section.code if criterion.section_id else "", criterion.kind,
        criterion.max_points, criterion.text,
    )  # fmt: skip


def _points_or_none(criterion: Criterion, raw, errors: list[str], *, required: bool = False):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors.append(f"Tiêu chí {criterion.code}: thiếu số điểm.")
        return None
    try:
        return scoring.check_points(_spec_criterion(criterion), raw)
    except scoring.ScoringError as exc:
        errors.append(str(exc))
        return None


def _bump(sheet: ScoreSheet, **fields) -> None:
    fields["version"] = sheet.version + 1
    fields["updated_at"] = timezone.now()
    ScoreSheet.objects.filter(pk=sheet.pk).update(**fields)
    for name, value in fields.items():
        setattr(sheet, name, value)


def _dec(value) -> str | None:
    return None if value is None else scoring.fmt(value)


# --- self-scoring -------------------------------------------------------------------------


@dataclass
class SelfScore:
    points: object = None
    note: str = ""


def deadline_passed(pact: Pact, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return today > pact.self_score_deadline


def save_self_score(
    sheet: ScoreSheet,
    scores: dict[int, SelfScore],
    *,
    user=None,
    version: int | None = None,
    staff_count: int | None = None,
    women_count: int | None = None,
    submit: bool = False,
    source: str = "form",
    today: datetime.date | None = None,
) -> ScoreSheet:
    """The member's own figures and notes (``scores`` by criterion id). ``submit`` sends the
    sheet to the leader for review and needs every criterion scored. Refused after the pact's
    deadline and once the results are locked."""
    with transaction.atomic():
        sheet = _locked_sheet(sheet, version)
        if deadline_passed(sheet.pact, today):
            raise EmulationError(
                f"Đã quá hạn tự chấm điểm ({sheet.pact.self_score_deadline:%d/%m/%Y}); "
                "chỉ Hội đồng còn điều chỉnh được điểm."
            )
        lines = _lines_by_criterion(sheet)
        errors: list[str] = []
        unknown = set(scores) - set(lines)
        if unknown:
            errors.append("Có tiêu chí không thuộc giao ước của bảng điểm này.")
        changes, changed_lines = [], []
        for criterion_id, entry in scores.items():
            line = lines.get(criterion_id)
            if line is None:
                continue
            points = _points_or_none(line.criterion, entry.points, errors)
            note = (entry.note or "").strip()
            if points != line.self_points or note != line.self_note:
                changes.append(
                    {"tiêu chí": line.criterion.code, "trước": _dec(line.self_points),
                     "sau": _dec(points)}
                )  # fmt: skip
                line.self_points, line.self_note = points, note
                changed_lines.append(line)
        if women_count is not None and staff_count is not None and women_count > staff_count:
            errors.append(f"Số nữ ({women_count}) lớn hơn tổng số CBCCVC, NLĐ ({staff_count}).")
        if submit:
            missing = [line.criterion.code for line in lines.values() if line.self_points is None]
            if missing:
                errors.append("Chưa chấm các tiêu chí: " + ", ".join(sorted(missing)) + ".")
        if errors:
            raise EmulationError(*errors)
        ScoreLine.objects.bulk_update(changed_lines, ["self_points", "self_note"])
        fields = {"staff_count": staff_count, "women_count": women_count}
        if submit:
            fields.update(status=SheetStatus.SUBMITTED, submitted_at=timezone.now())
        _bump(sheet, **fields)
        log(
            sheet,
            "emulation.import" if source == "xlsx" else "emulation.self_score",
            user=_user(user),
            data={"changes": changes, "submitted": submit},
        )
        return sheet


# --- the leader's review ------------------------------------------------------------------


@dataclass
class Review:
    flag: bool = False
    points: object = None
    note: str = ""


def save_review(
    sheet: ScoreSheet, reviews: dict[int, Review], *, user=None, version: int | None = None
) -> ScoreSheet:
    """The leader's cross-check: per criterion a discrepancy flag, a proposed figure and a
    comment. It changes no figure that counts; the council decides."""
    with transaction.atomic():
        sheet = _locked_sheet(sheet, version)
        lines = _lines_by_criterion(sheet)
        errors: list[str] = []
        changed, flagged = [], []
        for criterion_id, review in reviews.items():
            line = lines.get(criterion_id)
            if line is None:
                errors.append("Có tiêu chí không thuộc giao ước của bảng điểm này.")
                continue
            points = _points_or_none(line.criterion, review.points, errors)
            note = (review.note or "").strip()
            flag = bool(review.flag or points is not None)
            if flag and not note:
                errors.append(
                    f"Tiêu chí {line.criterion.code}: ghi rõ chênh lệch khi đánh dấu hoặc đề "
                    "xuất điểm khác."
                )
            if (flag, points, note) != (line.review_flag, line.review_points, line.review_note):
                line.review_flag, line.review_points, line.review_note = flag, points, note
                changed.append(line)
            if flag:
                flagged.append(line.criterion.code)
        if errors:
            raise EmulationError(*errors)
        ScoreLine.objects.bulk_update(changed, ["review_flag", "review_points", "review_note"])
        _bump(sheet, status=SheetStatus.REVIEWED)
        log(sheet, "emulation.review", user=_user(user), data={"flagged": sorted(flagged)})
        return sheet


def respond_to_review(
    sheet: ScoreSheet, *, agree: bool, note: str = "", user=None, version: int | None = None
) -> ScoreSheet:
    """The member's answer to the review: it agrees, or it objects and says why; the council
    reads both before it adjusts. Possible after the deadline, until the lock."""
    with transaction.atomic():
        sheet = _locked_sheet(sheet, version)
        if sheet.status != SheetStatus.REVIEWED:
            raise EmulationError("Bảng điểm chưa được thẩm định nên chưa có gì để cho ý kiến.")
        note = (note or "").strip()
        if not agree and not note:
            raise EmulationError("Ghi rõ lý do không đồng ý với kết quả thẩm định.")
        if agree:
            _bump(sheet, agreed_at=timezone.now(), objection="")
        else:
            _bump(sheet, agreed_at=None, objection=note)
        log(
            sheet,
            "emulation.agree" if agree else "emulation.object",
            user=_user(user),
            data={"ý kiến": note} if note else {},
        )
        return sheet


# --- the council's adjustment and the lock ------------------------------------------------


@dataclass
class Adjustment:
    points: object = None
    reason: str = ""


def adjust(
    sheet: ScoreSheet,
    adjustments: dict[int, Adjustment],
    *,
    user=None,
    version: int | None = None,
) -> ScoreSheet:
    """The council's figures: each one replaces the unit's own figure and needs a reason. An
    empty figure removes an earlier adjustment (the unit's figure counts again)."""
    with transaction.atomic():
        sheet = _locked_sheet(sheet, version)
        lines = _lines_by_criterion(sheet)
        errors: list[str] = []
        changed, changes = [], []
        for criterion_id, item in adjustments.items():
            line = lines.get(criterion_id)
            if line is None:
                errors.append("Có tiêu chí không thuộc giao ước của bảng điểm này.")
                continue
            points = _points_or_none(line.criterion, item.points, errors)
            reason = (item.reason or "").strip()
            if points == line.council_points and reason == line.council_reason:
                continue
            if points is not None and not reason:
                errors.append(f"Tiêu chí {line.criterion.code}: ghi lý do điều chỉnh.")
                continue
            changes.append(
                {"tiêu chí": line.criterion.code, "trước": _dec(line.points),
                 "sau": _dec(points if points is not None else line.self_points),
                 "lý do": reason}
            )  # fmt: skip
            line.council_points, line.council_reason = points, reason if points is not None else ""
            changed.append(line)
        if errors:
            raise EmulationError(*errors)
        ScoreLine.objects.bulk_update(changed, ["council_points", "council_reason"])
        _bump(sheet)
        if changes:
            log(sheet, "emulation.adjust", user=_user(user), data={"changes": changes})
        return sheet


def lock_results(pact: Pact, *, user=None) -> Pact:
    """Fix the year's final scores: every member's every criterion must have a figure. The
    pact row is locked first, so of two councillors locking at once one is told it is done."""
    with transaction.atomic():
        locked = (
            Pact.objects.select_for_update(of=("self",)).select_related("group").get(pk=pact.pk)
        )
        if locked.is_locked:
            raise EmulationError(
                f"Kết quả đã được khoá lúc {timezone.localtime(locked.locked_at):%H:%M %d/%m/%Y}."
            )
        ensure_sheets(locked)
        sheets = list(
            ScoreSheet.objects.select_for_update(of=("self",))
            .filter(pact=locked)
            .select_related("unit")
        )
        incomplete = []
        for sheet in sheets:
            missing = [
                line.criterion.code
                for line in sheet.lines.select_related("criterion")
                if line.points is None
            ]
            if missing:
                incomplete.append(f"{sheet.unit.name} (tiêu chí {', '.join(sorted(missing))})")
        if incomplete:
            raise EmulationError("Chưa đủ điểm để khoá: " + "; ".join(incomplete) + ".")
        now = timezone.now()
        ScoreSheet.objects.filter(pact=locked).update(
            status=SheetStatus.FINAL, version=F("version") + 1, updated_at=now
        )
        Pact.objects.filter(pk=locked.pk).update(locked_at=now, locked_by=_user(user))
        locked.locked_at, locked.locked_by = now, _user(user)
        result = ranking(locked)
        log(
            locked,
            "emulation.lock",
            user=_user(user),
            data={
                "ranking": [
                    {"hạng": s.ranked.rank, "đơn vị": s.sheet.unit.name,
                     "tổng": _dec(s.ranked.entry.total.total)}
                    for s in result
                ]
            },
        )  # fmt: skip
        return locked


# --- nominations --------------------------------------------------------------------------


@dataclass
class NominationOutcome:
    opened: list = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def open_nominations(pact: Pact, *, user=None) -> NominationOutcome:
    """Open the draft nominations that follow the locked ranking: the sole first unit for the
    ministry-level flag (Cờ thi đua của BHXH Việt Nam), the sole second for the Bằng khen of
    BHXH Việt Nam, proposed by the leader unit. A shared place opens nothing (the council
    decides). Opening again returns the drafts already open."""
    from kb.nominations.services import open_draft_nomination
    from kb.taxonomy.models import Title

    if not pact.is_locked:
        raise EmulationError("Chỉ đề nghị khen thưởng sau khi Hội đồng đã khoá kết quả.")
    group = pact.group
    if group.leader_id is None:
        raise EmulationError("Khối/cụm chưa có đơn vị trưởng để đứng tên đề nghị.")
    standings = ranking(pact)
    rows = [s.ranked for s in standings]
    outcome = NominationOutcome()
    for place, code, label in (
        (1, FLAG_TITLE_CODE, "Cờ thi đua của BHXH Việt Nam"),
        (2, BANG_KHEN_TITLE_CODE, "Bằng khen của Tổng Giám đốc BHXH Việt Nam"),
    ):
        holder = scoring.sole_holder(rows, place)
        if holder is None:
            outcome.skipped.append(
                f"Hạng {place} đồng hạng hoặc không có đơn vị: Hội đồng quyết định, chưa mở hồ "
                f"sơ {label}."
            )
            continue
        title = Title.objects.filter(code=code).first()
        if title is None:
            raise EmulationError(f"Danh mục chưa có danh hiệu mã “{code}” ({label}).")
        sheet = next(s.sheet for s in standings if s.ranked is holder)
        nomination = open_draft_nomination(
            nominee_unit=sheet.unit,
            title=title,
            year=group.year,
            proposing_unit=group.leader,
            created_by=_user(user),
            source=f"emulation:group:{group.pk}",
            note=(
                f"Xếp hạng {place} {group.name} năm {group.year} với "
                f"{scoring.fmt(holder.entry.total.total)} điểm."
            ),
        )
        outcome.opened.append(nomination)
    log(
        pact,
        "emulation.nominate",
        user=_user(user),
        data={"opened": [str(n) for n in outcome.opened], "skipped": outcome.skipped},
    )
    return outcome


# --- evidence -----------------------------------------------------------------------------


def _evidence_collection():
    """The evidence collection. Its view restriction names no group, so Wagtail's document
    URLs serve its files to superusers only; everyone else downloads evidence through the
    scoring screens, which check who may see which unit's sheet."""
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=EVIDENCE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=EVIDENCE_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    return collection


def check_evidence_file(uploaded) -> None:
    """Type by extension and content, size, and images fully decoded (kb.core.uploads)."""
    try:
        check_upload(
            getattr(uploaded, "name", "") or "",
            uploaded.size,
            uploaded,
            allowed=EVIDENCE_EXTENSIONS,
            max_bytes=EVIDENCE_MAX_BYTES,
        )
    except UploadRejected as exc:
        raise EmulationError(str(exc)) from exc


def add_evidence(sheet: ScoreSheet, criterion_id: int, uploaded, *, user=None,
                 today: datetime.date | None = None) -> Evidence:  # fmt: skip
    """Attach an evidence file to a line of the member's own sheet (same deadline and lock
    as the self-score)."""
    from wagtail.documents import get_document_model

    check_evidence_file(uploaded)
    with transaction.atomic():
        sheet = _locked_sheet(sheet, None)
        if deadline_passed(sheet.pact, today):
            raise EmulationError(
                f"Đã quá hạn tự chấm điểm ({sheet.pact.self_score_deadline:%d/%m/%Y})."
            )
        line = sheet.lines.select_related("criterion").filter(criterion_id=criterion_id).first()
        if line is None:
            raise EmulationError("Tiêu chí không thuộc giao ước của bảng điểm này.")
        document = get_document_model()(
            title=f"{sheet.unit.name} – {sheet.pact.group.year} – tiêu chí {line.criterion.code}",
            file=uploaded,
            collection=_evidence_collection(),
            uploaded_by_user=_user(user),
        )
        document.save()
        evidence = Evidence.objects.create(line=line, document=document, uploaded_by=_user(user))
        _bump(sheet)
        log(
            sheet,
            "emulation.evidence",
            user=_user(user),
            data={"tiêu chí": line.criterion.code, "tệp": uploaded.name},
        )
        return evidence


# --- meetings and elections ---------------------------------------------------------------


def record_meeting(group: EmulationGroup, *, user=None, **data) -> Meeting:
    with transaction.atomic():
        meeting = Meeting(group=group, created_by=_user(user), **data)
        meeting.full_clean(exclude=["group", "created_by", "elected_group"])
        meeting.save()
        log(
            group,
            "emulation.meeting",
            user=_user(user),
            data={"hội nghị": str(meeting), "chủ đề": meeting.topic},
        )
        return meeting


def elect_next_year(meeting: Meeting, *, leader, deputy, user=None) -> EmulationGroup:
    """At the year-end summary the members elect next year's leader and deputy: next year's
    group is formed with the same members and name, led by them."""
    group = meeting.group
    if meeting.kind != MeetingKind.YEAR_END:
        raise EmulationError("Chỉ hội nghị tổng kết năm mới bầu trưởng, phó khối/cụm năm sau.")
    if leader is None or deputy is None:
        raise EmulationError("Chọn cả đơn vị trưởng và đơn vị phó.")
    if leader.pk == deputy.pk:
        raise EmulationError("Đơn vị phó phải khác đơn vị trưởng.")
    member_ids = {u.pk for u in members(group)}
    for unit in (leader, deputy):
        if unit.pk not in member_ids:
            raise EmulationError(f"“{unit.name}” không phải thành viên của {group.name}.")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.elected_group_id:
            raise EmulationError("Hội nghị này đã bầu trưởng, phó khối/cụm năm sau.")
        year = group.year + 1
        if EmulationGroup.objects.filter(kind=group.kind, name=group.name, year=year).exists():
            raise EmulationError(f"{group.name} năm {year} đã được thành lập.")
        successor = EmulationGroup.objects.create(
            kind=group.kind, name=group.name, year=year, leader=leader, deputy=deputy,
            note=f"Bầu tại {meeting} của {group}.",
        )  # fmt: skip
        EmulationMembership.objects.bulk_create(
            [
                EmulationMembership(group=successor, unit_id=m.unit_id, sort_order=m.sort_order)
                for m in group.memberships.all()
            ]
        )
        Meeting.objects.filter(pk=meeting.pk).update(elected_group=successor)
        meeting.elected_group = successor
        log(
            group,
            "emulation.elect",
            user=_user(user),
            data={"năm": year, "trưởng": leader.name, "phó": deputy.name},
        )
        return successor


# --- year on year -------------------------------------------------------------------------


def unit_history(unit, *, kind: str | None = None) -> list[tuple[int, str, Decimal, int, int]]:
    """The unit's locked results across years: (year, group, total, rank, members)."""
    out = []
    pacts = (
        Pact.objects.filter(locked_at__isnull=False, sheets__unit=unit)
        .select_related("group")
        .order_by("group__year")
    )
    if kind:
        pacts = pacts.filter(group__kind=kind)
    for pact in pacts:
        standings = ranking(pact)
        mine = next(s for s in standings if s.sheet.unit_id == unit.pk)
        out.append(
            (pact.group.year, pact.group.name, mine.ranked.entry.total.total, mine.ranked.rank,
             len(standings))
        )  # fmt: skip
    return out


__all__ = [
    "Adjustment",
    "CriterionKind",
    "EmulationError",
    "Review",
    "SelfScore",
    "add_evidence",
    "adjust",
    "elect_next_year",
    "ensure_sheets",
    "lock_results",
    "open_nominations",
    "ranking",
    "record_meeting",
    "respond_to_review",
    "save_review",
    "save_self_score",
    "unit_history",
]

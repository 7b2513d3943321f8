"""What happens to a dossier: drafted, submitted, decided level by level, and its outcome.

Every change goes through here, inside one transaction. Two reviewers acting on the same
dossier at once cannot both win: a decision first claims the dossier's ``version`` with a
conditional UPDATE, and the loser is told the dossier has moved on. Decisions that count
against a quota also lock the (title, year) row of :class:`QuotaLock`, so two of them never
read the same count.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import TaskState, WorkflowState

from kb.exemplars.models import ExemplarIndexPage, ExemplarKind, ExemplarPage, ExemplarTitleAward
from kb.users import roles
from kb.users.access import units_for

from . import access, eligibility, facts, routing
from .models import (
    Decision,
    DecisionAction,
    InitiativeUse,
    Level,
    Nomination,
    NomineeKind,
    Purpose,
    QuotaLock,
    Status,
)

logger = logging.getLogger(__name__)


class DecisionRefused(Exception):
    """A decision that cannot be taken; ``findings`` say why when the rules block it."""

    def __init__(self, message: str, findings: list[eligibility.Finding] | None = None):
        super().__init__(message)
        self.message = message
        self.findings = findings or []


@dataclass
class VoteInput:
    votes_for: int
    votes_against: int
    members: int


# --- drafting ---------------------------------------------------------------------------------
@transaction.atomic
def save_dossier(nomination: Nomination, user, *, initiatives=None) -> Nomination:
    """Create or update a dossier as its officer edits it; each save is a revision."""
    if nomination.pk and not access.can_edit(user, nomination):
        raise PermissionDenied
    if not user.is_superuser:
        mine = units_for(user)
        for unit_id in (nomination.proposing_unit_id, nomination.nominee_unit_id):
            if not mine.filter(pk=unit_id).exists():
                raise PermissionDenied
    if not nomination.pk:
        if not access.can_create(user):
            raise PermissionDenied
        nomination.created_by = user
        nomination.live = False
    nomination.intermediate_unit = routing.intermediate_unit_for(
        nomination.proposing_unit, nomination.year
    )
    nomination.full_clean()
    nomination.save()
    if initiatives is not None:
        nomination.backing_initiatives.set(initiatives)
    nomination.save_revision(user=user, log_action=True)
    return nomination


def open_draft_nomination(
    *,
    nominee_unit,
    title,
    year: int,
    proposing_unit,
    created_by=None,
    source: str = "",
    note: str = "",
) -> Nomination:
    """Open (or return the existing) draft dossier proposing a collective for ``title``.

    Used by emulation scoring: the leader of a block is proposed for the ministry's flag,
    the second for its Bằng khen. The officer of the proposing unit then completes and
    submits it as any other dossier."""
    existing = Nomination.objects.filter(
        nominee_unit=nominee_unit,
        nominee_kind=NomineeKind.COLLECTIVE,
        title=title,
        year=year,
    ).first()
    if existing is not None:
        return existing
    collective = (
        ExemplarPage.objects.filter(unit=nominee_unit, kind=ExemplarKind.COLLECTIVE)
        .order_by("-live", "pk")
        .first()
    )
    nomination = Nomination(
        year=year,
        purpose=Purpose.AWARD,
        nominee_kind=NomineeKind.COLLECTIVE,
        title=title,
        proposing_unit=proposing_unit,
        nominee_unit=nominee_unit,
        nominee_name=collective.title if collective else nominee_unit.name,
        exemplar=collective,
        achievements=f"<p>{note}</p>" if note else "",
        source=source,
        created_by=created_by,
        live=False,
    )
    nomination.intermediate_unit = routing.intermediate_unit_for(proposing_unit, year)
    with transaction.atomic():
        nomination.save()
        nomination.save_revision(user=created_by, log_action=True)
    return nomination


# --- submitting -------------------------------------------------------------------------------
@transaction.atomic
def submit(nomination: Nomination, user) -> list[eligibility.Finding]:
    """Send a draft (or a returned dossier, completed) up the route. Rules are checked and
    returned as warnings: the proposer sees what is missing but may still submit."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not access.can_edit(user, nomination):
        raise PermissionDenied
    findings = facts.findings_for(nomination)
    _claim(nomination)
    revision = nomination.save_revision(user=user, log_action=True)
    if nomination.status == Status.RETURNED:
        state = nomination.current_workflow_state
        Nomination.objects.filter(pk=nomination.pk).update(status=Status.IN_REVIEW)
        nomination.status = Status.IN_REVIEW
        state.resume(user=user)
    else:
        workflow = nomination.get_workflow()
        if workflow is None:
            raise DecisionRefused("Chưa có quy trình xét duyệt nào được gán cho hồ sơ đề nghị.")
        Nomination.objects.filter(pk=nomination.pk).update(
            status=Status.IN_REVIEW, submitted_at=timezone.now()
        )
        nomination.status = Status.IN_REVIEW
        workflow.start(nomination, user)
    nomination.refresh_from_db()
    Nomination.objects.filter(pk=nomination.pk).update(step_started_at=timezone.now())
    Decision.objects.create(
        nomination=nomination,
        level=None,
        action=DecisionAction.SUBMIT,
        comment="",
        findings=[_finding_json(f) for f in findings],
        user=user,
    )
    log(nomination, "kb.nominations.submit", user=user, revision=revision)
    _notify(nomination, "được trình", actor=user)
    return findings


# --- deciding ---------------------------------------------------------------------------------
def decide(
    nomination: Nomination,
    user,
    action: str,
    *,
    comment: str,
    version: int,
    vote: VoteInput | None = None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> Decision:
    """Approve, return or decline the dossier at its current level."""
    if not comment.strip():
        raise DecisionRefused("Hãy ghi ý kiến cho quyết định.")
    if action not in (DecisionAction.APPROVE, DecisionAction.RETURN, DecisionAction.DECLINE):
        raise DecisionRefused("Quyết định không hợp lệ.")
    with transaction.atomic():
        if not Nomination.objects.filter(pk=nomination.pk, version=version).exists():
            raise DecisionRefused(
                "Hồ sơ vừa được người khác xử lý; hãy xem lại trạng thái mới trước khi quyết định."
            )
        nomination = Nomination.objects.select_related(
            "title", "proposing_unit", "nominee_unit", "intermediate_unit"
        ).get(pk=nomination.pk)
        level = nomination.current_level
        if not access.can_decide(user, nomination, level):
            reason = access.recusal_reason(user, nomination, level) if level else None
            raise DecisionRefused(reason or "Bạn không có quyền quyết định hồ sơ ở cấp này.")
        # Claim first: of two reviewers deciding at once, only one passes this line.
        if not _claim(nomination, expected=version):
            raise DecisionRefused(
                "Hồ sơ vừa được người khác xử lý; hãy xem lại trạng thái mới trước khi quyết định."
            )
        findings: list[eligibility.Finding] = []
        if action == DecisionAction.APPROVE:
            if nomination.title_id:
                _lock_quota(nomination)
            eligibility_vote = (
                eligibility.Vote(
                    votes_for=vote.votes_for, votes_against=vote.votes_against, members=vote.members
                )
                if vote
                else None
            )
            findings = facts.findings_for(nomination, eligibility_vote, deciding=True)
            blocking = eligibility.blocking(findings)
            if blocking:
                raise DecisionRefused(
                    "Chưa đủ điều kiện để đồng ý: " + "; ".join(f.message for f in blocking),
                    findings=blocking,
                )
            final = level == routing.deciding_level(nomination)
            if final and level >= Level.MINISTRY and not decision_number.strip():
                raise DecisionRefused("Hãy ghi số và ngày quyết định khen thưởng.")
        state = nomination.current_workflow_state
        task_state = state.current_task_state.specific if state else None
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise DecisionRefused("Hồ sơ không còn chờ xét ở cấp này.")
        decision = Decision.objects.create(
            nomination=nomination,
            level=level,
            action=action,
            comment=comment.strip(),
            votes_for=vote.votes_for if vote else None,
            votes_against=vote.votes_against if vote else None,
            members=vote.members if vote else None,
            decision_number=decision_number.strip(),
            decision_date=decision_date,
            findings=[_finding_json(f) for f in findings],
            user=user,
        )
        if action == DecisionAction.APPROVE:
            task_state.approve(user=user, comment=comment)
        elif action == DecisionAction.RETURN:
            task_state.reject(user=user, comment=comment)
        else:
            task_state.reject(user=user, update=False, comment=comment)
            WorkflowState.objects.get(pk=state.pk).cancel(user=user)
        _after_decision(nomination, decision, user, state_pk=state.pk)
    return decision


def _after_decision(nomination: Nomination, decision: Decision, user, *, state_pk: int) -> None:
    state = WorkflowState.objects.filter(pk=state_pk).first()
    fields: dict = {"step_started_at": timezone.now()}
    if decision.action == DecisionAction.RETURN:
        fields["status"] = Status.RETURNED
        event = "được trả lại để bổ sung"
    elif decision.action == DecisionAction.DECLINE:
        fields.update(status=Status.REJECTED, current_level=None)
        event = "không được đồng ý"
    elif state is not None and state.status == WorkflowState.STATUS_APPROVED:
        fields.update(
            status=Status.APPROVED,
            current_level=None,
            decision_number=decision.decision_number,
            decision_date=decision.decision_date or timezone.localdate(),
        )
        event = "đã có quyết định"
    else:
        event = "được chuyển lên cấp trên"
    # The workflow may have saved the row from a revision meanwhile: write the pipeline's
    # fields last and explicitly.
    current_version = Nomination.objects.values_list("version", flat=True).get(pk=nomination.pk)
    fields["version"] = max(current_version, nomination.version) + 1
    Nomination.objects.filter(pk=nomination.pk).update(**fields)
    nomination.refresh_from_db()
    log(
        nomination,
        f"kb.nominations.{decision.action}",
        user=user,
        data={"level": decision.level, "comment": decision.comment},
    )
    if nomination.status == Status.APPROVED:
        apply_outcome(nomination, decision, user)
    _notify(nomination, event, actor=user)


def _claim(nomination: Nomination, expected: int | None = None) -> bool:
    expected = nomination.version if expected is None else expected
    claimed = Nomination.objects.filter(pk=nomination.pk, version=expected).update(
        version=expected + 1
    )
    if claimed:
        nomination.version = expected + 1
    return bool(claimed)


def _lock_quota(nomination: Nomination) -> None:
    lock, _ = QuotaLock.objects.get_or_create(title_id=nomination.title_id, year=nomination.year)
    # The UPDATE takes the row lock on PostgreSQL (and the write lock on SQLite) until commit.
    QuotaLock.objects.select_for_update().filter(pk=lock.pk).update(touched=lock.touched + 1)


# --- outcome ----------------------------------------------------------------------------------
def apply_outcome(nomination: Nomination, decision: Decision, user) -> None:
    """The title goes on the exemplar's profile (created when there is none yet), the
    backing initiatives are entered in the ledger, and a replication opens a draft story."""
    for initiative in nomination.backing_initiatives.all():
        InitiativeUse.objects.get_or_create(
            initiative=initiative, defaults={"nomination": nomination}
        )
    if nomination.purpose == Purpose.REPLICATION:
        _open_story(nomination, user)
    if not nomination.title_id or nomination.nominee_kind == NomineeKind.INITIATIVE:
        return
    exemplar = nomination.exemplar
    if exemplar is None:
        exemplar = _create_exemplar(nomination, user)
        Nomination.objects.filter(pk=nomination.pk).update(exemplar=exemplar)
    exemplar = ExemplarPage.objects.get(pk=exemplar.pk)
    exemplar.titles.add(
        ExemplarTitleAward(
            title=nomination.title,
            year=nomination.year,
            decision=nomination.decision_number,
        )
    )
    revision = exemplar.save_revision(user=user, log_action=True)
    if exemplar.live:
        revision.publish(user=user, skip_permission_checks=True)


def _create_exemplar(nomination: Nomination, user) -> ExemplarPage:
    index = ExemplarIndexPage.objects.first()
    if index is None:
        raise ValidationError("Chưa có trang danh sách điển hình để tạo hồ sơ.")
    from django.utils.html import strip_tags

    # A plain-text summary: the report's words without its markup.
    summary = strip_tags(nomination.achievements or "").strip()
    exemplar = ExemplarPage(
        title=nomination.nominee_name,
        kind=(
            ExemplarKind.INDIVIDUAL
            if nomination.nominee_kind == NomineeKind.INDIVIDUAL
            else ExemplarKind.COLLECTIVE
        ),
        unit=nomination.nominee_unit,
        position=nomination.position,
        is_leader=nomination.is_leader,
        gender="female" if nomination.female else "",
        year=nomination.year,
        summary=summary[:600] or nomination.nominee_name,
        owner=user,
    )
    index.add_child(instance=exemplar)
    exemplar.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return exemplar


def _open_story(nomination: Nomination, user) -> None:
    from kb.stories.models import StoryIndexPage, StoryPage

    index = StoryIndexPage.objects.first()
    if index is None:
        return
    story = StoryPage(
        title=f"Nhân rộng: {nomination.nominee_name}",
        summary=(
            f"Bài viết giới thiệu {nomination.nominee_name} để nhân rộng trong toàn ngành "
            f"(quyết định {nomination.decision_number or 'của BHXH Việt Nam'})."
        ),
        live=False,
        owner=user,
    )
    index.add_child(instance=story)
    # Parental relations live in memory until the page is saved again.
    if nomination.exemplar_id:
        story.exemplars.add(nomination.exemplar)
    if nomination.initiative_id:
        story.initiatives.add(nomination.initiative)
    story.save()
    story.save_revision(user=user, log_action=True)


# --- notifications ----------------------------------------------------------------------------
def recipients(nomination: Nomination) -> list[str]:
    """The proposer (the dossier's author and the proposing unit's officers) and whoever
    decides next."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    users = User.objects.filter(is_active=True).exclude(email="")
    emails = set()
    if nomination.created_by_id and nomination.created_by.email:
        emails.add(nomination.created_by.email)
    emails |= set(
        users.filter(
            groups__name=roles.UNIT_OFFICER, unit_id=nomination.proposing_unit_id
        ).values_list("email", flat=True)
    )
    level = nomination.current_level
    if nomination.status == Status.IN_REVIEW and level:
        if level >= Level.MINISTRY:
            emails |= set(
                users.filter(groups__name=roles.MINISTRY_OFFICE).values_list("email", flat=True)
            )
        else:
            council = routing.reviewing_unit(nomination, level)
            if council is not None:
                members = users.filter(groups__name=roles.COUNCIL_MEMBER).filter(
                    Q(council_unit=council) | Q(council_unit=None, unit=council)
                )
                emails |= set(members.values_list("email", flat=True))
    return sorted(emails)


def _notify(nomination: Nomination, event: str, actor) -> None:
    from django.conf import settings

    to = recipients(nomination)
    if not to:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    url = base + reverse("nominations:detail", args=[nomination.pk])
    status = nomination.get_status_display()
    level = nomination.get_current_level_display() if nomination.current_level else ""
    subject = f"[Hồ sơ đề nghị] {nomination} {event}"
    body = (
        f"Hồ sơ: {nomination}\n"
        f"Đơn vị đề nghị: {nomination.proposing_unit}\n"
        f"Trạng thái: {status}{' — ' + level if level else ''}\n"
        f"Người thực hiện: {actor.get_full_name() or actor.get_username()}\n\n"
        f"Xem hồ sơ: {url}\n"
    )
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", None)
    messages = [(subject, body, sender, [address]) for address in to]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))


def _finding_json(finding: eligibility.Finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "basis": finding.basis,
        "missing": list(finding.missing),
    }

"""Gather from the database what the rules engine (``eligibility``, pure) needs to know."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q

from kb.exemplars.models import ExemplarKind, ExemplarPage, ExemplarTitleAward

from . import eligibility
from .models import InitiativeUse, Level, Nomination, NomineeKind, RuleSetRecord, Status

LIVE_STATUSES = (Status.IN_REVIEW, Status.APPROVED, Status.RETURNED)


def rulesets() -> list[eligibility.RuleSet]:
    return [record.to_ruleset() for record in RuleSetRecord.objects.all()]


def ruleset_for(nomination: Nomination) -> eligibility.RuleSet:
    """The rules in force on 31 December of the dossier's year (or today, if earlier)."""
    day = min(datetime.date(nomination.year, 12, 31), datetime.date.today())
    return eligibility.ruleset_in_force(rulesets(), day)


def _history(nomination: Nomination) -> dict[str, frozenset[int]]:
    years: dict[str, set[int]] = defaultdict(set)
    awards = ExemplarTitleAward.objects.none()
    if nomination.exemplar_id:
        awards = ExemplarTitleAward.objects.filter(page_id=nomination.exemplar_id)
    elif nomination.nominee_kind == NomineeKind.COLLECTIVE:
        awards = ExemplarTitleAward.objects.filter(
            page__unit_id=nomination.nominee_unit_id, page__kind=ExemplarKind.COLLECTIVE
        )
    for code, year in awards.exclude(title__code=None).values_list("title__code", "year"):
        years[code].add(year)
    decided = Nomination.objects.filter(status=Status.APPROVED).exclude(pk=nomination.pk)
    if nomination.exemplar_id:
        decided = decided.filter(exemplar_id=nomination.exemplar_id)
    else:
        decided = decided.filter(
            nominee_unit_id=nomination.nominee_unit_id,
            nominee_kind=nomination.nominee_kind,
            nominee_name__iexact=nomination.nominee_name,
        )
    for code, year in decided.exclude(title__code=None).values_list("title__code", "year"):
        years[code].add(year)
    return {code: frozenset(ys) for code, ys in years.items()}


def _initiatives(nomination: Nomination) -> tuple[eligibility.InitiativeFact, ...]:
    """Each backing initiative with the other dossiers it already backs (recorded uses, then
    dossiers still under way): two queries for all of them, not two per initiative."""
    if not nomination.pk:
        return ()
    initiatives = list(nomination.backing_initiatives.all())
    ids = [i.pk for i in initiatives]
    used: dict[int, list[int]] = {pk: [] for pk in ids}
    for initiative_id, nomination_id in (
        InitiativeUse.objects.filter(initiative_id__in=ids)
        .exclude(nomination=nomination)
        .order_by("pk")
        .values_list("initiative_id", "nomination_id")
    ):
        used[initiative_id].append(nomination_id)
    pending: dict[int, list[int]] = {pk: [] for pk in ids}
    for initiative_id, nomination_id in (
        Nomination.backing_initiatives.through.objects.filter(
            initiativepage_id__in=ids, nomination__status__in=LIVE_STATUSES
        )
        .exclude(nomination_id=nomination.pk)
        .order_by("nomination_id")
        .values_list("initiativepage_id", "nomination_id")
    ):
        if nomination_id not in used[initiative_id]:
            pending[initiative_id].append(nomination_id)
    return tuple(
        eligibility.InitiativeFact(
            key=initiative.title,
            scope=initiative.scope or "unit",
            recognised_year=initiative.year,
            used_for=tuple(f"hồ sơ #{n}" for n in used[initiative.pk] + pending[initiative.pk]),
        )
        for initiative in initiatives
    )


def _led_collective_excellent(nomination: Nomination) -> bool | None:
    if not nomination.is_leader:
        return None
    excellent = (
        ExemplarTitleAward.objects.filter(
            page__unit_id=nomination.nominee_unit_id,
            page__kind=ExemplarKind.COLLECTIVE,
            year=nomination.year,
            title__code__in=["tt-ldxs", "co-bhxh", "co-chinh-phu"],
        ).exists()
        or Nomination.objects.filter(
            nominee_unit_id=nomination.nominee_unit_id,
            nominee_kind=NomineeKind.COLLECTIVE,
            year=nomination.year,
            status=Status.APPROVED,
            title__code__in=["tt-ldxs", "co-bhxh", "co-chinh-phu"],
        ).exists()
    )
    return excellent


def _group(nomination: Nomination):
    from kb.emulation.models import EmulationGroup

    ancestry = [u.pk for u in nomination.nominee_unit.get_ancestors(include_self=True)]
    return (
        EmulationGroup.objects.filter(year=nomination.year, memberships__unit_id__in=ancestry)
        .order_by("pk")
        .first()
    )


def _same_group_same_title(nomination: Nomination, group) -> int:
    if group is None or not nomination.title_id:
        return 0
    members = group.memberships.values("unit_id")
    return (
        Nomination.objects.filter(
            title_id=nomination.title_id,
            year=nomination.year,
            status__in=LIVE_STATUSES,
            reached_level__gte=Level.MINISTRY,
            nominee_unit_id__in=members,
        )
        .exclude(pk=nomination.pk)
        .count()
    )


def _quota_counts(nomination: Nomination) -> dict[str, int]:
    """How many of each title are proposed (beyond the proposing unit) or decided this year,
    not counting this dossier: what the share and ratio quotas compare. Base-level titles
    (Lao động tiên tiến, Chiến sĩ thi đua cơ sở) are counted within the unit that decides
    them (the province, or the proposing unit); higher titles across the sector."""
    scope_path = None
    if nomination.title_id and nomination.title.level == "base":
        scope_unit = nomination.intermediate_unit or nomination.proposing_unit
        scope_path = scope_unit.path
    counts: dict[str, int] = defaultdict(int)
    rows = (
        Nomination.objects.filter(year=nomination.year)
        .exclude(pk=nomination.pk)
        .filter(Q(status=Status.APPROVED) | Q(status__in=LIVE_STATUSES, reached_level__gte=2))
        .exclude(title__code=None)
    )
    awards = ExemplarTitleAward.objects.filter(year=nomination.year).exclude(title__code=None)
    if nomination.exemplar_id:
        awards = awards.exclude(page_id=nomination.exemplar_id, title_id=nomination.title_id)
    if scope_path:
        rows = rows.filter(nominee_unit__path__startswith=scope_path)
        awards = awards.filter(page__unit__path__startswith=scope_path)
    for code in rows.values_list("title__code", flat=True):
        counts[code] += 1
    for code in awards.values_list("title__code", flat=True):
        counts[code] += 1
    return dict(counts)


def gather(nomination: Nomination, vote: eligibility.Vote | None = None) -> eligibility.Facts:
    group = _group(nomination)
    return eligibility.Facts(
        nominee_kind=nomination.nominee_kind,
        title=nomination.title.code if nomination.title_id else None,
        year=nomination.year,
        history=_history(nomination),
        initiatives=_initiatives(nomination),
        is_leader=nomination.is_leader,
        led_collective_excellent=_led_collective_excellent(nomination),
        vote=vote,
        group_key=str(group) if group else None,
        same_group_same_title=_same_group_same_title(nomination, group),
        group_rank=nomination.group_rank,
        quota_counts=_quota_counts(nomination),
        rating=nomination.rating or None,
        members=_members(nomination),
    )


def _members(nomination: Nomination) -> eligibility.MemberStats | None:
    if nomination.nominee_kind != NomineeKind.COLLECTIVE or nomination.members_total is None:
        return None
    total = nomination.members_total
    return eligibility.MemberStats(
        total=total,
        completed=nomination.members_completed
        if nomination.members_completed is not None
        else total,
        ldtt=nomination.members_ldtt or 0,
        cstd_co_so=nomination.members_cstd or 0,
        disciplined=nomination.members_disciplined or 0,
    )


def findings_for(
    nomination: Nomination, vote=None, *, deciding: bool = False
) -> list[eligibility.Finding]:
    """The rules' findings. Before a decision (``deciding=False``) the council's vote is not
    asked for: it is entered with the decision itself."""
    from kb.taxonomy.models import Title

    names = dict(Title.objects.exclude(code=None).values_list("code", "name"))
    findings = eligibility.evaluate(
        ruleset_for(nomination), gather(nomination, vote), title_names=names
    )
    if not deciding:
        findings = [f for f in findings if f.kind != "council_vote"]
    return findings


def exemplar_choices_for(units) -> list[ExemplarPage]:
    return list(ExemplarPage.objects.filter(unit__in=units).order_by("title")[:500])

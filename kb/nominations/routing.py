"""Which unit decides a dossier at each level, read from the unit tree and the emulation
groups of the year: a district's dossier goes to its province, a central department's to the
leader of its emulation block, everything to BHXH Việt Nam, and state-level titles on to the
Government. The steps themselves are the workflow's tasks (data); this only resolves them."""

from __future__ import annotations

from kb.units.models import Unit, UnitLevel

from .models import Level, Nomination, Purpose


def sector_unit() -> Unit | None:
    return Unit.objects.filter(level=UnitLevel.SECTOR).order_by("depth").first()


def intermediate_unit_for(unit: Unit, year: int) -> Unit | None:
    """The province above ``unit``, or for a unit outside any province the leader unit of its
    emulation block or cluster that year; None for a province itself (its own council is the
    first level) or when nothing is found."""
    if unit.level in (UnitLevel.PROVINCE, UnitLevel.SECTOR):
        return None
    province = unit.province
    if province is not None:
        return province
    from kb.emulation.models import EmulationGroup

    ancestry = [u.pk for u in unit.get_ancestors(include_self=True)]
    group = (
        EmulationGroup.objects.filter(year=year, memberships__unit_id__in=ancestry)
        .exclude(leader=None)
        .select_related("leader")
        .first()
    )
    if group is None or group.leader_id in ancestry:
        return None
    return group.leader


def deciding_level(nomination: Nomination) -> int:
    """The level whose approval is the decision: base titles are decided by the province (or
    block), sector titles and replication by BHXH Việt Nam, state titles by the Government."""
    if nomination.purpose == Purpose.REPLICATION or not nomination.title_id:
        return Level.MINISTRY
    level = nomination.title.level
    if level == "base":
        return Level.INTERMEDIATE if nomination.intermediate_unit_id else Level.UNIT
    if level == "state":
        return Level.GOVERNMENT
    return Level.MINISTRY


def applies(nomination: Nomination, level: int) -> bool:
    if level > deciding_level(nomination):
        return False
    if level == Level.INTERMEDIATE:
        return bool(nomination.intermediate_unit_id) and (
            nomination.intermediate_unit_id != nomination.proposing_unit_id
        )
    return True


def reviewing_unit(nomination: Nomination, level: int) -> Unit | None:
    if level == Level.UNIT:
        return nomination.proposing_unit
    if level == Level.INTERMEDIATE:
        return nomination.intermediate_unit
    return sector_unit()

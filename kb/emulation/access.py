"""Who may do what with a block's or cluster's scores.

- A member unit's emulation officer (role "Cán bộ thi đua đơn vị" whose ``user.unit`` is the
  member) sees the group and edits only the own unit's self-score, until the pact's deadline
  and while the results are not locked.
- The leader unit's emulation officer sees every member's sheet and reviews it (flags a
  discrepancy, proposes a figure); the deputy reviews the leader's own sheet. Reviewers do
  not change figures and cannot lock. It records the
  group's meetings and the election of next year's leader and deputy.
- The council ("Thành viên Hội đồng TĐKT" of the sector unit, the ministry's emulation office
  "Vụ Thi đua - Khen thưởng", or a superuser) sees every group, alone adjusts figures with a
  reason, locks the results and opens the draft nominations.
- Anyone else sees nothing: the views answer 404 for a group or sheet the user may not open,
  so a guessed id tells nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kb.units.models import UnitLevel
from kb.users import roles
from kb.users.access import has_role

from .models import EmulationGroup


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_council(user) -> bool:
    if not _active(user):
        return False
    if user.is_superuser or has_role(user, roles.MINISTRY_OFFICE):
        return True
    return (
        has_role(user, roles.COUNCIL_MEMBER)
        and user.unit_id is not None
        and user.unit.level == UnitLevel.SECTOR
    )


def _officer_unit_id(user) -> int | None:
    if not _active(user) or not user.unit_id or not has_role(user, roles.UNIT_OFFICER):
        return None
    return user.unit_id


def uses_scoring(user) -> bool:
    return is_council(user) or _officer_unit_id(user) is not None


def visible_groups(user) -> QuerySet[EmulationGroup]:
    groups = EmulationGroup.objects.select_related("leader", "deputy")
    if is_council(user):
        return groups
    unit_id = _officer_unit_id(user)
    if unit_id is None:
        return groups.none()
    return groups.filter(Q(memberships__unit_id=unit_id) | Q(leader_id=unit_id)).distinct()


def is_leader(user, group: EmulationGroup) -> bool:
    unit_id = _officer_unit_id(user)
    return unit_id is not None and unit_id == group.leader_id


def is_member(user, group: EmulationGroup, unit_id: int) -> bool:
    """``user`` is the emulation officer of member ``unit_id`` of ``group``."""
    own = _officer_unit_id(user)
    return own is not None and own == unit_id and group.memberships.filter(unit_id=own).exists()


def reviewer_unit_id(group: EmulationGroup, unit_id: int) -> int | None:
    """The leader reviews every member's sheet but its own, which the deputy reviews."""
    return group.deputy_id if unit_id == group.leader_id else group.leader_id


def can_review(user, group: EmulationGroup, unit_id: int) -> bool:
    own = _officer_unit_id(user)
    return own is not None and own != unit_id and own == reviewer_unit_id(group, unit_id)


def can_view_sheet(user, group: EmulationGroup, unit_id: int) -> bool:
    return (
        is_council(user)
        or is_leader(user, group)
        or can_review(user, group, unit_id)
        or is_member(user, group, unit_id)
    )


def sees_ranking(user, group: EmulationGroup, locked: bool) -> bool:
    """The council and the leader follow the provisional ranking; members see it once the
    council has locked the results."""
    return is_council(user) or is_leader(user, group) or locked


def can_record_meetings(user, group: EmulationGroup) -> bool:
    return is_council(user) or is_leader(user, group)

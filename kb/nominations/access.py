"""Who sees and who decides a dossier.

- A unit's emulation officer sees and edits the dossiers of the units he or she acts for
  (``units_for``: the own unit and its subtree), and edits only while a dossier is being
  drafted or has been returned.
- A council member sees a dossier once it has reached his or her council's level: the
  proposing unit's own council, the province (or block leader) above it. He or she decides
  while it waits at that level, unless recusal applies.
- The ministry's emulation office sees every submitted dossier and decides at the ministry
  and Government levels. Superusers see and may do everything.
- Anyone else sees nothing: the views answer 404, not 403, so IDs cannot be probed.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kb.users import roles
from kb.users.access import has_role, units_for

from .eligibility import must_recuse
from .models import Level, Nomination, Status


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_ministry_office(user) -> bool:
    return _active(user) and (user.is_superuser or has_role(user, roles.MINISTRY_OFFICE))


def is_officer(user) -> bool:
    return _active(user) and has_role(user, roles.UNIT_OFFICER) and bool(user.unit_id)


def is_council_member(user) -> bool:
    return (
        _active(user) and has_role(user, roles.COUNCIL_MEMBER) and bool(user.council_unit_id_or_own)
    )


def council_of(user) -> int | None:
    """The unit whose council ``user`` sits on (``User.council_unit``, else the own unit)."""
    return user.council_unit_id_or_own if is_council_member(user) else None


def uses_nominations(user) -> bool:
    return is_ministry_office(user) or is_officer(user) or is_council_member(user)


def visible_nominations(user) -> QuerySet[Nomination]:
    qs = Nomination.objects.all()
    if not _active(user):
        return qs.none()
    if user.is_superuser:
        return qs
    q = Q(pk__in=[])
    if has_role(user, roles.MINISTRY_OFFICE):
        q |= Q(reached_level__gte=Level.UNIT)
    if is_officer(user):
        q |= Q(proposing_unit__in=units_for(user).values("pk"))
    if is_council_member(user):
        council = council_of(user)
        q |= Q(proposing_unit_id=council, reached_level__gte=Level.UNIT)
        q |= Q(intermediate_unit_id=council, reached_level__gte=Level.INTERMEDIATE)
    return qs.filter(q)


def can_create(user) -> bool:
    return is_officer(user) or (_active(user) and user.is_superuser)


def can_edit(user, nomination: Nomination) -> bool:
    if not nomination.is_editable:
        return False
    if _active(user) and user.is_superuser:
        return True
    return is_officer(user) and units_for(user).filter(pk=nomination.proposing_unit_id).exists()


def recusal_reason(user, nomination: Nomination, level: int) -> str | None:
    """Why ``user`` must not decide (conflict of interest), or None."""
    from . import routing

    council = routing.reviewing_unit(nomination, level)
    if not getattr(user, "unit_id", None) or council is None:
        return None
    nominee_is_user = bool(
        nomination.nominee_kind == "individual"
        and user.get_full_name()
        and user.get_full_name().casefold() == nomination.nominee_name.casefold()
        and user.unit_id == nomination.nominee_unit_id
    )
    if must_recuse(
        user.unit.path,
        nomination.nominee_unit.path,
        council.path,
        reviewer_is_nominee=nominee_is_user,
    ):
        return "Người xét thuộc đơn vị được đề nghị hoặc đơn vị quản lý trực tiếp của đơn vị đó."
    return None


def _may_review(user, nomination: Nomination, level: int | None) -> bool:
    from . import routing

    if nomination.status != Status.IN_REVIEW or not level or level != nomination.current_level:
        return False
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if level in (Level.MINISTRY, Level.GOVERNMENT):
        return has_role(user, roles.MINISTRY_OFFICE)
    council = routing.reviewing_unit(nomination, level)
    return council is not None and council_of(user) == council.pk


def can_decide(user, nomination: Nomination, level: int | None = None) -> bool:
    """May ``user`` approve, return or decline ``nomination`` at its current level?"""
    level = level or nomination.current_level
    return _may_review(user, nomination, level) and recusal_reason(user, nomination, level) is None


def recused(user, nomination: Nomination) -> str | None:
    """Why a reviewer of the dossier's current level stands aside from it, or None."""
    level = nomination.current_level
    if not _may_review(user, nomination, level):
        return None
    return recusal_reason(user, nomination, level)


def waiting_for(user) -> QuerySet[Nomination]:
    """The dossiers waiting for ``user`` to act: to decide at his or her level, or (for an
    officer) returned for completion or still in draft."""
    base = visible_nominations(user)
    if not _active(user):
        return base
    q = Q(pk__in=[])
    if user.is_superuser or has_role(user, roles.MINISTRY_OFFICE):
        q |= Q(status=Status.IN_REVIEW, current_level__in=[Level.MINISTRY, Level.GOVERNMENT])
    if is_council_member(user):
        council = council_of(user)
        q |= Q(status=Status.IN_REVIEW, current_level=Level.UNIT, proposing_unit_id=council)
        q |= Q(
            status=Status.IN_REVIEW,
            current_level=Level.INTERMEDIATE,
            intermediate_unit_id=council,
        )
    if is_officer(user):
        q |= Q(status__in=[Status.DRAFT, Status.RETURNED]) & Q(
            proposing_unit__in=units_for(user).values("pk")
        )
    return base.filter(q)

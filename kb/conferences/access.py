"""Who may plan a conference's delegates and who may enter a unit's list.

- The ministry office, administrators and superusers (sector-wide) plan every conference.
- A unit emulation officer plans the conferences organised by a unit he or she acts for
  (``units_for``: the own unit and its subtree), and enters the elected delegates of the units
  he or she acts for among the units that elect to the conference.
- Anyone else sees nothing here.
"""

from django.db.models import Q, QuerySet

from kb.units.models import Unit
from kb.users import roles
from kb.users.access import has_role, is_sector_wide, units_for

from .models import ConferencePage


def uses_planning(user) -> bool:
    return is_sector_wide(user) or has_role(user, roles.UNIT_OFFICER)


def can_plan(user, conference: ConferencePage) -> bool:
    """Change the cap, run the allocation, manage invited delegates and guests, and enter
    every unit's list."""
    if is_sector_wide(user):
        return True
    if not has_role(user, roles.UNIT_OFFICER):
        return False
    return units_for(user).filter(pk=conference.unit_id).exists()


def editable_units(user, conference: ConferencePage) -> QuerySet[Unit]:
    """The units electing to ``conference`` whose list ``user`` may enter."""
    electing = Unit.objects.filter(parent_id=conference.unit_id)
    if can_plan(user, conference):
        return electing
    if not has_role(user, roles.UNIT_OFFICER):
        return Unit.objects.none()
    return electing.filter(pk__in=units_for(user).values("pk"))


def can_edit_unit_list(user, conference: ConferencePage, unit: Unit) -> bool:
    return editable_units(user, conference).filter(pk=unit.pk).exists()


def can_view_plan(user, conference: ConferencePage) -> bool:
    return can_plan(user, conference) or editable_units(user, conference).exists()


def visible_conferences(user) -> QuerySet[ConferencePage]:
    """The conferences whose plan ``user`` may open."""
    conferences = ConferencePage.objects.select_related("unit")
    if is_sector_wide(user):
        return conferences
    if not has_role(user, roles.UNIT_OFFICER):
        return conferences.none()
    mine = units_for(user)
    return conferences.filter(
        Q(unit__in=mine.values("pk")) | Q(unit__children__in=mine.values("pk"))
    ).distinct()

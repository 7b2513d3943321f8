"""One answer to "which units may this user act for"."""

from django.db.models import QuerySet

from kb.units.models import Unit

from . import roles


def has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.groups.filter(name=role).exists()


def is_sector_wide(user) -> bool:
    """Superusers, the ministry's emulation office and administrators act for every unit."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=roles.SECTOR_WIDE_ROLES).exists()


def units_for(user) -> QuerySet[Unit]:
    """The units a user may act for: the own unit and its whole subtree.

    Sector-wide roles act for every unit; a user with no unit, an inactive user or an
    anonymous visitor acts for none.
    """
    if is_sector_wide(user):
        return Unit.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.unit_id:
        return Unit.objects.none()
    return user.unit.get_descendants(include_self=True)


def can_act_for(user, unit: Unit) -> bool:
    return units_for(user).filter(pk=unit.pk).exists()

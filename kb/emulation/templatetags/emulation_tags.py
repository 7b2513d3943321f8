"""Points as the scoring screens show them: decimal comma, no trailing zeros ("91,5")."""

from django import template

from kb.emulation.scoring import fmt

register = template.Library()


@register.filter
def points(value) -> str:
    """``None`` shows as "—"."""
    return "—" if value is None or value == "" else fmt(value)


@register.filter
def points_input(value) -> str:
    """The value of a points input: "" for none yet."""
    return "" if value is None else fmt(value)

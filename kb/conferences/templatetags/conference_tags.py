from django import template

from kb.conferences.exports import display

register = template.Library()


@register.filter
def cell(value) -> str:
    """A table cell as Vietnamese text (decimal comma, "∞", "x" for yes)."""
    return display(value)

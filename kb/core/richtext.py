"""Turning imported text into safe rich text, and rich text back into text for export.

Text arriving from files and spreadsheets bypasses the editor's own sanitising, so it is cleaned
here with nh3 (an allow-list HTML sanitiser) down to what Wagtail's rich text can hold.
"""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "b",
    "i",
    "strong",
    "em",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
_LOOKS_LIKE_HTML = re.compile(r"<\s*[a-zA-Z][^>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n")


def clean_html(value: str) -> str:
    """Sanitise HTML to the allowed tags; plain text becomes paragraphs (blank line = break)."""
    value = (value or "").strip()
    if not value:
        return ""
    if not _LOOKS_LIKE_HTML.search(value):
        paragraphs = [p.strip() for p in _BLANK_LINES.split(value) if p.strip()]
        return "".join(
            "<p>{}</p>".format(html.escape(p, quote=False).replace("\n", "<br>"))
            for p in paragraphs
        )
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ).strip()

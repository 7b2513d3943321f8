"""Read a form's fields from an HTML page as a browser would submit them (no dependencies)."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields.append((name, a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._options = name, []
            self._select_multiple = "multiple" in a
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not self._select_multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.fields


def _flatten(prefix: str, value, out: list[tuple[str, str]]) -> None:
    """A block's value as Wagtail's block widgets post it (what their JavaScript builds)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}-{key}", item, out)
    elif isinstance(value, list):
        out.append((f"{prefix}-count", str(len(value))))
        for i, item in enumerate(value):
            inner = item.get("value", item) if isinstance(item, dict) and "id" in item else item
            out += [
                (f"{prefix}-{i}-id", (item.get("id") or "") if isinstance(item, dict) else ""),
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
            ]
            _flatten(f"{prefix}-{i}-value", inner, out)
    else:
        out.append((prefix, "" if value is None else str(value)))


def stream_fields(html: str) -> list[tuple[str, str]]:
    """The StreamFields of an edit page (`<div id="body" data-controller="w-block"
    data-w-block-arguments-value="[children, errors]">`) as form fields."""
    import html as html_module
    import json
    import re

    out: list[tuple[str, str]] = []
    for match in re.finditer(
        r'<div id="([^"]+)" data-block data-controller="w-block"[^>]*?'
        r'data-w-block-arguments-value="([^"]*)"',
        html,
    ):
        prefix, children = match.group(1), json.loads(html_module.unescape(match.group(2)))[0]
        out.append((f"{prefix}-count", str(len(children))))
        for i, child in enumerate(children):
            out += [
                (f"{prefix}-{i}-type", child["type"]),
                (f"{prefix}-{i}-id", child.get("id") or ""),
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
            ]
            _flatten(f"{prefix}-{i}-value", child["value"], out)
    return out

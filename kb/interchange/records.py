"""Checking one interchange record against the format (docs: shared/spec/import-format.md).

Plain Python, no Django: a record is a dict read from one line of a JSON Lines file (or built
from one spreadsheet row); `validate_record` returns its cleaned values, or the problems found,
each naming the line and the field so that the person who prepared the file can fix it.

Cleaned values follow these rules:

* strings are stripped and composed to NFC (text typed on different keyboards compares equal);
* a field that is absent stays absent: on update the stored value is left alone;
* an optional field given as null, "" or [] is present with its empty value
  ("", None, False or []): on update the stored value is cleared;
* lists lose repeated items (with a warning), keeping the first occurrence's position.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

# --- the format ---------------------------------------------------------------------------

#: Record types, in the order they are written on import and on export (references point
#: backwards in this order, so writing in it needs no second pass).
TYPES = ("unit", "exemplar", "initiative", "story", "conference", "report")

UNIT_LEVELS = ("sector", "central", "province", "district", "department", "team")
EXEMPLAR_KINDS = ("individual", "collective")
GENDERS = ("female", "male")
SCOPES = ("unit", "province", "sector")
CONFERENCE_LEVELS = ("base", "province", "sector")
REPORT_KINDS = ("summary", "paper")

YEAR_MIN, YEAR_MAX = 1900, 2100
INT_MAX = 2_147_483_647  # PositiveIntegerField on every database


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text | longtext | int | bool | date | enum | list | titles
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    item_max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None


def _year(name: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, "int", required, minimum=YEAR_MIN, maximum=YEAR_MAX)


def _list(name: str, item_max_length: int = 255) -> FieldSpec:
    return FieldSpec(name, "list", item_max_length=item_max_length)


KEY = FieldSpec("key", "text", True, max_length=100)
FIELDS = _list("fields", 150)
TAGS = _list("tags", 100)

SCHEMAS: dict[str, tuple[FieldSpec, ...]] = {
    "unit": (
        FieldSpec("code", "text", True, max_length=50),
        FieldSpec("name", "text", True, max_length=255),
        FieldSpec("level", "enum", True, choices=UNIT_LEVELS),
        FieldSpec("parent", "text", max_length=50),
        FieldSpec("block", "text", max_length=150),
        FieldSpec("cluster", "text", max_length=150),
        FieldSpec("staff_count", "int", minimum=0, maximum=INT_MAX),
    ),
    "exemplar": (
        KEY,
        FieldSpec("kind", "enum", True, choices=EXEMPLAR_KINDS),
        FieldSpec("name", "text", True, max_length=255),
        FieldSpec("unit", "text", True, max_length=50),
        FieldSpec("summary", "longtext", True),
        FieldSpec("body", "longtext"),
        FIELDS,
        _year("year"),
        FieldSpec("position", "text", max_length=255),
        FieldSpec("gender", "enum", choices=GENDERS),
        FieldSpec("ethnic_minority", "bool"),
        FieldSpec("is_leader", "bool"),
        FieldSpec("titles", "titles"),
        FieldSpec("good_deed", "bool"),
        TAGS,
    ),
    "initiative": (
        KEY,
        FieldSpec("title", "text", True, max_length=255),
        FieldSpec("unit", "text", True, max_length=50),
        FieldSpec("summary", "longtext", True),
        _list("authors", 100),
        FIELDS,
        _year("year"),
        FieldSpec("problem", "longtext"),
        FieldSpec("solution", "longtext"),
        FieldSpec("results", "longtext"),
        FieldSpec("scope", "enum", choices=SCOPES),
        TAGS,
    ),
    "story": (
        KEY,
        FieldSpec("title", "text", True, max_length=255),
        FieldSpec("date", "date", True),
        FieldSpec("body", "longtext", True),
        FieldSpec("summary", "longtext"),
        _list("exemplars", 100),
        _list("initiatives", 100),
        TAGS,
        FieldSpec("author", "text", max_length=255),
    ),
    "conference": (
        KEY,
        FieldSpec("name", "text", True, max_length=255),
        FieldSpec("level", "enum", True, choices=CONFERENCE_LEVELS),
        FieldSpec("unit", "text", True, max_length=50),
        FieldSpec("date", "date", True),
        FieldSpec("capacity", "int", minimum=0, maximum=INT_MAX),
        FieldSpec("summary", "longtext"),
    ),
    "report": (
        KEY,
        FieldSpec("conference", "text", True, max_length=100),
        FieldSpec("title", "text", True, max_length=255),
        FieldSpec("kind", "enum", True, choices=REPORT_KINDS),
        FieldSpec("body", "longtext", True),
        _list("authors", 100),
        FieldSpec("date", "date"),
    ),
}
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    type_: tuple(spec.name for spec in specs) for type_, specs in SCHEMAS.items()
}
TITLE_NAME_MAX = 200

# --- problems -----------------------------------------------------------------------------

_OTHER = "\x00other\x00"  # where a message mentions another record's place


@dataclass(frozen=True)
class Location:
    """Where a record came from: a line of a JSON Lines file, or a spreadsheet row."""

    line: int
    sheet: str | None = None
    row: int | None = None

    def describe(self) -> str:
        if self.sheet is not None:
            return f'trang tính "{self.sheet}", dòng {self.row}'
        return f"dòng {self.line}"


@dataclass(frozen=True)
class Issue:
    """An error or a warning about one record, or about one field of it.

    `field` is always one of the format's field names (or "type"); a spreadsheet reader sets
    `column` to the header the user sees. `other` is the place of another record the message
    refers to (the first use of a duplicated key, for example).
    """

    location: Location | None
    field: str | None
    message: str
    column: str | None = None
    other: Location | None = None

    @property
    def line(self) -> int | None:
        return self.location.line if self.location else None

    def __str__(self) -> str:
        message = self.message
        if self.other is not None:
            message = message.replace(_OTHER, self.other.describe())
        parts = []
        if self.location is not None:
            parts.append(self.location.describe())
        if self.column is not None:
            parts.append(f'cột "{self.column}"')
        elif self.field is not None:
            parts.append(f'trường "{self.field}"')
        return f"{', '.join(parts)}: {message}" if parts else message

    def moved(self, **changes: Any) -> Issue:
        return replace(self, **changes)


def issue(line: int | None, field_name: str | None, message: str, **kwargs: Any) -> Issue:
    return Issue(Location(line) if line is not None else None, field_name, message, **kwargs)


def other_place_message(message: str) -> str:
    """Mark where `Issue.other`'s place goes in a message: "đã dùng ở {other}"."""
    return message.replace("{other}", _OTHER)


def show(value: Any, limit: int = 60) -> str:
    """A value as the user wrote it, JSON-quoted and shortened."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- cleaning -----------------------------------------------------------------------------


@dataclass
class Record:
    """A record that passed the format's checks (references are checked by the importer)."""

    type: str
    line: int
    values: dict[str, Any]

    @property
    def ident(self) -> str:
        """The code (units) or key (everything else) the record is matched by."""
        return self.values["code"] if self.type == "unit" else self.values["key"]


@dataclass
class Checked:
    """`record` when the record is valid; `partial` holds the fields that were, whenever the
    type is known, so that references can be checked (and reported) in the same run."""

    record: Record | None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    partial: Record | None = None


class _Invalid(Exception):
    pass


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMPTY: dict[str, Any] = {
    "text": "",
    "longtext": "",
    "enum": "",
    "int": None,
    "date": None,
    "bool": False,
    "list": [],
    "titles": [],
}


def record_ident(raw: object) -> tuple[str | None, str | None]:
    """(type, code-or-key) of a raw record, as far as they can be read; for the first pass."""
    if not isinstance(raw, dict):
        return None, None
    type_ = raw.get("type")
    if not isinstance(type_, str) or nfc(type_.strip()) not in SCHEMAS:
        return None, None
    type_ = nfc(type_.strip())
    ident = raw.get("code" if type_ == "unit" else "key")
    if not isinstance(ident, str) or not ident.strip():
        return type_, None
    return type_, nfc(ident.strip())


def validate_record(line: int, raw: object) -> Checked:
    """Check one raw record against the format; never raises for bad input."""
    result = Checked(record=None)
    if not isinstance(raw, dict):
        result.errors.append(issue(line, None, "mỗi dòng phải là một đối tượng JSON {…}"))
        return result
    type_ = raw.get("type")
    if type_ is None:
        result.errors.append(issue(line, "type", "thiếu trường bắt buộc"))
        return result
    if not isinstance(type_, str) or nfc(type_.strip()) not in SCHEMAS:
        result.errors.append(
            issue(
                line,
                "type",
                f"loại bản ghi {show(type_)} không hợp lệ (cho phép: {', '.join(TYPES)})",
            )
        )
        return result
    type_ = nfc(type_.strip())
    known = set(FIELD_NAMES[type_]) | {"type"}
    for name in raw:
        if name not in known:
            result.warnings.append(
                issue(line, str(name), "trường không có trong định dạng, đã bỏ qua")
            )

    values: dict[str, Any] = {}
    for spec in SCHEMAS[type_]:
        if spec.name not in raw:
            if spec.required:
                result.errors.append(issue(line, spec.name, "thiếu trường bắt buộc"))
            continue
        try:
            value = _clean(spec, raw[spec.name], line, result.warnings)
        except _Invalid as exc:
            result.errors.append(issue(line, spec.name, str(exc)))
            continue
        if spec.required and _is_empty(value):
            result.errors.append(issue(line, spec.name, "không được để trống"))
            continue
        values[spec.name] = value

    if type_ == "unit" and values.get("parent") and values.get("parent") == values.get("code"):
        result.errors.append(issue(line, "parent", "một đơn vị không thể là cấp trên của chính nó"))
    result.partial = Record(type=type_, line=line, values=values)
    if not result.errors:
        result.record = result.partial
    return result


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _clean(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> Any:
    if value is None:
        return _EMPTY[spec.kind]
    cleaner = _CLEANERS[spec.kind]
    return cleaner(spec, value, line, warnings)


def _text(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"giá trị {show(value)} phải là chuỗi ký tự")
    text = nfc(value.strip())
    if spec.max_length and len(text) > spec.max_length:
        raise _Invalid(f"dài {len(text)} ký tự, quá giới hạn {spec.max_length} ký tự")
    return text


def _longtext(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"giá trị {show(value)} phải là chuỗi ký tự")
    return nfc(value.replace("\r\n", "\n").strip())


def _enum(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> str:
    if isinstance(value, str) and value.strip() == "":
        return ""
    if not isinstance(value, str) or value.strip() not in spec.choices:
        raise _Invalid(f"giá trị {show(value)} không hợp lệ (cho phép: {', '.join(spec.choices)})")
    return value.strip()


def _int(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"giá trị {show(value)} phải là số nguyên")
    if spec.minimum is not None and value < spec.minimum:
        raise _Invalid(_range_message(spec, value))
    if spec.maximum is not None and value > spec.maximum:
        raise _Invalid(_range_message(spec, value))
    return value


def _range_message(spec: FieldSpec, value: int) -> str:
    if spec.maximum is not None and spec.maximum < INT_MAX:
        return f"giá trị {value} phải trong khoảng {spec.minimum}–{spec.maximum}"
    return f"giá trị {value} phải là số không âm"


def _bool(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"giá trị {show(value)} phải là true hoặc false")
    return value


def parse_date(value: Any) -> datetime.date:
    """A real date written YYYY-MM-DD, or ValueError."""
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise ValueError(value)
    return datetime.date.fromisoformat(value.strip())


def _date(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> datetime.date | None:
    if isinstance(value, str) and value.strip() == "":
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise _Invalid(
            f"giá trị {show(value)} không phải một ngày có thật theo định dạng YYYY-MM-DD"
        ) from None


def _list_of_text(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> list[str]:
    if not isinstance(value, list):
        raise _Invalid(f"giá trị {show(value)} phải là một danh sách […]")
    items: list[str] = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise _Invalid(f"phần tử thứ {position} ({show(item)}) phải là chuỗi ký tự khác rỗng")
        text = nfc(item.strip())
        if spec.item_max_length and len(text) > spec.item_max_length:
            raise _Invalid(
                f"phần tử thứ {position} dài {len(text)} ký tự, "
                f"quá giới hạn {spec.item_max_length} ký tự"
            )
        if text in items:
            warnings.append(issue(line, spec.name, f"giá trị {show(text)} lặp lại, đã bỏ qua"))
            continue
        items.append(text)
    return items


def _titles(spec: FieldSpec, value: Any, line: int, warnings: list[Issue]) -> list[dict]:
    if not isinstance(value, list):
        raise _Invalid(f'giá trị {show(value)} phải là danh sách dạng [{{"title": …, "year": …}}]')
    titles: list[dict] = []
    seen: set[tuple[str, int]] = set()
    for position, item in enumerate(value, start=1):
        where = f"danh hiệu thứ {position}"
        if not isinstance(item, dict):
            raise _Invalid(f'{where} phải có dạng {{"title": TÊN, "year": NĂM}}')
        for extra in item:
            if extra not in ("title", "year"):
                warnings.append(
                    issue(line, spec.name, f"{where}: trường {show(extra)} không dùng, đã bỏ qua")
                )
        name = item.get("title")
        if not isinstance(name, str) or not name.strip():
            raise _Invalid(f'{where}: thiếu tên danh hiệu ("title")')
        name = nfc(name.strip())
        if len(name) > TITLE_NAME_MAX:
            raise _Invalid(f"{where}: tên dài quá {TITLE_NAME_MAX} ký tự")
        year = item.get("year")
        if year is None:
            raise _Invalid(f'{where} ({show(name)}): thiếu năm ("year")')
        if isinstance(year, bool) or not isinstance(year, int):
            raise _Invalid(f"{where} ({show(name)}): năm {show(year)} phải là số nguyên")
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise _Invalid(
                f"{where} ({show(name)}): năm {year} phải trong khoảng {YEAR_MIN}–{YEAR_MAX}"
            )
        if (name, year) in seen:
            warnings.append(
                issue(line, spec.name, f"{where} ({show(name)}, {year}) lặp lại, đã bỏ qua")
            )
            continue
        seen.add((name, year))
        titles.append({"title": name, "year": year})
    return titles


_CLEANERS = {
    "text": _text,
    "longtext": _longtext,
    "enum": _enum,
    "int": _int,
    "bool": _bool,
    "date": _date,
    "list": _list_of_text,
    "titles": _titles,
}

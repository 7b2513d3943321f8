"""Units and exemplars from an Excel workbook, the way units keep them.

A workbook has a sheet of units ("Đơn vị" or "units") and/or a sheet of exemplars
("Điển hình" or "exemplars"); sheet names and headers are matched without regard to case or
diacritics. The header row (one of the first ten rows) uses either the format's field names or
the Vietnamese headers of `write_template`. Cells may use Vietnamese values ("Cá nhân",
"Nữ", "Có"/"x", "Tỉnh"…). Each row becomes an interchange record and goes through the same
importer as a JSON Lines file, so the rules (all or nothing, matching by code/key, idempotence)
are the same; errors name the sheet, the row and the column header the user sees.

A column missing from the sheet leaves the stored value alone; an empty cell in a column that
is there clears an optional value (a spreadsheet row is the whole record). Unit columns hold
unit codes ("Đơn vị cấp trên", the exemplar's "Đơn vị").
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from kb.core.vietnamese import fold
from kb.units.models import UnitLevel

from .importer import ImportFailed, ImportResult, Progress, import_prepared
from .records import Issue, Location

UNITS_SHEET, EXEMPLARS_SHEET = "Đơn vị", "Điển hình"

# (field, template header, other accepted headers)
UNIT_COLUMNS = [
    ("code", "Mã đơn vị", ["Mã"]),
    ("name", "Tên đơn vị", ["Tên"]),
    ("level", "Cấp", ["Cấp đơn vị"]),
    ("parent", "Đơn vị cấp trên", ["Mã đơn vị cấp trên", "Cấp trên"]),
    ("block", "Khối thi đua", ["Khối"]),
    ("cluster", "Cụm thi đua", ["Cụm"]),
    ("staff_count", "Số CBCCVC", ["Số CBCCVC, NLĐ", "Số cán bộ", "Biên chế"]),
]
EXEMPLAR_COLUMNS = [
    ("key", "Mã", ["Mã điển hình"]),
    ("kind", "Loại", ["Cá nhân / Tập thể"]),
    ("name", "Họ tên / Tên tập thể", ["Họ tên", "Tên tập thể", "Tên"]),
    ("unit", "Đơn vị", ["Mã đơn vị"]),
    ("summary", "Tóm tắt", ["Thành tích tóm tắt"]),
    ("body", "Nội dung", ["Thành tích"]),
    ("fields", "Lĩnh vực", ["Lĩnh vực công tác"]),
    ("year", "Năm", ["Năm công nhận"]),
    ("position", "Chức vụ", ["Chức vụ, vị trí công tác"]),
    ("gender", "Giới tính", []),
    ("ethnic_minority", "Dân tộc thiểu số", ["Người dân tộc thiểu số"]),
    ("is_leader", "Lãnh đạo", ["Lãnh đạo, quản lý"]),
    ("good_deed", "Người tốt - Việc tốt", ["Người tốt việc tốt"]),
    ("titles", "Danh hiệu", ["Danh hiệu đạt được"]),
    ("tags", "Thẻ", []),
]
REQUIRED = {
    "unit": ["code", "name", "level"],
    "exemplar": ["key", "kind", "name", "unit", "summary"],
}


def _norm(text: Any) -> str:
    """Headers, sheet names and enum words compared without case, marks or punctuation."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text))).split())


@dataclass(frozen=True)
class SheetKind:
    type: str
    names: tuple[str, ...]
    columns: list


SHEETS = [
    SheetKind("unit", (UNITS_SHEET, "units"), UNIT_COLUMNS),
    SheetKind("exemplar", (EXEMPLARS_SHEET, "exemplars"), EXEMPLAR_COLUMNS),
]

_LEVELS = {
    "sector": ["ngành", "toàn ngành", "BHXH Việt Nam", "Bảo hiểm xã hội Việt Nam"],
    "central": ["trung ương", "cơ quan BHXH Việt Nam", "đơn vị trực thuộc", "vụ", "ban"],
    "province": ["tỉnh", "thành phố", "tỉnh, thành phố", "BHXH tỉnh", "khu vực", "BHXH khu vực"],
    "district": ["huyện", "quận", "quận, huyện", "quận, huyện, thị xã", "thị xã", "BHXH huyện"],
    "department": ["phòng", "phòng nghiệp vụ"],
    "team": ["tổ", "tổ nghiệp vụ"],
}
ENUM_WORDS: dict[str, dict[str, str]] = {
    "level": {
        **{_norm(word): value for value, words in _LEVELS.items() for word in words},
        **{_norm(label): value for value, label in UnitLevel.choices},
    },
    "kind": {_norm("Cá nhân"): "individual", _norm("Tập thể"): "collective"},
    "gender": {_norm("Nữ"): "female", _norm("Nam"): "male"},
}
TRUE_WORDS = {_norm(w) or w for w in ("có", "x", "v", "yes", "true", "đúng", "1", "✓")}
FALSE_WORDS = {_norm(w) or w for w in ("không", "no", "false", "sai", "0", "-")}
BOOL_FIELDS = {"ethnic_minority", "is_leader", "good_deed"}
INT_FIELDS = {"staff_count", "year"}
LIST_FIELDS = {"fields", "tags"}
_TITLE_WITH_YEAR = re.compile(r"^(?P<title>.*?)\s*(?:\((?P<y1>[^()]*)\)|[-–:]\s*(?P<y2>\d{4}))\s*$")
_SPLIT = re.compile(r"[;\n]")


# --- reading ------------------------------------------------------------------------------


@dataclass
class SheetRecords:
    """What was read: records for the importer, where each came from, and reading problems."""

    records: list[tuple[int, dict]] = field(default_factory=list)
    origins: dict[int, tuple[str, int, dict[str, str]]] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def locate(self, problem: Issue) -> Issue:
        """The importer's "line N, field F" turned into "sheet S, row R, column C"."""
        if problem.location is None or problem.location.sheet is not None:
            return problem
        origin = self.origins.get(problem.location.line)
        if origin is None:
            return problem
        sheet, row, headers = origin
        changes: dict[str, Any] = {"location": Location(problem.location.line, sheet, row)}
        if problem.field in headers:
            changes["column"] = headers[problem.field]
        if problem.other is not None and problem.other.line in self.origins:
            other_sheet, other_row, _ = self.origins[problem.other.line]
            changes["other"] = Location(problem.other.line, other_sheet, other_row)
        return problem.moved(**changes)


def read_xlsx(source: str | os.PathLike | IO[bytes]) -> SheetRecords:
    """Read the units and exemplars sheets into interchange records (nothing is written)."""
    book = SheetRecords()
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        book.errors.append(Issue(None, None, f"không đọc được tệp Excel (.xlsx): {exc}"))
        return book
    try:
        found = False
        for kind in SHEETS:
            wanted = {_norm(name) for name in kind.names}
            for sheet in workbook.worksheets:
                if _norm(sheet.title) in wanted:
                    found = True
                    _read_sheet(book, sheet, kind)
                    break
        if not found:
            book.errors.append(
                Issue(
                    None,
                    None,
                    f'không có trang tính "{UNITS_SHEET}" (units) hay '
                    f'"{EXEMPLARS_SHEET}" (exemplars) trong tệp',
                )
            )
    finally:
        workbook.close()
    return book


def _header_map(kind: SheetKind) -> dict[str, str]:
    accepted = {}
    for name, header, others in kind.columns:
        for text in (name, header, *others):
            accepted.setdefault(_norm(text), name)
    return accepted


def _read_sheet(book: SheetRecords, sheet, kind: SheetKind) -> None:
    accepted = _header_map(kind)
    rows = sheet.iter_rows(values_only=True)
    header_row, columns = None, {}
    for number, row in enumerate(rows, start=1):
        matches = {i: accepted[_norm(v)] for i, v in enumerate(row) if v and _norm(v) in accepted}
        if len(matches) >= 2:
            header_row, header_cells = number, row
            break
        if number >= 10:
            break
    if header_row is None:
        book.errors.append(
            Issue(
                Location(0, sheet.title, 1),
                None,
                "không tìm thấy dòng tiêu đề (cần các cột như "
                + ", ".join(f'"{header}"' for _, header, _ in kind.columns[:3])
                + ")",
            )
        )
        return
    headers: dict[str, str] = {}  # field -> header as written
    for index, value in enumerate(header_cells):
        if value is None or str(value).strip() == "":
            continue
        name = accepted.get(_norm(value))
        where = Location(0, sheet.title, header_row)
        if name is None:
            book.warnings.append(
                Issue(where, None, "cột không có trong định dạng, đã bỏ qua", column=str(value))
            )
        elif name in headers:
            book.warnings.append(
                Issue(where, None, f'trùng với cột "{headers[name]}", đã bỏ qua', column=str(value))
            )
        else:
            columns[index] = name
            headers[name] = str(value).strip()
    template_headers = {name: header for name, header, _ in kind.columns}
    missing = [name for name in REQUIRED[kind.type] if name not in headers]
    for name in missing:
        book.errors.append(
            Issue(
                Location(0, sheet.title, header_row),
                None,
                f'thiếu cột bắt buộc "{template_headers[name]}" ({name})',
            )
        )
    if missing:
        return  # every row would repeat the same error
    for number, row in enumerate(rows, start=header_row + 1):
        cells = {columns[i]: v for i, v in enumerate(row) if i in columns}
        if all(_blank(v) for v in cells.values()):
            continue
        record: dict[str, Any] = {"type": kind.type}
        for name, value in cells.items():
            record[name] = _convert(name, value)
        line = len(book.origins) + 1
        book.origins[line] = (sheet.title, number, headers)
        book.records.append((line, record))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _convert(name: str, value: Any) -> Any:
    """A cell as the format wants it; what cannot be understood is passed on for the checks
    to report with the row and column."""
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if (
        name not in INT_FIELDS | BOOL_FIELDS
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        value = str(value)  # a code, a block name or a name typed as a number
        if name not in LIST_FIELDS and name != "titles":
            return value
    if name in ENUM_WORDS and isinstance(value, str):
        if value.strip() in ENUM_WORDS[name].values():
            return value.strip()
        return ENUM_WORDS[name].get(_norm(value), value)
    if name in BOOL_FIELDS:
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return {1: True, 0: False}.get(value, value)
        word = _norm(value) or str(value).strip()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        return value
    if name in INT_FIELDS and isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if name in LIST_FIELDS:
        return [part.strip() for part in _SPLIT.split(str(value)) if part.strip()]
    if name == "titles":
        return [_title(part.strip()) for part in _SPLIT.split(str(value)) if part.strip()]
    return value


def _title(text: str) -> dict:
    """ "Chiến sĩ thi đua cơ sở (2024)" -> {"title": …, "year": 2024}."""
    match = _TITLE_WITH_YEAR.match(text)
    if not match:
        return {"title": text}
    year = (match.group("y1") or match.group("y2") or "").strip()
    return {"title": match.group("title"), "year": int(year) if year.isdigit() else year}


# --- importing ----------------------------------------------------------------------------


def import_xlsx(
    source: str | os.PathLike | IO[bytes], *, progress: Progress | None = None
) -> ImportResult:
    """Import the workbook's units and exemplars; all or nothing, like `import_jsonl`."""
    book = read_xlsx(source)
    try:
        result = import_prepared(
            book.records, errors=book.errors, warnings=book.warnings, progress=progress
        )
    except ImportFailed as failed:
        raise ImportFailed(
            [book.locate(e) for e in failed.errors], [book.locate(w) for w in failed.warnings]
        ) from None
    result.warnings = [book.locate(w) for w in result.warnings]
    return result


# --- template -----------------------------------------------------------------------------

_CHOICES = {
    "level": ["Ngành", "Trung ương", "Tỉnh", "Huyện", "Phòng", "Tổ"],
    "kind": ["Cá nhân", "Tập thể"],
    "gender": ["Nữ", "Nam"],
    **{name: ["Có", "Không"] for name in BOOL_FIELDS},
}
_NOTES = {
    "code": "Mã duy nhất của đơn vị; dùng để đối chiếu khi nhập lại.",
    "level": "Ngành, Trung ương, Tỉnh, Huyện, Phòng hoặc Tổ.",
    "parent": "Mã đơn vị cấp trên (có thể là đơn vị ở dòng sau).",
    "block": "Tên khối thi đua năm nay, ví dụ: Khối 1.",
    "cluster": "Tên cụm thi đua năm nay, ví dụ: Cụm 3.",
    "key": "Mã duy nhất của điển hình; dùng để đối chiếu khi nhập lại.",
    "kind": "Cá nhân hoặc Tập thể.",
    "unit": "Mã đơn vị của điển hình.",
    "fields": "Nhiều lĩnh vực cách nhau bằng dấu chấm phẩy (;).",
    "titles": "Tên danh hiệu (năm); …  Ví dụ: Chiến sĩ thi đua cơ sở (2024); "
    "Lao động tiên tiến (2023)",
    "ethnic_minority": "Có / Không (hoặc x).",
    "is_leader": "Có / Không (hoặc x).",
    "good_deed": "Có / Không (hoặc x).",
    "tags": "Nhiều thẻ cách nhau bằng dấu chấm phẩy (;).",
}


def write_template(path: str | os.PathLike | IO[bytes]) -> None:
    """An empty workbook with the units and exemplars sheets, their headers and a guide."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    guide_rows = []
    for title, columns in ((UNITS_SHEET, UNIT_COLUMNS), (EXEMPLARS_SHEET, EXEMPLAR_COLUMNS)):
        sheet = workbook.create_sheet(title)
        required = REQUIRED["unit" if title == UNITS_SHEET else "exemplar"]
        for index, (name, header, _others) in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=header)
            cell.font = Font(bold=True)
            letter = cell.column_letter
            sheet.column_dimensions[letter].width = max(14, len(header) + 4)
            if name in _CHOICES:
                validation = DataValidation(
                    type="list", formula1='"' + ",".join(_CHOICES[name]) + '"', allow_blank=True
                )
                validation.add(f"{letter}2:{letter}5000")
                sheet.add_data_validation(validation)
            guide_rows.append(
                (title, header, name, "bắt buộc" if name in required else "", _NOTES.get(name, ""))
            )
        sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Trang tính", "Cột", "Trường", "Bắt buộc", "Ghi chú"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for row in guide_rows:
        guide.append(list(row))
    for letter, width in zip("ABCDE", (14, 24, 18, 10, 70), strict=True):
        guide.column_dimensions[letter].width = width
    workbook.save(path)

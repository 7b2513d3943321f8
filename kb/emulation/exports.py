"""Score sheets as .xlsx, both ways, and the ranking as .xlsx.

The sheet a unit fills offline has the unit's code and the group's year at the top (so that a
file cannot be loaded into another unit's or year's sheet), then one row per criterion: code,
section, text, kind, maximum, the unit's points and its note. Only the points and the notes
are read back. :func:`read_sheet` checks the whole file against the pact first and lists
every problem with its row and criterion; nothing is saved unless the file is right, and then
it is saved in one transaction by :func:`kb.emulation.services.save_self_score`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from . import scoring
from .models import ScoreSheet
from .services import EmulationError, SelfScore, Standing, sheet_lines

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Tự chấm điểm"
HEADERS = [
    "Mã tiêu chí",
    "Phần",
    "Nội dung tiêu chí",
    "Loại",
    "Điểm tối đa",
    "Điểm tự chấm",
    "Giải trình",
]
FIRST_ROW = 6  # rows 1-4 identify the sheet, row 5 holds the headers
MAX_BYTES = 5 * 1024 * 1024


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def score_sheet_workbook(sheet: ScoreSheet) -> bytes:
    pact = sheet.pact
    group = pact.group
    book = Workbook()
    ws = book.active
    ws.title = SHEET_TITLE
    ws["A1"] = f"Bảng tự chấm điểm thi đua năm {group.year} – {group.name}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"], ws["B2"], ws["C2"] = "Mã đơn vị", sheet.unit.code, sheet.unit.name
    ws["A3"], ws["B3"] = "Năm", group.year
    ws["A4"] = (
        f"Chỉ điền cột “Điểm tự chấm” và “Giải trình”; hạn tự chấm "
        f"{pact.self_score_deadline:%d/%m/%Y}. Không đổi mã đơn vị, năm và mã tiêu chí."
    )
    ws["A4"].font = Font(italic=True)
    for col, header in enumerate(HEADERS, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    kinds = dict(_kind_labels())
    for row, line in enumerate(sheet_lines(sheet), start=FIRST_ROW):
        c = line.criterion
        values = [
            c.code, c.section.code, c.text, kinds[c.kind], _number(c.max_points),
            _number(line.self_points), line.self_note,
        ]  # fmt: skip
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        ws.cell(row=row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFG", (12, 8, 60, 14, 12, 14, 40), strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _kind_labels():
    from .models import CriterionKind

    return [(value, str(label)) for value, label in CriterionKind.choices]


@dataclass
class ParsedSheet:
    scores: dict[int, SelfScore]


def read_sheet(sheet: ScoreSheet, data: bytes) -> ParsedSheet:
    """The unit's figures in ``data`` (an .xlsx file) by criterion id, or
    :class:`EmulationError` listing every row that does not match the pact."""
    if len(data) > MAX_BYTES:
        raise EmulationError("Tệp lớn hơn 5 MB; đây không phải bảng tự chấm điểm.")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        raise EmulationError("Không đọc được tệp: hãy dùng tệp .xlsx tải từ trang này.") from None
    if SHEET_TITLE not in book.sheetnames:
        raise EmulationError(f"Tệp không có trang tính “{SHEET_TITLE}”.")
    rows = list(book[SHEET_TITLE].iter_rows(values_only=True))
    book.close()

    def cell(r: int, c: int):
        row = rows[r - 1] if len(rows) >= r else ()
        return row[c - 1] if len(row) >= c else None

    group = sheet.pact.group
    errors: list[str] = []
    code = str(cell(2, 2) or "").strip()
    if code != sheet.unit.code:
        errors.append(
            f"Dòng 2: mã đơn vị là “{code}”, nhưng đây là bảng điểm của {sheet.unit.name} "
            f"(mã {sheet.unit.code})."
        )
    year = cell(3, 2)
    if str(year).strip() != str(group.year):
        errors.append(f"Dòng 3: năm là “{year or ''}”, nhưng giao ước là của năm {group.year}.")
    header = [str(v or "").strip() for v in (rows[FIRST_ROW - 2] if len(rows) >= 5 else ())]
    if header[: len(HEADERS)] != HEADERS:
        errors.append("Dòng 5: tiêu đề cột không đúng mẫu (cần: " + ", ".join(HEADERS) + ").")
        raise EmulationError(*errors)

    by_code = {line.criterion.code: line for line in sheet_lines(sheet)}
    seen: dict[str, int] = {}
    scores: dict[int, SelfScore] = {}
    for number, row in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        values = list(row) + [None] * (len(HEADERS) - len(row))
        if all(v is None or str(v).strip() == "" for v in values[: len(HEADERS)]):
            continue
        raw_code = str(values[0] or "").strip()
        line = by_code.get(raw_code)
        if line is None:
            errors.append(
                f"Dòng {number}: tiêu chí “{raw_code}” không có trong giao ước năm {group.year}."
            )
            continue
        if raw_code in seen:
            errors.append(f"Dòng {number}: tiêu chí {raw_code} đã có ở dòng {seen[raw_code]}.")
            continue
        seen[raw_code] = number
        points = values[5]
        if isinstance(points, str) and not points.strip():
            points = None
        if points is not None:
            try:
                scoring.check_points(
                    scoring.Criterion(raw_code, "", line.criterion.kind, line.criterion.max_points),
                    points,
                )
            except scoring.ScoringError as exc:
                errors.append(f"Dòng {number}: {exc}")
                continue
        scores[line.criterion_id] = SelfScore(points=points, note=str(values[6] or "").strip())
    missing = [c for c in by_code if c not in seen]
    if missing:
        errors.append("Thiếu dòng của các tiêu chí: " + ", ".join(missing) + ".")
    if errors:
        raise EmulationError(*errors)
    return ParsedSheet(scores=scores)


def ranking_workbook(group, standings: list[Standing], rule: tuple[str, ...]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Xếp hạng"
    ws["A1"] = f"Kết quả xếp hạng thi đua năm {group.year} – {group.name}"
    ws["A1"].font = Font(bold=True, size=13)
    headers = ["Hạng", "Đơn vị", "Điểm tiêu chí", "Điểm thưởng", "Điểm trừ", "Tổng điểm",
               "Điểm phần trọng tâm", "Ghi chú"]  # fmt: skip
    for col, header in enumerate(headers, start=1):
        ws.cell(row=3, column=col, value=header).font = Font(bold=True)
    for row, s in enumerate(standings, start=4):
        t = s.ranked.entry.total
        note = "Đồng hạng" if s.ranked.tied else ""
        for col, value in enumerate(
            [s.ranked.rank, s.sheet.unit.name, _number(t.base), _number(t.bonus),
             _number(t.deduction), _number(t.total), _number(t.core), note],
            start=1,
        ):  # fmt: skip
            ws.cell(row=row, column=col, value=value)
    row = len(standings) + 5
    ws.cell(row=row, column=1, value="Quy tắc xếp hạng").font = Font(bold=True)
    for n, step in enumerate(rule, start=1):
        ws.cell(row=row + n, column=1, value=f"{n}. {step}")
    ws.column_dimensions["B"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

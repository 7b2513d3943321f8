"""The allocation table (with its working) and the delegate lists, as Excel and PDF files.

Excel through openpyxl; PDF through fpdf2 with a Unicode TrueType font for Vietnamese:
``settings.KB_PDF_FONT``, by default DejaVu Sans from Debian's ``fonts-dejavu-core``
(/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf). Without the font a PDF cannot show
Vietnamese, so :class:`ExportError` says so instead of producing a wrong file.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from .models import AllocationMethod, ConferencePage, Delegate, DelegateCategory, SeatAllocation
from .services import working_lines

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"


class ExportError(Exception):
    """The file cannot be produced; the message (Vietnamese) says why."""


# --- the tables, shared by the screen, Excel and PDF --------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: list[list]
    """Cells as numbers (int, float) or text; ``display`` turns them into Vietnamese text."""


def display(value) -> str:
    """A cell as text: decimal comma, "∞" for an infinite priority, "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        if value == float("inf"):
            return "∞"
        return f"{value:.4f}".replace(".", ",")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


def _number(text: str):
    """A number of the stored working ("10.4615", "inf", "") for a cell."""
    if text in ("", None):
        return None
    if text == "inf":
        return float("inf")
    try:
        return int(text)
    except ValueError:
        return float(text)


def plain_weight(value: Decimal):
    """A stored weight (two decimals) as it was meant: 60, not 60.00."""
    return int(value) if value == value.to_integral_value() else value


def allocation_table(allocation: SeatAllocation) -> Table:
    rows_by_code = {row["unit"]: row for row in (allocation.working or {}).get("rows", [])}
    lines = list(allocation.lines.all())
    if allocation.method == AllocationMethod.HAMILTON:
        headers = [
            "STT",
            "Đơn vị",
            "Trọng số",
            "Hạn ngạch",
            "Phần nguyên",
            "Phần dư",
            "Thứ hạng phần dư",
            "Ghế từ phần dư",
            "Tối thiểu",
            "Số ghế",
        ]
    else:
        headers = [
            "STT",
            "Đơn vị",
            "Trọng số",
            "Hạn ngạch chuẩn",
            "Tối thiểu",
            "Số ghế",
            "Giá trị ưu tiên kế tiếp",
        ]
    rows = []
    for n, line in enumerate(lines, start=1):
        w = rows_by_code.get(line.unit.code, {})
        if allocation.method == AllocationMethod.HAMILTON:
            rows.append(
                [
                    n,
                    line.unit.name,
                    plain_weight(line.weight),
                    _number(w.get("quota", "")),
                    _number(w.get("floor", "")),
                    _number(w.get("remainder", "")),
                    _number(w.get("remainder_rank", "")),
                    1 if w.get("remainder_seat") else 0,
                    allocation.minimum,
                    line.seats,
                ]
            )
        else:
            rows.append(
                [
                    n,
                    line.unit.name,
                    plain_weight(line.weight),
                    _number(w.get("standard_quota", w.get("quota", ""))),
                    allocation.minimum,
                    line.seats,
                    _number(w.get("next_priority", "")),
                ]
            )
    total = sum(line.seats for line in lines)
    total_weight = sum((line.weight for line in lines), Decimal(0))
    footer = ["", "Tổng cộng", plain_weight(total_weight)] + [""] * (len(headers) - 3)
    footer[headers.index("Số ghế")] = total
    rows.append(footer)
    return Table(headers, rows)


def rounds_table(allocation: SeatAllocation) -> Table:
    rounds = (allocation.working or {}).get("rounds", [])
    return Table(
        ["Ghế thứ", "Đơn vị", "Số ghế đã có (n)", "Giá trị ưu tiên"],
        [
            [
                _number(r["seat"]),
                r.get("name", r["unit"]),
                _number(r["held"]),
                _number(r["priority"]),
            ]
            for r in rounds
        ],  # fmt: skip
    )


CATEGORY_ORDER = {
    DelegateCategory.INVITED: 0,
    DelegateCategory.ELECTED: 1,
    DelegateCategory.GUEST: 2,
}


def ordered_delegates(delegates, allocation: SeatAllocation | None = None) -> list[Delegate]:
    """Invited first, then the elected unit by unit (in the allocation's order), then guests."""
    positions = {}
    if allocation is not None:
        positions = {line.unit_id: line.position for line in allocation.lines.all()}
    return sorted(
        delegates,
        key=lambda d: (
            CATEGORY_ORDER.get(d.category, 9),
            positions.get(d.unit_id, 10**6),
            d.unit.name if d.unit_id else "",
            d.pk,
        ),
    )


def delegates_table(delegates: list[Delegate]) -> Table:
    headers = [
        "STT",
        "Loại",
        "Đơn vị",
        "Họ và tên",
        "Chức vụ",
        "Giới tính",
        "Dân tộc thiểu số",
        "Trực tiếp thực thi",
        "Người tốt – Việc tốt",
        "Lĩnh vực",
        "Điển hình",
        "Ghi chú",
    ]
    rows = []
    for n, d in enumerate(delegates, start=1):
        rows.append(
            [
                n,
                d.get_category_display(),
                d.unit.name if d.unit_id else "",
                d.full_name,
                d.position,
                d.get_gender_display() if d.gender else "",
                d.ethnic_minority,
                d.direct_worker,
                d.good_deed,
                d.field_of_work.name if d.field_of_work_id else "",
                d.exemplar.title if d.exemplar_id else "",
                d.note,
            ]
        )
    return Table(headers, rows)


def _when(allocation: SeatAllocation) -> str:
    return timezone.localtime(allocation.created_at).strftime("%d/%m/%Y %H:%M")


def _who(allocation: SeatAllocation) -> str:
    user = allocation.created_by
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def allocation_heading(allocation: SeatAllocation) -> list[str]:
    conference = allocation.conference
    return [
        f"Bảng phân bổ đại biểu bầu – {conference.title}",
        f"Đơn vị tổ chức: {conference.unit.name}; ngày tổ chức: {conference.date:%d/%m/%Y}",
        f"Người phân bổ: {_who(allocation)}; thời điểm: {_when(allocation)}"
        + ("" if allocation.is_current else " (không còn áp dụng)"),
    ]


def delegates_heading(conference: ConferencePage, unit=None) -> list[str]:
    title = f"Danh sách đại biểu – {conference.title}"
    if unit is not None:
        title = f"Danh sách đại biểu bầu của {unit.name} – {conference.title}"
    return [
        title,
        f"Đơn vị tổ chức: {conference.unit.name}; ngày tổ chức: {conference.date:%d/%m/%Y}",
    ]


# --- Excel --------------------------------------------------------------------------------


def _sheet(workbook, title: str, heading: list[str], table: Table, first: bool = False):
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    for line in heading:
        sheet.append([line])
    header_row = 1
    if heading:
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        header_row = len(heading) + 2
    sheet.append(table.headers)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append(
            [
                ("x" if v else "")
                if isinstance(v, bool)
                else (float(v) if isinstance(v, Decimal) else v)
                for v in row
            ]
        )
    for index, header in enumerate(table.headers, start=1):
        values = [str(r[index - 1]) for r in table.rows if r[index - 1] is not None]
        width = max([len(header)] + [len(v) for v in values]) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6), 45)
        for (cell,) in sheet.iter_rows(
            min_row=header_row + 1, min_col=index, max_col=index, max_row=sheet.max_row
        ):
            if isinstance(cell.value, float):
                cell.number_format = "0.0000"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return sheet


def _save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def allocation_workbook(allocation: SeatAllocation) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    heading = allocation_heading(allocation) + working_lines(allocation)
    _sheet(workbook, "Phân bổ", heading, allocation_table(allocation), first=True)
    if allocation.method != AllocationMethod.HAMILTON:
        _sheet(workbook, "Các vòng", [], rounds_table(allocation))
    return _save(workbook)


def composition_table(plans, total=None) -> Table:
    headers = [
        "Đơn vị",
        "Số ghế",
        "Đã nhập",
        "Nữ",
        "Dân tộc thiểu số",
        "Trực tiếp thực thi",
        "Người tốt – Việc tốt",
        "Cảnh báo",
    ]
    rows = []
    for plan in plans:
        c = plan.composition
        rows.append(
            [plan.unit.name, plan.seats, c.total]
            + [f.count for f in c.figures]
            + ["; ".join(c.warnings)]
        )
    if total is not None:
        rows.append(
            ["Toàn hội nghị", total.seats, total.total]
            + [f.count for f in total.figures]
            + ["; ".join(total.warnings)]
        )
    return Table(headers, rows)


def delegates_workbook(
    conference: ConferencePage, delegates: list[Delegate], *, unit=None, plans=None, total=None
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    _sheet(
        workbook,
        "Danh sách",
        delegates_heading(conference, unit),
        delegates_table(delegates),
        first=True,
    )
    if plans is not None:
        _sheet(workbook, "Cơ cấu", [], composition_table(plans, total))
    return _save(workbook)


# --- PDF ----------------------------------------------------------------------------------


def font_path() -> str:
    return getattr(settings, "KB_PDF_FONT", "") or DEFAULT_FONT


def _pdf(title: str, *, compress: bool):
    from fpdf import FPDF

    path = font_path()
    if not os.path.isfile(path):
        raise ExportError(
            f"Không tạo được tệp PDF: không tìm thấy phông chữ Unicode {path} để hiển thị tiếng "
            "Việt. Hãy cài gói fonts-dejavu-core (apt-get install fonts-dejavu-core) hoặc đặt "
            "KB_PDF_FONT trỏ tới một phông TrueType."
        )
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_title(title)
    pdf.set_creator("Điển hình tiên tiến – BHXH Việt Nam")
    pdf.add_font("kb", "", path)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(12, 12, 12)
    pdf.add_page()
    return pdf


def _pdf_lines(pdf, lines: list[str], size: float = 9) -> None:
    for n, line in enumerate(lines):
        pdf.set_font("kb", size=13 if n == 0 else size)
        pdf.multi_cell(0, 6 if n == 0 else 4.6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _pdf_table(pdf, table: Table, widths: tuple[float, ...], size: float = 8) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font("kb", size=size)
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(fill_color=(225, 230, 240)),
        line_height=4.2,
        text_align="LEFT",
        first_row_as_headings=True,
        repeat_headings=1,
    ) as pdf_table:
        header = pdf_table.row()
        for text in table.headers:
            header.cell(text)
        for values in table.rows:
            row = pdf_table.row()
            for value in values:
                row.cell(display(value))
    pdf.ln(3)


def _output(pdf) -> bytes:
    return bytes(pdf.output())


def allocation_pdf(allocation: SeatAllocation, *, compress: bool = True) -> bytes:
    heading = allocation_heading(allocation)
    pdf = _pdf(heading[0], compress=compress)
    _pdf_lines(pdf, heading + working_lines(allocation))
    table = allocation_table(allocation)
    if allocation.method == AllocationMethod.HAMILTON:
        widths = (10, 80, 22, 22, 20, 20, 22, 20, 18, 19)
    else:
        widths = (10, 95, 25, 30, 22, 25, 46)
    _pdf_table(pdf, table, widths)
    if allocation.method != AllocationMethod.HAMILTON:
        pdf.set_font("kb", size=10)
        pdf.cell(0, 6, "Các vòng trao ghế (sau phần tối thiểu)", new_x="LMARGIN", new_y="NEXT")
        _pdf_table(pdf, rounds_table(allocation), (25, 120, 45, 50))
    return _output(pdf)


def delegates_pdf(
    conference: ConferencePage,
    delegates: list[Delegate],
    *,
    unit=None,
    plans=None,
    total=None,
    compress: bool = True,
) -> bytes:
    heading = delegates_heading(conference, unit)
    pdf = _pdf(heading[0], compress=compress)
    _pdf_lines(pdf, heading)
    table = delegates_table(delegates)
    # The PDF leaves out the exemplar and the note, to keep the page readable.
    keep = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    narrow = Table([table.headers[i] for i in keep], [[r[i] for i in keep] for r in table.rows])
    _pdf_table(pdf, narrow, (10, 30, 45, 45, 40, 16, 20, 20, 22, 25))
    if plans is not None:
        pdf.set_font("kb", size=10)
        pdf.cell(0, 6, "Cơ cấu đại biểu bầu", new_x="LMARGIN", new_y="NEXT")
        _pdf_table(pdf, composition_table(plans, total), (55, 16, 18, 14, 24, 24, 26, 96))
    return _output(pdf)

"""Dossier lists to Excel in the columns of a ministry list, and a dossier to PDF."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.html import strip_tags

from kb.conferences.exports import ExportError, font_path  # one font setting for all PDFs

from .models import Nomination

__all__ = ["ExportError", "dossier_pdf", "list_workbook"]

# The columns of the lists the emulation office sends with a proposal (danh sách đề nghị).
LIST_COLUMNS = [
    "STT",
    "Họ tên cá nhân / tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Hình thức, danh hiệu đề nghị",
    "Năm",
    "Đơn vị đề nghị",
    "Cấp đang xét",
    "Trạng thái",
    "Hạn xử lý",
    "Số quyết định",
    "Ngày quyết định",
]


def list_rows(nominations, clocks: dict[int, object]) -> list[list]:
    rows = []
    for n, nomination in enumerate(nominations, start=1):
        clock = clocks.get(nomination.pk)
        rows.append(
            [
                n,
                nomination.nominee_name,
                nomination.position,
                nomination.nominee_unit.name,
                nomination.title.name if nomination.title_id else "Giới thiệu nhân rộng",
                nomination.year,
                nomination.proposing_unit.name,
                nomination.get_current_level_display() if nomination.current_level else "",
                nomination.get_status_display(),
                clock.deadline.strftime("%d/%m/%Y") if clock else "",
                nomination.decision_number,
                nomination.decision_date.strftime("%d/%m/%Y") if nomination.decision_date else "",
            ]
        )
    return rows


def list_workbook(nominations, clocks, heading: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đề nghị"
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Xuất lúc {timezone.localtime():%d/%m/%Y %H:%M}"])
    sheet.append([])
    sheet.append(LIST_COLUMNS)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in list_rows(nominations, clocks):
        sheet.append(row)
    widths = [6, 32, 20, 30, 34, 8, 30, 22, 18, 14, 18, 14]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def dossier_pdf(nomination: Nomination, decisions) -> bytes:
    import os

    from fpdf import FPDF

    path = font_path()
    if not os.path.isfile(path):
        raise ExportError(
            f"Không tạo được tệp PDF: không tìm thấy phông chữ Unicode {path}. Hãy cài gói "
            "fonts-dejavu-core hoặc đặt KB_PDF_FONT trỏ tới một phông TrueType."
        )
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(f"Hồ sơ đề nghị #{nomination.pk}")
    pdf.add_font("kb", "", path)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()

    def line(text: str, size: float = 10, height: float = 5.5) -> None:
        pdf.set_font("kb", size=size)
        pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")

    line("HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", 14, 8)
    line(str(nomination), 12, 7)
    pdf.ln(2)
    details = [
        ("Đối tượng", nomination.get_nominee_kind_display()),
        ("Mục đích", nomination.get_purpose_display()),
        ("Đơn vị", nomination.nominee_unit.name),
        ("Chức vụ", nomination.position or "—"),
        ("Đơn vị đề nghị", nomination.proposing_unit.name),
        ("Trạng thái", nomination.get_status_display()),
        ("Điểm thi đua", str(nomination.score) if nomination.score is not None else "—"),
        ("Số quyết định", nomination.decision_number or "—"),
    ]
    for label, value in details:
        line(f"{label}: {value}")
    pdf.ln(2)
    line("Báo cáo thành tích", 12, 7)
    line(strip_tags(nomination.achievements or "").strip() or "—")
    pdf.ln(2)
    line("Quá trình xét", 12, 7)
    for decision in decisions:
        who = decision.user.get_full_name() if decision.user else ""
        level = decision.get_level_display() if decision.level else ""
        vote = (
            f" — biểu quyết {decision.votes_for}/{decision.members} đồng ý"
            if decision.members
            else ""
        )
        line(
            f"{timezone.localtime(decision.at):%d/%m/%Y %H:%M} · {level} · "
            f"{decision.get_action_display()} · {who}{vote}"
        )
        if decision.comment:
            line(f"    {decision.comment}", 9)
    return bytes(pdf.output())

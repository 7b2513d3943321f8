"""The allocation table and the delegate lists as Excel and PDF."""

import io

import pytest
from openpyxl import load_workbook

from kb.conferences import exports, services
from kb.conferences.models import SeatAllocation

from .pdftext import page_count, pdf_text

PLAN = "/admin/conference-plans/{}/"


@pytest.fixture
def planned(conference, tree, users):
    services.set_capacity(conference, 12, user=users.office)
    services.add_delegate(conference, category="invited", full_name="Giám đốc Lê Hùng")
    services.add_delegate(conference, category="guest", full_name="Đại diện UBND tỉnh")
    services.run_allocation(conference, user=users.office)
    services.add_delegate(
        conference, category="elected", unit=tree.vinh, full_name="Lương Thị Hạnh",
        gender="female", ethnic_minority=True, direct_worker=True,
    )  # fmt: skip
    services.add_delegate(
        conference, category="elected", unit=tree.ky_son, full_name="Vi Văn Kỳ", gender="male"
    )
    return conference


def sheet_rows(data: bytes, title: str):
    workbook = load_workbook(io.BytesIO(data))
    return [list(row) for row in workbook[title].iter_rows(values_only=True)]


def test_allocation_workbook_has_the_table_and_its_working(planned):
    allocation = services.current_allocation(planned)
    rows = sheet_rows(exports.allocation_workbook(allocation), "Phân bổ")
    assert rows[0][0] == f"Bảng phân bổ đại biểu bầu – {planned.title}"
    assert any(r[0] and "Người phân bổ: Trần Thị Mai" in r[0] for r in rows)
    assert any(r[0] and r[0].startswith("Số ghế bầu S = 12 (tối đa) − 1") for r in rows)
    header = rows.index(["STT", "Đơn vị", "Trọng số", "Hạn ngạch", "Phần nguyên", "Phần dư",
                         "Thứ hạng phần dư", "Ghế từ phần dư", "Tối thiểu", "Số ghế"])  # fmt: skip
    body = rows[header + 1 :]
    by_unit = {r[1]: r for r in body}
    assert by_unit["BHXH thành phố Vinh"][2] == 60
    assert by_unit["BHXH thành phố Vinh"][3] == pytest.approx(60 * 7 / 155, abs=1e-4)
    assert by_unit["Tổng cộng"][9] == 11 and by_unit["Tổng cộng"][2] == 155
    assert sum(r[9] for r in body[:-1]) == 11


def test_divisor_method_workbook_has_the_rounds(planned, users):
    allocation = services.run_allocation(planned, method="dhondt", user=users.office)
    data = exports.allocation_workbook(allocation)
    rounds = sheet_rows(data, "Các vòng")
    assert rounds[0] == ["Ghế thứ", "Đơn vị", "Số ghế đã có (n)", "Giá trị ưu tiên"]
    assert rounds[1] == [5, "BHXH thành phố Vinh", 1, 30.0]  # 60 / (1 + 1)
    assert len(rounds) == 1 + 11 - 4
    table = sheet_rows(data, "Phân bổ")
    assert "Giá trị ưu tiên kế tiếp" in table[table.index(next(r for r in table if r[0] == "STT"))]


def test_delegates_workbook_lists_everyone_and_the_composition(planned):
    allocation = services.current_allocation(planned)
    delegates = exports.ordered_delegates(planned.delegates.all(), allocation)
    plans = services.unit_plans(planned, allocation)
    total = services.conference_composition(planned, allocation)
    data = exports.delegates_workbook(planned, delegates, plans=plans, total=total)
    rows = sheet_rows(data, "Danh sách")
    header = rows.index(next(r for r in rows if r[0] == "STT"))
    names = [(r[1], r[3]) for r in rows[header + 1 :]]
    assert names == [
        ("Đại biểu chính thức mời", "Giám đốc Lê Hùng"),
        ("Đại biểu bầu", "Vi Văn Kỳ"),  # Kỳ Sơn comes before Vinh in the allocation
        ("Đại biểu bầu", "Lương Thị Hạnh"),
        ("Khách mời", "Đại diện UBND tỉnh"),
    ]
    hanh = rows[header + 3]
    assert hanh[2] == "BHXH thành phố Vinh" and hanh[5] == "Nữ" and hanh[6] == "x"
    composition = sheet_rows(data, "Cơ cấu")
    vinh = next(r for r in composition if r[0] == "BHXH thành phố Vinh")
    assert vinh[1:6] == [4, 1, 1, 1, 1]
    assert "Còn thiếu 3 đại biểu" in vinh[7]
    assert composition[-1][0] == "Toàn hội nghị" and composition[-1][2] == 2


def test_allocation_pdf_shows_vietnamese_text(planned):
    data = exports.allocation_pdf(services.current_allocation(planned), compress=False)
    assert data.startswith(b"%PDF")
    assert page_count(data) == 1
    text = pdf_text(data)
    assert "Bảng phân bổ đại biểu bầu" in text
    assert "BHXH thành phố Vinh" in text
    assert "Phần dư" in text and "Tổng cộng" in text


def test_delegates_pdf_runs_over_pages(planned, tree, users):
    services.set_capacity(planned, 200, user=users.office)
    for i in range(60):
        services.add_delegate(
            planned, category="elected", unit=tree.vinh, full_name=f"Đặng Văn Số {i}"
        )
    allocation = services.current_allocation(planned)
    delegates = exports.ordered_delegates(planned.delegates.all(), allocation)
    data = exports.delegates_pdf(planned, delegates, compress=False)
    assert data.startswith(b"%PDF")
    assert page_count(data) >= 2
    text = pdf_text(data)
    assert "Danh sách đại biểu" in text and "Đặng Văn Số 59" in text


def test_missing_font_is_a_clear_error(planned, settings):
    settings.KB_PDF_FONT = "/khong/co/phong.ttf"
    with pytest.raises(exports.ExportError, match="fonts-dejavu-core"):
        exports.allocation_pdf(services.current_allocation(planned))


def test_downloads_from_the_admin(client, planned, tree, users):
    client.force_login(users.province_officer)
    base = PLAN.format(planned.pk) + "export/"
    response = client.get(base + "allocation.xlsx")
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert "attachment;" in response["Content-Disposition"]
    assert sheet_rows(response.content, "Phân bổ")[0][0].startswith("Bảng phân bổ")
    pdf = client.get(base + "allocation.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    unit_list = client.get(base + f"delegates.xlsx?unit={tree.vinh.pk}")
    rows = sheet_rows(unit_list.content, "Danh sách")
    assert rows[0][0] == f"Danh sách đại biểu bầu của BHXH thành phố Vinh – {planned.title}"
    assert [r[3] for r in rows if r[1] == "Đại biểu bầu"] == ["Lương Thị Hạnh"]
    assert client.get(base + "delegates.pdf").content.startswith(b"%PDF")


def test_district_officer_downloads_only_its_own_delegates(client, planned, users):
    client.force_login(users.vinh_officer)
    response = client.get(PLAN.format(planned.pk) + "export/delegates.xlsx")
    rows = sheet_rows(response.content, "Danh sách")
    header = rows.index(next(r for r in rows if r[0] == "STT"))
    assert [r[3] for r in rows[header + 1 :]] == ["Lương Thị Hạnh"]


def test_a_previous_allocation_can_be_downloaded(client, planned, users):
    first = services.current_allocation(planned)
    services.run_allocation(planned, method="sainte-lague", user=users.office)
    client.force_login(users.office)
    url = PLAN.format(planned.pk) + f"export/allocation.xlsx?allocation={first.pk}"
    rows = sheet_rows(client.get(url).content, "Phân bổ")
    assert any(r[0] and "(không còn áp dụng)" in r[0] for r in rows)
    assert SeatAllocation.objects.filter(conference=planned).count() == 2


def test_missing_font_in_the_admin_is_a_message(client, planned, users, settings):
    settings.KB_PDF_FONT = "/khong/co/phong.ttf"
    client.force_login(users.office)
    response = client.get(PLAN.format(planned.pk) + "export/allocation.pdf", follow=True)
    text = [str(m) for m in response.context["messages"]]
    assert any("fonts-dejavu-core" in m for m in text)


def test_no_allocation_yet(client, conference, users):
    client.force_login(users.office)
    response = client.get(PLAN.format(conference.pk) + "export/allocation.xlsx", follow=True)
    text = [str(m) for m in response.context["messages"]]
    assert "Hội nghị chưa có bảng phân bổ để xuất." in text

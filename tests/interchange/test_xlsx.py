"""Spreadsheets as units keep them: Vietnamese headers and values, errors by sheet/row/column."""

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from kb.emulation.models import EmulationGroup
from kb.exemplars.models import ExemplarPage
from kb.interchange.importer import ImportFailed, import_records
from kb.interchange.xlsx import import_xlsx, write_template
from kb.units.models import Unit

from .samples import RICH, database_state, numbered

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Khối thi đua",
                "Cụm thi đua", "Số CBCCVC"]  # fmt: skip
EXEMPLAR_HEADERS = ["Mã", "Loại", "Họ tên / Tên tập thể", "Đơn vị", "Tóm tắt", "Lĩnh vực", "Năm",
                    "Chức vụ", "Giới tính", "Dân tộc thiểu số", "Lãnh đạo",
                    "Người tốt – Việc tốt", "Danh hiệu"]  # fmt: skip


def workbook(path, units=(), exemplars=(), *, unit_headers=UNIT_HEADERS, title_row=True):
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    if title_row:
        sheet.append(["DANH SÁCH ĐƠN VỊ NĂM 2025"])
    sheet.append(unit_headers)
    for row in units:
        sheet.append(list(row))
    sheet = book.create_sheet("ĐIỂN HÌNH")
    sheet.append(EXEMPLAR_HEADERS)
    for row in exemplars:
        sheet.append(list(row))
    book.save(path)
    return path


UNITS = [
    ("VN", "Bảo hiểm xã hội Việt Nam", "Ngành", None, None, None, None),
    (101, "BHXH tỉnh Đắk Lắk", "Tỉnh", "VN", "Khối 3", "Cụm 5", 320),
    ("101-01", "BHXH huyện Krông Pắc", "Huyện", 101, None, "Cụm 5", "45"),
]
EXEMPLARS = [
    ("ex-hoa", "Cá nhân", "H'Hoa Niê", "101-01", "Thu nợ giỏi.",
     "Thu BHXH, BHYT, BHTN; Giao dịch điện tử", 2024, "Chuyên viên", "Nữ", "x", None, "Có",
     "Chiến sĩ thi đua cơ sở (2024); Lao động tiên tiến (2023)"),
    ("ex-to", "Tập thể", "Tổ thu Krông Pắc", "101-01", "Tập thể xuất sắc.", None, 2024.0, None,
     None, "Không", None, None, "Tập thể lao động xuất sắc (2024)"),
]  # fmt: skip


def test_a_workbook_with_vietnamese_headers_and_values_imports(db, tmp_path):
    path = workbook(tmp_path / "don-vi.xlsx", UNITS, EXEMPLARS)

    result = import_xlsx(path)

    assert result.created == {"unit": 3, "exemplar": 2}
    assert result.warnings == []
    province = Unit.objects.get(code="101")
    assert province.level == "province" and province.staff_count == 320
    district = Unit.objects.get(code="101-01")
    assert district.level == "district" and district.parent == province
    assert district.staff_count == 45
    year = timezone.localdate().year
    assert EmulationGroup.objects.get(kind="block", name="Khối 3", year=year).memberships.count()
    hoa = ExemplarPage.objects.get(key="ex-hoa")
    assert (hoa.title, hoa.kind, hoa.gender) == ("H'Hoa Niê", "individual", "female")
    assert hoa.ethnic_minority and hoa.good_deed and not hoa.is_leader
    assert hoa.year == 2024 and hoa.position == "Chuyên viên"
    assert {f.name for f in hoa.fields_of_work.all()} == {
        "Thu BHXH, BHYT, BHTN", "Giao dịch điện tử",
    }  # fmt: skip
    assert sorted((t.title.name, t.year) for t in hoa.titles.all()) == [
        ("Chiến sĩ thi đua cơ sở", 2024),
        ("Lao động tiên tiến", 2023),
    ]
    to = ExemplarPage.objects.get(key="ex-to")
    assert to.kind == "collective" and to.year == 2024 and not to.ethnic_minority

    again = import_xlsx(path)
    assert again.changed == 0


def test_spec_field_names_work_as_headers_too(db, tmp_path):
    book = Workbook()
    book.active.title = "units"
    book.active.append(["code", "name", "level", "parent", "staff_count"])
    book.active.append(["VN", "BHXH Việt Nam", "sector", None, None])
    book.active.append(["HN", "BHXH Hà Nội", "province", "VN", 1800])
    book.save(tmp_path / "units.xlsx")

    result = import_xlsx(tmp_path / "units.xlsx")

    assert result.created == {"unit": 2}
    assert Unit.objects.get(code="HN").parent.code == "VN"


def test_errors_name_the_sheet_row_and_column(db, tmp_path):
    import_records(numbered(RICH))
    before = database_state()
    units = [*UNITS, ("102", "BHXH xã", "Xã", "VN", None, None, None)]
    exemplars = [
        (*EXEMPLARS[0][:3], "KHONG-CO", *EXEMPLARS[0][4:]),
        (*EXEMPLARS[1][:9], "có lẽ", *EXEMPLARS[1][10:]),
        (*EXEMPLARS[1][:12], "Lao động tiên tiến"),
    ]
    path = workbook(tmp_path / "loi.xlsx", units, exemplars)

    with pytest.raises(ImportFailed) as failed:
        import_xlsx(path)

    messages = [str(e) for e in failed.value.errors]
    assert messages[0].startswith(
        'trang tính "Đơn vị", dòng 6, cột "Cấp": giá trị "Xã" không hợp lệ'
    )
    assert messages[1].startswith(
        'trang tính "ĐIỂN HÌNH", dòng 2, cột "Đơn vị": không tìm thấy đơn vị có mã "KHONG-CO"'
    )
    assert messages[2].startswith(
        'trang tính "ĐIỂN HÌNH", dòng 3, cột "Dân tộc thiểu số": giá trị "có lẽ"'
    )
    assert messages[3].startswith('trang tính "ĐIỂN HÌNH", dòng 4, cột "Mã": mã "ex-to"')
    assert 'đã được dùng ở trang tính "ĐIỂN HÌNH", dòng 3' in messages[3]
    assert messages[4].startswith(
        'trang tính "ĐIỂN HÌNH", dòng 4, cột "Danh hiệu": danh hiệu thứ 1'
    )
    assert len(messages) == 5
    assert database_state() == before


def test_a_missing_required_column_is_named(db, tmp_path):
    headers = [h for h in UNIT_HEADERS if h != "Cấp"]
    path = workbook(tmp_path / "thieu.xlsx", [("VN", "BHXH", None, None, None, None)],
                    unit_headers=headers, title_row=False)  # fmt: skip

    with pytest.raises(ImportFailed) as failed:
        import_xlsx(path)

    assert [str(e) for e in failed.value.errors] == [
        'trang tính "Đơn vị", dòng 1: thiếu cột bắt buộc "Cấp" (level)'
    ]
    assert not Unit.objects.exists()


def test_unknown_columns_are_warnings(db, tmp_path):
    path = workbook(tmp_path / "them.xlsx", [(*UNITS[0], "ghi chú")],
                    unit_headers=[*UNIT_HEADERS, "Ghi chú"])  # fmt: skip

    result = import_xlsx(path)

    assert [str(w) for w in result.warnings] == [
        'trang tính "Đơn vị", dòng 2, cột "Ghi chú": cột không có trong định dạng, đã bỏ qua'
    ]
    assert result.created == {"unit": 1}


def test_a_file_that_is_not_a_workbook_is_refused(db, tmp_path):
    path = tmp_path / "khong-phai.xlsx"
    path.write_text("không phải Excel", encoding="utf-8")

    with pytest.raises(ImportFailed) as failed:
        import_xlsx(path)

    assert str(failed.value.errors[0]).startswith("không đọc được tệp Excel")


def test_the_template_has_the_headers_and_imports_once_filled(db, tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template(path)

    book = load_workbook(path)
    units, exemplars = book["Đơn vị"], book["Điển hình"]
    assert [c.value for c in units[1]] == UNIT_HEADERS
    assert [c.value for c in exemplars[1]][:5] == EXEMPLAR_HEADERS[:5]
    assert import_xlsx(path).total == 0

    units.append(["VN", "BHXH Việt Nam", "Ngành"])
    exemplars.append(["ex-1", "Tập thể", "Văn phòng", "VN", "Tóm tắt"])
    book.save(path)
    result = import_xlsx(path)

    assert result.created == {"unit": 1, "exemplar": 1}

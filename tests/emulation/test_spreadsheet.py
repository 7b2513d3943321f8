"""The score sheet a unit fills offline: downloaded, filled, uploaded; a wrong file is
refused with every problem named (row, criterion, what), and nothing is saved."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from kb.emulation import exports, services
from kb.emulation.models import ScoreSheet

URL = "/admin/emulation-scores/{group}/units/{unit}/"


@pytest.fixture
def qb(cluster, users, client):
    services.ensure_sheets(cluster.pact)
    client.force_login(users.qb)
    return ScoreSheet.objects.get(pact=cluster.pact, unit=cluster.units["QB"])


def download(client, cluster, unit):
    response = client.get(URL.format(group=cluster.group.pk, unit=unit.pk) + "sheet.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    return load_workbook(io.BytesIO(response.content))


def upload(client, cluster, unit, book):
    out = io.BytesIO()
    book.save(out)
    return client.post(
        URL.format(group=cluster.group.pk, unit=unit.pk) + "import/",
        {"file": SimpleUploadedFile("bang-diem.xlsx", out.getvalue())},
        follow=True,
    )


def rows_by_code(ws):
    return {ws.cell(row=r, column=1).value: r for r in range(exports.FIRST_ROW, ws.max_row + 1)}


def test_the_downloaded_sheet_filled_offline_loads_back(client, cluster, qb):
    book = download(client, cluster, cluster.units["QB"])
    ws = book[exports.SHEET_TITLE]
    assert ws["B2"].value == "QB"
    assert ws["B3"].value == 2025
    rows = rows_by_code(ws)
    assert set(rows) == {"1.1", "1.2", "2.1", "T.1", "T.2", "D.1"}
    assert ws.cell(row=rows["1.1"], column=5).value == 20
    for code, points in {"1.1": 17, "1.2": "8,5", "2.1": 9, "T.1": 4, "T.2": 0, "D.1": 0}.items():
        ws.cell(row=rows[code], column=6, value=points)
    ws.cell(row=rows["1.1"], column=7, value="Bao phủ BHYT 94,1%")

    response = upload(client, cluster, cluster.units["QB"], book)
    assert "Đã nhập 6 tiêu chí từ tệp Excel." in response.content.decode()
    points = {x.criterion.code: x.self_points for x in qb.lines.select_related("criterion")}
    assert points == {"1.1": D(17), "1.2": D("8.5"), "2.1": D(9), "T.1": D(4), "T.2": D(0),
                      "D.1": D(0)}  # fmt: skip
    assert qb.lines.get(criterion__code="1.1").self_note == "Bao phủ BHYT 94,1%"

    # Downloaded again, the sheet carries what was loaded: the round trip is lossless.
    again = download(client, cluster, cluster.units["QB"])[exports.SHEET_TITLE]
    assert again.cell(row=rows["1.2"], column=6).value == 8.5
    assert again.cell(row=rows["1.1"], column=7).value == "Bao phủ BHYT 94,1%"


def test_a_sheet_that_does_not_match_the_pact_is_refused_whole(client, cluster, qb):
    book = download(client, cluster, cluster.units["QB"])
    ws = book[exports.SHEET_TITLE]
    rows = rows_by_code(ws)
    for code in rows:
        ws.cell(row=rows[code], column=6, value=1)
    ws.cell(row=rows["1.1"], column=6, value=25)
    ws.cell(row=rows["T.1"], column=6, value="năm")
    ws.cell(row=rows["2.1"], column=1, value="2.9")
    ws.delete_rows(rows["D.1"])

    response = upload(client, cluster, cluster.units["QB"], book)
    text = response.content.decode()
    assert "Không nhập được bảng điểm, chưa lưu gì" in text
    assert f"Dòng {rows['1.1']}: Tiêu chí 1.1: 25 điểm vượt mức tối đa 20." in text
    assert f"Dòng {rows['T.1']}: Tiêu chí T.1: “năm” không phải là một số." in text
    assert f"Dòng {rows['2.1']}: tiêu chí “2.9” không có trong giao ước năm 2025." in text
    assert "Thiếu dòng của các tiêu chí: 2.1, D.1." in text
    assert not qb.lines.exclude(self_points=None).exists()


def test_another_units_or_years_file_is_refused(client, cluster, qb):
    book = download(client, cluster, cluster.units["QB"])
    book[exports.SHEET_TITLE]["B2"] = "TH"
    book[exports.SHEET_TITLE]["B3"] = 2024
    text = upload(client, cluster, cluster.units["QB"], book).content.decode()
    assert "Dòng 2: mã đơn vị là “TH”, nhưng đây là bảng điểm của BHXH tỉnh Quảng Bình" in text
    assert "Dòng 3: năm là “2024”, nhưng giao ước là của năm 2025." in text

    junk = client.post(
        URL.format(group=cluster.group.pk, unit=cluster.units["QB"].pk) + "import/",
        {"file": SimpleUploadedFile("bang-diem.xlsx", b"khong phai excel")},
        follow=True,
    )
    assert "Không đọc được tệp" in junk.content.decode()
    assert not qb.lines.exclude(self_points=None).exists()


def test_only_the_member_itself_loads_its_sheet(client, cluster, users, qb):
    book = download(client, cluster, cluster.units["QB"])
    for user in (users.na, users.council, users.th):
        client.force_login(user)
        assert upload(client, cluster, cluster.units["QB"], book).status_code == 404

"""`manage.py kb_import` and `manage.py kb_export` as an operator runs them."""

from io import StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from kb.exemplars.models import ExemplarPage
from kb.units.models import Unit

from .samples import RICH, database_state, write_jsonl


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_a_summary(db, tmp_path):
    path = write_jsonl(tmp_path / "kb.jsonl", RICH)

    out, err = run("kb_import", str(path))

    assert "Đã nhập kb.jsonl:" in out
    assert "điển hình (exemplar): 3 tạo mới, 0 cập nhật, 0 không đổi" in out
    assert err == ""  # no progress bar when stderr is not a terminal
    assert ExemplarPage.objects.count() == 3


def test_import_reads_json_suffix_and_prints_warnings(db, tmp_path):
    path = write_jsonl(tmp_path / "kb.json", [{**RICH[1], "note": "x"}])

    out, err = run("kb_import", str(path), "--no-progress")

    assert "đơn vị (unit): 1 tạo mới" in out
    assert 'cảnh báo: dòng 1, trường "note"' in err


def test_import_failure_lists_every_error_on_stderr_and_writes_nothing(db, tmp_path):
    records = [
        {**RICH[1], "level": "nation"},
        RICH[2],
        {**RICH[4], "unit": "NOWHERE"},
    ]
    path = write_jsonl(tmp_path / "bad.jsonl", records, raw_lines=[(1, "{not json")])
    err = StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("kb_import", str(path), stdout=StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    assert lines[0].startswith('dòng 1, trường "level": giá trị "nation"')
    assert lines[1].startswith("dòng 2: không phải JSON hợp lệ")
    assert lines[2].startswith('dòng 4, trường "unit": không tìm thấy đơn vị có mã "NOWHERE"')
    assert len(lines) == 3
    assert "3 lỗi" in str(failed.value)
    assert not Unit.objects.exists()


def test_import_exits_non_zero_from_the_command_line(db, tmp_path, capsys):
    path = write_jsonl(tmp_path / "bad.jsonl", [{"type": "unit", "code": "A"}])

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "kb_import", str(path), "--no-progress"]).execute()

    assert exited.value.code != 0
    err = capsys.readouterr().err
    assert 'dòng 1, trường "name": thiếu trường bắt buộc' in err
    assert 'dòng 1, trường "level": thiếu trường bắt buộc' in err


def test_import_reads_a_workbook(db, tmp_path):
    book = Workbook()
    book.active.title = "Đơn vị"
    book.active.append(["Mã đơn vị", "Tên đơn vị", "Cấp"])
    book.active.append(["VN", "BHXH Việt Nam", "Ngành"])
    book.save(tmp_path / "units.xlsx")

    out, _err = run("kb_import", str(tmp_path / "units.xlsx"))

    assert "đơn vị (unit): 1 tạo mới" in out
    assert Unit.objects.get(code="VN").level == "sector"


@pytest.mark.parametrize("name", ["missing.jsonl", "data.csv"])
def test_import_refuses_a_missing_file_or_an_unknown_kind(db, tmp_path, name):
    if name.endswith(".csv"):
        (tmp_path / name).write_text("code,name\n", encoding="utf-8")

    with pytest.raises(CommandError):
        run("kb_import", str(tmp_path / name))


def test_export_writes_what_import_reads(db, tmp_path):
    run("kb_import", str(write_jsonl(tmp_path / "kb.jsonl", RICH)))
    before = database_state()

    out, _err = run("kb_export", str(tmp_path / "out.jsonl"))
    stdout, _ = run("kb_export", "-")

    assert f"Đã xuất {len(RICH)} bản ghi" in out
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == stdout
    assert stdout == before["export"]
    again, _ = run("kb_import", str(tmp_path / "out.jsonl"))
    assert "0 tạo mới, 0 cập nhật" in again
    assert database_state() == before

"""Bad input: every error names its line and field, and nothing from the file is written."""

import copy
import json

import pytest

from kb.interchange.importer import ImportFailed, import_jsonl, import_records
from kb.units.models import Unit
from tests.factories import ExemplarPageFactory

from .samples import RICH, database_state, numbered, write_jsonl

RENAMED_UNIT = {"type": "unit", "code": "VN", "name": "Tên mới không được ghi", "level": "sector"}


def bad(line: dict) -> list[dict]:
    """A file with a valid change (that must not be written), then one bad record."""
    return [copy.deepcopy(RENAMED_UNIT), line]


CASES = {
    "bad enum": (
        bad({"type": "unit", "code": "X1", "name": "X", "level": "provence"}),
        'dòng 2, trường "level": giá trị "provence" không hợp lệ '
        "(cho phép: sector, central, province, district, department, team)",
    ),
    "date that does not exist": (
        bad({"type": "story", "key": "bv-x", "title": "Bài", "date": "2025-02-30", "body": "A"}),
        'dòng 2, trường "date": giá trị "2025-02-30" không phải một ngày có thật',
    ),
    "date in another format": (
        bad(
            {
                "type": "conference",
                "key": "hn-x",
                "name": "HN",
                "level": "base",
                "unit": "VN",
                "date": "20/04/2025",
            }
        ),  # fmt: skip
        'dòng 2, trường "date": giá trị "20/04/2025"',
    ),
    "dangling reference": (
        bad(
            {
                "type": "initiative",
                "key": "sk-x",
                "title": "SK",
                "unit": "VN",
                "summary": "S",
                "authors": ["ex-lan", "ex-khong-co"],
            }
        ),  # fmt: skip
        'dòng 2, trường "authors": không tìm thấy điển hình (exemplar) có mã "ex-khong-co"',
    ),
    "dangling unit": (
        bad({"type": "unit", "code": "X2", "name": "X", "level": "team", "parent": "NOPE"}),
        'dòng 2, trường "parent": không tìm thấy đơn vị có mã "NOPE"',
    ),
    "reference to the wrong type": (
        bad(
            {
                "type": "story",
                "key": "bv-x",
                "title": "Bài",
                "date": "2025-02-03",
                "body": "A",
                "exemplars": ["sk-zalo"],
            }
        ),  # fmt: skip
        'dòng 2, trường "exemplars": mã "sk-zalo" là một sáng kiến (initiative), '
        "không phải điển hình (exemplar)",
    ),
    "missing required field": (
        bad({"type": "exemplar", "key": "ex-x", "kind": "individual", "name": "X", "unit": "VN"}),
        'dòng 2, trường "summary": thiếu trường bắt buộc',
    ),
    "empty required field": (
        bad(
            {
                "type": "exemplar",
                "key": "ex-x",
                "kind": "individual",
                "name": "  ",
                "unit": "VN",
                "summary": "S",
            }
        ),  # fmt: skip
        'dòng 2, trường "name": không được để trống',
    ),
    "missing type": (
        bad({"code": "X3", "name": "X", "level": "team"}),
        'dòng 2, trường "type": thiếu trường bắt buộc',
    ),
    "unknown type": (
        bad({"type": "person", "key": "p-1"}),
        'dòng 2, trường "type": loại bản ghi "person" không hợp lệ',
    ),
    "wrong value type": (
        bad({"type": "unit", "code": "X4", "name": "X", "level": "team", "staff_count": "12"}),
        'dòng 2, trường "staff_count": giá trị "12" phải là số nguyên',
    ),
    "title without a year": (
        bad(
            {
                "type": "exemplar",
                "key": "ex-x",
                "kind": "individual",
                "name": "X",
                "unit": "VN",
                "summary": "S",
                "titles": [{"title": "Lao động tiên tiến"}],
            }
        ),  # fmt: skip
        'dòng 2, trường "titles": danh hiệu thứ 1 ("Lao động tiên tiến"): thiếu năm',
    ),
    "same exemplar key, individual then collective": (
        [
            {
                "type": "exemplar",
                "key": "ex-y",
                "kind": "individual",
                "name": "A",
                "unit": "VN",
                "summary": "S",
            },
            copy.deepcopy(RENAMED_UNIT),
            {
                "type": "exemplar",
                "key": "ex-y",
                "kind": "collective",
                "name": "B",
                "unit": "VN",
                "summary": "S",
            },
        ],  # fmt: skip
        'dòng 3, trường "key": mã "ex-y" đã được dùng ở dòng 1 cho điển hình (exemplar), '
        'kind "individual"; ở đây lại dùng cho điển hình (exemplar), kind "collective"',
    ),
    "same key for an exemplar and an initiative": (
        [
            copy.deepcopy(RENAMED_UNIT),
            {
                "type": "exemplar",
                "key": "k-1",
                "kind": "individual",
                "name": "A",
                "unit": "VN",
                "summary": "S",
            },
            {"type": "initiative", "key": "k-1", "title": "B", "unit": "VN", "summary": "S"},
        ],  # fmt: skip
        'dòng 3, trường "key": mã "k-1" đã được dùng ở dòng 2 cho điển hình (exemplar)',
    ),
    "key held by another type in the database": (
        bad(
            {
                "type": "exemplar",
                "key": "sk-zalo",
                "kind": "individual",
                "name": "A",
                "unit": "VN",
                "summary": "S",
            }
        ),  # fmt: skip
        'dòng 2, trường "key": mã "sk-zalo" đã có trong cơ sở dữ liệu cho một sáng kiến',
    ),
    "unit tree loop": (
        [
            {"type": "unit", "code": "VN", "name": "BHXH", "level": "sector", "parent": "HN-BD"},
            {"type": "unit", "code": "DL", "name": "Tên mới", "level": "province", "parent": "VN"},
        ],  # fmt: skip
        'dòng 1, trường "parent": đơn vị cấp trên tạo vòng lặp trong cây đơn vị: VN → HN-BD → HN',
    ),
    "body that is nothing but a script": (
        bad(
            {
                "type": "story",
                "key": "bv-x",
                "title": "Bài",
                "date": "2025-02-03",
                "body": "<script>alert(1)</script>",
            }
        ),  # fmt: skip
        'dòng 2, trường "body": nội dung trống',
    ),
}


@pytest.fixture
def populated(db):
    import_records(numbered(RICH))
    return database_state()


@pytest.mark.parametrize("records, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_is_reported_by_line_and_field_and_nothing_is_written(
    populated, records, expected
):
    with pytest.raises(ImportFailed) as failed:
        import_records(numbered(records))

    messages = [str(e) for e in failed.value.errors]
    assert any(m.startswith(expected) for m in messages), messages
    assert database_state() == populated
    assert Unit.objects.get(code="VN").name == "Bảo hiểm xã hội Việt Nam"


def test_an_invalid_json_line_is_named_and_the_rest_still_checked(populated, tmp_path):
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [RENAMED_UNIT, {"type": "unit", "code": "Z", "name": "Z", "level": "galaxy"}],
        raw_lines=[(1, '{"type": "unit", "code": "Q", "name": "Q",')],
    )

    with pytest.raises(ImportFailed) as failed:
        import_jsonl(path)

    messages = [str(e) for e in failed.value.errors]
    assert messages[0].startswith("dòng 2: không phải JSON hợp lệ")
    assert messages[1].startswith('dòng 3, trường "level": giá trị "galaxy"')
    assert len(messages) == 2
    assert database_state() == populated


def test_a_line_that_is_not_an_object_is_an_error(populated, tmp_path):
    path = write_jsonl(tmp_path / "list.jsonl", [RENAMED_UNIT], raw_lines=[(0, "[1, 2]")])

    with pytest.raises(ImportFailed) as failed:
        import_jsonl(path)

    assert [str(e) for e in failed.value.errors] == [
        "dòng 1: mỗi dòng phải là một đối tượng JSON {…}"
    ]
    assert database_state() == populated


def test_every_error_of_the_file_is_reported_at_once(populated):
    records = [
        {"type": "unit", "code": "A", "name": "A", "level": "moon"},
        {"type": "story", "key": "bv-q", "title": "B", "date": "2025-13-01", "body": "x"},
        {"type": "exemplar", "key": "ex-q", "kind": "both", "name": "Q", "unit": "NOPE",
         "summary": "S"},
    ]  # fmt: skip

    with pytest.raises(ImportFailed) as failed:
        import_records(numbered(records))

    assert [(e.line, e.field) for e in failed.value.errors] == [
        (1, "level"),
        (2, "date"),
        (3, "kind"),
        (3, "unit"),
    ]


def test_a_key_already_used_by_another_page_type_is_refused(db):
    ExemplarPageFactory(key="bv-trung")
    records = [{"type": "story", "key": "bv-trung", "title": "B", "date": "2025-01-01",
                "body": "x"}]  # fmt: skip

    with pytest.raises(ImportFailed) as failed:
        import_records(numbered(records))

    assert str(failed.value.errors[0]).startswith(
        'dòng 1, trường "key": mã "bv-trung" đã có trong cơ sở dữ liệu cho một điển hình'
    )


def test_the_failure_message_lists_every_error(db):
    with pytest.raises(ImportFailed) as failed:
        import_records([(4, {"type": "unit", "code": "A", "level": "x"})])

    text = str(failed.value)
    assert text.splitlines()[0] == "2 lỗi, không có dữ liệu nào được ghi"
    assert 'dòng 4, trường "name": thiếu trường bắt buộc' in text
    assert json.dumps("x") in text

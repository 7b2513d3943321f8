"""The format checks on one record: plain Python, no database."""

import datetime
import unicodedata

import pytest

from kb.interchange.records import validate_record

STORY = {"type": "story", "key": "bv-1", "title": "Bài", "date": "2024-02-29", "body": "x"}


def errors(raw):
    return [str(e) for e in validate_record(7, raw).errors]


def test_a_leap_day_is_a_date_and_the_day_after_february_28_2025_is_not():
    assert validate_record(1, STORY).record.values["date"] == datetime.date(2024, 2, 29)
    assert errors({**STORY, "date": "2025-02-29"}) == [
        'dòng 7, trường "date": giá trị "2025-02-29" không phải một ngày có thật '
        "theo định dạng YYYY-MM-DD"
    ]


@pytest.mark.parametrize("value", ["true", 1, "có"])
def test_flags_must_be_json_booleans(value):
    raw = {"type": "exemplar", "key": "k", "kind": "individual", "name": "N", "unit": "U",
           "summary": "S", "good_deed": value}  # fmt: skip
    assert errors(raw) == [
        f'dòng 7, trường "good_deed": giá trị {value!r} phải là true hoặc false'.replace("'", '"')
    ]


def test_text_is_composed_to_nfc_and_stripped():
    decomposed = unicodedata.normalize("NFD", "  Đắk Lắk ")
    record = validate_record(1, {"type": "unit", "code": "DL", "name": decomposed,
                                 "level": "province"}).record  # fmt: skip
    assert record.values["name"] == "Đắk Lắk"
    assert unicodedata.is_normalized("NFC", record.values["name"])


def test_null_clears_an_optional_field_and_absence_leaves_it_out():
    record = validate_record(1, {**STORY, "summary": None, "tags": None}).record
    assert record.values["summary"] == "" and record.values["tags"] == []
    assert "author" not in record.values


def test_a_year_out_of_range_and_an_overlong_code_are_errors():
    assert errors({"type": "unit", "code": "X" * 51, "name": "N", "level": "team"}) == [
        'dòng 7, trường "code": dài 51 ký tự, quá giới hạn 50 ký tự'
    ]
    raw = {"type": "initiative", "key": "k", "title": "T", "unit": "U", "summary": "S",
           "year": 20245}  # fmt: skip
    assert errors(raw) == ['dòng 7, trường "year": giá trị 20245 phải trong khoảng 1900–2100']


def test_a_unit_cannot_be_its_own_parent():
    raw = {"type": "unit", "code": "A", "name": "A", "level": "team", "parent": "A"}
    assert errors(raw) == ['dòng 7, trường "parent": một đơn vị không thể là cấp trên của chính nó']

"""The demo data: volumes, references, enums and determinism of `kb.demo.content`, and the
pictures of `kb.demo.images`. Pure Python: no database needed."""

import datetime
import io
import json
import re
import unicodedata
from collections import Counter

import pytest
from PIL import Image

from kb.demo import content
from kb.demo.content import build_demo_records, write_jsonl
from kb.demo.images import cover_image, portrait_image

TYPES_IN_ORDER = ["unit", "exemplar", "initiative", "story", "conference", "report"]
REQUIRED = {
    "unit": {"code", "name", "level"},
    "exemplar": {"key", "kind", "name", "unit", "summary"},
    "initiative": {"key", "title", "unit", "summary"},
    "story": {"key", "title", "date", "body"},
    "conference": {"key", "name", "level", "unit", "date"},
    "report": {"key", "conference", "title", "kind", "body"},
}
OPTIONAL = {
    "unit": {"parent", "block", "cluster", "staff_count"},
    "exemplar": {
        "body", "fields", "year", "position", "gender", "ethnic_minority", "is_leader",
        "titles", "good_deed", "tags",
    },
    "initiative": {
        "authors", "fields", "year", "problem", "solution", "results", "scope", "tags",
    },
    "story": {"summary", "exemplars", "initiatives", "tags", "author"},
    "conference": {"capacity", "summary"},
    "report": {"authors", "date"},
}  # fmt: skip
ENUMS = {
    ("unit", "level"): {"sector", "central", "province", "district", "department", "team"},
    ("exemplar", "kind"): {"individual", "collective"},
    ("exemplar", "gender"): {"female", "male"},
    ("initiative", "scope"): {"unit", "province", "sector"},
    ("conference", "level"): {"base", "province", "sector"},
    ("report", "kind"): {"summary", "paper"},
}
FIELD_NAMES = {
    "Thu BHXH, BHYT, BHTN", "Cấp sổ BHXH, thẻ BHYT", "Thực hiện chính sách BHXH",
    "Giám định BHYT", "Kế hoạch - Tài chính", "Công nghệ thông tin", "Kiểm tra", "Pháp chế",
    "Tuyên truyền", "Tổ chức cán bộ", "Cải cách thủ tục hành chính", "Giao dịch điện tử",
}  # fmt: skip
INDIVIDUAL_TITLES = {
    "Chiến sĩ thi đua toàn quốc", "Lao động tiên tiến", "Chiến sĩ thi đua ngành BHXH",
    "Bằng khen của Tổng Giám đốc BHXH Việt Nam", "Chiến sĩ thi đua cơ sở",
    "Bằng khen của Thủ tướng Chính phủ",
}  # fmt: skip
COLLECTIVE_TITLES = {
    "Tập thể lao động xuất sắc", "Cờ thi đua của BHXH Việt Nam", "Cờ thi đua của Chính phủ",
    "Bằng khen của Tổng Giám đốc BHXH Việt Nam",
}  # fmt: skip


@pytest.fixture(scope="module")
def records():
    return build_demo_records()


@pytest.fixture(scope="module")
def by_type(records):
    out = {t: [] for t in TYPES_IN_ORDER}
    for record in records:
        out[record["type"]].append(record)
    return out


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)


def test_volumes(by_type):
    units = by_type["unit"]
    assert len(units) >= 30
    assert len(by_type["exemplar"]) >= 100
    assert len(by_type["initiative"]) >= 60
    assert len(by_type["story"]) >= 20
    assert len(by_type["conference"]) == 2
    assert len(by_type["report"]) >= 5
    levels = Counter(u["level"] for u in units)
    assert levels["sector"] == 1
    assert levels["central"] >= 6
    assert levels["province"] >= 20
    assert levels["district"] >= 5
    assert levels["department"] >= 2
    assert levels["team"] >= 1
    kinds = Counter(e["kind"] for e in by_type["exemplar"])
    assert kinds["individual"] >= 50 and kinds["collective"] >= 20


def test_order_of_types(records):
    order = [TYPES_IN_ORDER.index(r["type"]) for r in records]
    assert order == sorted(order)


def test_fields_allowed_and_required(records):
    for record in records:
        kind = record["type"]
        keys = set(record) - {"type"}
        assert REQUIRED[kind] <= keys, record
        assert keys <= REQUIRED[kind] | OPTIONAL[kind], keys - REQUIRED[kind] - OPTIONAL[kind]
        for name in REQUIRED[kind]:
            assert record[name] not in ("", None, []), (record.get("key"), name)


def test_enums(records):
    for record in records:
        for (kind, name), allowed in ENUMS.items():
            if record["type"] == kind and name in record:
                assert record[name] in allowed, (record.get("key"), name, record[name])


def test_keys_and_codes_unique(by_type, records):
    codes = [u["code"] for u in by_type["unit"]]
    assert len(codes) == len(set(codes))
    keys = [r["key"] for r in records if "key" in r]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"ex-\d{4}", e["key"]) for e in by_type["exemplar"])
    assert all(re.fullmatch(r"sk-\d{4}", i["key"]) for i in by_type["initiative"])
    assert all(re.fullmatch(r"bv-\d{4}", s["key"]) for s in by_type["story"])
    assert all(r["key"].startswith("bc-") for r in by_type["report"])


def test_unit_tree(by_type):
    seen = set()
    for unit in by_type["unit"]:
        if unit["level"] == "sector":
            assert "parent" not in unit
            assert unit["code"] == "BHXH-VN"
        else:
            assert unit["parent"] in seen, unit  # parents come first
        seen.add(unit["code"])
        if "staff_count" in unit:
            assert isinstance(unit["staff_count"], int) and unit["staff_count"] > 0
    levels = {u["code"]: u["level"] for u in by_type["unit"]}
    for unit in by_type["unit"]:
        if unit["level"] == "central":
            assert unit["parent"] == "BHXH-VN"
            assert unit["block"] in {"Khối thi đua số 1", "Khối thi đua số 2"}
        if unit["level"] == "province":
            assert unit["parent"] == "BHXH-VN"
            assert re.fullmatch(r"Cụm thi đua số [1-5]", unit["cluster"])
        if unit["level"] in ("district", "department"):
            assert levels[unit["parent"]] == "province"
        if unit["level"] == "team":
            assert levels[unit["parent"]] == "district"
    names = {u["name"] for u in by_type["unit"]}
    for expected in [
        "Bảo hiểm xã hội Việt Nam", "Vụ Thi đua - Khen thưởng", "BHXH thành phố Hà Nội",
        "BHXH Thành phố Hồ Chí Minh", "BHXH tỉnh Nghệ An", "BHXH huyện Diễn Châu",
        "BHXH thị xã Cửa Lò",
    ]:  # fmt: skip
        assert expected in names


def test_references_resolve(by_type):
    codes = {u["code"] for u in by_type["unit"]}
    exemplars = {e["key"]: e for e in by_type["exemplar"]}
    initiatives = {i["key"] for i in by_type["initiative"]}
    conferences = {c["key"] for c in by_type["conference"]}
    for e in by_type["exemplar"]:
        assert e["unit"] in codes
    for i in by_type["initiative"]:
        assert i["unit"] in codes
        assert 1 <= len(i["authors"]) <= 3
        assert len(set(i["authors"])) == len(i["authors"])
        for key in i["authors"]:
            assert exemplars[key]["kind"] == "individual"
    for s in by_type["story"]:
        assert s.get("exemplars") or s.get("initiatives")
        assert set(s.get("exemplars", [])) <= set(exemplars)
        assert set(s.get("initiatives", [])) <= initiatives
    for c in by_type["conference"]:
        assert c["unit"] in codes
    for r in by_type["report"]:
        assert r["conference"] in conferences
        assert set(r.get("authors", [])) <= set(exemplars)


def test_conferences_and_reports(by_type):
    confs = {c["name"]: c for c in by_type["conference"]}
    nghe_an = confs["Hội nghị điển hình tiên tiến BHXH tỉnh Nghệ An năm 2025"]
    congress = confs["Đại hội Thi đua yêu nước ngành BHXH Việt Nam lần thứ VI"]
    units = {u["code"]: u["name"] for u in by_type["unit"]}
    assert (nghe_an["level"], units[nghe_an["unit"]], nghe_an["capacity"]) == (
        "province",
        "BHXH tỉnh Nghệ An",
        300,
    )
    assert (congress["level"], congress["unit"], congress["capacity"]) == ("sector", "BHXH-VN", 500)
    for conf in (nghe_an, congress):
        reports = [r for r in by_type["report"] if r["conference"] == conf["key"]]
        kinds = Counter(r["kind"] for r in reports)
        assert kinds["summary"] == 1
        assert 2 <= kinds["paper"] <= 3
        for r in reports:
            assert r["body"].startswith("<p>")
            if r["kind"] == "paper":
                assert r["authors"]


def test_exemplars_content(by_type):
    for e in by_type["exemplar"]:
        assert set(e["fields"]) <= FIELD_NAMES and e["fields"]
        assert 2019 <= e["year"] <= 2026
        assert 2 <= e["body"].count("<p>") <= 3
        assert re.search(r"\d", e["body"]), e["key"]
        allowed = INDIVIDUAL_TITLES if e["kind"] == "individual" else COLLECTIVE_TITLES
        assert e["titles"]
        for t in e["titles"]:
            assert t["title"] in allowed
            assert isinstance(t["year"], int) and t["year"] <= e["year"]
        if e["kind"] == "individual":
            assert e["gender"] in {"female", "male"}
            assert e["position"]
            assert len(e["name"].split()) >= 2
        else:
            assert "gender" not in e and "position" not in e
    individuals = [e for e in by_type["exemplar"] if e["kind"] == "individual"]
    for flag in ("ethnic_minority", "is_leader", "good_deed"):
        assert any(e[flag] for e in individuals), flag
        assert not all(e[flag] for e in individuals), flag
    assert any(e.get("tags") for e in by_type["exemplar"])


def test_gender_matches_name(by_type):
    for e in by_type["exemplar"]:
        if e["kind"] != "individual":
            continue
        words = e["name"].split()
        if e["gender"] == "male":
            assert "Thị" not in words and not e["name"].startswith("H'"), e["name"]
        if e["name"].startswith("Y "):
            assert e["gender"] == "male"


def test_kinh_given_names_match_gender(by_type):
    for e in by_type["exemplar"]:
        if e["kind"] != "individual" or e["name"].startswith(("H'", "Y ")):
            continue
        given = e["name"].split()[-1]
        if given in content.MALE_GIVEN and given not in content.FEMALE_GIVEN:
            assert e["gender"] == "male", e["name"]
        if given in content.FEMALE_GIVEN and given not in content.MALE_GIVEN:
            assert e["gender"] == "female", e["name"]


def test_individual_names_unique(by_type):
    names = [e["name"] for e in by_type["exemplar"]]
    assert len(names) == len(set(names))


def test_initiative_authors_prefer_their_unit(by_type):
    units = {u["code"]: u for u in by_type["unit"]}
    exemplars = {e["key"]: e for e in by_type["exemplar"]}

    def province(code):
        while units[code]["level"] not in ("province", "central", "sector"):
            code = units[code]["parent"]
        return code

    for i in by_type["initiative"]:
        lead = exemplars[i["authors"][0]]
        assert lead["unit"] == i["unit"]
        for key in i["authors"][1:]:
            assert province(exemplars[key]["unit"]) == province(i["unit"])


def test_sector_fighter_follows_three_base_years(by_type):
    for e in by_type["exemplar"]:
        years = {t["year"] for t in e["titles"] if t["title"] == "Chiến sĩ thi đua cơ sở"}
        for t in e["titles"]:
            if t["title"] == "Chiến sĩ thi đua ngành BHXH":
                assert {t["year"] - 2, t["year"] - 1, t["year"]} <= years, e["key"]


def test_initiatives_content(by_type):
    for i in by_type["initiative"]:
        for name in ("problem", "solution", "results"):
            assert i[name].startswith("<p>") and i[name].endswith("</p>")
        assert re.search(r"\d", i["results"])
        assert set(i["fields"]) <= FIELD_NAMES
        assert 2019 <= i["year"] <= 2026
    titles = [i["title"] for i in by_type["initiative"]]
    assert len(titles) == len(set(titles))


def test_stories_content(by_type):
    for s in by_type["story"]:
        assert 3 <= s["body"].count("<p>") <= 5, s["key"]
        assert s["author"]
    titles = [s["title"] for s in by_type["story"]]
    assert len(titles) == len(set(titles))


def test_dates_parse(records):
    for record in records:
        if "date" in record:
            date = datetime.date.fromisoformat(record["date"])
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
            assert 2019 <= date.year <= 2026


def test_text_is_nfc_and_has_no_placeholders(records):
    for record in records:
        for text in _strings(record):
            assert unicodedata.is_normalized("NFC", text), text
            assert "{" not in text and "}" not in text, text
            assert "  " not in text, text


def test_deterministic():
    assert build_demo_records(7) == build_demo_records(7)
    assert build_demo_records() == build_demo_records(2026)
    assert build_demo_records(7) != build_demo_records(8)


def test_pure_python():
    with open(content.__file__, encoding="utf-8") as handle:
        source = handle.read()
    assert "django" not in source.lower().replace("no django", "")


def test_write_jsonl(tmp_path, records):
    path = write_jsonl(records, tmp_path / "demo.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records)
    assert json.loads(lines[0]) == records[0]
    assert "Bảo hiểm xã hội Việt Nam" in lines[0]  # not \u-escaped


@pytest.mark.parametrize("size", [(600, 600), (240, 320)])
def test_portrait_image(size):
    data = portrait_image("Nguyễn Thị Lan", 3, size=size)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == size
    assert portrait_image("Nguyễn Thị Lan", 3, size=size) == data
    assert portrait_image("Nguyễn Thị Lan", 4, size=size) != data


@pytest.mark.parametrize("size", [(1200, 675), (400, 300)])
def test_cover_image(size):
    title = "Chị H'Hen và hành trình đưa BHXH tự nguyện về từng buôn làng Đắk Lắk"
    data = cover_image(title, 11, size=size)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == size
    assert cover_image(title, 11, size=size) == data
    assert cover_image(title, 12, size=size) != data


def test_images_without_a_truetype_font(monkeypatch):
    from kb.demo import images

    monkeypatch.setattr(images, "_font_path", lambda: None)
    data = images.cover_image("Bảo hiểm xã hội Việt Nam", 1, size=(320, 180))
    assert Image.open(io.BytesIO(data)).size == (320, 180)
    data = images.portrait_image("Lê Văn Nam", 1, size=(120, 120))
    assert Image.open(io.BytesIO(data)).size == (120, 120)


def test_default_image_sizes():
    assert Image.open(io.BytesIO(portrait_image("Tập thể", 1))).size == (600, 600)
    assert Image.open(io.BytesIO(cover_image("Tin tức", 1))).size == (1200, 675)

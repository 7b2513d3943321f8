"""Interchange files for the tests: a rich one touching every field, and a large generated one."""

import json
from pathlib import Path

RICH = [
    # A district listed before its province: forward references are allowed.
    {
        "type": "unit",
        "code": "HN-BD",
        "name": "BHXH quận Ba Đình",
        "level": "district",
        "parent": "HN",
        "staff_count": 42,
    },
    {"type": "unit", "code": "VN", "name": "Bảo hiểm xã hội Việt Nam", "level": "sector"},
    {
        "type": "unit",
        "code": "HN",
        "name": "BHXH thành phố Hà Nội",
        "level": "province",
        "parent": "VN",
        "block": "Khối 2",
        "cluster": "Cụm 1",
        "staff_count": 1800,
    },
    {
        "type": "unit",
        "code": "DL",
        "name": "BHXH tỉnh Đắk Lắk",
        "level": "province",
        "parent": "VN",
        "cluster": "Cụm 1",
        "staff_count": 0,
    },
    {
        "type": "exemplar",
        "key": "ex-lan",
        "kind": "individual",
        "name": "Nguyễn Thị Lan",
        "unit": "HN-BD",
        "summary": "Mười năm liền giải quyết hồ sơ đúng hạn.\nKhông để sai sót.",
        "body": "<p>Chị Lan <strong>luôn</strong> tận tụy.</p><ul><li>Thu BHXH</li></ul>",
        "fields": ["Thu BHXH, BHYT, BHTN", "Cải cách thủ tục hành chính"],
        "year": 2024,
        "position": "Chuyên viên tổ thu",
        "gender": "female",
        "ethnic_minority": True,
        "is_leader": False,
        "good_deed": True,
        "titles": [
            {"title": "Chiến sĩ thi đua cơ sở", "year": 2024},
            {"title": "Lao động tiên tiến", "year": 2023},
        ],
        "tags": ["tận tụy", "thu nợ"],
    },
    {
        "type": "exemplar",
        "key": "ex-dl",
        "kind": "collective",
        "name": "Phòng Thu BHXH Đắk Lắk",
        "unit": "DL",
        "summary": "Tập thể lao động xuất sắc.",
        "body": "Đoạn một.\n\nĐoạn hai & ba.",
        "is_leader": True,
        "titles": [{"title": "Tập thể Lao động xuất sắc", "year": 2024}],
    },
    {
        "type": "exemplar",
        "key": "ex-lan-2",
        "kind": "individual",
        "name": "Nguyễn Thị Lan",
        "unit": "HN",
        "summary": "Một người cùng tên, ở thành phố.",
        "gender": "female",
    },
    {
        "type": "initiative",
        "key": "sk-zalo",
        "title": "Nhắc nợ qua Zalo",
        "unit": "HN-BD",
        "summary": "Nhắc đơn vị chậm đóng bằng tin nhắn.",
        "authors": ["ex-lan-2", "ex-lan"],
        "fields": ["Thu BHXH, BHYT, BHTN"],
        "year": 2024,
        "problem": "<p>Nợ đọng kéo dài.</p>",
        "solution": "Gửi tin nhắn hằng tuần.",
        "results": "<p>Giảm <b>30%</b> nợ.</p>",
        "scope": "province",
        "tags": ["chuyển đổi số"],
    },
    {
        "type": "story",
        "key": "bv-lan",
        "title": "Người giữ sổ của quận Ba Đình",
        "date": "2025-03-08",
        "body": "<h2>Một ngày</h2><p>Bắt đầu từ sáu giờ sáng.</p>",
        "summary": "Chân dung một chuyên viên thu.",
        "exemplars": ["ex-lan", "ex-dl"],
        "initiatives": ["sk-zalo"],
        "tags": ["tận tụy"],
        "author": "Trần Minh",
    },
    {
        "type": "conference",
        "key": "hn-2025",
        "name": "Hội nghị điển hình tiên tiến BHXH Hà Nội",
        "level": "province",
        "unit": "HN",
        "date": "2025-04-20",
        "capacity": 300,
        "summary": "Biểu dương 40 tập thể, cá nhân.",
    },
    {
        "type": "report",
        "key": "bc-tong-ket",
        "conference": "hn-2025",
        "title": "Báo cáo tổng kết",
        "kind": "summary",
        "body": "Năm năm phong trào thi đua.\nBa mươi gương điển hình & 12 sáng kiến.",
        "date": "2025-04-20",
    },
    {
        "type": "report",
        "key": "bc-lan",
        "conference": "hn-2025",
        "title": "Tham luận của chị Lan",
        "kind": "paper",
        "body": "<p>Kinh nghiệm thu nợ.</p>",
        "authors": ["ex-lan"],
    },
]


def write_jsonl(path: Path, records, *, raw_lines=()) -> Path:
    """Write records one per line; `raw_lines` are (index, text) inserted verbatim."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for index, text in raw_lines:
        lines.insert(index, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def numbered(records):
    return list(enumerate(records, start=1))


def large(count: int = 2000) -> list[dict]:
    """`count` records: 10% units, then exemplars, initiatives, stories, conferences, reports."""
    units = [{"type": "unit", "code": "VN", "name": "BHXH Việt Nam", "level": "sector"}]
    n_units, n_ex, n_sk, n_bv, n_hn = (int(count * f) for f in (0.1, 0.45, 0.25, 0.1, 0.05))
    for i in range(1, n_units):
        units.append(
            {
                "type": "unit",
                "code": f"P{i:03d}",
                "name": f"BHXH tỉnh số {i}",
                "level": "province",
                "parent": "VN",
                "cluster": f"Cụm {i % 7 + 1}",
                "staff_count": 100 + i,
            }
        )
    codes = [u["code"] for u in units[1:]]
    records = list(units)
    for i in range(n_ex):
        records.append(
            {
                "type": "exemplar",
                "key": f"ex-{i}",
                "kind": "individual",
                "name": f"Điển hình số {i % 300}",
                "unit": codes[i % len(codes)],
                "summary": "Hoàn thành xuất sắc nhiệm vụ.",
                "body": "<p>Nội dung.</p>",
                "fields": [f"Lĩnh vực {i % 12}"],
                "year": 2024,
                "tags": [f"thẻ {i % 30}"],
                "titles": [{"title": "Lao động tiên tiến", "year": 2024}],
            }
        )
    for i in range(n_sk):
        records.append(
            {
                "type": "initiative",
                "key": f"sk-{i}",
                "title": f"Sáng kiến {i}",
                "unit": codes[i % len(codes)],
                "summary": "Giảm thời gian.",
                "authors": [f"ex-{i}", f"ex-{i + 1}"],
                "fields": ["Lĩnh vực 1"],
                "solution": "<p>Làm khác đi.</p>",
                "scope": "unit",
            }
        )
    for i in range(n_bv):
        records.append(
            {
                "type": "story",
                "key": f"bv-{i}",
                "title": f"Bài {i}",
                "date": "2025-01-15",
                "body": "<p>Bài viết.</p>",
                "exemplars": [f"ex-{i}"],
                "initiatives": [f"sk-{i}"],
            }
        )
    for i in range(n_hn):
        records.append(
            {
                "type": "conference",
                "key": f"hn-{i}",
                "name": f"Hội nghị {i}",
                "level": "base",
                "unit": codes[i % len(codes)],
                "date": "2025-01-20",
            }
        )
    for i in range(count - len(records)):
        records.append(
            {
                "type": "report",
                "key": f"bc-{i}",
                "conference": f"hn-{i % n_hn}",
                "title": f"Tham luận {i}",
                "kind": "paper",
                "body": "<p>Tham luận.</p>",
                "authors": [f"ex-{i}"],
            }
        )
    return records


def database_state() -> dict:
    """What a user could see change: the full export plus the row counts behind it."""
    from io import StringIO

    from taggit.models import Tag
    from wagtail.models import Page, PageLogEntry, Revision

    from kb.emulation.models import EmulationGroup, EmulationMembership
    from kb.interchange.exporter import export_jsonl
    from kb.taxonomy.models import FieldOfWork, Title
    from kb.units.models import Unit

    out = StringIO()
    export_jsonl(out)
    models = (
        Page,
        Unit,
        Revision,
        PageLogEntry,
        Title,
        FieldOfWork,
        Tag,
        EmulationGroup,
        EmulationMembership,
    )
    return {"export": out.getvalue(), **{m.__name__: m.objects.count() for m in models}}

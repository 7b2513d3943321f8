"""Demo content for the knowledge base, as records of the JSON Lines interchange format.

Pure Python (no Django): `build_demo_records(seed)` returns a list of dicts in the order the
importer likes (units, parents first; exemplars; initiatives; stories; conferences; reports),
and `write_jsonl(records, path)` writes them one per line. Everything is drawn from the data
tables below by a `random.Random(seed)`, so a seed always gives the same file.

The people, figures and stories are invented; the provinces, districts, titles and fields of
work are real names of the sector.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections import defaultdict
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Catalogues (names exactly as the importer creates them)
# ---------------------------------------------------------------------------------------------

F_THU = "Thu BHXH, BHYT, BHTN"
F_STHE = "Cấp sổ BHXH, thẻ BHYT"
F_CS = "Thực hiện chính sách BHXH"
F_GD = "Giám định BHYT"
F_KHTC = "Kế hoạch - Tài chính"
F_CNTT = "Công nghệ thông tin"
F_KT = "Kiểm tra"
F_PC = "Pháp chế"
F_TT = "Tuyên truyền"
F_TCCB = "Tổ chức cán bộ"
F_CCHC = "Cải cách thủ tục hành chính"
F_GDDT = "Giao dịch điện tử"

FIELDS = [F_THU, F_STHE, F_CS, F_GD, F_KHTC, F_CNTT, F_KT, F_PC, F_TT, F_TCCB, F_CCHC, F_GDDT]

T_LDTT = "Lao động tiên tiến"
T_CSTDCS = "Chiến sĩ thi đua cơ sở"
T_CSTDN = "Chiến sĩ thi đua ngành BHXH"
T_CSTDTQ = "Chiến sĩ thi đua toàn quốc"
T_BK_TGD = "Bằng khen của Tổng Giám đốc BHXH Việt Nam"
T_BK_TTG = "Bằng khen của Thủ tướng Chính phủ"
T_TTLDXS = "Tập thể lao động xuất sắc"
T_CO_BHXH = "Cờ thi đua của BHXH Việt Nam"
T_CO_CP = "Cờ thi đua của Chính phủ"

INDIVIDUAL_TITLES = [T_LDTT, T_CSTDCS, T_CSTDN, T_CSTDTQ, T_BK_TGD, T_BK_TTG]
COLLECTIVE_TITLES = [T_TTLDXS, T_CO_BHXH, T_CO_CP, T_BK_TGD]

BLOCK_1 = "Khối thi đua số 1"
BLOCK_2 = "Khối thi đua số 2"
CLUSTERS = [f"Cụm thi đua số {n}" for n in range(1, 6)]

SECTOR_CODE = "BHXH-VN"
LAST_YEAR = 2026

# ---------------------------------------------------------------------------------------------
# Organisation
# ---------------------------------------------------------------------------------------------

# code, name, block, staff, fields of work its people cover, its divisions (for collectives)
CENTRAL_UNITS = [
    ("VN-TDKT", "Vụ Thi đua - Khen thưởng", BLOCK_1, 22, [F_TCCB], ["Phòng Thi đua"]),
    ("VN-TCCB", "Vụ Tổ chức cán bộ", BLOCK_1, 38, [F_TCCB], ["Phòng Tổ chức bộ máy"]),
    ("VN-TCKT", "Vụ Tài chính - Kế toán", BLOCK_1, 41, [F_KHTC], ["Phòng Kế toán quỹ"]),
    ("VN-PC", "Vụ Pháp chế", BLOCK_1, 19, [F_PC], ["Phòng Xây dựng văn bản"]),
    ("VN-KT", "Vụ Thanh tra - Kiểm tra", BLOCK_1, 44, [F_KT, F_PC], ["Phòng Kiểm tra thu"]),
    ("VN-THU", "Ban Thu", BLOCK_1, 46, [F_THU], ["Phòng Quản lý thu và nợ"]),
    ("VN-STHE", "Ban Sổ - Thẻ", BLOCK_1, 31, [F_STHE], ["Phòng Quản lý sổ BHXH"]),
    ("VN-CSXH", "Ban Thực hiện chính sách BHXH", BLOCK_1, 48, [F_CS], ["Phòng Chế độ dài hạn"]),
    ("VN-CSYT", "Ban Thực hiện chính sách BHYT", BLOCK_1, 52, [F_GD], ["Phòng Thanh toán"]),
    ("VN-VP", "Văn phòng", BLOCK_2, 112, [F_CCHC, F_TCCB], ["Phòng Tổng hợp"]),
    ("VN-TT", "Ban Truyền thông", BLOCK_2, 34, [F_TT], ["Phòng Truyền thông số"]),
    (
        "VN-CNTT",
        "Trung tâm Công nghệ thông tin",
        BLOCK_2,
        124,
        [F_CNTT, F_GDDT],
        ["Phòng Phát triển phần mềm", "Phòng Quản trị cơ sở dữ liệu"],
    ),
    (
        "VN-GDDT",
        "Trung tâm Giám định BHYT và Thanh toán đa tuyến",
        BLOCK_2,
        87,
        [F_GD, F_CNTT],
        ["Phòng Giám định điện tử"],
    ),
    (
        "VN-CSKH",
        "Trung tâm Chăm sóc khách hàng",
        BLOCK_2,
        63,
        [F_GDDT, F_CCHC, F_TT],
        ["Phòng Tư vấn qua tổng đài"],
    ),
    ("VN-TCBH", "Tạp chí Bảo hiểm xã hội", BLOCK_2, 29, [F_TT], ["Phòng Biên tập"]),
    ("VN-TDT", "Trường Đào tạo nghiệp vụ BHXH", BLOCK_2, 57, [F_TCCB], ["Phòng Đào tạo"]),
]

# code, name, short place name, cluster (1-5), staff, region, [(district code, district name)]
# Regions pick the ethnic-minority names: "north" (Tày, Thái, Mường, H'Mông names),
# "highland" (Ê Đê, Gia Rai names), "" (Kinh names only, a few Khmer in the south).
PROVINCES = [
    ("LCI", "BHXH tỉnh Lào Cai", "Lào Cai", 1, 310, "north", [("SPA", "BHXH thị xã Sa Pa")]),
    ("SLA", "BHXH tỉnh Sơn La", "Sơn La", 1, 340, "north", [("MCH", "BHXH huyện Mộc Châu")]),
    ("LSN", "BHXH tỉnh Lạng Sơn", "Lạng Sơn", 1, 290, "north", []),
    ("CBG", "BHXH tỉnh Cao Bằng", "Cao Bằng", 1, 260, "north", []),
    ("HGG", "BHXH tỉnh Hà Giang", "Hà Giang", 1, 270, "north", []),
    (
        "HNI",
        "BHXH thành phố Hà Nội",
        "Hà Nội",
        2,
        1720,
        "",
        [
            ("CGY", "BHXH quận Cầu Giấy"),
            ("DAN", "BHXH huyện Đông Anh"),
            ("BVI", "BHXH huyện Ba Vì"),
        ],
    ),
    ("HPG", "BHXH thành phố Hải Phòng", "Hải Phòng", 2, 560, "", []),
    (
        "QNH",
        "BHXH tỉnh Quảng Ninh",
        "Quảng Ninh",
        2,
        470,
        "",
        [("MCA", "BHXH thành phố Móng Cái"), ("CPH", "BHXH thành phố Cẩm Phả")],
    ),
    ("BNH", "BHXH tỉnh Bắc Ninh", "Bắc Ninh", 2, 390, "", []),
    ("NDH", "BHXH tỉnh Nam Định", "Nam Định", 2, 410, "", []),
    ("TBH", "BHXH tỉnh Thái Bình", "Thái Bình", 2, 400, "", []),
    (
        "THA",
        "BHXH tỉnh Thanh Hóa",
        "Thanh Hóa",
        3,
        720,
        "north",
        [
            ("HHA", "BHXH huyện Hoằng Hóa"),
            ("NSN", "BHXH thị xã Nghi Sơn"),
            ("BTH", "BHXH huyện Bá Thước"),
        ],
    ),
    (
        "NAN",
        "BHXH tỉnh Nghệ An",
        "Nghệ An",
        3,
        680,
        "north",
        [
            ("DCH", "BHXH huyện Diễn Châu"),
            ("CLO", "BHXH thị xã Cửa Lò"),
            ("QLU", "BHXH huyện Quỳnh Lưu"),
            ("CCG", "BHXH huyện Con Cuông"),
        ],
    ),
    ("HTH", "BHXH tỉnh Hà Tĩnh", "Hà Tĩnh", 3, 420, "", []),
    ("QBH", "BHXH tỉnh Quảng Bình", "Quảng Bình", 3, 330, "", []),
    ("DNG", "BHXH thành phố Đà Nẵng", "Đà Nẵng", 3, 380, "", []),
    ("QNM", "BHXH tỉnh Quảng Nam", "Quảng Nam", 3, 430, "", []),
    (
        "DLK",
        "BHXH tỉnh Đắk Lắk",
        "Đắk Lắk",
        4,
        450,
        "highland",
        [
            ("BMT", "BHXH thành phố Buôn Ma Thuột"),
            ("KPC", "BHXH huyện Krông Pắc"),
            ("EHL", "BHXH huyện Ea H'leo"),
        ],
    ),
    ("GLI", "BHXH tỉnh Gia Lai", "Gia Lai", 4, 400, "highland", []),
    ("KTM", "BHXH tỉnh Kon Tum", "Kon Tum", 4, 250, "highland", []),
    ("LDG", "BHXH tỉnh Lâm Đồng", "Lâm Đồng", 4, 360, "highland", []),
    (
        "HCM",
        "BHXH Thành phố Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        5,
        1950,
        "",
        [
            ("BTH", "BHXH quận Bình Thạnh"),
            ("TDC", "BHXH thành phố Thủ Đức"),
            ("CCI", "BHXH huyện Củ Chi"),
        ],
    ),
    (
        "CTO",
        "BHXH thành phố Cần Thơ",
        "Cần Thơ",
        5,
        390,
        "",
        [("NKI", "BHXH quận Ninh Kiều"), ("PDN", "BHXH huyện Phong Điền")],
    ),
    ("DNI", "BHXH tỉnh Đồng Nai", "Đồng Nai", 5, 640, "", []),
    ("BDG", "BHXH tỉnh Bình Dương", "Bình Dương", 5, 610, "", []),
    ("AGG", "BHXH tỉnh An Giang", "An Giang", 5, 430, "south", []),
    ("CMU", "BHXH tỉnh Cà Mau", "Cà Mau", 5, 320, "south", []),
    ("STG", "BHXH tỉnh Sóc Trăng", "Sóc Trăng", 5, 330, "south", []),
]

# Divisions of a province that exist as units (level department): province, code, name, field
DEPARTMENT_UNITS = [
    ("NAN", "QLT", "Phòng Quản lý thu", F_THU),
    ("NAN", "KTTN", "Phòng Khai thác và Thu nợ", F_THU),
    ("HNI", "CDBH", "Phòng Chế độ BHXH", F_CS),
    ("HCM", "GDYT", "Phòng Giám định BHYT", F_GD),
    ("THA", "CST", "Phòng Cấp sổ, thẻ", F_STHE),
    ("QNH", "CNTT", "Phòng Công nghệ thông tin", F_CNTT),
]

# One professional team of a district (level team): district code, code, name, field
TEAM_UNITS = [("NAN-DCH", "CST", "Tổ Cấp sổ, thẻ", F_STHE)]

# A field of work seen from a province (its division) and from a district (its team)
FIELD_PLACES = {
    F_THU: (["Phòng Quản lý thu", "Phòng Khai thác và Thu nợ"], "Tổ Quản lý thu"),
    F_STHE: (["Phòng Cấp sổ, thẻ"], "Tổ Cấp sổ, thẻ"),
    F_CS: (["Phòng Chế độ BHXH"], "Tổ Chế độ BHXH"),
    F_GD: (["Phòng Giám định BHYT"], "Tổ Giám định BHYT"),
    F_KHTC: (["Phòng Kế hoạch - Tài chính"], "Tổ Kế toán"),
    F_CNTT: (["Phòng Công nghệ thông tin"], "Tổ Tiếp nhận và Trả kết quả"),
    F_KT: (["Phòng Thanh tra - Kiểm tra"], "Tổ Quản lý thu"),
    F_PC: (["Văn phòng"], "Tổ Quản lý thu"),
    F_TT: (["Phòng Truyền thông và Phát triển đối tượng"], "Tổ Quản lý thu"),
    F_TCCB: (["Phòng Tổ chức cán bộ"], "Tổ Kế toán"),
    F_CCHC: (["Phòng Tiếp nhận và Quản lý hồ sơ"], "Tổ Tiếp nhận và Trả kết quả"),
    F_GDDT: (
        ["Phòng Tiếp nhận và Quản lý hồ sơ", "Phòng Công nghệ thông tin"],
        "Tổ Tiếp nhận và Trả kết quả",
    ),
}

DISTRICT_FIELDS = [F_THU, F_THU, F_STHE, F_CS, F_GD, F_CCHC, F_GDDT, F_TT, F_KHTC]
PROVINCE_FIELDS = FIELDS + [F_THU, F_CS, F_GD, F_STHE]

# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------

FAMILY_NAMES = (
    ["Nguyễn"] * 8
    + ["Trần"] * 4
    + ["Lê"] * 4
    + ["Phạm"] * 3
    + ["Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    + ["Đinh", "Trịnh", "Mai", "Cao", "Tạ", "Lương", "Chu"]
)
MALE_MIDDLE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thành", "Mạnh", "Tiến"]
MALE_GIVEN = [
    "Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Cường", "Thắng", "Sơn", "Trung", "Hiếu",
    "Khánh", "Phong", "Quân", "Tài", "Toàn", "Việt", "Bình", "Đạt", "Huy", "Lâm", "Nghĩa",
]  # fmt: skip
FEMALE_MIDDLE = ["Thị", "Thị", "Thu", "Thanh", "Ngọc", "Thùy", "Phương", "Hồng", "Kim", "Diệu"]
FEMALE_GIVEN = [
    "Lan", "Hương", "Hà", "Linh", "Trang", "Thảo", "Mai", "Hạnh", "Huyền", "Nga", "Dung",
    "Hằng", "Yến", "Oanh", "Nhung", "Vân", "Thủy", "Loan", "Hiền", "Quyên", "Ngân", "Trinh",
]  # fmt: skip
# Ethnic-minority names by province: (share of the province's staff drawn with such a name,
# family names of the peoples living there: H'Mông, Dao, Tày, Nùng, Thái, Mường).
PROVINCE_MINORITY: dict[str, tuple[float, list[str]]] = {
    "LCI": (0.45, ["Giàng", "Sùng", "Vàng", "Lý", "Hoàng"]),
    "HGG": (0.5, ["Giàng", "Sùng", "Vàng", "Nông", "Hoàng"]),
    "SLA": (0.5, ["Lò", "Lường", "Quàng", "Cầm", "Tòng"]),
    "LSN": (0.5, ["Nông", "Lục", "Hoàng", "Vi", "Lương"]),
    "CBG": (0.5, ["Nông", "Lục", "Hoàng", "Đàm", "Bế"]),
    "THA": (0.1, ["Hà", "Lò", "Lương", "Quách", "Cầm"]),
    "NAN": (0.1, ["Lô", "Vi", "Lương", "Lữ", "Ngân"]),
    "DLK": (0.35, []),
    "GLI": (0.35, []),
    "KTM": (0.4, []),
    "LDG": (0.25, []),
    "AGG": (0.2, []),
    "STG": (0.3, []),
    "CMU": (0.15, []),
}
MOUNTAIN_DISTRICTS = {"NAN-CCG", "THA-BTH", "SLA-MCH", "LCI-SPA", "DLK-EHL", "DLK-KPC"}
HIGHLAND_MALE = ["Y Thông", "Y Khoa", "Y Phun", "Y Blô", "Y Thuật", "Y Nguyên"]
HIGHLAND_FEMALE = ["H'Hen", "H'Yâm", "H'Ruôn", "H'Nga", "H'Bla", "H'Luyến"]
HIGHLAND_FAMILY = ["Niê", "Êban", "Mlô", "Ayun", "Byă", "Knul", "Kpă"]
SOUTH_MINORITY = {  # Khmer names of the Mekong delta: (full name, name used in address)
    "male": [("Thạch Sô Phal", "Sô Phal"), ("Danh Sơn", "Sơn"), ("Lâm Văn Sóc", "Sóc"),
             ("Sơn Văn Ly", "Ly"), ("Kim Sang", "Sang")],
    "female": [("Thạch Thị Sa Ry", "Sa Ry"), ("Danh Thị Sà Nâng", "Sà Nâng"),
               ("Kim Thị Sa Rương", "Sa Rương"), ("Sơn Thị Phi", "Phi")],
}  # fmt: skip

# A second field of work that goes naturally with the first
RELATED_FIELDS = {
    F_THU: [F_TT, F_GDDT, F_KT, F_STHE],
    F_STHE: [F_GDDT, F_THU, F_CCHC],
    F_CS: [F_CCHC, F_GDDT, F_TT],
    F_GD: [F_CNTT, F_KT],
    F_KHTC: [F_CNTT, F_KT],
    F_CNTT: [F_GDDT, F_CCHC],
    F_KT: [F_PC, F_THU],
    F_PC: [F_KT, F_TT],
    F_TT: [F_THU, F_CCHC],
    F_TCCB: [F_TT, F_CNTT],
    F_CCHC: [F_GDDT, F_TT],
    F_GDDT: [F_CCHC, F_CNTT],
}

STORY_AUTHORS = [
    "Minh Anh", "Hoàng Yến", "Thu Trang", "Đức Hạnh", "Ngọc Lan", "Quang Huy", "Phương Thảo",
    "Văn Khánh", "Hải Đăng", "Mai Hương",
]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _num(value: float, decimals: int = 0) -> str:
    """A number the Vietnamese way: 12.500 and 98,7."""
    if decimals:
        whole, frac = f"{value:.{decimals}f}".split(".")
        return f"{_num(int(whole))},{frac}"
    return f"{int(round(value)):,}".replace(",", ".")


def _p(*sentences: str) -> str:
    return "<p>" + " ".join(s.strip() for s in sentences if s.strip()) + "</p>"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _low(text: str) -> str:
    """A job title mid-sentence: staff roles lower-case, leaders' titles as written."""
    first = text.split(" ")[0]
    if first in {"Chuyên", "Viên", "Kế", "Kỹ", "Giám", "Cán", "Nhân", "Thanh", "Biên"}:
        if text.startswith(("Giám đốc", "Giám định")) and not text.startswith("Giám định viên"):
            return text
        return text[:1].lower() + text[1:]
    return text


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _figures(rng: random.Random, year: int) -> dict[str, str]:
    """One draw of every figure a template may ask for."""
    days_old = rng.randint(7, 20)
    return {
        "y": str(year),
        "prev": str(year - 1),
        "rate": _num(rng.uniform(98.2, 103.5), 1),
        "debt_drop": str(rng.randint(12, 46)),
        "debt_low": _num(rng.uniform(0.6, 2.4), 1),
        "money": _num(rng.uniform(1.2, 38.0), 1),
        "recovered": _num(rng.uniform(0.3, 6.5), 1),
        "n_meet": str(rng.randint(12, 85)),
        "n_people": _num(rng.randint(6, 95) * 100 + rng.randint(0, 99)),
        "grow": str(rng.randint(9, 48)),
        "cover": _num(rng.uniform(91.0, 97.5), 1),
        "files": _num(rng.randint(18, 420) * 100 + rng.randint(0, 99)),
        "days_old": str(days_old),
        "days_new": str(rng.randint(1, max(2, days_old // 3))),
        "dups": _num(rng.randint(40, 900)),
        "pct": _num(rng.uniform(88.0, 99.6), 1),
        "n_units": _num(rng.randint(45, 680)),
        "n_units2": str(rng.randint(8, 63)),
        "n_hosp": str(rng.randint(12, 140)),
        "hours": str(rng.randint(40, 260)),
        "n_tools": str(rng.randint(3, 9)),
        "uptime": _num(rng.uniform(99.5, 99.99), 2),
        "n_big": _num(rng.randint(120, 2400)),
        "checks": str(rng.randint(18, 95)),
        "n_letters": str(rng.randint(6, 60)),
        "n_docs": str(rng.randint(15, 70)),
        "n_cases": str(rng.randint(3, 24)),
        "followers": _num(rng.randint(12, 160) * 1000),
        "n_cards": _num(rng.randint(30, 900)),
        "n_books": str(rng.randint(10, 150)),
        "n_units_small": str(rng.randint(4, 18)),
        "n_courses": str(rng.randint(6, 40)),
        "n_staff": _num(rng.randint(300, 4200)),
        "cash": str(rng.randint(5, 60)),
        "n_blood": str(rng.randint(8, 31)),
        "members": str(rng.randint(9, 42)),
        "calls": _num(rng.randint(20, 400) * 100),
        "minutes": str(rng.randint(3, 15)),
    }


# ---------------------------------------------------------------------------------------------
# What the exemplars did, per field of work. {S}/{s}: the subject at the start / in the middle
# of a sentence ("Chị Lan" / "chị Lan", "Đơn vị" / "đơn vị"); the rest are `_figures()`.
# ---------------------------------------------------------------------------------------------

FIELD_TEXT: dict[str, dict[str, list[str]]] = {
    F_THU: {
        "phrase": ["công tác thu và phát triển người tham gia"],
        "hooks": [
            "giữ tỷ lệ nợ đóng BHXH dưới {debt_low}% số phải thu nhiều năm liền",
            "đã vận động thêm {n_people} lao động tham gia BHXH bắt buộc chỉ trong một năm",
            "góp phần đưa số người tham gia BHXH tự nguyện trên địa bàn tăng {grow}%",
        ],
        "facts": [
            "Năm {y}, tỷ lệ thu BHXH, BHYT, BHTN trên địa bàn {s} phụ trách đạt {rate}% kế "
            "hoạch được giao, cao hơn mức bình quân của tỉnh.",
            "Số tiền chậm đóng giảm {debt_drop}% so với năm {prev}; riêng khoản nợ kéo dài trên "
            "ba tháng đã thu hồi được {money} tỷ đồng.",
            "Qua {n_meet} buổi làm việc trực tiếp với chủ doanh nghiệp, {s} đã vận động thêm "
            "{n_people} lao động tham gia BHXH bắt buộc.",
            "Số người tham gia BHXH tự nguyện tăng {grow}% nhờ cách làm bám sát từng thôn, tổ dân "
            "phố và phối hợp chặt chẽ với nhân viên đại lý thu.",
            "Tỷ lệ bao phủ BHYT trên địa bàn đạt {cover}% dân số, vượt chỉ tiêu cấp ủy giao.",
        ],
        "journey": ["gõ cửa từng doanh nghiệp nợ đóng", "đưa BHXH tự nguyện về từng thôn xóm"],
    },
    F_STHE: {
        "phrase": ["công tác cấp sổ BHXH, thẻ BHYT"],
        "hooks": [
            "rút thời gian cấp lại thẻ BHYT xuống còn {days_new} ngày làm việc",
            "làm sạch dữ liệu của {n_people} người tham gia mà không để phát sinh sai sót",
        ],
        "facts": [
            "Trong năm {y}, {s} đã giải quyết đúng hạn {files} hồ sơ cấp mới, cấp lại sổ BHXH và "
            "thẻ BHYT, không có hồ sơ nào phải điều chỉnh vì sai sót.",
            "Thời gian cấp lại thẻ BHYT được rút từ {days_old} ngày xuống còn {days_new} ngày làm "
            "việc.",
            "{S} đã rà soát dữ liệu của {n_people} người tham gia, phát hiện và xử lý {dups} "
            "trường hợp trùng mã số BHXH.",
            "Tỷ lệ người tham gia trên địa bàn đã cài đặt và sử dụng ứng dụng VssID đạt {pct}%.",
        ],
        "journey": ["làm sạch từng dòng dữ liệu", "giữ cho mỗi tấm thẻ đến đúng người"],
    },
    F_CS: {
        "phrase": ["công tác giải quyết chế độ BHXH"],
        "hooks": [
            "giải quyết {files} hồ sơ hưởng chế độ trong năm mà không có hồ sơ nào trễ hạn",
            "đưa tỷ lệ chi trả lương hưu qua tài khoản cá nhân lên {pct}%",
        ],
        "facts": [
            "Năm {y}, {s} đã giải quyết {files} hồ sơ hưởng chế độ ốm đau, thai sản, dưỡng sức "
            "phục hồi sức khỏe, tất cả đều trước hạn.",
            "Thời gian giải quyết hồ sơ hưởng lương hưu giảm từ {days_old} ngày xuống {days_new} "
            "ngày, người lao động nhận quyết định ngay trong tháng nghỉ hưu.",
            "Tỷ lệ người hưởng lương hưu, trợ cấp BHXH nhận tiền qua tài khoản cá nhân đạt {pct}%, "
            "tăng {grow} điểm phần trăm so với năm trước.",
            "{S} đã chủ động liên hệ {n_units} doanh nghiệp để tư vấn cho người lao động cân nhắc "
            "kỹ trước khi nhận BHXH một lần.",
        ],
        "journey": ["đưa chế độ đến tận tay người hưởng", "giữ lời hẹn với người về hưu"],
    },
    F_GD: {
        "phrase": ["công tác giám định BHYT"],
        "hooks": [
            "phát hiện và từ chối thanh toán {money} tỷ đồng chi phí khám chữa bệnh sai quy định",
            "giám định {files} hồ sơ khám chữa bệnh, bảo đảm quyền lợi người bệnh",
        ],
        "facts": [
            "Qua giám định, {s} đã phát hiện và từ chối thanh toán {money} tỷ đồng chi phí khám "
            "chữa bệnh BHYT không đúng quy định.",
            "Năm {y}, {s} thực hiện giám định {files} hồ sơ khám chữa bệnh BHYT, vừa bảo đảm quyền "
            "lợi người bệnh, vừa giữ quỹ được sử dụng đúng mục đích.",
            "Tỷ lệ hồ sơ được cơ sở khám chữa bệnh gửi dữ liệu điện tử đúng hạn lên Hệ thống thông "
            "tin giám định đạt {pct}%.",
            "Việc tạm ứng, thanh quyết toán với {n_hosp} cơ sở khám chữa bệnh trên địa bàn đều "
            "bảo đảm đúng thời hạn.",
        ],
        "journey": ["giữ quỹ khám chữa bệnh", "soi từng dòng chi phí bất thường"],
    },
    F_KHTC: {
        "phrase": ["công tác kế hoạch - tài chính"],
        "hooks": [
            "quyết toán {money} tỷ đồng chi trả chế độ không có sai sót",
            "chuyển toàn bộ việc đối chiếu chứng từ sang môi trường điện tử",
        ],
        "facts": [
            "Năm {y}, {s} đã quyết toán {money} tỷ đồng chi trả các chế độ BHXH, BHYT, số liệu "
            "khớp đúng khi được kiểm toán.",
            "Tỷ lệ giải ngân vốn đầu tư được giao đạt {pct}%.",
            "Việc chuyển sang đối chiếu chứng từ điện tử giúp tiết kiệm {hours} giờ công mỗi "
            "tháng.",
        ],
        "journey": ["cân đối từng đồng quỹ", "làm cho con số biết nói"],
    },
    F_CNTT: {
        "phrase": ["công tác công nghệ thông tin"],
        "hooks": [
            "xây dựng {n_tools} công cụ hỗ trợ nghiệp vụ đang được dùng ở {n_units2} đơn vị",
            "giữ hệ thống vận hành ổn định với thời gian hoạt động đạt {uptime}%",
        ],
        "facts": [
            "{S} đã xây dựng {n_tools} công cụ hỗ trợ nghiệp vụ, hiện được sử dụng tại {n_units2} "
            "đơn vị trong ngành.",
            "Hệ thống máy chủ, đường truyền do {s} quản trị vận hành ổn định, thời gian hoạt động "
            "đạt {uptime}%.",
            "{S} tham gia kết nối cơ sở dữ liệu quốc gia về bảo hiểm với cơ sở dữ liệu quốc gia về "
            "dân cư, đã xác thực {n_big} nghìn thông tin nhân thân.",
        ],
        "journey": ["viết phần mềm cho đồng nghiệp", "giữ cho hệ thống không ngừng chạy"],
    },
    F_KT: {
        "phrase": ["công tác thanh tra, kiểm tra"],
        "hooks": [
            "chủ trì {checks} cuộc thanh tra, kiểm tra, yêu cầu truy đóng {money} tỷ đồng",
            "kiến nghị thu hồi {recovered} tỷ đồng chi sai chế độ",
        ],
        "facts": [
            "Năm {y}, {s} chủ trì {checks} cuộc thanh tra, kiểm tra chuyên ngành việc đóng BHXH, "
            "qua đó yêu cầu các đơn vị truy đóng {money} tỷ đồng.",
            "{S} kiến nghị thu hồi {recovered} tỷ đồng chi sai chế độ; {pct}% kiến nghị đã được "
            "các đơn vị thực hiện.",
            "Không để phát sinh đơn thư vượt cấp; {n_letters} đơn thư được giải quyết đúng hạn, "
            "đúng quy định.",
        ],
        "journey": ["đi đến cùng từng vụ việc", "làm rõ từng đồng chi sai"],
    },
    F_PC: {
        "phrase": ["công tác pháp chế"],
        "hooks": [
            "tham mưu khởi kiện {n_cases} doanh nghiệp nợ đóng BHXH kéo dài",
            "thẩm định {n_docs} dự thảo văn bản với những góp ý sát thực tiễn",
        ],
        "facts": [
            "{S} đã thẩm định {n_docs} dự thảo văn bản, kịp thời đề xuất sửa những quy định còn "
            "vướng khi áp dụng.",
            "{S} tham mưu khởi kiện {n_cases} doanh nghiệp trốn đóng, chậm đóng BHXH kéo dài, thu "
            "hồi {money} tỷ đồng cho quỹ.",
            "Năm {y}, {s} tổ chức {n_meet} buổi phổ biến pháp luật cho người lao động và chủ sử "
            "dụng lao động.",
        ],
        "journey": ["gỡ vướng cho những hồ sơ khó", "bảo vệ quyền lợi người lao động trước tòa"],
    },
    F_TT: {
        "phrase": ["công tác tuyên truyền"],
        "hooks": [
            "tổ chức {n_meet} hội nghị đối thoại, vận động {n_people} người tham gia BHXH tự "
            "nguyện và BHYT hộ gia đình",
            "vận động tặng {n_cards} thẻ BHYT cho người có hoàn cảnh khó khăn",
        ],
        "facts": [
            "Năm {y}, {s} đã tổ chức {n_meet} hội nghị tuyên truyền, đối thoại trực tiếp với "
            "người dân, qua đó vận động {n_people} người tham gia BHXH tự nguyện và BHYT hộ gia "
            "đình.",
            "Các kênh mạng xã hội do {s} phụ trách hiện có hơn {followers} người theo dõi.",
            "{S} phối hợp với Hội Liên hiệp Phụ nữ, Đoàn Thanh niên vận động tặng {n_cards} thẻ "
            "BHYT và {n_books} sổ BHXH cho người có hoàn cảnh khó khăn.",
        ],
        "journey": ["mang BHXH về thôn, bản", "kể chuyện chính sách bằng lời của người dân"],
    },
    F_TCCB: {
        "phrase": ["công tác tổ chức cán bộ"],
        "hooks": [
            "tổ chức {n_courses} lớp bồi dưỡng cho {n_staff} lượt viên chức",
            "số hóa toàn bộ hồ sơ cán bộ và hồ sơ thi đua của đơn vị",
        ],
        "facts": [
            "{S} tham mưu sắp xếp lại {n_units_small} đầu mối phòng, tổ theo đúng lộ trình mà "
            "công việc không bị gián đoạn.",
            "Năm {y}, {s} tổ chức {n_courses} lớp bồi dưỡng nghiệp vụ cho {n_staff} lượt viên "
            "chức.",
            "Hồ sơ thi đua, khen thưởng được số hóa {pct}%, thời gian trình khen rút từ "
            "{days_old} xuống {days_new} ngày.",
        ],
        "journey": ["xây dựng đội ngũ", "giữ lửa cho phong trào thi đua"],
    },
    F_CCHC: {
        "phrase": ["công tác cải cách thủ tục hành chính"],
        "hooks": [
            "trả kết quả {files} hồ sơ trong năm mà không có hồ sơ nào trễ hạn",
            "góp phần đưa mức hài lòng của người dân lên {pct}%",
        ],
        "facts": [
            "Tại bộ phận một cửa, {s} tiếp nhận và trả kết quả {files} hồ sơ trong năm {y}, không "
            "có hồ sơ trễ hạn.",
            "Thời gian trung bình xử lý một hồ sơ giảm từ {days_old} ngày xuống {days_new} ngày.",
            "Mức độ hài lòng của người dân khi đến giao dịch đạt {pct}% theo phiếu khảo sát.",
        ],
        "journey": ["bớt một lần người dân phải đi lại", "làm cho thủ tục nhẹ đi"],
    },
    F_GDDT: {
        "phrase": ["công tác giao dịch điện tử"],
        "hooks": [
            "đưa tỷ lệ đơn vị giao dịch điện tử lên {pct}%",
            "hướng dẫn {n_units} đơn vị chuyển sang nộp hồ sơ trên Cổng dịch vụ công quốc gia",
        ],
        "facts": [
            "Tỷ lệ đơn vị sử dụng lao động giao dịch điện tử với cơ quan BHXH đạt {pct}%.",
            "{S} đã hướng dẫn {n_units} đơn vị chuyển sang nộp hồ sơ qua Cổng dịch vụ công quốc "
            "gia.",
            "Số hồ sơ tiếp nhận qua giao dịch điện tử năm {y} tăng {grow}% so với năm {prev}, "
            "giảm hẳn số lượt người dân phải đến trụ sở.",
        ],
        "journey": ["đưa giao dịch lên môi trường số", "giúp người dân làm thủ tục không cần đến"],
    },
}

# The same fields seen from a department of BHXH Việt Nam, which guides the provinces rather
# than serving people directly.
CENTRAL_TEXT: dict[str, dict[str, list[str]]] = {
    F_THU: {
        "hooks": [
            "tham mưu văn bản hướng dẫn giúp các địa phương giảm {debt_drop}% số nợ kéo dài",
            "xây dựng bộ chỉ tiêu theo dõi thu đang được {n_units2} tỉnh, thành phố áp dụng",
        ],
        "facts": [
            "{S} chủ trì xây dựng {n_docs} văn bản hướng dẫn nghiệp vụ thu, giải đáp kịp thời "
            "vướng mắc của các địa phương.",
            "Năm {y}, {s} tham gia {checks} đoàn công tác làm việc với các tỉnh có tỷ lệ nợ cao, "
            "góp phần đưa số nợ kéo dài toàn ngành giảm {debt_drop}%.",
            "Bộ chỉ tiêu theo dõi thu do {s} đề xuất hiện được {n_units2} tỉnh, thành phố sử dụng "
            "hằng tháng.",
        ],
    },
    F_TT: {
        "hooks": [
            "phối hợp thực hiện {n_meet} chương trình truyền thông trên báo chí, truyền hình",
            "góp phần đưa các kênh mạng xã hội của ngành lên hơn {followers} người theo dõi",
        ],
        "facts": [
            "Năm {y}, {s} phối hợp với các cơ quan báo chí thực hiện {n_meet} chương trình, "
            "chuyên trang về chính sách BHXH, BHYT.",
            "Các kênh mạng xã hội của ngành do {s} tham gia quản trị có hơn {followers} người "
            "theo dõi.",
            "{S} biên tập {n_docs} ấn phẩm, tờ gấp để các địa phương dùng trong hội nghị đối "
            "thoại với người dân.",
        ],
    },
    F_CS: {
        "hooks": [
            "tham mưu giải quyết dứt điểm {n_letters} hồ sơ vướng mắc kéo dài của các địa phương",
            "xây dựng quy trình giúp rút thời gian xét duyệt hồ sơ hưởng từ {days_old} xuống "
            "{days_new} ngày",
        ],
        "facts": [
            "{S} trực tiếp xử lý {n_letters} hồ sơ vướng mắc kéo dài do các tỉnh gửi về, không "
            "để hồ sơ nào quá hạn.",
            "Quy trình xét duyệt do {s} tham mưu giúp thời gian giải quyết hồ sơ hưởng giảm từ "
            "{days_old} xuống {days_new} ngày.",
            "Năm {y}, {s} tham gia soạn thảo {n_docs} văn bản hướng dẫn thực hiện chế độ BHXH.",
        ],
    },
    F_GD: {
        "hooks": [
            "phân tích dữ liệu, chỉ ra {money} tỷ đồng chi phí khám chữa bệnh bất thường",
            "xây dựng {n_tools} quy tắc giám định tự động dùng chung cho các tỉnh",
        ],
        "facts": [
            "Năm {y}, {s} phân tích dữ liệu đề nghị thanh toán của {n_hosp} cơ sở khám chữa bệnh, "
            "chỉ ra {money} tỷ đồng chi phí cần giám định lại.",
            "{S} xây dựng {n_tools} quy tắc giám định tự động, hiện được dùng chung trên hệ thống.",
            "Tỷ lệ hồ sơ được giám định tự động trên hệ thống đạt {pct}%.",
        ],
    },
    F_STHE: {
        "hooks": [
            "chuẩn hóa dữ liệu của {n_big} nghìn người tham gia trên cơ sở dữ liệu ngành",
            "tham mưu rút thời gian cấp lại thẻ BHYT trong toàn ngành xuống còn {days_new} ngày",
        ],
        "facts": [
            "{S} tham gia chuẩn hóa dữ liệu của {n_big} nghìn người tham gia, đối chiếu với cơ sở "
            "dữ liệu quốc gia về dân cư.",
            "Năm {y}, {s} hướng dẫn các tỉnh xử lý {dups} trường hợp trùng mã số BHXH.",
            "Tỷ lệ người tham gia sử dụng thẻ BHYT trên ứng dụng VssID trong toàn ngành đạt "
            "{pct}%.",
        ],
    },
    F_CCHC: {
        "hooks": [
            "tham mưu cắt giảm, đơn giản hóa {n_docs} thành phần hồ sơ thủ tục hành chính",
            "góp phần đưa mức hài lòng của người dân với ngành lên {pct}%",
        ],
        "facts": [
            "Năm {y}, {s} tham mưu cắt giảm, đơn giản hóa {n_docs} thành phần hồ sơ thủ tục hành "
            "chính.",
            "Tổng đài và các kênh hỗ trợ đã trả lời {calls} lượt hỏi của người dân, doanh nghiệp.",
            "Mức độ hài lòng của người dân đối với sự phục vụ của ngành đạt {pct}%.",
        ],
    },
    F_GDDT: {
        "hooks": [
            "hỗ trợ {calls} lượt người dân, doanh nghiệp giao dịch điện tử qua tổng đài",
            "góp phần đưa tỷ lệ hồ sơ giao dịch điện tử toàn ngành lên {pct}%",
        ],
        "facts": [
            "Năm {y}, {s} hỗ trợ {calls} lượt người dân, doanh nghiệp giải quyết vướng mắc khi "
            "giao dịch điện tử.",
            "Tỷ lệ hồ sơ giao dịch điện tử trong toàn ngành đạt {pct}%.",
            "Thời gian chờ trung bình của người gọi tổng đài giảm còn khoảng {minutes} phút.",
        ],
    },
}


def _text(field: str, unit: dict) -> dict[str, list[str]]:
    """Phrases, hooks, facts and journeys for a field, as seen from this unit's level."""
    if unit["level"] == "central" and field in CENTRAL_TEXT:
        return {**FIELD_TEXT[field], **CENTRAL_TEXT[field]}
    return FIELD_TEXT[field]


INTRO_INDIVIDUAL = [
    "{name} về công tác tại {unit} từ năm {start}, hiện là {position}.",
    "Sau {years} năm gắn bó với ngành, {name} hiện đảm nhận vị trí {position} tại {unit}.",
    "Là {position} tại {unit}, {name} được giao phụ trách {phrase}.",
]
INTRO_COLLECTIVE = [
    "{name} có {members} cán bộ, viên chức, phụ trách {phrase}.",
    "Với {members} người, phần đông còn trẻ, {name} được giao {phrase}.",
    "Tập thể {members} cán bộ, viên chức của {name} năm nào cũng đặt mục tiêu cao hơn năm "
    "trước trong {phrase}.",
]
CLOSING_INDIVIDUAL = [
    "Bằng sự tận tụy và tinh thần luôn tìm cách làm mới, {s} nhiều năm liền hoàn thành xuất "
    "sắc nhiệm vụ.",
    "Đồng nghiệp nhận xét {s} cẩn thận, chịu khó học hỏi và sẵn sàng chia sẻ kinh nghiệm với "
    "viên chức trẻ.",
    "Ngoài chuyên môn, {s} còn tích cực tham gia hoạt động công đoàn, đoàn thanh niên của đơn vị.",
    "{S} luôn tâm niệm mỗi hồ sơ là quyền lợi của một người lao động nên không để việc tồn qua "
    "ngày.",
]
CLOSING_COLLECTIVE = [
    "Tập thể đoàn kết, không có cá nhân vi phạm kỷ luật, nhiều năm liền hoàn thành xuất sắc "
    "nhiệm vụ.",
    "Mỗi năm tập thể đăng ký ít nhất một sáng kiến và đều đưa vào áp dụng trong thực tế.",
    "Đơn vị duy trì giao ban ngắn đầu tuần để gỡ ngay các vướng mắc, không để việc dồn cuối tháng.",
]
GOOD_DEEDS = [
    "Năm {y}, {s} nhặt được chiếc túi có {cash} triệu đồng cùng nhiều giấy tờ và đã tìm được "
    "người đánh rơi để trả lại.",
    "{S} đã {n_blood} lần hiến máu tình nguyện và thường đến tận nhà hướng dẫn thủ tục cho người "
    "cao tuổi, người khuyết tật.",
    "Từ tiền lương của mình, {s} mua tặng {n_cards} thẻ BHYT cho học sinh nghèo ở địa phương.",
    "Nhiều lần {s} mang hồ sơ đến tận giường bệnh để giải quyết chế độ cho người lao động bị "
    "tai nạn.",
]
QUOTES = [
    "Làm chậm một ngày là người dân phải chờ thêm một ngày",
    "Số liệu có đúng thì người tham gia mới yên tâm",
    "Không có việc nhỏ khi đó là quyền lợi của người lao động",
    "Mình hiểu việc thì mới giải thích được cho dân hiểu",
    "Cách làm mới nào cũng bắt đầu từ một lần thấy người dân phải đi lại nhiều",
    "Thi đua không phải để lấy thành tích, mà để việc chung chạy tốt hơn",
]
TAG_POOL = {
    F_THU: ["thu nợ", "BHXH tự nguyện"],
    F_STHE: ["VssID", "dữ liệu"],
    F_CS: ["lương hưu", "chi trả không dùng tiền mặt"],
    F_GD: ["quỹ BHYT"],
    F_KHTC: ["tài chính"],
    F_CNTT: ["chuyển đổi số"],
    F_KT: ["thanh tra"],
    F_PC: ["pháp luật"],
    F_TT: ["truyền thông"],
    F_TCCB: ["đào tạo"],
    F_CCHC: ["một cửa"],
    F_GDDT: ["chuyển đổi số", "dịch vụ công"],
}


# ---------------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------------


def _build_units(rng: random.Random) -> tuple[list[dict], dict[str, dict]]:
    """Unit records (parents first) and, per code, what the other builders need to know."""
    records: list[dict] = []
    info: dict[str, dict] = {}

    def add(record: dict, **meta) -> None:
        records.append(record)
        info[record["code"]] = {**record, **meta}

    add(
        {
            "type": "unit",
            "code": SECTOR_CODE,
            "name": "Bảo hiểm xã hội Việt Nam",
            "level": "sector",
        },
        full="BHXH Việt Nam",
        province=None,
        region="",
        fields=FIELDS,
    )
    for code, name, block, staff, fields, divisions in CENTRAL_UNITS:
        add(
            {
                "type": "unit",
                "code": code,
                "name": name,
                "level": "central",
                "parent": SECTOR_CODE,
                "block": block,
                "staff_count": staff,
            },
            full="Văn phòng BHXH Việt Nam" if name == "Văn phòng" else f"{name}, BHXH Việt Nam",
            label="Văn phòng BHXH Việt Nam" if name == "Văn phòng" else name,
            province=None,
            region="",
            fields=fields,
            divisions=divisions,
        )
    for code, name, place, cluster, staff, region, _districts in PROVINCES:
        add(
            {
                "type": "unit",
                "code": code,
                "name": name,
                "level": "province",
                "parent": SECTOR_CODE,
                "cluster": CLUSTERS[cluster - 1],
                "staff_count": staff,
            },
            full=name,
            province=code,
            place=place,
            region=region,
            fields=PROVINCE_FIELDS,
        )
    for code, _name, place, _cluster, staff, region, districts in PROVINCES:
        for dcode, dname in districts:
            dstaff = max(14, min(85, staff // 28 + rng.randint(-4, 16)))
            add(
                {
                    "type": "unit",
                    "code": f"{code}-{dcode}",
                    "name": dname,
                    "level": "district",
                    "parent": code,
                    "staff_count": dstaff,
                },
                full=f"{dname} ({place})",
                province=code,
                place=place,
                region=region,
                fields=DISTRICT_FIELDS,
            )
    for pcode, dcode, name, field in DEPARTMENT_UNITS:
        parent = info[pcode]
        add(
            {
                "type": "unit",
                "code": f"{pcode}-{dcode}",
                "name": name,
                "level": "department",
                "parent": pcode,
                "staff_count": rng.randint(12, 34),
            },
            full=f"{name}, {parent['name']}",
            label=f"{name}, {parent['name']}",
            parent_full=parent["full"],
            province=pcode,
            place=parent["place"],
            region=parent["region"],
            fields=[field],
        )
    for dcode, tcode, name, field in TEAM_UNITS:
        parent = info[dcode]
        add(
            {
                "type": "unit",
                "code": f"{dcode}-{tcode}",
                "name": name,
                "level": "team",
                "parent": dcode,
                "staff_count": rng.randint(5, 9),
            },
            full=f"{name}, {parent['name']} ({parent['place']})",
            label=f"{name}, {parent['name']}",
            parent_full=parent["full"],
            province=parent["province"],
            place=parent["place"],
            region=parent["region"],
            fields=[field],
        )
    return records, info


# ---------------------------------------------------------------------------------------------
# Exemplars
# ---------------------------------------------------------------------------------------------


def _person_name(
    rng: random.Random, gender: str, minority: str, province: str | None = None
) -> tuple[str, str]:
    """(full name, the name colleagues call the person by)."""
    if minority == "highland":
        given = rng.choice(HIGHLAND_FEMALE if gender == "female" else HIGHLAND_MALE)
        return f"{given} {rng.choice(HIGHLAND_FAMILY)}", given
    if minority == "south":
        full, call = rng.choice(SOUTH_MINORITY[gender])
        return full, call
    if minority == "north":
        family = rng.choice(PROVINCE_MINORITY.get(province or "", (0, ["Lò", "Vi"]))[1])
        middle = rng.choice(["Thị", "Thị", "Thu"] if gender == "female" else ["Văn", "Văn", "Đức"])
    else:
        family = rng.choice(FAMILY_NAMES)
        middle = rng.choice(FEMALE_MIDDLE if gender == "female" else MALE_MIDDLE)
    given = rng.choice(FEMALE_GIVEN if gender == "female" else MALE_GIVEN)
    if middle == given:
        middle = "Thị" if gender == "female" else "Văn"
    return f"{family} {middle} {given}", given


def _leader_title(unit: dict) -> str:
    name = unit["name"]
    if name.startswith("Vụ"):
        return "Phó Vụ trưởng"
    if name.startswith("Ban"):
        return "Phó Trưởng ban"
    if name.startswith("Văn phòng"):
        return "Phó Chánh Văn phòng"
    if name.startswith("Tạp chí"):
        return "Phó Tổng Biên tập"
    return "Phó Giám đốc"


def _staff_role(field: str) -> str:
    return {
        F_GD: "Giám định viên",
        F_KHTC: "Kế toán viên",
        F_CNTT: "Kỹ sư",
        F_KT: "Thanh tra viên",
    }.get(field, "Chuyên viên")


def _position(rng: random.Random, unit: dict, field: str, leader: bool) -> str:
    level = unit["level"]
    if level == "central":
        division = rng.choice(unit["divisions"])
        if leader:
            return rng.choice([_leader_title(unit), "Trưởng " + division[0].lower() + division[1:]])
        if unit["code"] == "VN-TCBH":
            return f"Biên tập viên {division}"
        if unit["code"] == "VN-TDT":
            return f"Giảng viên {division}"
        return rng.choice(["Chuyên viên chính", f"{_staff_role(field)} {division}"])
    if level == "province":
        phong = rng.choice(FIELD_PLACES[field][0])
        if leader:
            if phong == "Văn phòng":
                return rng.choice(["Phó Giám đốc", "Chánh Văn phòng"])
            head = rng.choice(["Trưởng ", "Phó Trưởng "])
            return rng.choice(["Phó Giám đốc", head + phong[0].lower() + phong[1:]])
        return f"{rng.choice([_staff_role(field), 'Viên chức'])} {phong}"
    if level == "district":
        to = FIELD_PLACES[field][1]
        if leader:
            return rng.choice(["Giám đốc", "Phó Giám đốc", f"Tổ trưởng {to}"])
        return f"Viên chức {to}"
    name = unit["name"]
    if level == "department":
        if leader:
            return rng.choice(["Trưởng ", "Phó Trưởng "]) + name[0].lower() + name[1:]
        return f"{rng.choice([_staff_role(field), 'Viên chức'])} {name}"
    return f"Tổ trưởng {name}" if leader else f"Viên chức {name}"


def _individual_titles(rng: random.Random, year: int, tier: int) -> list[dict]:
    end = min(year, LAST_YEAR - 1)
    out: list[tuple[str, int]] = []
    if tier == 0:
        out += [(T_LDTT, end - 1), (T_LDTT, end)]
    elif tier == 1:
        out += [(T_LDTT, end - 2), (T_CSTDCS, end - 1), (T_CSTDCS, end)]
    elif tier == 2:
        out += [(T_LDTT, end - 3)] + [(T_CSTDCS, end - k) for k in (2, 1, 0)]
        out.append((T_CSTDN, end))
        if rng.random() < 0.5:
            out.append((T_BK_TGD, end - 1))
    else:
        out += [(T_CSTDCS, end - k) for k in range(5, -1, -1)]
        out += [(T_CSTDN, end - 3), (T_CSTDN, end), (T_CSTDTQ, end), (T_BK_TGD, end - 4)]
        if rng.random() < 0.5:
            out.append((T_BK_TTG, end - 1))
    return [{"title": t, "year": y} for t, y in sorted(out, key=lambda ty: (ty[1], ty[0]))]


def _collective_titles(rng: random.Random, year: int, tier: int) -> list[dict]:
    end = min(year, LAST_YEAR - 1)
    out = [(T_TTLDXS, end - 1), (T_TTLDXS, end)]
    if tier >= 1:
        out += [(T_TTLDXS, end - 2), (T_BK_TGD, end - 1)]
    if tier >= 2:
        out.append((T_CO_BHXH, end))
        if rng.random() < 0.4:
            out.append((T_CO_BHXH, end - 3))
    if tier >= 3:
        out.append((T_CO_CP, end))
    return [{"title": t, "year": y} for t, y in sorted(out, key=lambda ty: (ty[1], ty[0]))]


def _award_sentence(subject: str, titles: list[dict]) -> str:
    rank = {t: n for n, t in enumerate([T_LDTT, T_TTLDXS, T_CSTDCS, T_BK_TGD, T_CSTDN, T_CO_BHXH])}
    rank.update({T_BK_TTG: 7, T_CSTDTQ: 8, T_CO_CP: 9})
    best = max(titles, key=lambda t: (rank[t["title"]], t["year"]))
    verb = "được tặng" if best["title"].startswith(("Bằng khen", "Cờ")) else "đạt danh hiệu"
    return f"Năm {best['year']}, {subject} {verb} {best['title']}."


def _pick_unit(rng: random.Random, pools: dict[str, list[dict]]) -> dict:
    level = rng.choices(
        ["province", "district", "central", "department", "team"], weights=[44, 27, 17, 9, 3]
    )[0]
    return rng.choice(pools[level])


def _where(position: str, unit: dict) -> str:
    """ "Phó Giám đốc BHXH huyện Diễn Châu (Nghệ An)", "Chuyên viên Phòng Quản lý thu, BHXH tỉnh
    Nghệ An": a job title with its unit, as a Vietnamese profile would write it."""
    if unit["level"] in ("department", "team"):
        return f"{position}, {unit['parent_full']}"
    if position == "Phó Trưởng ban" and unit["name"].startswith("Ban "):
        return f"Phó Trưởng {unit['full']}"
    if position in WHOLE_UNIT_TITLES:
        return f"{position} {unit['full'].removeprefix('Văn phòng ')}"
    return f"{position}, {unit['full']}"


WHOLE_UNIT_TITLES = {
    "Giám đốc", "Phó Giám đốc", "Phó Vụ trưởng", "Phó Tổng Biên tập", "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
}  # fmt: skip


def _minority_kind(rng: random.Random, unit: dict) -> str:
    """Which ethnic-minority name (if any) an individual of this unit gets."""
    province = unit["province"]
    if not province:
        return ""
    chance, _families = PROVINCE_MINORITY.get(province, (0.0, []))
    if unit["code"] in MOUNTAIN_DISTRICTS:
        chance = 0.6
    if rng.random() >= chance:
        return ""
    return unit["region"] or "north"


def _individual(rng: random.Random, meta: dict, fig: dict, used_names: set[str]) -> dict:
    unit, field, year, tier = meta["unit"], meta["field"], meta["year"], meta["tier"]
    gender = "female" if rng.random() < 0.56 else "male"
    minority = _minority_kind(rng, unit)
    name, call = _person_name(rng, gender, minority, unit["province"])
    while name in used_names:
        name, call = _person_name(rng, gender, minority, unit["province"])
    leader = rng.random() < 0.2
    position = _position(rng, unit, field, leader)
    s = f"{'chị' if gender == 'female' else 'anh'} {call}"
    titles = _individual_titles(rng, year, tier)
    hook = rng.choice(_text(field, unit)["hooks"]).format(**fig)
    if leader:
        hook = "cùng tập thể " + hook.removeprefix("đã ")
    meta["hook"] = hook
    unit_full = unit["parent_full"] if unit["level"] in ("department", "team") else unit["full"]
    summary = f"{_where(position, unit)}, {hook}. {_award_sentence(s, titles)}"
    years_in = rng.randint(6, 24)
    intro = rng.choice(INTRO_INDIVIDUAL).format(
        name=name,
        unit=unit_full,
        start=year - years_in,
        years=years_in,
        position=_low(position),
        phrase=FIELD_TEXT[field]["phrase"][0],
    )
    good = rng.random() < 0.14
    meta.update(
        name=name, call=call, gender=gender, s=s, position=position, good=good,
        minority=bool(minority), leader=leader, titles=titles, intro=intro,
    )  # fmt: skip
    return {
        "name": name,
        "unit": unit["code"],
        "summary": _cap(summary),
        "position": position,
        "gender": gender,
        "ethnic_minority": bool(minority),
        "is_leader": leader,
        "good_deed": good,
    }


def _collective_name(rng: random.Random, unit: dict, field: str, fig: dict) -> tuple[str, int]:
    level = unit["level"]
    if level == "district":
        if rng.random() < 0.45:
            return unit["name"], unit["staff_count"]
        return f"{FIELD_PLACES[field][1]}, {unit['name']}", max(4, int(fig["members"]) // 3)
    if level == "province":
        return f"{rng.choice(FIELD_PLACES[field][0])}, {unit['name']}", int(fig["members"])
    if level == "central":
        if rng.random() < 0.35:
            return _label(unit), unit["staff_count"]
        return f"{rng.choice(unit['divisions'])}, {_label(unit)}", max(6, int(fig["members"]) // 2)
    return _label(unit), unit["staff_count"]


def _collective(
    rng: random.Random, meta: dict, fig: dict, used_names: set[str], provinces: list[dict]
) -> dict:
    name, members = _collective_name(rng, meta["unit"], meta["field"], fig)
    while name in used_names:  # that collective is taken: a division of another province
        meta["unit"] = rng.choice(provinces)
        meta["field"] = rng.choice(FIELDS)
        meta["fields"] = [meta["field"]]
        name, members = _collective_name(rng, meta["unit"], meta["field"], fig)
    unit, field, year = meta["unit"], meta["field"], meta["year"]
    titles = _collective_titles(rng, year, meta["tier"])
    hook = rng.choice(_text(field, unit)["hooks"]).format(**fig).removeprefix("đã ")
    meta["hook"] = hook
    summary = (
        f"Tập thể {members} cán bộ, viên chức, năm {year} đã {hook}. "
        f"{_award_sentence('đơn vị', titles)}"
    )
    intro = rng.choice(INTRO_COLLECTIVE).format(
        name=name, members=members, phrase=FIELD_TEXT[field]["phrase"][0]
    )
    meta.update(
        name=name, call=name, s="đơn vị", members=members, good=False, minority=False,
        leader=False, titles=titles, intro=intro,
    )  # fmt: skip
    return {"name": name, "unit": unit["code"], "summary": summary}


def _build_exemplars(
    rng: random.Random, units: dict[str, dict], count: int = 112
) -> tuple[list[dict], list[dict]]:
    """Exemplar records and, in the same order, their metadata for the later builders."""
    pools: dict[str, list[dict]] = defaultdict(list)
    for unit in units.values():
        pools[unit["level"]].append(unit)
    nghe_an = [u for u in units.values() if u.get("province") == "NAN"]
    records: list[dict] = []
    metas: list[dict] = []
    used_names: set[str] = set()
    for n in range(1, count + 1):
        key = f"ex-{n:04d}"
        # every ninth exemplar comes from the province that holds the demo conference
        unit = rng.choice(nghe_an) if n % 9 == 0 else _pick_unit(rng, pools)
        kind = "collective" if rng.random() < 0.32 else "individual"
        year = rng.choices(range(2019, LAST_YEAR + 1), weights=[4, 5, 6, 7, 9, 11, 13, 8])[0]
        field = rng.choice(unit["fields"])
        fields = [field]
        if rng.random() < 0.3:
            fields.append(rng.choice([f for f in RELATED_FIELDS[field] if f != field]))
        fig = _figures(rng, year)
        tier = rng.choices([0, 1, 2, 3], weights=[30, 40, 24, 6])[0]
        meta: dict = {
            "key": key, "kind": kind, "unit": unit, "field": field, "fields": fields,
            "year": year, "tier": tier, "fig": fig,
        }  # fmt: skip
        record: dict = {"type": "exemplar", "key": key, "kind": kind}
        if kind == "individual":
            record.update(_individual(rng, meta, fig, used_names))
            subject = {"S": _cap(meta["s"]), "s": meta["s"]}
        else:
            record.update(_collective(rng, meta, fig, used_names, pools["province"]))
            subject = {"S": "Đơn vị", "s": "đơn vị"}
        used_names.add(meta["name"])
        field, fields, titles = meta["field"], meta["fields"], meta["titles"]
        facts = list(_text(field, meta["unit"])["facts"])
        rng.shuffle(facts)
        if len(fields) > 1:
            facts.insert(2, rng.choice(_text(fields[1], meta["unit"])["facts"]))
        vals = {**fig, **subject}
        paragraphs = [
            _p(meta["intro"], facts[0].format(**vals)),
            _p(facts[1].format(**vals), facts[2].format(**vals) if len(facts) > 2 else ""),
        ]
        closing = CLOSING_INDIVIDUAL if kind == "individual" else CLOSING_COLLECTIVE
        last = [rng.choice(closing).format(**vals), _cap(_award_sentence(subject["s"], titles))]
        if meta["good"]:
            last.append(rng.choice(GOOD_DEEDS).format(**vals))
        paragraphs.append(_p(*last))
        record.update(body="\n".join(paragraphs), fields=fields, year=year, titles=titles)
        tags = []
        if rng.random() < 0.45:
            tags += rng.sample(TAG_POOL[field], k=1)
        if meta["good"]:
            tags.append("người tốt việc tốt")
        if meta["minority"]:
            tags.append("dân tộc thiểu số")
        if tags:
            record["tags"] = tags
        meta["record"] = record
        records.append(record)
        metas.append(meta)
    return records, metas


# ---------------------------------------------------------------------------------------------
# Initiatives: the good practices themselves. {unit}: the unit's name; the rest `_figures()`.
# ---------------------------------------------------------------------------------------------

INITIATIVE_TEMPLATES: list[dict] = [
    {
        "title": "Ứng dụng tin nhắn tự động nhắc đơn vị nợ đóng BHXH",
        "fields": [F_THU, F_GDDT],
        "problem": "Việc đôn đốc nợ chủ yếu bằng công văn giấy và gọi điện, mỗi tháng cán bộ thu "
        "mất nhiều ngày mà nhiều đơn vị vẫn để nợ sang tháng sau.",
        "solution": "Từ dữ liệu của phần mềm quản lý thu, hệ thống lọc các đơn vị chậm đóng vào "
        "ngày 5 hằng tháng và gửi tin nhắn, thư điện tử nêu rõ số tiền, số tháng và lãi phát sinh. "
        "Đơn vị nợ từ ba tháng trở lên được chuyển sang danh sách làm việc trực tiếp.",
        "results": "Sau một năm áp dụng, số tiền chậm đóng giảm {debt_drop}%, {n_units} đơn vị "
        "đã đóng đủ ngay trong tháng nhận tin nhắn và cán bộ thu tiết kiệm khoảng {hours} giờ "
        "công.",
    },
    {
        "title": "Bản đồ số quản lý đơn vị sử dụng lao động theo địa bàn",
        "fields": [F_THU, F_CNTT],
        "problem": "Danh sách doanh nghiệp do cơ quan thuế, sở kế hoạch và đầu tư cung cấp nằm rời "
        "rạc, khó biết doanh nghiệp nào đang hoạt động mà chưa đóng BHXH.",
        "solution": "Nhóm tác giả gắn tọa độ cho từng doanh nghiệp lên bản đồ số, tô màu theo "
        "tình trạng tham gia và giao cho từng cán bộ thu phụ trách một cụm địa bàn.",
        "results": "Đã phát hiện {n_units} doanh nghiệp chưa tham gia, trong đó nhiều đơn vị đã "
        "đăng ký cho {n_people} lao động; tỷ lệ thu năm {y} đạt {rate}% kế hoạch.",
    },
    {
        "title": "Tổ thu liên ngành cấp xã khai thác lao động ở doanh nghiệp nhỏ",
        "fields": [F_THU],
        "problem": "Các hộ kinh doanh và doanh nghiệp nhỏ thường không đăng ký BHXH cho người lao "
        "động, trong khi cơ quan BHXH cấp huyện không đủ người để đến từng cơ sở.",
        "solution": "{unit} phối hợp với UBND xã lập tổ công tác gồm cán bộ thuế, công an xã và "
        "viên chức BHXH, mỗi quý rà soát một lượt và cùng làm việc với chủ cơ sở.",
        "results": "Năm {y}, tổ đã đưa thêm {n_people} lao động vào diện tham gia BHXH bắt buộc, "
        "tỷ lệ bao phủ BHYT trên địa bàn đạt {cover}%.",
    },
    {
        "title": "Phân loại đơn vị nợ đóng theo mức độ rủi ro để ưu tiên đôn đốc",
        "fields": [F_THU, F_KT],
        "problem": "Mọi đơn vị nợ đều được đôn đốc như nhau nên các khoản nợ lớn, nợ kéo dài không "
        "được tập trung xử lý sớm.",
        "solution": "Mỗi đơn vị nợ được chấm điểm theo số tháng nợ, số tiền, số lao động và lịch "
        "sử đóng; nhóm rủi ro cao được kiểm tra trước, nhóm thấp chỉ nhắc qua điện thoại.",
        "results": "Nợ kéo dài trên ba tháng giảm {debt_drop}%, thu hồi được {money} tỷ đồng; số "
        "cuộc kiểm tra giảm nhưng số tiền truy đóng tăng.",
    },
    {
        "title": "Hội nghị khách hàng theo cụm dân cư phát triển BHXH tự nguyện",
        "fields": [F_THU, F_TT],
        "problem": "Người làm nông nghiệp, lao động tự do ít có dịp được giải thích về BHXH tự "
        "nguyện nên còn e ngại tham gia.",
        "solution": "Mỗi tháng {unit} cùng Bưu điện và trưởng thôn tổ chức một buổi gặp mặt ở nhà "
        "văn hóa, mời người đang hưởng lương hưu kể lại quyền lợi mình nhận được, đăng ký ngay "
        "tại chỗ.",
        "results": "Qua {n_meet} hội nghị, {n_people} người đã đăng ký tham gia; số người tham gia "
        "BHXH tự nguyện tăng {grow}% so với năm {prev}.",
    },
    {
        "title": "Đối chiếu dữ liệu hộ gia đình với cơ sở dữ liệu dân cư trước khi cấp thẻ BHYT",
        "fields": [F_STHE, F_CNTT],
        "problem": "Thông tin nhân thân trong danh sách hộ gia đình nhiều chỗ sai lệch, thẻ BHYT "
        "in ra phải cấp lại, người dân đi lại nhiều lần.",
        "solution": "Trước khi duyệt, danh sách được đối chiếu tự động với cơ sở dữ liệu quốc gia "
        "về dân cư; các trường hợp lệch được trả về đại lý thu để bổ sung trong ngày.",
        "results": "Đã xử lý {dups} trường hợp sai thông tin, tỷ lệ thẻ phải cấp lại do sai sót "
        "gần như không còn; thời gian cấp thẻ giảm từ {days_old} xuống {days_new} ngày.",
    },
    {
        "title": "Hướng dẫn người tham gia dùng thẻ BHYT trên VssID thay thẻ giấy",
        "fields": [F_STHE, F_GDDT],
        "problem": "Nhiều người mất, rách thẻ giấy và phải làm thủ tục cấp lại, trong khi các cơ "
        "sở khám chữa bệnh đã chấp nhận thẻ trên ứng dụng.",
        "solution": "Viên chức một cửa cài ứng dụng và hướng dẫn ngay khi người dân đến giao dịch; "
        "các cơ sở khám chữa bệnh dán mã QR hướng dẫn tại quầy đón tiếp.",
        "results": "Tỷ lệ người tham gia dùng VssID đạt {pct}%; số hồ sơ cấp lại thẻ giấy giảm "
        "{debt_drop}% trong năm {y}.",
    },
    {
        "title": "Sổ tay tra cứu nhanh lỗi dữ liệu khi cấp sổ BHXH",
        "fields": [F_STHE],
        "problem": "Viên chức mới thường lúng túng khi phần mềm báo lỗi, hồ sơ bị treo trong lúc "
        "chờ hỏi ý kiến.",
        "solution": "Nhóm tác giả tổng hợp các lỗi hay gặp, nguyên nhân và cách xử lý thành sổ tay "
        "điện tử, cập nhật mỗi khi có văn bản mới.",
        "results": "Đã có {n_units2} đơn vị dùng sổ tay; {files} hồ sơ trong năm được giải quyết "
        "đúng hạn mà không phải xin ý kiến cấp trên.",
    },
    {
        "title": "Liên thông giải quyết chế độ tử tuất với UBND xã khi đăng ký khai tử",
        "fields": [F_CS, F_CCHC],
        "problem": "Thân nhân người hưởng lương hưu qua đời phải đi lại nhiều nơi để làm thủ tục "
        "hưởng trợ cấp mai táng, tử tuất.",
        "solution": "UBND xã chuyển thông tin khai tử cho BHXH huyện; viên chức BHXH liên hệ gia "
        "đình, hướng dẫn nộp hồ sơ trực tuyến và trả kết quả tại nhà.",
        "results": "Thời gian giải quyết giảm từ {days_old} ngày xuống {days_new} ngày; không còn "
        "trường hợp chi trả lương hưu sau khi người hưởng đã mất.",
    },
    {
        "title": "Tư vấn tại nhà mở tài khoản nhận lương hưu cho người cao tuổi",
        "fields": [F_CS],
        "problem": "Người cao tuổi ngại chuyển sang nhận lương hưu qua tài khoản vì không quen "
        "dùng thẻ ngân hàng.",
        "solution": "{unit} phối hợp với ngân hàng lập tổ tư vấn đến tận nhà, mở tài khoản, cài "
        "ứng dụng và hướng dẫn con cháu cùng hỗ trợ.",
        "results": "Tỷ lệ nhận lương hưu qua tài khoản đạt {pct}%, tăng {grow} điểm phần trăm; "
        "chi phí chi trả bằng tiền mặt giảm rõ rệt.",
    },
    {
        "title": "Bảng kiểm điện tử rà soát hồ sơ ốm đau, thai sản trước khi duyệt",
        "fields": [F_CS, F_KT],
        "problem": "Hồ sơ hưởng chế độ ngắn hạn tăng nhanh, kiểm tra thủ công dễ bỏ sót chứng từ "
        "trùng hoặc không hợp lệ.",
        "solution": "Bảng kiểm tự động so ngày nghỉ, mã cơ sở khám chữa bệnh và thời gian đóng để "
        "đánh dấu hồ sơ cần xem lại.",
        "results": "Năm {y}, đã phát hiện và từ chối chi {recovered} tỷ đồng không đúng quy định; "
        "{files} hồ sơ hợp lệ vẫn được giải quyết trước hạn.",
    },
    {
        "title": "Tư vấn trước khi nhận BHXH một lần tại điểm tiếp nhận",
        "fields": [F_CS, F_TT],
        "problem": "Nhiều người lao động nghỉ việc nộp hồ sơ nhận BHXH một lần mà chưa hiểu quyền "
        "lợi lâu dài bị mất.",
        "solution": "Mỗi hồ sơ được một viên chức tư vấn riêng, tính cụ thể mức lương hưu dự kiến "
        "nếu tiếp tục tham gia, phát kèm tờ gấp dễ hiểu.",
        "results": "Sau tư vấn, {n_people} người đã rút hồ sơ để bảo lưu thời gian đóng; số hồ sơ "
        "hưởng một lần giảm {debt_drop}% so với năm {prev}.",
    },
    {
        "title": "Bộ chỉ số cảnh báo chi phí khám chữa bệnh BHYT bất thường",
        "fields": [F_GD, F_CNTT],
        "problem": "Dữ liệu đề nghị thanh toán rất lớn, giám định viên khó phát hiện sớm cơ sở có "
        "chi phí tăng bất thường.",
        "solution": "Nhóm tác giả xây dựng các chỉ số so sánh theo tuyến, hạng bệnh viện và nhóm "
        "bệnh, tự động cảnh báo khi chi phí vượt ngưỡng.",
        "results": "Đã từ chối thanh toán {money} tỷ đồng chi phí không hợp lý tại {n_hosp} cơ sở; "
        "bộ chỉ số đang được dùng ở {n_units2} đơn vị.",
    },
    {
        "title": "Giám định chuyên đề thuốc, vật tư y tế có chi phí tăng nhanh",
        "fields": [F_GD],
        "problem": "Một số loại thuốc, vật tư y tế được chỉ định nhiều hơn hẳn bình thường nhưng "
        "giám định theo tỷ lệ khó phát hiện.",
        "solution": "Mỗi quý chọn một nhóm thuốc hoặc vật tư để giám định toàn bộ hồ sơ, đối chiếu "
        "hướng dẫn chẩn đoán và điều trị của Bộ Y tế.",
        "results": "Năm {y}, giám định {files} hồ sơ, thu hồi {money} tỷ đồng; quyền lợi người "
        "bệnh không bị ảnh hưởng.",
    },
    {
        "title": "Nhóm trực tuyến giữa giám định viên và cơ sở khám chữa bệnh",
        "fields": [F_GD],
        "problem": "Vướng mắc về thanh toán BHYT phải trao đổi bằng văn bản, có khi mất vài tuần "
        "mới có câu trả lời.",
        "solution": "Mỗi cơ sở khám chữa bệnh có một giám định viên phụ trách trong nhóm trực "
        "tuyến, câu hỏi được trả lời trong ngày, các nội dung chung được tổng hợp hằng tháng.",
        "results": "{pct}% vướng mắc được giải quyết trong ngày; tỷ lệ hồ sơ gửi đúng hạn của "
        "{n_hosp} cơ sở tăng rõ rệt.",
    },
    {
        "title": "Đối chiếu chứng từ chi trả bằng chữ ký số với Bưu điện",
        "fields": [F_KHTC, F_GDDT],
        "problem": "Chứng từ chi trả lương hưu, trợ cấp được chuyển qua lại bằng giấy giữa BHXH "
        "huyện và Bưu điện, dễ thất lạc và chậm quyết toán.",
        "solution": "Hai bên ký số trên cùng một bảng đối chiếu điện tử; sai lệch được đánh dấu tự "
        "động để xử lý ngay.",
        "results": "Thời gian quyết toán hằng tháng giảm từ {days_old} ngày xuống {days_new} ngày, "
        "tiết kiệm {hours} giờ công và chi phí in ấn.",
    },
    {
        "title": "Công cụ lập dự toán chi quản lý bộ máy theo định mức",
        "fields": [F_KHTC, F_CNTT],
        "problem": "Dự toán chi được lập trên nhiều bảng tính rời, mất thời gian tổng hợp và hay "
        "sai công thức.",
        "solution": "Công cụ lấy định mức, biên chế và số liệu năm trước để tính tự động, các đơn "
        "vị chỉ nhập phần thay đổi.",
        "results": "Thời gian lập dự toán giảm còn {days_new} ngày; số liệu của {n_units2} đơn vị "
        "được tổng hợp không phải điều chỉnh.",
    },
    {
        "title": "Trợ lý ảo trả lời câu hỏi thường gặp về BHXH, BHYT",
        "fields": [F_CNTT, F_TT],
        "problem": "Tổng đài và bộ phận một cửa phải trả lời lặp lại nhiều câu hỏi giống nhau về "
        "mức đóng, cách tra cứu và thủ tục.",
        "solution": "Trợ lý ảo được huấn luyện trên bộ câu hỏi đã chuẩn hóa, trả lời trên cổng "
        "thông tin và trang mạng xã hội, chuyển câu khó cho tư vấn viên.",
        "results": "Trợ lý ảo đã trả lời {calls} lượt hỏi, thời gian chờ của người gọi tổng đài "
        "giảm còn khoảng {minutes} phút.",
    },
    {
        "title": "Tự động giám sát máy chủ và sao lưu dữ liệu bằng phần mềm mã nguồn mở",
        "fields": [F_CNTT],
        "problem": "Sự cố máy chủ thường chỉ được biết khi người dùng phản ánh, việc sao lưu còn "
        "làm thủ công.",
        "solution": "Nhóm tác giả dựng hệ thống giám sát gửi cảnh báo qua tin nhắn và lập lịch sao "
        "lưu tự động, có kiểm tra phục hồi định kỳ.",
        "results": "Thời gian hoạt động của hệ thống đạt {uptime}%, không mất dữ liệu trong các sự "
        "cố; chi phí bản quyền phần mềm được tiết kiệm.",
    },
    {
        "title": "Công cụ đối soát dữ liệu thu giữa phần mềm nghiệp vụ và ngân hàng",
        "fields": [F_CNTT, F_THU],
        "problem": "Tiền đóng chuyển đến nhưng thiếu mã đơn vị, kế toán phải dò thủ công từng "
        "giao dịch.",
        "solution": "Công cụ đọc sao kê ngân hàng, tự nhận diện đơn vị theo tên, mã số thuế và số "
        "tài khoản, chỉ để lại các giao dịch khó cho người kiểm tra.",
        "results": "{pct}% giao dịch được khớp tự động; số tiền chờ xác định giảm {debt_drop}% chỉ "
        "sau sáu tháng.",
    },
    {
        "title": "Kiểm tra đột xuất dựa trên phân tích biến động lao động",
        "fields": [F_KT, F_THU],
        "problem": "Kế hoạch kiểm tra lập từ đầu năm nên không kịp phản ứng với doanh nghiệp giảm "
        "lao động bất thường để trốn đóng.",
        "solution": "Hằng tháng, dữ liệu báo giảm lao động được so với dữ liệu thuế; đơn vị có dấu "
        "hiệu bất thường được đưa vào danh sách kiểm tra đột xuất.",
        "results": "Qua {checks} cuộc kiểm tra đột xuất, đã yêu cầu truy đóng {money} tỷ đồng cho "
        "{n_people} lao động.",
    },
    {
        "title": "Quy trình phối hợp với cơ quan thuế phát hiện doanh nghiệp trốn đóng BHXH",
        "fields": [F_KT, F_PC],
        "problem": "Nhiều doanh nghiệp khai số lao động với cơ quan thuế cao hơn số đóng BHXH "
        "nhưng chưa có cách đối chiếu thường xuyên.",
        "solution": "Hai cơ quan ký quy chế trao đổi dữ liệu hằng quý; danh sách chênh lệch được "
        "gửi doanh nghiệp để giải trình trước khi kiểm tra.",
        "results": "Đã có {n_units} doanh nghiệp tự điều chỉnh, đăng ký thêm {n_people} lao động "
        "mà không cần thanh tra.",
    },
    {
        "title": "Bộ mẫu hồ sơ khởi kiện doanh nghiệp nợ đóng BHXH",
        "fields": [F_PC],
        "problem": "Việc khởi kiện doanh nghiệp nợ đóng còn lúng túng, hồ sơ thiếu chứng cứ nên "
        "nhiều vụ bị trả lại.",
        "solution": "Bộ mẫu gồm đơn khởi kiện, bảng tính nợ, danh mục chứng cứ và các bước phối "
        "hợp với công đoàn, kèm hướng dẫn cho từng tình huống.",
        "results": "Đã khởi kiện {n_cases} doanh nghiệp, thu hồi {money} tỷ đồng; bộ mẫu được dùng "
        "tại {n_units2} đơn vị.",
    },
    {
        "title": "Tổ tư vấn pháp luật BHXH lưu động tại khu công nghiệp",
        "fields": [F_PC, F_TT],
        "problem": "Công nhân làm theo ca ít có thời gian tìm hiểu quyền lợi, nhiều thắc mắc chỉ "
        "được nêu khi đã có tranh chấp.",
        "solution": "Tổ tư vấn gồm viên chức pháp chế, thu và chế độ đến khu công nghiệp vào giờ "
        "nghỉ trưa, trả lời trực tiếp và nhận hồ sơ tại chỗ.",
        "results": "Năm {y}, tổ đã tổ chức {n_meet} buổi tư vấn cho hơn {n_people} công nhân; "
        "số đơn thư khiếu nại giảm.",
    },
    {
        "title": "Tuyên truyền bằng video ngắn về những người được hưởng chế độ",
        "fields": [F_TT],
        "problem": "Tài liệu tuyên truyền dài, nặng chữ nên ít người trẻ đọc hết.",
        "solution": "Nhóm tác giả quay các video dưới ba phút kể chuyện thật của người được BHXH, "
        "BHYT chi trả, đăng trên mạng xã hội và phát tại bộ phận một cửa.",
        "results": "Các video đạt hàng triệu lượt xem, kênh của đơn vị có thêm {followers} người "
        "theo dõi; số người tham gia tự nguyện tăng {grow}%.",
    },
    {
        "title": "Mỗi viên chức vận động một người thân tham gia BHXH tự nguyện",
        "fields": [F_TT, F_THU],
        "problem": "Chỉ tiêu phát triển người tham gia tăng hằng năm trong khi lực lượng đại lý "
        "thu có hạn.",
        "solution": "Mỗi viên chức đăng ký vận động ít nhất một người thân, hàng xóm; kết quả được "
        "tính vào chấm điểm thi đua của phòng, tổ.",
        "results": "Phong trào đã vận động {n_people} người tham gia BHXH tự nguyện và BHYT hộ gia "
        "đình trong năm {y}.",
    },
    {
        "title": "Chuyên mục phát thanh về BHXH bằng tiếng dân tộc",
        "fields": [F_TT],
        "minority": True,
        "problem": "Đồng bào ở vùng sâu, vùng xa chưa đọc thông thạo tiếng Việt nên khó tiếp cận "
        "thông tin chính sách.",
        "solution": "{unit} phối hợp với đài truyền thanh huyện, xã phát chuyên mục hằng tuần bằng "
        "tiếng dân tộc, do viên chức là người dân tộc thiểu số trực tiếp biên soạn.",
        "results": "Tỷ lệ bao phủ BHYT vùng đồng bào đạt {cover}%; {n_people} người đã tìm đến "
        "đăng ký tham gia sau khi nghe chương trình.",
    },
    {
        "title": "Số hóa hồ sơ cán bộ và hồ sơ thi đua, khen thưởng",
        "fields": [F_TCCB, F_CNTT],
        "problem": "Hồ sơ cán bộ và hồ sơ khen thưởng lưu bằng giấy, mỗi lần xét thi đua phải tra "
        "cứu lại nhiều năm.",
        "solution": "Toàn bộ hồ sơ được quét, nhập dữ liệu và liên kết với danh sách danh hiệu đã "
        "đạt; hội đồng xem được lịch sử khen thưởng của từng người.",
        "results": "{pct}% hồ sơ đã được số hóa, thời gian chuẩn bị hồ sơ trình khen rút từ "
        "{days_old} xuống {days_new} ngày.",
    },
    {
        "title": "Kèm cặp viên chức mới theo mô hình một người dẫn, một người học",
        "fields": [F_TCCB],
        "problem": "Viên chức mới tuyển phải mất nhiều tháng mới nắm được nghiệp vụ, dễ sai sót "
        "khi tiếp xúc người dân.",
        "solution": "Mỗi viên chức mới có một người hướng dẫn trong sáu tháng đầu, theo một danh "
        "mục kỹ năng có đánh giá hằng tháng.",
        "results": "{n_staff} lượt viên chức đã được kèm cặp; thời gian làm quen công việc giảm "
        "một nửa, không có phản ánh về thái độ phục vụ.",
    },
    {
        "title": "Lấy số thứ tự từ xa và phiếu hẹn điện tử tại bộ phận một cửa",
        "fields": [F_CCHC, F_GDDT],
        "problem": "Vào đầu tháng, người dân phải xếp hàng lâu tại bộ phận một cửa, nhiều người "
        "đến chỉ để hỏi tiến độ hồ sơ.",
        "solution": "Người dân đặt lịch qua tin nhắn hoặc trang thông tin, nhận phiếu hẹn điện tử "
        "và tra cứu tiến độ hồ sơ bằng mã QR.",
        "results": "Thời gian chờ trung bình còn khoảng {minutes} phút; mức độ hài lòng của người "
        "dân đạt {pct}%.",
    },
    {
        "title": "Trả kết quả thủ tục hành chính BHXH tận nhà qua bưu chính công ích",
        "fields": [F_CCHC],
        "problem": "Người dân ở xa trụ sở phải đi lại hai lần để nộp hồ sơ và nhận kết quả.",
        "solution": "Kết quả giải quyết được chuyển qua dịch vụ bưu chính công ích, cước phí do "
        "cơ quan BHXH chi trả theo quy định.",
        "results": "Năm {y}, {files} kết quả được trả tận nhà; số lượt người dân phải đến trụ sở "
        "giảm {debt_drop}%.",
    },
    {
        "title": "Hướng dẫn doanh nghiệp mới thành lập giao dịch điện tử ngay từ đầu",
        "fields": [F_GDDT, F_THU],
        "problem": "Doanh nghiệp mới thành lập thường chưa đăng ký BHXH cho người lao động vì "
        "không biết thủ tục.",
        "solution": "Mỗi tuần, danh sách doanh nghiệp mới được lấy từ cổng đăng ký kinh doanh; "
        "viên chức gọi điện hướng dẫn đăng ký giao dịch điện tử và kê khai lao động.",
        "results": "{n_units} doanh nghiệp mới đã tham gia ngay trong năm đầu hoạt động; tỷ lệ "
        "giao dịch điện tử đạt {pct}%.",
    },
    {
        "title": "Cài đặt VssID tại chỗ cho người dân khi đến giao dịch",
        "fields": [F_GDDT, F_STHE],
        "problem": "Người dân biết đến ứng dụng VssID nhưng ngại tự cài đặt và đăng ký tài khoản.",
        "solution": "Bộ phận một cửa bố trí bàn hỗ trợ riêng, viên chức và đoàn viên thanh niên "
        "hướng dẫn cài đặt, xác thực tài khoản trong vài phút.",
        "results": "Đã có {n_people} người được cài đặt tại chỗ; tỷ lệ người tham gia dùng VssID "
        "trên địa bàn đạt {pct}%.",
    },
    {
        "title": "Máy tra cứu quá trình đóng BHXH đặt tại trụ sở",
        "fields": [F_GDDT, F_CCHC],
        "problem": "Nhiều người chỉ cần xem quá trình đóng nhưng vẫn phải xếp hàng chờ viên chức "
        "tra cứu.",
        "solution": "Máy tra cứu dùng căn cước công dân gắn chip để xác thực, in nhanh tờ thông "
        "tin quá trình tham gia.",
        "results": "Máy phục vụ {files} lượt tra cứu trong năm {y}, giảm tải đáng kể cho bộ phận "
        "một cửa.",
    },
]

INITIATIVE_TEMPLATES += [
    {
        "title": "Nhập liệu một lần cho hồ sơ điều chỉnh mức đóng",
        "fields": [F_THU, F_CCHC],
        "problem": "Mỗi lần doanh nghiệp điều chỉnh tiền lương, viên chức phải nhập cùng một thông "
        "tin vào nhiều màn hình khác nhau, dễ nhầm và mất thời gian.",
        "solution": "Nhóm tác giả thiết kế biểu mẫu nhận dữ liệu một lần, tự điền sang các phân hệ "
        "thu, sổ thẻ và kiểm tra chéo trước khi ghi.",
        "results": "Thời gian xử lý một hồ sơ điều chỉnh giảm còn khoảng {minutes} phút; năm {y} "
        "có {files} hồ sơ được xử lý theo cách mới.",
    },
    {
        "title": "Nhắc hộ gia đình gia hạn thẻ BHYT trước khi hết hạn",
        "fields": [F_STHE, F_THU],
        "problem": "Nhiều hộ gia đình quên gia hạn thẻ BHYT, đến khi đi khám mới biết thẻ đã hết "
        "giá trị sử dụng.",
        "solution": "Ba mươi ngày trước khi thẻ hết hạn, hệ thống gửi tin nhắn cho chủ hộ và danh "
        "sách cho đại lý thu ở thôn, tổ dân phố để đến tận nhà vận động.",
        "results": "Tỷ lệ tái tục BHYT hộ gia đình tăng {grow} điểm phần trăm; {n_people} người "
        "được gia hạn đúng hạn trong năm {y}.",
    },
    {
        "title": "Cấp thẻ BHYT học sinh, sinh viên ngay tại trường đầu năm học",
        "fields": [F_STHE],
        "problem": "Đầu năm học, hồ sơ thẻ BHYT học sinh dồn về cùng lúc, thẻ đến tay các em chậm "
        "cả tháng.",
        "solution": "{unit} cử viên chức làm việc với từng trường từ tháng Tám, chuẩn hóa danh "
        "sách theo mã định danh và trả thẻ điện tử ngay khi danh sách được duyệt.",
        "results": "{pct}% học sinh, sinh viên có thẻ ngay trong tháng đầu năm học; không còn "
        "trường hợp phải cấp lại vì sai thông tin.",
    },
    {
        "title": "Bộ câu hỏi tự kiểm tra điều kiện hưởng lương hưu trực tuyến",
        "fields": [F_CS, F_GDDT],
        "central": True,
        "problem": "Người sắp nghỉ hưu thường phải đến cơ quan BHXH chỉ để hỏi mình đã đủ điều "
        "kiện hay chưa và cần chuẩn bị giấy tờ gì.",
        "solution": "Bộ câu hỏi trực tuyến dẫn từng bước theo tuổi, thời gian đóng và ngành nghề, "
        "cuối cùng đưa ra danh sách giấy tờ cần nộp.",
        "results": "Đã có {calls} lượt sử dụng; số lượt hỏi trực tiếp về điều kiện nghỉ hưu giảm "
        "{debt_drop}%.",
    },
    {
        "title": "Lọc trùng hồ sơ khám chữa bệnh ngoại trú bằng phần mềm",
        "fields": [F_GD, F_CNTT],
        "central": True,
        "problem": "Một người có thể được đề nghị thanh toán nhiều lượt khám ngoại trú trùng ngày "
        "ở các cơ sở khác nhau mà giám định thủ công khó phát hiện.",
        "solution": "Phần mềm so sánh mã thẻ, thời gian và dịch vụ giữa các cơ sở, đưa ra danh "
        "sách nghi trùng để giám định viên xác minh.",
        "results": "Đã phát hiện và từ chối thanh toán {money} tỷ đồng; thời gian giám định mỗi "
        "đợt giảm từ {days_old} xuống {days_new} ngày.",
    },
    {
        "title": "Kiểm tra chéo chi phí khám chữa bệnh BHYT giữa các huyện",
        "fields": [F_GD, F_KT],
        "problem": "Giám định viên làm việc lâu năm ở một cơ sở dễ quen cách làm cũ, bỏ qua các "
        "dấu hiệu bất thường.",
        "solution": "Mỗi quý, các tổ giám định của huyện này kiểm tra hồ sơ của huyện khác theo "
        "một danh mục thống nhất, kết quả được trao đổi công khai.",
        "results": "Qua kiểm tra chéo, đã thu hồi {recovered} tỷ đồng chi phí không hợp lý tại "
        "{n_hosp} cơ sở khám chữa bệnh.",
    },
    {
        "title": "Theo dõi công nợ với đại lý thu trên sổ điện tử",
        "fields": [F_KHTC, F_THU],
        "problem": "Tiền do đại lý thu nộp về chậm, đối chiếu cuối tháng mất nhiều ngày và hay "
        "chênh lệch.",
        "solution": "Sổ điện tử ghi nhận từng khoản thu của đại lý theo ngày, cảnh báo khoản nộp "
        "chậm quá hạn quy định.",
        "results": "Tiền thu qua đại lý được nộp đúng hạn đạt {pct}%; thời gian đối chiếu hằng "
        "tháng giảm {hours} giờ công.",
    },
    {
        "title": "Bảng điều khiển số liệu thu, chi phục vụ lãnh đạo điều hành",
        "fields": [F_CNTT, F_KHTC],
        "central": True,
        "problem": "Lãnh đạo cần số liệu tổng hợp nhanh nhưng báo cáo phải chờ các phòng tổng "
        "hợp, thường chậm vài ngày.",
        "solution": "Bảng điều khiển lấy dữ liệu trực tiếp từ các phần mềm nghiệp vụ, cập nhật "
        "hằng ngày và cho phép xem chi tiết đến từng đơn vị.",
        "results": "Bảng điều khiển đang phục vụ {n_units2} đơn vị; thời gian lập báo cáo định kỳ "
        "giảm từ {days_old} ngày xuống {days_new} ngày.",
    },
    {
        "title": "Kho hỏi đáp pháp luật BHXH dùng chung cho tổng đài và một cửa",
        "fields": [F_PC, F_TT],
        "central": True,
        "problem": "Cùng một câu hỏi nhưng mỗi nơi trả lời một cách, có lúc chưa thống nhất với "
        "văn bản mới.",
        "solution": "Kho hỏi đáp được biên soạn theo từng chế độ, dẫn chiếu điều khoản cụ thể và "
        "được rà soát mỗi khi văn bản pháp luật thay đổi.",
        "results": "Kho có hơn {n_cards} câu hỏi đáp, được dùng tại {n_units2} đơn vị; tỷ lệ câu "
        "trả lời phải đính chính gần như không còn.",
    },
    {
        "title": "Xử lý phản ánh của người dân trong 24 giờ",
        "fields": [F_CCHC, F_TT],
        "central": True,
        "problem": "Phản ánh của người dân đến từ nhiều kênh, không có đầu mối theo dõi nên có "
        "việc bị trả lời chậm.",
        "solution": "Mọi phản ánh được ghi vào một sổ chung, giao cho người chịu trách nhiệm và "
        "nhắc tự động khi sắp quá 24 giờ.",
        "results": "{pct}% phản ánh được trả lời trong 24 giờ; mức độ hài lòng của người dân tăng "
        "rõ rệt so với năm {prev}.",
    },
    {
        "title": "Bản tin nội bộ điện tử hằng tuần cho viên chức",
        "fields": [F_TT, F_TCCB],
        "central": True,
        "problem": "Văn bản mới, cách làm hay của đơn vị bạn chậm đến được với viên chức trực tiếp "
        "làm việc.",
        "solution": "Bản tin ngắn gửi qua thư điện tử và nhóm trực tuyến mỗi sáng thứ Hai, tóm tắt "
        "văn bản mới và giới thiệu một gương điển hình.",
        "results": "Bản tin có {n_staff} người đọc thường xuyên; nhiều cách làm được giới thiệu "
        "đã được {n_units2} đơn vị áp dụng.",
    },
    {
        "title": "Thi trắc nghiệm nghiệp vụ trực tuyến cho viên chức trẻ",
        "fields": [F_TCCB, F_TT],
        "central": True,
        "problem": "Bồi dưỡng nghiệp vụ tập trung tốn kém và khó bố trí thời gian cho viên chức ở "
        "xa.",
        "solution": "Mỗi tháng một đề trắc nghiệm ngắn về một chế độ, làm trên điện thoại, có giải "
        "thích đáp án và bảng xếp hạng theo đơn vị.",
        "results": "{n_staff} lượt viên chức tham gia; điểm bình quân tăng dần qua từng đợt, chi "
        "phí tổ chức gần như không đáng kể.",
    },
    {
        "title": "Thu BHXH tự nguyện lưu động theo phiên chợ",
        "fields": [F_THU, F_TT],
        "problem": "Người dân vùng sâu ít khi xuống trung tâm huyện, đại lý thu khó gặp được người "
        "cần tư vấn.",
        "solution": "Vào các phiên chợ, {unit} cùng đại lý thu dựng điểm tư vấn, thu tiền đóng và "
        "hướng dẫn tra cứu ngay tại chỗ.",
        "results": "Qua {n_meet} phiên chợ, đã có {n_people} người đăng ký tham gia BHXH tự "
        "nguyện và BHYT hộ gia đình.",
    },
    {
        "title": "Nộp hồ sơ hưởng chế độ thai sản qua ứng dụng cho lao động nữ",
        "fields": [F_CS, F_GDDT],
        "problem": "Lao động nữ sau sinh khó đến cơ quan BHXH nộp hồ sơ, nhiều người nhận trợ cấp "
        "chậm.",
        "solution": "Người lao động chụp giấy tờ và nộp qua ứng dụng; viên chức kiểm tra, thông "
        "báo kết quả và chi trả qua tài khoản cá nhân.",
        "results": "Năm {y}, {files} hồ sơ thai sản được nộp trực tuyến, thời gian nhận tiền giảm "
        "còn {days_new} ngày.",
    },
    {
        "title": "Tự đánh giá an toàn thông tin định kỳ cho máy trạm",
        "fields": [F_CNTT],
        "central": True,
        "problem": "Máy trạm ở các đơn vị cài đặt không thống nhất, có nơi chưa cập nhật bản vá "
        "bảo mật.",
        "solution": "Bộ công cụ quét tự động cấu hình máy trạm hằng tháng, chấm điểm và gửi hướng "
        "dẫn khắc phục cho từng đơn vị.",
        "results": "{pct}% máy trạm đạt yêu cầu sau ba đợt; không xảy ra sự cố mất an toàn thông "
        "tin nghiêm trọng.",
    },
    {
        "title": "Xác thực người nhận tại điểm chi trả bằng ảnh chụp",
        "fields": [F_KT, F_CS],
        "problem": "Việc chi trả bằng tiền mặt ở điểm chi trả còn nguy cơ nhận thay, nhận hộ không "
        "đúng quy định.",
        "solution": "Nhân viên chi trả chụp ảnh người nhận kèm giấy tờ, dữ liệu được đối chiếu "
        "ngẫu nhiên hằng tháng.",
        "results": "Đã phát hiện, thu hồi {recovered} tỷ đồng chi sai; số trường hợp nhận thay "
        "không có giấy ủy quyền giảm hẳn.",
    },
]
CENTRAL_TEMPLATE_TITLES = {
    "Phân loại đơn vị nợ đóng theo mức độ rủi ro để ưu tiên đôn đốc",
    "Sổ tay tra cứu nhanh lỗi dữ liệu khi cấp sổ BHXH",
    "Bảng kiểm điện tử rà soát hồ sơ ốm đau, thai sản trước khi duyệt",
    "Bộ chỉ số cảnh báo chi phí khám chữa bệnh BHYT bất thường",
    "Công cụ lập dự toán chi quản lý bộ máy theo định mức",
    "Trợ lý ảo trả lời câu hỏi thường gặp về BHXH, BHYT",
    "Tự động giám sát máy chủ và sao lưu dữ liệu bằng phần mềm mã nguồn mở",
    "Công cụ đối soát dữ liệu thu giữa phần mềm nghiệp vụ và ngân hàng",
    "Kiểm tra đột xuất dựa trên phân tích biến động lao động",
    "Bộ mẫu hồ sơ khởi kiện doanh nghiệp nợ đóng BHXH",
    "Tuyên truyền bằng video ngắn về những người được hưởng chế độ",
    "Số hóa hồ sơ cán bộ và hồ sơ thi đua, khen thưởng",
    "Kèm cặp viên chức mới theo mô hình một người dẫn, một người học",
} | {t["title"] for t in INITIATIVE_TEMPLATES if t.get("central")}

INITIATIVE_SUMMARY = [
    "Giải pháp của {unit} nhằm {goal}.",
    "Cách làm được {unit} áp dụng từ năm {y}, giúp {goal}.",
    "Sáng kiến do viên chức {unit} đề xuất để {goal}.",
]
GOALS = {
    F_THU: "giảm nợ đóng và mở rộng diện người tham gia",
    F_STHE: "cấp sổ BHXH, thẻ BHYT nhanh và chính xác hơn",
    F_CS: "đưa chế độ đến người hưởng sớm và đầy đủ",
    F_GD: "giữ quỹ BHYT được sử dụng đúng mục đích",
    F_KHTC: "quản lý tài chính chặt chẽ, nhanh gọn hơn",
    F_CNTT: "giữ hệ thống thông tin vận hành ổn định, phục vụ tốt nghiệp vụ",
    F_KT: "phát hiện sớm các vi phạm",
    F_PC: "bảo vệ quyền lợi người lao động bằng công cụ pháp luật",
    F_TT: "đưa chính sách đến gần người dân hơn",
    F_TCCB: "xây dựng đội ngũ viên chức chuyên nghiệp",
    F_CCHC: "giảm thời gian và công sức đi lại của người dân",
    F_GDDT: "chuyển giao dịch sang môi trường điện tử",
}

SCOPE_SENTENCE = {
    "unit": "Giải pháp đang được áp dụng ổn định tại đơn vị và được đề xuất phổ biến cho các "
    "đơn vị lân cận.",
    "province": "Hội đồng sáng kiến của tỉnh đã công nhận phạm vi ảnh hưởng cấp tỉnh; cách làm "
    "đang được triển khai ở tất cả các huyện, thị xã.",
    "sector": "BHXH Việt Nam đã công nhận sáng kiến có phạm vi ảnh hưởng toàn ngành và hướng "
    "dẫn các địa phương áp dụng.",
}
ROLLOUT = [
    "Giải pháp được thử nghiệm {months} tháng ở một bộ phận trước khi áp dụng chính thức.",
    "Các bước thực hiện được viết thành hướng dẫn ngắn, kèm biểu mẫu để viên chức dễ làm theo.",
    "Chi phí triển khai không đáng kể vì tận dụng phần mềm và thiết bị sẵn có của đơn vị.",
]


def _label(unit: dict) -> str:
    """How a unit is named on its own: "BHXH huyện Diễn Châu", "Văn phòng BHXH Việt Nam",
    "Phòng Quản lý thu, BHXH tỉnh Nghệ An"."""
    return unit.get("label", unit["name"])


def _subtree(units: dict[str, dict], code: str) -> set[str]:
    """Codes of a unit and everything under it."""
    out, todo = set(), [code]
    while todo:
        current = todo.pop()
        out.add(current)
        todo += [c for c, u in units.items() if u.get("parent") == current]
    return out


def _build_initiatives(
    rng: random.Random, units: dict[str, dict], exemplars: list[dict], count: int = 66
) -> tuple[list[dict], list[dict]]:
    individuals = [m for m in exemplars if m["kind"] == "individual"]
    by_unit: dict[str, list[dict]] = defaultdict(list)
    by_province: dict[str, list[dict]] = defaultdict(list)
    for m in individuals:
        by_unit[m["unit"]["code"]].append(m)
        by_province[m["unit"]["province"] or m["unit"]["code"]].append(m)
    # Authors of initiatives are mostly the more decorated people; each leads at most two.
    leads = sorted(individuals, key=lambda m: (-m["tier"], m["key"]))
    leads = leads[: max(count * 3 // 4, len(leads) * 3 // 4)]
    rng.shuffle(leads)
    queue = leads + leads
    used_titles: set[str] = set()
    used_templates: set[str] = set()
    records: list[dict] = []
    metas: list[dict] = []
    n = 0
    while n < count and queue:
        lead = queue.pop(0)
        unit = lead["unit"]
        pool = INITIATIVE_TEMPLATES
        if unit["level"] == "central":
            pool = [t for t in pool if t["title"] in CENTRAL_TEMPLATE_TITLES]
        if unit["province"] not in PROVINCE_MINORITY:
            pool = [t for t in pool if not t.get("minority")]
        options = [t for t in pool if lead["field"] in t["fields"]]
        options = options or [t for t in pool if set(lead["fields"]) & set(t["fields"])]
        options = options or pool
        fresh = [t for t in options if t["title"] not in used_templates]
        template = rng.choice(fresh or options)
        used_templates.add(template["title"])
        title = template["title"]
        if title in used_titles:
            title = f"{title} tại {_label(unit)}"
        if title in used_titles:
            continue
        used_titles.add(title)
        n += 1
        key = f"sk-{n:04d}"
        year = max(2019, min(LAST_YEAR, lead["year"] + rng.choice([-1, 0, 0, 1])))
        fig = _figures(rng, year)
        peers = [m for m in by_unit[unit["code"]] if m is not lead]
        if len(peers) < 2:
            peers += [
                m
                for m in by_province[unit["province"] or unit["code"]]
                if m is not lead and m not in peers
            ]
        peers = [m for m in peers if len(m.get("initiatives", [])) < 2]  # spread the credit
        co = rng.sample(peers, k=min(len(peers), rng.choice([0, 1, 1, 2])))
        authors = [lead] + co
        level = unit["level"]
        if level == "central" or (lead["tier"] == 3 and rng.random() < 0.5):
            scope = "sector"
        elif level in ("province", "department"):
            scope = rng.choice(["province", "province", "unit", "unit", "sector"])
        else:
            scope = rng.choice(["unit", "unit", "province"])
        vals = {**fig, "unit": unit["name"], "months": str(rng.randint(2, 6))}
        field = lead["field"] if lead["field"] in template["fields"] else template["fields"][0]
        summary = rng.choice(INITIATIVE_SUMMARY).format(
            unit=unit["name"], y=year, goal=GOALS[field]
        )
        solution = [template["solution"].format(**vals), rng.choice(ROLLOUT).format(**vals)]
        if len(authors) == 1:
            solution = [t.replace("Nhóm tác giả", "Tác giả") for t in solution]
        record = {
            "type": "initiative",
            "key": key,
            "title": title,
            "unit": unit["code"],
            "summary": summary,
            "authors": [a["key"] for a in authors],
            "fields": list(template["fields"]),
            "year": year,
            "problem": _p(template["problem"].format(**vals)),
            "solution": "\n".join(_p(t) for t in solution),
            "results": _p(template["results"].format(**vals), SCOPE_SENTENCE[scope]),
            "scope": scope,
        }
        if rng.random() < 0.4:
            record["tags"] = [rng.choice(TAG_POOL[field])]
        records.append(record)
        metas.append(
            {"key": key, "title": title, "unit": unit, "authors": authors, "year": year,
             "field": field, "scope": scope, "fig": fig, "record": record}
        )  # fmt: skip
        for a in authors:
            a.setdefault("initiatives", []).append(key)
    return records, metas


# ---------------------------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------------------------

PORTRAIT_SCENES = [
    "Tám giờ sáng, bộ phận một cửa của {unit} đã kín chỗ. Giữa dòng người đến làm thủ tục, "
    "{s} vẫn kiên nhẫn giải thích từng câu hỏi, có khi lấy giấy bút vẽ lại từng bước cho "
    "người cao tuổi dễ nhớ.",
    "Đồng nghiệp ở {unit} hay nói vui rằng muốn tìm {s} thì cứ xuống cơ sở, vì phần lớn thời "
    "gian trong tuần {pron} ở ngoài địa bàn, gặp doanh nghiệp, gặp trưởng thôn, gặp người dân.",
    "Chúng tôi gặp {s} vào một buổi chiều muộn, khi {pron} vừa trở về sau chuyến làm việc ở "
    "cuối huyện. Trên bàn vẫn là chồng hồ sơ được đánh dấu cẩn thận bằng giấy nhớ nhiều màu.",
    "Những ngày cuối năm, khi các phòng gấp rút hoàn thành chỉ tiêu, {s} vẫn giữ nhịp làm việc "
    "quen thuộc: đến cơ quan sớm, lập danh sách việc phải xong trong ngày và không để việc nào "
    "tồn sang hôm sau.",
]
COLLECTIVE_SCENES = [
    "Bước vào phòng làm việc của {name}, điều dễ thấy nhất là tấm bảng theo dõi tiến độ được "
    "cập nhật hằng ngày, ai cũng biết mình còn việc gì và đồng nghiệp cần hỗ trợ gì.",
    "Nhiều năm nay, {name} là cái tên quen thuộc trong danh sách dẫn đầu {group}.",
    "Không có trụ sở khang trang, quân số cũng không nhiều, nhưng {name} vẫn giữ được nhịp "
    "làm việc đều đặn và hiệu quả qua nhiều năm.",
]
INITIATIVE_TITLES = [
    "Từ một sáng kiến ở {unit}: {title_low}",
    "{title}: cách làm hay cần nhân rộng",
    "Sáng kiến giúp {goal} của {unit}",
]
PORTRAIT_TITLES = ["{Call} và hành trình {journey}", "{name}: “{quote}”", "Người {journey}"]
ENDINGS = [
    "Câu chuyện của {name} cho thấy thi đua gắn với công việc hằng ngày mới tạo ra kết quả "
    "bền vững.",
    "Từ những việc làm cụ thể ấy, phong trào thi đua ở {unit} có thêm sức lan tỏa.",
    "Những cách làm như vậy đang được đồng nghiệp học hỏi, áp dụng vào công việc của mình.",
]


def _story_date(rng: random.Random, year: int) -> str:
    year = min(max(year, 2019), LAST_YEAR)
    month = rng.randint(1, 10 if year == LAST_YEAR else 12)
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _byline(rng: random.Random, unit: dict | None = None) -> str:
    name = rng.choice(STORY_AUTHORS)
    if unit is not None and unit["level"] != "central" and rng.random() < 0.5:
        province = unit["province"]
        return f"{name} (BHXH {PROVINCE_BY_CODE[province][2]})" if province else name
    return f"{name} (Ban Truyền thông)" if rng.random() < 0.5 else name


def _group(unit: dict, units: dict[str, dict]) -> str:
    top = unit
    while top["level"] not in ("province", "central") and top.get("parent"):
        top = units[top["parent"]]
    return top.get("cluster") or top.get("block") or "khối thi đua"


def _portrait_story(rng: random.Random, m: dict, units: dict[str, dict]) -> dict:
    unit, fig = m["unit"], m["fig"]
    pron = "chị" if m["gender"] == "female" else "anh"
    vals = {**fig, "S": _cap(m["s"]), "s": m["s"]}
    journey = rng.choice(FIELD_TEXT[m["field"]]["journey"])
    quote = rng.choice(QUOTES)
    title = rng.choice(PORTRAIT_TITLES).format(
        Call=_cap(m["s"]), name=m["name"], journey=journey, quote=quote
    )
    facts = list(_text(m["field"], m["unit"])["facts"])
    rng.shuffle(facts)
    paragraphs = [
        _p(rng.choice(PORTRAIT_SCENES).format(unit=unit["name"], s=m["name"], pron=pron)),
        _p(
            f"Là {_low(m['position'])}, {m['s']} được giao phụ trách "
            f"{FIELD_TEXT[m['field']]['phrase'][0]}.",
            facts[0].format(**vals),
            facts[1].format(**vals),
        ),
        _p(
            f"“{quote}”, {m['s']} nói. Theo {pron}, điều quan trọng là hiểu việc mình làm ảnh "
            "hưởng đến ai, rồi tìm cách làm cho gọn hơn, nhanh hơn mỗi ngày."
        ),
        _p(
            rng.choice(GOOD_DEEDS).format(**vals) if m.get("good") else "",
            _cap(_award_sentence(m["s"], m["titles"])),
            f"Năm {m['year']}, {m['name']} được {unit['name']} giới thiệu là gương điển hình tiên "
            "tiến để các đơn vị trong ngành học tập.",
        ),
        _p(rng.choice(ENDINGS).format(name=m["name"], unit=unit["name"])),
    ]
    return {
        "title": title,
        "date": _story_date(rng, m["year"] + rng.choice([0, 0, 1])),
        "summary": f"Chân dung {m['name']}, {_low(m['position'])}, {unit['full']}.",
        "body": "\n".join(paragraphs),
        "exemplars": [m["key"]],
        "initiatives": list(m.get("initiatives", []))[:2],
        "author": _byline(rng, unit),
        "tags": ["gương điển hình"] + (["người tốt việc tốt"] if m.get("good") else []),
    }


def _collective_story(rng: random.Random, m: dict, units: dict[str, dict]) -> dict:
    unit, fig = m["unit"], m["fig"]
    vals = {**fig, "S": "Đơn vị", "s": "đơn vị"}
    facts = list(_text(m["field"], m["unit"])["facts"])
    rng.shuffle(facts)
    goal = GOALS[m["field"]]
    title = rng.choice(
        [
            f"{m['name']}: tập thể dẫn đầu nhờ đổi mới cách làm",
            f"{m['name']} và những cách làm giúp {goal}",
            f"Điều làm nên một tập thể tiêu biểu ở {_label(unit)}",
        ]
    )
    paragraphs = [
        _p(rng.choice(COLLECTIVE_SCENES).format(name=m["name"], group=_group(unit, units))),
        _p(facts[0].format(**vals), facts[1].format(**vals)),
        _p(
            f"“{rng.choice(QUOTES)}”, lãnh đạo đơn vị chia sẻ. Mỗi người trong tập thể "
            f"{m['members']} cán bộ, viên chức đều được giao chỉ tiêu rõ ràng, kết quả được công "
            "khai hằng tháng."
        ),
        _p(_cap(_award_sentence("đơn vị", m["titles"]))),
    ]
    return {
        "title": title,
        "date": _story_date(rng, m["year"] + rng.choice([0, 1])),
        "summary": f"Những việc làm cụ thể giúp {m['name']} {goal}.",
        "body": "\n".join(paragraphs),
        "exemplars": [m["key"]],
        "initiatives": [],
        "author": _byline(rng, unit),
        "tags": ["tập thể tiêu biểu"],
    }


def _first_paragraph(html: str) -> str:
    return html.split("\n")[0].removeprefix("<p>").removesuffix("</p>")


def _initiative_story(rng: random.Random, ini: dict) -> dict:
    unit, rec = ini["unit"], ini["record"]
    lead = ini["authors"][0]
    if len(ini["authors"]) == 1:
        credit = f"Sáng kiến do {lead['name']}, {_low(lead['position'])}, thực hiện."
        motive = "nói về động lực của mình"
    else:
        names = ", ".join(a["name"] for a in ini["authors"][:-1])
        credit = f"Sáng kiến do {names} và {ini['authors'][-1]['name']} cùng thực hiện."
        motive = "nói về động lực của cả nhóm"
    low = ini["title"][0].lower() + ini["title"][1:]
    title = rng.choice(INITIATIVE_TITLES).format(
        unit=_label(unit), title=ini["title"], title_low=low, goal=GOALS[ini["field"]]
    )
    problem = _first_paragraph(rec["problem"])
    paragraphs = [
        _p("Trước khi có sáng kiến, " + problem[0].lower() + problem[1:]),
        _p(credit, _first_paragraph(rec["solution"])),
        _p(_first_paragraph(rec["results"])),
        _p(f"“{rng.choice(QUOTES)}”, {lead['s']} {motive}."),
    ]
    return {
        "title": title,
        "date": _story_date(rng, ini["year"] + rng.choice([0, 1])),
        "summary": f"Sáng kiến của {_label(unit)} giúp {GOALS[ini['field']]}.",
        "body": "\n".join(paragraphs),
        "exemplars": [a["key"] for a in ini["authors"]],
        "initiatives": [ini["key"]],
        "author": _byline(rng, unit),
        "tags": ["sáng kiến", "nhân rộng"],
    }


def _roundup_story(rng: random.Random, province: dict, people: list[dict], year: int) -> dict:
    paragraphs = [
        _p(
            f"Năm {year}, {province['name']} tiếp tục phát hiện, bồi dưỡng nhiều tập thể, cá nhân "
            "tiêu biểu trong phong trào thi đua. Dưới đây là một số gương mặt được đơn vị giới "
            "thiệu để nhân rộng."
        )
    ]
    for m in people:
        if m["kind"] == "individual":
            who = f"{m['name']}, {_low(_where(m['position'], m['unit']))},"
            subject = m["s"]
        else:
            who = f"{m['name']}, tập thể {m['members']} cán bộ, viên chức,"
            subject = "đơn vị"
        hook = m["hook"].removeprefix("đã ")
        paragraphs.append(
            _p(f"{who} năm {m['year']} đã {hook}.", _cap(_award_sentence(subject, m["titles"])))
        )
    paragraphs.append(
        _p(
            "Theo lãnh đạo đơn vị, việc giới thiệu điển hình không dừng ở hội nghị mà được đưa "
            "vào sinh hoạt chuyên môn, để mỗi phòng, mỗi tổ chọn được một cách làm phù hợp."
        )
    )
    return {
        "title": f"Những gương mặt tiêu biểu của {province['name']} năm {year}",
        "date": _story_date(rng, year + 1),
        "summary": f"Các tập thể, cá nhân điển hình tiên tiến của {province['name']} năm {year}.",
        "body": "\n".join(paragraphs),
        "exemplars": [m["key"] for m in people],
        "initiatives": [],
        "author": _byline(rng, province),
        "tags": ["gương điển hình", province["place"]],
    }


def _build_stories(
    rng: random.Random,
    units: dict[str, dict],
    exemplars: list[dict],
    initiatives: list[dict],
    count: int = 24,
) -> list[dict]:
    individuals = [m for m in exemplars if m["kind"] == "individual"]
    collectives = [m for m in exemplars if m["kind"] == "collective"]
    # the most telling portraits first: decorated people, good deeds, ethnic minorities
    individuals.sort(key=lambda m: (-(m["tier"] + 2 * m["good"] + m["minority"]), m["key"]))
    stories: list[dict] = []
    for m in individuals[:10]:
        stories.append(_portrait_story(rng, m, units))
    for m in rng.sample(collectives, k=min(5, len(collectives))):
        stories.append(_collective_story(rng, m, units))
    for ini in rng.sample(initiatives, k=min(6, len(initiatives))):
        stories.append(_initiative_story(rng, ini))
    by_province: dict[str, list[dict]] = defaultdict(list)
    for m in exemplars:
        if m["unit"]["province"]:
            by_province[m["unit"]["province"]].append(m)
    rich = sorted(by_province, key=lambda code: (-len(by_province[code]), code))
    for code in rich:
        if len(stories) >= count:
            break
        years = sorted({m["year"] for m in by_province[code] if m["year"] < LAST_YEAR})[::-1]
        if not years:
            continue
        year = next(
            (y for y in years if sum(1 for m in by_province[code] if m["year"] == y) >= 2),
            years[0],
        )
        recent = [m for m in by_province[code] if m["year"] in (year, year - 1)]
        people = sorted(recent, key=lambda m: (-m["tier"], m["key"]))[:3]
        stories.append(_roundup_story(rng, units[code], people, year))
    seen: set[str] = set()
    records = []
    for n, story in enumerate(stories, start=1):
        if story["title"] in seen:
            story["title"] += f" ({story['date'][:4]})"
        seen.add(story["title"])
        record = {"type": "story", "key": f"bv-{n:04d}", **story}
        if not record["initiatives"]:
            del record["initiatives"]
        records.append(record)
    return records


PROVINCE_BY_CODE = {p[0]: p for p in PROVINCES}


# ---------------------------------------------------------------------------------------------
# Conferences and their reports
# ---------------------------------------------------------------------------------------------

LESSONS = [
    "Lãnh đạo phải trực tiếp theo dõi, đôn đốc và có mặt ở những việc khó.",
    "Mỗi chỉ tiêu được giao đến từng người, có mốc thời gian và được công khai kết quả.",
    "Phối hợp chặt chẽ với cấp ủy, chính quyền và các ngành ở địa phương.",
    "Mạnh dạn ứng dụng công nghệ thông tin để giảm bớt việc thủ công.",
    "Khen thưởng kịp thời, đúng người, đúng việc để tạo động lực cho cả tập thể.",
    "Lắng nghe người dân, doanh nghiệp để biết thủ tục nào còn làm họ vất vả.",
]
ORDINALS = ["Thứ nhất", "Thứ hai", "Thứ ba"]


def _count_titles(people: list[dict], title: str) -> int:
    return sum(1 for m in people for t in m["titles"] if t["title"] == title and t["year"] >= 2020)


def _summary_report(conf: dict, people: list[dict], inis: list[dict], scope_name: str) -> str:
    individuals = [m for m in people if m["kind"] == "individual"]
    collectives = [m for m in people if m["kind"] == "collective"]
    women = sum(1 for m in individuals if m["gender"] == "female")
    minority = sum(1 for m in individuals if m["minority"])
    fields = defaultdict(int)
    for ini in inis:
        fields[ini["field"]] += 1
    top = sorted(fields, key=lambda f: (-fields[f], f))[:3]
    top_fields = "; ".join(f[0].lower() + f[1:] for f in top) or "thu BHXH, BHYT, BHTN"
    return "\n".join(
        [
            _p(
                f"Giai đoạn 2020 - 2025, phong trào thi đua yêu nước của {scope_name} được "
                "triển khai sâu rộng, gắn với nhiệm vụ chính trị của từng đơn vị và góp phần hoàn "
                "thành các chỉ tiêu về phát triển người tham gia BHXH, BHYT."
            ),
            _p(
                f"Qua phong trào, các đơn vị đã phát hiện, bồi dưỡng {len(people)} điển hình tiên "
                f"tiến được giới thiệu vào cơ sở dữ liệu, gồm {len(collectives)} tập thể và "
                f"{len(individuals)} cá nhân; trong số cá nhân có {women} nữ và {minority} người "
                "dân tộc thiểu số."
            ),
            _p(
                f"{len(inis)} sáng kiến, giải pháp đã được công nhận và áp dụng, tập trung nhiều "
                f"nhất ở các lĩnh vực: {top_fields}. Trong "
                f"giai đoạn, {_count_titles(people, T_CSTDCS)} lượt cá nhân đạt danh hiệu Chiến "
                f"sĩ thi đua cơ sở và {_count_titles(people, T_TTLDXS)} lượt tập thể đạt danh "
                "hiệu Tập thể lao động xuất sắc."
            ),
            _p(
                "Bên cạnh kết quả đạt được, việc nhân rộng điển hình ở một số nơi còn hình thức, "
                "chưa chú trọng người trực tiếp làm việc. Thời gian tới cần tiếp tục đổi mới cách "
                "tuyên truyền, khen thưởng kịp thời và đưa các sáng kiến có hiệu quả vào áp dụng "
                "rộng rãi."
            ),
        ]
    )


def _paper(rng: random.Random, m: dict, inis_by_key: dict[str, dict]) -> tuple[str, str]:
    goal = GOALS[m["field"]]
    vals = {**m["fig"], "S": _cap(m["s"]), "s": m["s"]}
    title = f"{m['name']}: kinh nghiệm {goal}"
    if m["kind"] == "individual":
        where = _where(m["position"], m["unit"])
        title = f"Kinh nghiệm {goal} - tham luận của {m['name']}, {_low(where)}"
    facts = list(_text(m["field"], m["unit"])["facts"])
    rng.shuffle(facts)
    phrase = FIELD_TEXT[m["field"]]["phrase"][0]
    intro = f"Tham luận nêu những việc {m['name']} đã làm trong {phrase}, kèm theo bài học rút ra."
    paragraphs = [_p(intro, facts[0].format(**vals)), _p(facts[1].format(**vals))]
    known = [k for k in m.get("initiatives", []) if inis_by_key[k]["year"] <= m["year"]]
    for key in known[:1]:
        ini = inis_by_key[key]
        paragraphs.append(
            _p(f"Kết quả trên có phần đóng góp của sáng kiến “{ini['title']}”, năm {ini['year']}.")
        )
    lessons = sorted(rng.sample(range(len(LESSONS)), k=3))
    paragraphs.append(
        _p(
            "Từ thực tế đó, có thể rút ra một số kinh nghiệm.",
            *(
                f"{o}, {LESSONS[i][0].lower()}{LESSONS[i][1:]}"
                for o, i in zip(ORDINALS, lessons, strict=True)
            ),
        )
    )
    return title, "\n".join(paragraphs)


def _build_conferences(
    rng: random.Random,
    units: dict[str, dict],
    exemplars: list[dict],
    initiatives: list[dict],
) -> tuple[list[dict], list[dict]]:
    inis_by_key = {i["key"]: i for i in initiatives}
    confs = [
        {
            "type": "conference",
            "key": "hn-nghe-an-2025",
            "name": "Hội nghị điển hình tiên tiến BHXH tỉnh Nghệ An năm 2025",
            "level": "province",
            "unit": "NAN",
            "date": "2025-04-17",
            "capacity": 300,
            "summary": "Hội nghị biểu dương các tập thể, cá nhân tiêu biểu của BHXH tỉnh Nghệ An "
            "giai đoạn 2020 - 2025 và bầu đại biểu dự Đại hội Thi đua yêu nước của ngành.",
        },
        {
            "type": "conference",
            "key": "dh-tdyn-bhxh-vi",
            "name": "Đại hội Thi đua yêu nước ngành BHXH Việt Nam lần thứ VI",
            "level": "sector",
            "unit": SECTOR_CODE,
            "date": "2025-09-18",
            "capacity": 500,
            "summary": "Đại hội tổng kết phong trào thi đua yêu nước toàn ngành giai đoạn 2020 - "
            "2025, tôn vinh các điển hình tiên tiến và phát động phong trào giai đoạn mới.",
        },
    ]
    nghe_an = _subtree(units, "NAN")
    scopes = [
        # only what was known by the day of the conference
        (
            confs[0],
            [m for m in exemplars if m["unit"]["code"] in nghe_an and m["year"] <= 2024],
            "BHXH tỉnh Nghệ An",
        ),
        (confs[1], [m for m in exemplars if m["year"] <= 2025], "ngành BHXH Việt Nam"),
    ]
    reports: list[dict] = []
    for conf, people, scope_name in scopes:
        keys = {m["unit"]["code"] for m in people}
        cutoff = max(m["year"] for m in people)
        inis = [i for i in initiatives if i["unit"]["code"] in keys and i["year"] <= cutoff]
        reports.append(
            {
                "type": "report",
                "key": f"bc-{len(reports) + 1:04d}",
                "conference": conf["key"],
                "title": "Báo cáo tổng kết phong trào thi đua yêu nước giai đoạn 2020 - 2025 "
                f"của {scope_name}",
                "kind": "summary",
                "body": _summary_report(conf, people, inis, scope_name),
                "date": conf["date"],
            }
        )
        # Speakers: the most accomplished, one collective first, then individuals, one per
        # field so that the papers differ.
        noise = {m["key"]: rng.random() for m in people}
        speakers = sorted(
            people,
            key=lambda m: (-(m["tier"] + len(m.get("initiatives", []))), noise[m["key"]]),
        )
        wanted = 3 if conf["level"] == "sector" else 2 + len(people) % 2
        chosen = [next(m for m in speakers if m["kind"] == "collective")]
        used = {chosen[0]["field"]}
        for m in speakers:
            if len(chosen) == wanted:
                break
            if m["kind"] == "individual" and m["field"] not in used:
                chosen.append(m)
                used.add(m["field"])
        for m in chosen:
            title, body = _paper(rng, m, inis_by_key)
            reports.append(
                {
                    "type": "report",
                    "key": f"bc-{len(reports) + 1:04d}",
                    "conference": conf["key"],
                    "title": title,
                    "kind": "paper",
                    "body": body,
                    "authors": [m["key"]],
                    "date": conf["date"],
                }
            )
    return confs, reports


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def build_demo_records(seed: int = 2026) -> list[dict]:
    """All demo records, in import order: units, exemplars, initiatives, stories, conferences,
    reports. The same seed always gives the same list."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    unit_records, units = _build_units(rng)
    exemplar_records, exemplars = _build_exemplars(rng, units)
    initiative_records, initiatives = _build_initiatives(rng, units, exemplars)
    story_records = _build_stories(rng, units, exemplars, initiatives)
    conferences, reports = _build_conferences(rng, units, exemplars, initiatives)
    records = (
        unit_records + exemplar_records + initiative_records + story_records + conferences + reports
    )
    return [_nfc(r) for r in records]


def write_jsonl(records: list[dict], path: str | Path) -> Path:
    """Write the records one JSON object per line (UTF-8, Vietnamese as-is)."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path

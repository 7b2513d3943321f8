"""The starting catalogue, loaded by a data migration; every entry stays editable afterwards."""

FIELDS_OF_WORK = [
    "Thu BHXH, BHYT, BHTN",
    "Cấp sổ BHXH, thẻ BHYT",
    "Thực hiện chính sách BHXH",
    "Giám định BHYT",
    "Kế hoạch - Tài chính",
    "Công nghệ thông tin",
    "Kiểm tra",
    "Pháp chế",
    "Tuyên truyền",
    "Tổ chức cán bộ",
    "Cải cách thủ tục hành chính",
    "Giao dịch điện tử",
    "Văn phòng",
    "Thi đua - Khen thưởng",
]

# (name, kind, recipient, level)
TITLES = [
    ("Lao động tiên tiến", "title", "individual", "base"),
    ("Chiến sĩ thi đua cơ sở", "title", "individual", "base"),
    ("Chiến sĩ thi đua ngành BHXH", "title", "individual", "sector"),
    ("Chiến sĩ thi đua toàn quốc", "title", "individual", "state"),
    ("Tập thể lao động tiên tiến", "title", "collective", "base"),
    ("Tập thể lao động xuất sắc", "title", "collective", "base"),
    ("Cờ thi đua của BHXH Việt Nam", "title", "collective", "sector"),
    ("Cờ thi đua của Chính phủ", "title", "collective", "state"),
    ("Giấy khen", "award", "both", "base"),
    ("Bằng khen của Tổng Giám đốc BHXH Việt Nam", "award", "both", "sector"),
    ("Bằng khen của Thủ tướng Chính phủ", "award", "both", "state"),
    ("Huân chương Lao động hạng Ba", "award", "both", "state"),
]

# The stable codes that rules (kb/nominations) and scoring refer to; names stay editable.
TITLE_CODES = {
    "Lao động tiên tiến": "ldtt",
    "Chiến sĩ thi đua cơ sở": "cstd-co-so",
    "Chiến sĩ thi đua ngành BHXH": "cstd-nganh",
    "Chiến sĩ thi đua toàn quốc": "cstd-toan-quoc",
    "Tập thể lao động tiên tiến": "tt-ldtt",
    "Tập thể lao động xuất sắc": "tt-ldxs",
    "Cờ thi đua của BHXH Việt Nam": "co-bhxh",
    "Cờ thi đua của Chính phủ": "co-chinh-phu",
    "Giấy khen": "giay-khen",
    "Bằng khen của Tổng Giám đốc BHXH Việt Nam": "bang-khen-bhxh",
    "Bằng khen của Thủ tướng Chính phủ": "bang-khen-ttg",
    "Huân chương Lao động hạng Ba": "huan-chuong-ld-3",
}

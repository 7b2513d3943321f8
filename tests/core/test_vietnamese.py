import unicodedata

import pytest

from kb.core.vietnamese import fold, slugify_vi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bảo hiểm xã hội", "bao hiem xa hoi"),
        ("ĐẮK LẮK", "dak lak"),
        ("Người tốt – Việc tốt", "nguoi tot – viec tot"),
        ("nghệ", "nghe"),  # two marks on one letter
        ("Thừa Thiên Huế", "thua thien hue"),
    ],
)
def test_fold_strips_every_diacritic_and_d_bar(text, expected):
    assert fold(text) == expected


def test_fold_treats_decomposed_and_composed_input_the_same():
    composed = "Đồng Tháp"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert fold(composed) == fold(decomposed) == "dong thap"


def test_slug_keeps_d_where_djangos_slugify_drops_it():
    assert slugify_vi("BHXH tỉnh Đắk Lắk") == "bhxh-tinh-dak-lak"
    assert slugify_vi("  --  ") == ""
    assert len(slugify_vi("Phòng " * 40, max_length=30)) <= 30

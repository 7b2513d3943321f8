"""The key-figure charts are plain SVG a screen reader can announce and a browser can draw
without JavaScript; labels cannot inject markup."""

import xml.etree.ElementTree as ET

from kb.core.charts import Bar, columns, horizontal_bars, number, top_with_rest

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output)


def test_horizontal_bars_are_an_accessible_image_with_title_and_largest_values_described():
    bars = [Bar("Thu BHXH", 120), Bar("Kiểm tra", 30), Bar("Pháp chế", 1)]
    root = parse(horizontal_bars(bars, title="Theo lĩnh vực", description="Nhiều nhất:", ident="f"))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-f-title chart-f-desc"
    assert root.find(f"{SVG}title").text == "Theo lĩnh vực"
    assert root.find(f"{SVG}desc").text == "Nhiều nhất: Thu BHXH: 120; Kiểm tra: 30; Pháp chế: 1."
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > widths[2] > 0  # longer bar, larger value; 1 is still seen
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Thu BHXH" in texts and "120" in texts


def test_columns_label_every_year_and_value():
    bars = [Bar(str(y), v) for y, v in [(2022, 5), (2023, 0), (2024, 12_345)]]
    root = parse(columns(bars, title="Theo năm", description="Số điển hình.", ident="y"))

    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2022", "2023", "2024", "12.345"} <= set(texts)
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights[1] == 0 and heights[2] > heights[0] > 0


def test_labels_are_escaped_and_empty_data_draws_nothing():
    svg = horizontal_bars([Bar('<script>alert("x")</script>', 3)], title="a & b", description="")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a &amp; b" in svg
    assert horizontal_bars([], title="t", description="d") == ""
    assert columns([], title="t", description="d") == ""


def test_top_with_rest_keeps_the_largest_and_adds_up_the_others():
    bars = [Bar(f"T{i}", i) for i in range(1, 8)]
    kept = top_with_rest(bars, 3, "Khác")
    assert [(b.label, b.value) for b in kept] == [("T7", 7), ("T6", 6), ("T5", 5), ("Khác", 10)]
    assert top_with_rest(bars[:4], 3, "Khác") == sorted(bars[:4], key=lambda b: -b.value)
    assert number(1234567) == "1.234.567"

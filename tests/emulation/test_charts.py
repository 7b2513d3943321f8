"""The SVG charts stand alone: valid XML, titled for screen readers, names escaped."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from kb.emulation import charts

NS = "{http://www.w3.org/2000/svg}"


def test_section_chart_has_a_bar_per_unit_and_section_with_its_value():
    svg = charts.grouped_bars(
        "Điểm theo phần",
        ["I. Chuyên môn", "II. Phong trào"],
        [("BHXH <Nghệ An>", [Decimal("18.5"), 7]), ("BHXH Hà Tĩnh", [12, 9])],
    )
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert root.find(f"{NS}title").text == "Điểm theo phần"
    assert "BHXH <Nghệ An>: I. Chuyên môn 18,5" in root.find(f"{NS}desc").text
    bars = [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]
    assert len(bars) == 4
    widths = {r.find(f"{NS}title").text: float(r.attrib["width"]) for r in bars}
    assert (
        widths["BHXH <Nghệ An> – I. Chuyên môn: 18,5"] > widths["BHXH Hà Tĩnh – I. Chuyên môn: 12"]
    )
    assert "&lt;Nghệ An&gt;" in svg


def test_year_chart_labels_each_year_with_its_rank():
    svg = charts.columns(
        "Qua các năm", [("2024", Decimal(30), "hạng 2/4"), ("2025", 34, "hạng 1/4")]
    )
    texts = [t.text for t in ET.fromstring(svg).iter(f"{NS}text")]
    assert {"2024", "2025", "hạng 2/4", "hạng 1/4", "30", "34"} <= set(texts)

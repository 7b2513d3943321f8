"""A reader searches without diacritics, sees the matches highlighted, narrows by a facet."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from tests.factories import ExemplarPageFactory, InitiativePageFactory, UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_reader_types_an_accentless_query_and_clicks_a_facet(live_server, tab, site_structure):
    province = UnitFactory(name="BHXH tỉnh Đắk Lắk")
    InitiativePageFactory(
        title="Cấp thẻ bảo hiểm y tế cho học sinh tại trường",
        unit=province,
        summary="Học sinh nhận thẻ bảo hiểm y tế ngay đầu năm học.",
    )
    ExemplarPageFactory(
        title="Nguyễn Thị Thu Hà",
        unit=province,
        summary="Hướng dẫn học sinh cài đặt ứng dụng bảo hiểm y tế.",
    )

    tab.goto(live_server.url + "/search/")
    tab.get_by_label("Từ khóa").fill("bao hiem y te hoc sinh")
    tab.get_by_role("button", name="Tìm kiếm").last.click()

    expect(tab.get_by_role("status")).to_contain_text("2 kết quả")
    first = tab.locator(".search-result").first
    expect(first.locator("mark").first).to_have_text(re.compile("bảo hiểm y tế|học sinh"))

    facets = tab.get_by_role("complementary", name="Lọc kết quả")
    facets.get_by_role("link", name=re.compile(r"Điển hình tiên tiến \(1\)")).click()

    expect(tab).to_have_url(re.compile(r"type=exemplar"))
    expect(tab.get_by_role("status")).to_contain_text("1 kết quả")
    expect(tab.get_by_role("link", name="Nguyễn Thị Thu Hà")).to_be_visible()


def test_reader_picks_a_suggested_name_and_a_typo_is_understood(live_server, tab, site_structure):
    ExemplarPageFactory(title="Lý Thu Vân")
    InitiativePageFactory(title="Lưu trữ hồ sơ điện tử")

    tab.goto(live_server.url + "/search/")
    box = tab.get_by_label("Từ khóa")
    box.press_sequentially("ly thu", delay=40)
    # the page fills the box's list of suggestions as the reader types: names only
    suggestions = tab.locator("#search-suggestions option")
    expect(suggestions).to_have_count(1)
    expect(suggestions).to_have_attribute("value", "Lý Thu Vân")

    box.fill("Ly Thu Vaan")
    tab.get_by_role("button", name="Tìm kiếm").last.click()
    expect(tab.get_by_role("status")).to_contain_text("đã hiểu là “ly thu van”")
    result = tab.locator(".search-result").first
    expect(result.get_by_role("link", name="Lý Thu Vân")).to_be_visible()
    expect(result.locator("mark").first).to_have_text("Lý Thu Vân")

"""A reader and an administrator, in a real browser against the live server."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from kb.exemplars.models import ExemplarTitleAward
from kb.taxonomy.models import Title
from tests.factories import ExemplarPageFactory, InitiativePageFactory, UnitFactory, UserFactory

# The live server runs in another thread, so the data must be committed (transaction=True).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def exemplar(site_structure):
    page = ExemplarPageFactory(
        title="Nguyễn Thị Thu Hà",
        kind="individual",
        position="Phó Giám đốc",
        unit=UnitFactory(name="BHXH tỉnh Quảng Ninh"),
        summary="Dẫn đầu phong trào chuyển đổi số ở đơn vị.",
    )
    title, _ = Title.objects.get_or_create(name="Chiến sĩ thi đua ngành BHXH")
    ExemplarTitleAward.objects.create(page=page, title=title, year=2024, decision="456/QĐ")
    return page


def test_reader_goes_from_home_to_an_exemplar_profile(live_server, tab, exemplar):
    tab.goto(live_server.url + "/")
    expect(tab).to_have_title(re.compile("Điển hình tiên tiến"))

    navigation = tab.get_by_role("navigation", name="Chuyên mục chính")
    navigation.get_by_role("link", name="Điển hình tiên tiến").click()
    expect(tab).to_have_url(re.compile(r"/dien-hinh/$"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Điển hình tiên tiến")

    tab.get_by_role("link", name="Nguyễn Thị Thu Hà").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Nguyễn Thị Thu Hà")
    main = tab.get_by_role("main")
    expect(main.locator(".profile__unit")).to_have_text("BHXH tỉnh Quảng Ninh")
    titles = main.get_by_role("table")
    expect(titles).to_contain_text("Chiến sĩ thi đua ngành BHXH")
    expect(titles).to_contain_text("2024")
    expect(tab.get_by_role("navigation", name="Vị trí trang")).to_contain_text("Trang chủ")


def test_reader_searches_for_a_word_of_a_title(live_server, tab, site_structure):
    InitiativePageFactory(title="Tổng đài tự động nhắc hạn đóng BHXH tự nguyện")

    tab.goto(live_server.url + "/")
    search = tab.get_by_role("search").first
    search.get_by_role("searchbox").fill("nhắc")
    search.get_by_role("button").click()

    expect(tab).to_have_url(re.compile(r"/search/\?q="))
    expect(tab.get_by_role("status")).to_contain_text("1 kết quả")
    result = tab.get_by_role("link", name="Tổng đài tự động nhắc hạn đóng BHXH tự nguyện")
    expect(result).to_be_visible()
    result.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Tổng đài tự động nhắc hạn đóng BHXH tự nguyện"
    )


def test_administrator_logs_in_and_opens_the_units(live_server, tab, site_structure):
    UnitFactory(name="BHXH tỉnh Bắc Ninh")
    UserFactory(
        username="quantri", password="Mat-khau-quan-tri-2025", is_staff=True, is_superuser=True
    )

    tab.goto(live_server.url + "/admin/")
    expect(tab).to_have_url(re.compile(r"/admin/login/"))
    tab.locator("#id_username").fill("quantri")
    tab.locator("#id_password").fill("Mat-khau-quan-tri-2025")
    tab.locator("form button[type=submit]").click()

    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab).to_have_title(re.compile("Trang tổng quan"))

    tab.get_by_role("link", name="Đơn vị", exact=True).click()
    expect(tab).to_have_url(re.compile(r"/admin/snippets/units/unit/"))
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Đơn vị")
    expect(tab.get_by_role("link", name="BHXH tỉnh Bắc Ninh")).to_be_visible()

"""A province plans its upper conference end to end in the browser: the cap, the allocation
with its working, a district's list with its composition, and the Excel export."""

import datetime
import re

import pytest
from openpyxl import load_workbook

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from kb.conferences.models import Delegate, SeatAllocation
from kb.units.models import UnitLevel
from kb.users import roles
from tests.factories import ConferencePageFactory, UnitFactory, UserFactory

# The live server runs in another thread, so the data must be committed (transaction=True).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-thu-nghiem-2025"  # noqa: S105


def ensure_role(name: str) -> None:
    """The role's group with admin access (a flush between transactional tests removes what
    the migrations created; permissions come back with post_migrate, groups do not)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


@pytest.fixture
def plan(site_structure):
    from kb.taxonomy.models import FieldOfWork

    ensure_role(roles.UNIT_OFFICER)
    FieldOfWork.objects.get_or_create(name="Thu BHXH, BHYT, BHTN")
    sector = UnitFactory(code="VN", name="Bảo hiểm xã hội Việt Nam", level=UnitLevel.SECTOR)
    province = UnitFactory(code="NA", name="BHXH tỉnh Nghệ An", parent=sector, staff_count=420)
    districts = {
        name: UnitFactory(
            code=code, name=name, level=UnitLevel.DISTRICT, parent=province, staff_count=staff
        )
        for code, name, staff in (
            ("NA-VI", "BHXH thành phố Vinh", 60),
            ("NA-DC", "BHXH huyện Diễn Châu", 45),
            ("NA-KS", "BHXH huyện Kỳ Sơn", 30),
        )
    }
    conference = ConferencePageFactory(
        title="Hội nghị điển hình tiên tiến BHXH tỉnh Nghệ An 2025",
        level="province",
        unit=province,
        date=datetime.date(2025, 4, 17),
    )
    UserFactory(
        username="td-nghe-an", password=PASSWORD, unit=province, roles=[roles.UNIT_OFFICER],
        last_name="Hoàng Thị", first_name="Lan",
    )  # fmt: skip
    UserFactory(
        username="td-vinh", password=PASSWORD, unit=districts["BHXH thành phố Vinh"],
        roles=[roles.UNIT_OFFICER],
    )  # fmt: skip
    return conference


def log_in(tab, live_server, username: str) -> None:
    tab.goto(live_server.url + "/admin/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


def test_province_plans_its_upper_conference(live_server, browser, tab, plan, tmp_path):
    # The province's emulation officer opens the plan from the admin menu.
    log_in(tab, live_server, "td-nghe-an")
    tab.get_by_role("link", name="Hội nghị & đại biểu").click()
    expect(tab).to_have_url(re.compile(r"/admin/conference-plans/$"))
    tab.get_by_role("link", name=plan.title).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Kế hoạch đại biểu")
    expect(tab.locator("#kb-cap")).to_contain_text("300")

    # The cap: 12 instead of the default 300.
    tab.get_by_role("spinbutton", name="Số đại biểu tối đa").fill("12")
    tab.get_by_role("button", name="Lưu số tối đa").click()
    expect(tab.locator(".messages")).to_contain_text("Đã lưu số đại biểu tối đa: 12.")
    expect(tab.locator("#kb-elected-seats")).to_have_text("12")

    # The allocation by D'Hondt, with its working.
    tab.get_by_role("combobox", name="Phương pháp").select_option(label="D'Hondt")
    tab.get_by_role("button", name="Chạy phân bổ").click()
    expect(tab.locator(".messages")).to_contain_text("Đã phân bổ 12 ghế bầu cho 3 đơn vị")
    table = tab.get_by_role("table", name="Bảng phân bổ")
    expect(table).to_contain_text("Giá trị ưu tiên kế tiếp")
    vinh_row = table.get_by_role("row").filter(has_text="BHXH thành phố Vinh")
    expect(vinh_row.get_by_role("cell").nth(5)).to_have_text("6")
    expect(tab.get_by_label("Cách tính")).to_contain_text("trọng số / (n + 1)")
    tab.get_by_text("Các vòng trao ghế").click()
    rounds = tab.get_by_role("table", name="Các vòng trao ghế")
    expect(rounds.get_by_role("row").nth(1)).to_contain_text("BHXH thành phố Vinh")
    expect(tab.get_by_role("table", name="Các lần phân bổ")).to_contain_text("Hoàng Thị Lan")

    # The allocation table downloads as Excel.
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Tải bảng phân bổ (Excel)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path)["Phân bổ"]
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][0].startswith("Bảng phân bổ đại biểu bầu")
    assert ("BHXH thành phố Vinh", 6) in {(r[1], r[5]) for r in values if r[0]}

    # A district's officer enters one elected delegate and sees the composition.
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    district = context.new_page()
    try:
        log_in(district, live_server, "td-vinh")
        district.goto(live_server.url + f"/admin/conference-plans/{plan.pk}/")
        expect(district.get_by_role("button", name="Chạy phân bổ")).to_have_count(0)
        district.get_by_role("link", name="BHXH thành phố Vinh").click()
        expect(district.locator("#kb-unit-seats")).to_have_text("6")
        form = district.get_by_role("form", name="Thêm đại biểu bầu")
        form.get_by_label("Họ và tên").fill("Lò Thị Xuân")
        form.get_by_label("Giới tính").select_option(label="Nữ")
        form.get_by_label("Người dân tộc thiểu số").check()
        form.get_by_label("Trực tiếp thực thi nhiệm vụ").check()
        form.get_by_label("Lĩnh vực công tác").select_option(label="Thu BHXH, BHYT, BHTN")
        form.get_by_role("button", name="Thêm đại biểu").click()
        expect(district.locator(".messages")).to_contain_text("Đã thêm đại biểu bầu: Lò Thị Xuân.")
        expect(district.get_by_role("table", name="Đại biểu bầu")).to_contain_text("Lò Thị Xuân")
        composition = district.locator("#kb-composition")
        expect(composition).to_contain_text("Đã nhập: 1/6 ghế")
        expect(composition).to_contain_text("Nữ: 1 (100%)")
        expect(composition.get_by_role("list", name="Cảnh báo về cơ cấu")).to_contain_text(
            "Còn thiếu 5 đại biểu so với 6 ghế được phân bổ."
        )
        with district.expect_download() as download_info:
            district.get_by_role("link", name="Tải danh sách (Excel)").click()
        path = tmp_path / "dai-bieu-vinh.xlsx"
        download_info.value.save_as(path)
        rows = list(load_workbook(path)["Danh sách"].iter_rows(values_only=True))
        assert any(r[3] == "Lò Thị Xuân" and r[5] == "Nữ" for r in rows)
    finally:
        context.close()

    assert SeatAllocation.objects.get(conference=plan, is_current=True).method == "dhondt"
    delegate = Delegate.objects.get(conference=plan)
    assert (delegate.unit.name, delegate.gender, delegate.ethnic_minority) == (
        "BHXH thành phố Vinh", "female", True,
    )  # fmt: skip

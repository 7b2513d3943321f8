"""One dossier end to end in the browser: a district officer proposes, the province approves,
the ministry returns it for completion, the officer completes and resubmits, the ministry
approves with a decision number, and the exemplar's public profile shows the title."""

import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from kb.exemplars.models import ExemplarTitleAward
from kb.units.models import UnitLevel
from kb.users import roles
from tests.factories import (
    ExemplarPageFactory,
    InitiativePageFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-thu-nghiem-2026"  # noqa: S105
YEAR = 2026


def ensure_role(name: str) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


@pytest.fixture
def sector(site_structure):
    from kb.nominations.defaults import ensure_route_and_rules
    from kb.taxonomy.models import Title

    ensure_route_and_rules()
    for role in (roles.UNIT_OFFICER, roles.COUNCIL_MEMBER, roles.MINISTRY_OFFICE):
        ensure_role(role)
    root = UnitFactory(code="VN", name="Bảo hiểm xã hội Việt Nam", level=UnitLevel.SECTOR)
    province = UnitFactory(code="TH", name="BHXH tỉnh Thanh Hóa", parent=root)
    district = UnitFactory(
        code="TH-NC", name="BHXH huyện Nga Sơn", level=UnitLevel.DISTRICT, parent=province
    )
    exemplar = ExemplarPageFactory(title="Lê Thị Hằng", kind="individual", unit=district)
    base = Title.objects.get(code="cstd-co-so")
    for year in (YEAR - 3, YEAR - 2, YEAR - 1):
        ExemplarTitleAward.objects.create(page=exemplar, title=base, year=year)
    InitiativePageFactory(title="Tổ thu lưu động ở xã ven biển", unit=district, scope="sector")
    for username, unit, role in (
        ("td-nga-son", district, roles.UNIT_OFFICER),
        ("hd-nga-son", district, roles.COUNCIL_MEMBER),
        ("hd-thanh-hoa", province, roles.COUNCIL_MEMBER),
        ("vu-tdkt", root, roles.MINISTRY_OFFICE),
    ):
        UserFactory(username=username, password=PASSWORD, unit=unit, roles=[role])
    return exemplar


def log_in(tab, live_server, username: str) -> None:
    tab.context.clear_cookies()
    tab.goto(live_server.url + "/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


def open_waiting(tab) -> None:
    panel = tab.locator("#nominations-waiting-heading").locator("xpath=ancestor::section")
    expect(panel).to_contain_text("Lê Thị Hằng")
    panel.get_by_role("link", name=re.compile("Lê Thị Hằng")).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Lê Thị Hằng")


def decide(tab, action: str, comment: str, vote=(9, 0, 9), number: str = "") -> None:
    form = tab.locator("form[action$='/decide/']")
    form.get_by_role("radio", name=action, exact=True).check()
    form.get_by_label("Ý kiến").fill(comment)
    if vote:
        form.get_by_label("Số phiếu đồng ý").fill(str(vote[0]))
        form.get_by_label("Số phiếu không đồng ý").fill(str(vote[1]))
        form.get_by_label("Tổng số thành viên hội đồng").fill(str(vote[2]))
    if number:
        form.get_by_label("Số quyết định").fill(number)
        form.get_by_label("Ngày quyết định").fill(f"{YEAR}-11-20")
    form.get_by_role("button", name="Ghi quyết định").click()
    expect(tab.locator(".messages")).to_contain_text("Đã ghi quyết định.")


def test_a_dossier_walks_up_to_the_ministry_and_the_title_reaches_the_profile(
    live_server, tab, sector, tmp_path
):
    exemplar = sector
    # The district's officer drafts the dossier.
    log_in(tab, live_server, "td-nga-son")
    tab.get_by_role("link", name="Đề nghị khen thưởng").first.click()
    tab.get_by_role("link", name="Lập hồ sơ đề nghị").click()
    tab.locator("#id_year").fill(str(YEAR))
    tab.get_by_label("Đối tượng").select_option(label="Cá nhân")
    tab.get_by_label("Danh hiệu, hình thức khen thưởng").select_option(
        label="Chiến sĩ thi đua ngành BHXH"
    )
    tab.get_by_label("Đơn vị đề nghị").select_option(label="BHXH huyện Nga Sơn")
    tab.get_by_label("Tên cá nhân / tập thể được đề nghị").fill("Lê Thị Hằng")
    tab.get_by_label("Đơn vị của cá nhân / tập thể").select_option(label="BHXH huyện Nga Sơn")
    tab.get_by_label("Hồ sơ điển hình đã có").select_option(label="Lê Thị Hằng")
    tab.get_by_label("Tổ thu lưu động ở xã ven biển").check()
    tab.get_by_label("Đánh giá, xếp loại trong năm").select_option(
        label="Hoàn thành xuất sắc nhiệm vụ"
    )
    tab.get_by_role("button", name="Lưu hồ sơ").click()
    expect(tab.locator(".messages")).to_contain_text("Đã lưu hồ sơ.")
    expect(tab.get_by_test_id("status")).to_contain_text("Đang soạn")
    tab.get_by_role("button", name="Trình lên cấp xét").click()
    expect(tab.get_by_test_id("status")).to_contain_text("Hội đồng TĐKT đơn vị")

    # The district's council, then the province, approve with their votes.
    log_in(tab, live_server, "hd-nga-son")
    open_waiting(tab)
    decide(tab, "Đồng ý", "Hội đồng thống nhất đề nghị.")
    log_in(tab, live_server, "hd-thanh-hoa")
    open_waiting(tab)
    decide(tab, "Đồng ý", "Đề nghị BHXH Việt Nam xét.")
    expect(tab.get_by_test_id("status")).to_contain_text("BHXH Việt Nam")

    # The ministry returns it for completion.
    log_in(tab, live_server, "vu-tdkt")
    open_waiting(tab)
    decide(tab, "Trả lại để bổ sung", "Thiếu biên bản họp hội đồng cấp tỉnh.", vote=None)
    expect(tab.get_by_test_id("status")).to_contain_text("Trả lại bổ sung")

    # The officer adds the minutes and resubmits.
    log_in(tab, live_server, "td-nga-son")
    open_waiting(tab)
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% bien ban hop hoi dong\n")
    tab.get_by_label("Tên tài liệu").fill("Biên bản họp hội đồng tỉnh")
    tab.get_by_label("Tệp").set_input_files(str(minutes))
    tab.get_by_role("button", name="Thêm tài liệu").click()
    expect(tab.locator(".messages")).to_contain_text("Đã thêm tài liệu")
    tab.get_by_role("button", name="Đã bổ sung, trình lại").click()
    expect(tab.get_by_test_id("status")).to_contain_text("BHXH Việt Nam")

    # The ministry approves with its decision number.
    log_in(tab, live_server, "vu-tdkt")
    open_waiting(tab)
    decide(tab, "Đồng ý", "Đủ điều kiện.", number="1234/QĐ-BHXH")
    expect(tab.get_by_test_id("status")).to_contain_text("Đã quyết định")
    expect(tab.get_by_test_id("decision")).to_contain_text("1234/QĐ-BHXH")
    tab.screenshot(path=str(tmp_path / "dossier.png"), full_page=True)

    # Anyone reading the profile sees the title.
    tab.context.clear_cookies()
    tab.goto(live_server.url + exemplar.url)
    titles = tab.locator("#titles-title").locator("xpath=ancestor::section")
    expect(titles).to_contain_text("Chiến sĩ thi đua ngành BHXH")
    expect(titles).to_contain_text("1234/QĐ-BHXH")

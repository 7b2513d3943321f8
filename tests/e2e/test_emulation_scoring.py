"""A cluster's year in the browser: a member scores itself with evidence and downloads its
sheet, the leader flags a discrepancy, the council adjusts with a reason, locks, reads the
ranking with its rule and chart, and opens the draft nominations."""

import re
from decimal import Decimal as D

import pytest
from django.conf import settings
from openpyxl import load_workbook

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from kb.emulation import services
from kb.emulation.models import ScoreLine, ScoreSheet
from kb.users import roles
from tests.emulation.conftest import build_cluster
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-thu-nghiem-2025"  # noqa: S105
FIGURES = {"1.1": "17", "1.2": "9", "2.1": "9", "T.1": "4", "T.2": "0", "D.1": "0"}


def ensure_role(name: str) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


@pytest.fixture
def year(site_structure):
    from kb.taxonomy.models import Title

    for role in (roles.UNIT_OFFICER, roles.COUNCIL_MEMBER):
        ensure_role(role)
    for name, code in (
        ("Cờ thi đua của BHXH Việt Nam", "co-bhxh"),
        ("Bằng khen của Tổng Giám đốc BHXH Việt Nam", "bang-khen-bhxh"),
    ):
        Title.objects.update_or_create(name=name, defaults={"code": code, "level": "sector"})
    cluster = build_cluster()
    for code, username in (("NA", "td-nghe-an"), ("QB", "td-quang-binh")):
        UserFactory(
            username=username, password=PASSWORD, unit=cluster.units[code],
            roles=[roles.UNIT_OFFICER],
        )  # fmt: skip
    UserFactory(
        username="hoi-dong", password=PASSWORD, unit=cluster.sector,
        roles=[roles.COUNCIL_MEMBER], last_name="Phạm Văn", first_name="Đức",
    )  # fmt: skip
    # The other three members have scored already.
    for code, values in (("NA", (18, 9, 8, 2, 0, 0)), ("HT", (16, 8, 8, 0, 0, 1)),
                         ("TH", (15, 7, 8, 0, 0, 0))):  # fmt: skip
        sheet = services.ensure_sheets(cluster.pact)[list(cluster.units).index(code)]
        services.save_self_score(
            sheet,
            {cluster.criteria[c].pk: services.SelfScore(str(v))
             for c, v in zip(FIGURES, values, strict=True)},
            submit=True,
        )  # fmt: skip
    return cluster


def log_in(browser, live_server, username: str):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto(live_server.url + "/admin/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    return context, tab


def open_sheet(tab, unit_name: str) -> None:
    tab.get_by_role("link", name="Chấm điểm thi đua").first.click()
    expect(tab).to_have_url(re.compile(r"/admin/emulation-scores/$"))
    tab.get_by_role("link", name="Cụm thi đua số 3 (2025)").click()
    table = tab.get_by_role("table", name="Bảng điểm đơn vị")
    table.get_by_role("link", name=unit_name, exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text(f"Bảng điểm {unit_name}")


def test_a_cluster_year_in_the_browser(live_server, browser, year, tmp_path):
    # Quảng Bình scores itself, attaches evidence, submits and downloads its sheet.
    context, tab = log_in(browser, live_server, "td-quang-binh")
    try:
        open_sheet(tab, "BHXH tỉnh Quảng Bình")
        tab.get_by_label("Tổng số CBCCVC, NLĐ").fill("120")
        tab.get_by_label("Số nữ").fill("70")
        for code, value in FIGURES.items():
            tab.get_by_label(f"Điểm tự chấm {code}").fill(value)
        tab.get_by_label("Giải trình 1.2").fill("Nợ đóng giảm còn 2,4%.")
        tab.get_by_role("button", name="Gửi để thẩm định").click()
        expect(tab.locator(".messages")).to_contain_text("Đã gửi bảng tự chấm điểm để thẩm định.")
        expect(tab.locator("#kb-sheet-status")).to_have_text("Đã gửi, chờ thẩm định")
        expect(tab.locator("#kb-self-total")).to_have_text("39")

        pdf = tmp_path / "bien-ban-doi-chieu.pdf"
        pdf.write_bytes(b"%PDF-1.4\n% minh chung\n")
        evidence = tab.get_by_role("form", name="Thêm minh chứng")
        evidence.get_by_label("Tiêu chí").select_option(label="1.2. Giảm nợ đóng BHXH, BHYT")
        evidence.get_by_label("Tệp minh chứng").set_input_files(str(pdf))
        evidence.get_by_role("button", name="Tải minh chứng lên").click()
        expect(tab.locator(".messages")).to_contain_text(
            "Đã thêm minh chứng bien-ban-doi-chieu.pdf"
        )
        expect(tab.locator("#tieu-chi-12")).to_contain_text("bien-ban-doi-chieu.pdf")
        expect(tab.get_by_role("table", name="Nhật ký thay đổi")).to_contain_text("Thêm minh chứng")

        with tab.expect_download() as download_info:
            tab.get_by_role("link", name="Tải bảng điểm (Excel)").click()
        path = tmp_path / "bang-diem.xlsx"
        download_info.value.save_as(path)
        rows = list(load_workbook(path)["Tự chấm điểm"].iter_rows(values_only=True))
        assert ("1.2", 9, "Nợ đóng giảm còn 2,4%.") in {(r[0], r[5], r[6]) for r in rows}
        # The member cannot open another member's sheet.
        other = tab.url.replace(f"/units/{year.units['QB'].pk}/", f"/units/{year.units['TH'].pk}/")
        assert tab.goto(other).status == 404
    finally:
        context.close()

    # The leader, Nghệ An, flags 1.2 and proposes 6.
    context, tab = log_in(browser, live_server, "td-nghe-an")
    try:
        open_sheet(tab, "BHXH tỉnh Quảng Bình")
        expect(tab.get_by_label("Điểm tự chấm 1.1")).to_have_count(0)
        tab.get_by_label("Chênh lệch 1.2").check()
        tab.get_by_label("Điểm đề xuất 1.2").fill("6")
        tab.get_by_label("Ý kiến thẩm định 1.2").fill("Báo cáo quý IV ghi nợ 3,1%.")
        tab.get_by_role("button", name="Lưu ý kiến thẩm định").click()
        expect(tab.locator(".messages")).to_contain_text("Đã lưu ý kiến thẩm định.")
        expect(tab.locator("#kb-sheet-status")).to_have_text("Trưởng khối/cụm đã thẩm định")
    finally:
        context.close()

    # The council adjusts 1.2 with a reason, locks, and opens the nominations.
    context, tab = log_in(browser, live_server, "hoi-dong")
    try:
        open_sheet(tab, "BHXH tỉnh Quảng Bình")
        expect(tab.locator("#tieu-chi-12")).to_contain_text("Chênh lệch: đề xuất 6")
        tab.get_by_label("Điểm Hội đồng 1.2").fill("6")
        tab.get_by_role("button", name="Lưu điều chỉnh của Hội đồng").click()
        expect(tab.locator(".messages")).to_contain_text("1.2: ghi lý do điều chỉnh")
        tab.get_by_label("Điểm Hội đồng 1.2").fill("6")
        tab.get_by_label("Lý do điều chỉnh 1.2").fill("Theo báo cáo quý IV đã đối chiếu.")
        tab.get_by_role("button", name="Lưu điều chỉnh của Hội đồng").click()
        expect(tab.locator(".messages")).to_contain_text("Đã lưu điều chỉnh của Hội đồng.")
        expect(tab.locator("#kb-total")).to_contain_text("36")
        expect(tab.get_by_role("table", name="Nhật ký thay đổi")).to_contain_text(
            "1.2: 9 → 6 (Theo báo cáo quý IV đã đối chiếu.)"
        )

        tab.get_by_role("link", name="Về trang Cụm thi đua số 3 (2025)").click()
        tab.get_by_role("button", name="Khoá kết quả").click()
        expect(tab.locator(".messages")).to_contain_text("Đã khoá kết quả chấm điểm")
        ranking = tab.get_by_role("table", name="Bảng xếp hạng")
        first = ranking.get_by_role("row").nth(1)
        expect(first).to_contain_text("BHXH tỉnh Nghệ An")
        expect(first).to_contain_text("37")
        # QB 36 and HT 32 follow; the rule is on the screen, the chart draws the sections.
        expect(ranking.get_by_role("row").nth(2)).to_contain_text("BHXH tỉnh Quảng Bình")
        expect(tab.get_by_role("list", name="Quy tắc xếp hạng")).to_contain_text("trọng tâm")
        expect(tab.get_by_role("img", name=re.compile("Điểm theo phần tiêu chí"))).to_be_visible()
        expect(tab.get_by_role("button", name="Khoá kết quả")).to_have_count(0)

        if "kb.nominations" in settings.INSTALLED_APPS:
            tab.get_by_role("button", name="Mở hồ sơ đề nghị khen thưởng").click()
            messages = tab.locator(".messages")
            expect(messages).to_contain_text("Đã mở hồ sơ đề nghị (dự thảo)")
            expect(messages).to_contain_text("BHXH tỉnh Nghệ An")
            expect(messages).to_contain_text("BHXH tỉnh Quảng Bình")

        # The year-end summary, with minutes and the election of next year's leaders.
        tab.get_by_role("link", name="Ghi hội nghị").click()
        form = tab.get_by_role("form", name="Ghi hội nghị")
        form.get_by_label("Loại hội nghị").select_option(label="Hội nghị tổng kết năm")
        form.get_by_label("Ngày họp").fill("2025-12-12")
        form.get_by_label("Chủ đề").fill("Tổng kết thi đua năm 2025")
        form.get_by_label("Biên bản").fill("Cụm thống nhất kết quả; Nghệ An dẫn đầu.")
        form.get_by_role("button", name="Lưu hội nghị").click()
        expect(tab.get_by_role("heading", name="Biên bản")).to_be_visible()
        expect(tab.get_by_text("Cụm thống nhất kết quả; Nghệ An dẫn đầu.")).to_be_visible()
        election = tab.get_by_role("form", name="Bầu trưởng, phó năm sau")
        election.get_by_label("Đơn vị trưởng năm sau").select_option(label="BHXH tỉnh Quảng Bình")
        election.get_by_label("Đơn vị phó năm sau").select_option(label="BHXH tỉnh Thanh Hoá")
        election.get_by_role("button", name="Ghi kết quả bầu").click()
        expect(tab.locator("#kb-election")).to_have_text(
            "Cụm thi đua số 3 (2026): trưởng BHXH tỉnh Quảng Bình, phó BHXH tỉnh Thanh Hoá."
        )

        # Nghệ An's results across the years, drawn and tabled.
        tab.goto(live_server.url + f"/admin/emulation-scores/{year.group.pk}/")
        tab.get_by_role("link", name=re.compile(r"Qua các năm\s*: BHXH tỉnh Nghệ An")).click()
        expect(
            tab.get_by_role("img", name=re.compile("Tổng điểm thi đua qua các năm"))
        ).to_be_visible()
        expect(tab.get_by_role("table", name="Kết quả qua các năm")).to_contain_text("1/4")
    finally:
        context.close()

    sheet = ScoreSheet.objects.get(pact=year.pact, unit=year.units["QB"])
    line = ScoreLine.objects.get(sheet=sheet, criterion=year.criteria["1.2"])
    assert (line.self_points, line.review_points, line.council_points) == (D(9), D(6), D(6))
    assert (sheet.staff_count, sheet.women_count) == (120, 70)
    if "kb.nominations" in settings.INSTALLED_APPS:
        from kb.nominations.models import Nomination

        assert {(n.nominee_unit.code, n.title.code) for n in Nomination.objects.all()} == {
            ("NA", "co-bhxh"), ("QB", "bang-khen-bhxh"),
        }  # fmt: skip

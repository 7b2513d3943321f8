"""A reader on the published site, in Chromium: filters exemplars by province and field and
opens a profile; axe-core finds no serious or critical accessibility violation on the pages a
reader uses; screenshots of the key pages at phone and desktop widths go to .state/screenshots/.
"""

import datetime
import re
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from kb.exemplars.models import ExemplarTitleAward
from kb.initiatives.models import InitiativeAuthor
from kb.taxonomy.models import FieldOfWork, Title
from kb.units.models import UnitLevel
from tests.factories import (
    ConferencePageFactory,
    ExemplarPageFactory,
    InitiativePageFactory,
    StoryPageFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".state" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1366}


def photo(title):
    import wagtail_factories
    from wagtail.models import Collection

    return wagtail_factories.ImageFactory(title=title, collection=Collection.get_first_root_node())


def build_site(structure):
    """Two provinces, fields of work, exemplars with photos and titles, an initiative, a story."""
    ha_noi = UnitFactory(code="HN", name="BHXH thành phố Hà Nội")
    ba_vi = UnitFactory(
        code="HN-BV", name="BHXH huyện Ba Vì", level=UnitLevel.DISTRICT, parent=ha_noi
    )
    nghe_an = UnitFactory(code="NA", name="BHXH tỉnh Nghệ An")
    thu = FieldOfWork.objects.update_or_create(name="Thu BHXH, BHYT", defaults={"slug": "thu"})[0]
    it = FieldOfWork.objects.update_or_create(
        name="Công nghệ thông tin", defaults={"slug": "cntt"}
    )[0]
    title = Title.objects.update_or_create(
        name="Chiến sĩ thi đua cơ sở", defaults={"code": "cstd-co-so"}
    )[0]
    people = [
        ("Nguyễn Thị Hồng Nhung", ba_vi, [thu], "individual", "Tổ trưởng tổ thu"),
        ("Trần Minh Đức", ha_noi, [it], "individual", "Chuyên viên công nghệ thông tin"),
        ("Phòng Quản lý thu", ha_noi, [thu, it], "collective", ""),
        ("Lê Văn Hải", nghe_an, [thu], "individual", "Viên chức bộ phận một cửa"),
    ]
    pages = {}
    for n, (name, unit, fields, kind, position) in enumerate(people):
        page = ExemplarPageFactory(
            title=name,
            unit=unit,
            kind=kind,
            position=position,
            year=2023 + n % 2,
            photo=photo(f"Ảnh {name}"),
            summary="Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, có cách làm hay được nhân rộng.",
        )
        page.fields_of_work.set(fields)
        page.save()
        ExemplarTitleAward.objects.create(page=page, title=title, year=2024, decision="12/QĐ")
        pages[name] = page
    initiative = InitiativePageFactory(
        title="Nhắc hạn đóng BHXH tự nguyện qua tin nhắn",
        unit=ba_vi,
        year=2024,
        scope="province",
        problem="<p>Nhiều người tham gia quên hạn đóng, dễ bị gián đoạn.</p>",
        solution="<p>Tin nhắn nhắc hạn gửi tự động trước hạn bảy ngày.</p>",
        results="<p>Tỷ lệ đóng đúng hạn tăng từ 71% lên 93%.</p>",
    )
    initiative.fields_of_work.set([thu])
    initiative.save()
    InitiativeAuthor.objects.create(page=initiative, exemplar=pages["Nguyễn Thị Hồng Nhung"])
    story = StoryPageFactory(
        title="Người giữ nhịp thu ở Ba Vì",
        author="Ban Tuyên truyền",
        date=datetime.date(2025, 6, 2),
        cover=photo("Ảnh bìa"),
        summary="Một ngày cùng tổ thu ở huyện ngoại thành.",
    )
    story.exemplars.set([pages["Nguyễn Thị Hồng Nhung"]])
    story.initiatives.set([initiative])
    story.save()
    ConferencePageFactory(title="Hội nghị điển hình tiên tiến thành phố Hà Nội", unit=ha_noi)
    return {"profile": pages["Nguyễn Thị Hồng Nhung"], "initiative": initiative, "story": story}


def test_reader_filters_exemplars_by_province_and_field_and_opens_a_profile(
    live_server, tab, site_structure
):
    build_site(site_structure)

    tab.goto(live_server.url + site_structure.exemplars.url)
    expect(tab.get_by_role("status")).to_contain_text("4 điển hình")
    form = tab.get_by_role("form", name="Lọc danh sách")
    form.get_by_label("Tỉnh, thành phố / đơn vị").select_option(label="BHXH thành phố Hà Nội")
    form.get_by_label("Lĩnh vực công tác").select_option(label="Thu BHXH, BHYT")
    form.get_by_role("button", name="Lọc").click()

    # The URL names only the chosen filters, so it can be shared as it is.
    expect(tab).to_have_url(re.compile(r"/dien-hinh/\?field=thu&province=HN$"))
    expect(tab.get_by_role("status")).to_contain_text("2 điển hình phù hợp với bộ lọc")
    main = tab.get_by_role("main")
    expect(main.get_by_role("link", name="Nguyễn Thị Hồng Nhung")).to_be_visible()
    expect(main.get_by_role("link", name="Phòng Quản lý thu")).to_be_visible()
    expect(main.get_by_role("link", name="Lê Văn Hải")).to_have_count(0)

    # Removing one filter keeps the other.
    active = tab.get_by_role("list", name="Bộ lọc đang áp dụng")
    active.get_by_role("link", name=re.compile("Tỉnh, thành phố")).click()
    expect(tab).to_have_url(re.compile(r"\?field=thu$"))
    expect(tab.get_by_role("status")).to_contain_text("3 điển hình")

    tab.go_back()
    main.get_by_role("link", name="Nguyễn Thị Hồng Nhung").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Nguyễn Thị Hồng Nhung")
    expect(main.locator(".profile__unit")).to_have_text("BHXH huyện Ba Vì")
    expect(main.get_by_role("list", name="Thuộc đơn vị cấp trên")).to_contain_text(
        "BHXH thành phố Hà Nội"
    )
    expect(main.get_by_role("table")).to_contain_text("Chiến sĩ thi đua cơ sở")
    authored = main.get_by_role("region", name="Sáng kiến, giải pháp là tác giả")
    expect(authored).to_contain_text("Nhắc hạn đóng BHXH tự nguyện qua tin nhắn")
    expect(main.get_by_role("region", name="Bài viết về điển hình")).to_contain_text(
        "Người giữ nhịp thu ở Ba Vì"
    )


def axe_violations(tab) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def show_everything(tab) -> None:
    """Load lazy images and open the folded data tables before a screenshot."""
    tab.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    tab.wait_for_load_state("networkidle")


def test_reader_pages_pass_axe_and_are_photographed_at_phone_and_desktop_widths(
    live_server, browser, site_structure
):
    made = build_site(site_structure)
    pages = {
        "home": "/",
        "exemplars": site_structure.exemplars.url + "?field=thu",
        "initiatives": site_structure.initiatives.url,
        "stories": site_structure.stories.url,
        "profile": made["profile"].url,
        "initiative": made["initiative"].url,
        "story": made["story"].url,
        "search": "/search/?q=thu",
    }
    photographed = {"home", "exemplars", "profile", "initiative", "story"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for device, width in WIDTHS.items():
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
        tab = context.new_page()
        try:
            for name, path in pages.items():
                response = tab.goto(live_server.url + path)
                assert response.status == 200, (name, response.status)
                if device == "desktop" or name == "home":
                    violations = axe_violations(tab)
                    if violations:
                        problems[f"{name} @ {width}px"] = violations
                if name in photographed:
                    show_everything(tab)
                    tab.screenshot(path=SCREENSHOTS / f"reader-{name}-{device}.png", full_page=True)
        finally:
            context.close()

    assert problems == {}
    for name in photographed:
        for device in WIDTHS:
            assert (SCREENSHOTS / f"reader-{name}-{device}.png").stat().st_size > 10_000

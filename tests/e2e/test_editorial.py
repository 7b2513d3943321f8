"""The editorial path in Chromium: an editor writes a story with an image in Wagtail's admin and
submits it; a moderator approves it from the dashboard; a reader finds it on the home page and
in the story listing filtered by field of work and year. Screenshots of the editor's and the
moderator's screens go to .state/screenshots/.
"""

import datetime
import re
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or fails, with KB_REQUIRE_E2E=1)
    expect = None

from kb.users import roles
from tests.factories import ExemplarPageFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".state" / "screenshots"
PASSWORD = "Mat-khau-bien-tap-2025"  # noqa: S105
TITLE = "Tổ thu Ba Vì nhắc hạn đóng BHXH tự nguyện qua tin nhắn"


def grant_editorial_roles() -> None:
    """The editor and moderator groups with what the roles migration gives them (a flush
    between transactional tests removes groups; permissions come back with post_migrate)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root, collection = Page.get_first_root_node(), Collection.get_first_root_node()
    # Image permissions live on Wagtail's own Image model, even with a custom image model.
    image_perms = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=["add_image", "choose_image"]
    )
    for name, page_perms in (
        (roles.EDITOR, ["add_page", "change_page"]),
        (roles.MODERATOR, ["add_page", "change_page", "publish_page"]),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access)
        for codename in page_perms:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for permission in image_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


@pytest.fixture
def newsroom(site_structure):
    import wagtail_factories
    from wagtail.models import Collection

    from kb.taxonomy.models import FieldOfWork

    grant_editorial_roles()
    thu = FieldOfWork.objects.update_or_create(name="Thu BHXH, BHYT", defaults={"slug": "thu"})[0]
    FieldOfWork.objects.update_or_create(name="Công nghệ thông tin", defaults={"slug": "cntt"})
    exemplar = ExemplarPageFactory(
        title="Nguyễn Thị Hồng Nhung", unit=UnitFactory(code="HN-BV", name="BHXH huyện Ba Vì")
    )
    exemplar.fields_of_work.set([thu])
    exemplar.save()
    wagtail_factories.ImageFactory(
        title="Tổ thu gọi điện nhắc hạn", collection=Collection.get_first_root_node()
    )
    UserFactory(
        username="bientap", password=PASSWORD, roles=[roles.EDITOR],
        last_name="Phạm Thu", first_name="Hà",
    )  # fmt: skip
    UserFactory(
        username="kiemduyet", password=PASSWORD, roles=[roles.MODERATOR],
        last_name="Đỗ Văn", first_name="Minh",
    )  # fmt: skip
    return site_structure


def log_in(tab, live_server, username: str) -> None:
    tab.goto(live_server.url + "/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"editorial-{name}.png"), full_page=True)


def test_story_goes_from_editor_to_moderator_to_reader(live_server, browser, tab, newsroom):
    from kb.stories.models import StoryPage

    # The editor writes the story in the admin, in Vietnamese.
    log_in(tab, live_server, "bientap")
    expect(tab.get_by_role("heading", name="Bàn biên tập")).to_be_visible()
    tab.goto(f"{live_server.url}/admin/pages/{newsroom.stories.pk}/")
    tab.get_by_role("link", name="Thêm trang con").first.click()
    expect(tab).to_have_url(re.compile(r"/admin/pages/add/stories/storypage/"))
    tab.locator("#id_title").fill(TITLE)
    tab.locator("#id_author").fill("Phạm Thu Hà")
    tab.locator("#id_summary").fill("Mỗi tháng, tổ thu gửi tin nhắn nhắc hạn cho người tham gia.")

    # A cover image, chosen in the image chooser.
    tab.locator("#id_cover-chooser").get_by_role("button", name="Chọn một hình ảnh").click()
    modal = tab.locator(".modal-dialog")
    modal.get_by_role("link", name=re.compile("Tổ thu gọi điện nhắc hạn")).click()
    expect(tab.locator("#id_cover-chooser")).to_contain_text("Tổ thu gọi điện nhắc hạn")

    # The body: one paragraph typed in the rich text editor.
    body = tab.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Chèn khối").click()
    tab.get_by_role("option", name="Đoạn văn").click()
    editor = body.locator("[contenteditable=true]").first
    editor.click()
    expect(editor).to_be_focused()
    editor.press_sequentially(
        "Nhờ tin nhắn nhắc hạn, số người đóng đúng hạn tăng rõ rệt.", delay=15
    )
    # Draftail keeps the text in a hidden input, written a moment after typing.
    expect(body.locator("input[name='body-0-value']")).to_have_value(re.compile("Nhờ tin nhắn"))
    tab.locator("#id_exemplars").select_option(label="Nguyễn Thị Hồng Nhung")
    shot(tab, "1-editor-writes")

    # The editor cannot publish, only submit for moderation.
    expect(tab.locator("button[name=action-publish]")).to_have_count(0)
    tab.locator("footer").get_by_role("button", name="Thao tác khác").click()
    tab.get_by_role("button", name=re.compile("Gửi duyệt")).click()
    expect(tab.locator(".messages")).to_contain_text("gửi duyệt")
    story = StoryPage.objects.get(title=TITLE)
    assert not story.live
    assert story.cover.title == "Tổ thu gọi điện nhắc hạn"
    shot(tab, "2-editor-submitted")

    # The moderator reads it in the editor, then approves it from the dashboard.
    moderator = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    moderator.set_default_timeout(15_000)
    review = moderator.new_page()
    log_in(review, live_server, "kiemduyet")
    review.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    expect(review.locator("body")).to_contain_text("Kiểm duyệt viên duyệt")
    expect(review.locator("#id_cover-chooser")).to_contain_text("Tổ thu gọi điện nhắc hạn")
    shot(review, "3-moderator-reviews")
    review.goto(f"{live_server.url}/admin/")
    awaiting = review.locator(
        "section", has=review.get_by_role("heading", name="Đang chờ bạn duyệt")
    )
    row = awaiting.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_be_visible()
    shot(review, "4-moderator-dashboard")
    row.get_by_role("button", name="Thao tác").click()
    row.get_by_role("button", name="Duyệt", exact=True).click()
    # Approved at the only step: published, and no longer waiting for anyone.
    expect(review.get_by_role("row").filter(has_text=TITLE)).to_have_count(0)
    shot(review, "5-moderator-approved")
    moderator.close()
    story.refresh_from_db()
    assert story.live

    # A reader finds it on the home page and in the listing filtered by field and year.
    reader = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = reader.new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    year = datetime.date.today().year
    page.goto(f"{live_server.url}{newsroom.stories.url}?field=thu&year={year}")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto(f"{live_server.url}{newsroom.stories.url}?field=cntt&year={year}")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    reader.close()

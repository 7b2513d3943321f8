"""The admin speaks Vietnamese on the screens our users touch, including the many strings
Wagtail itself ships untranslated (our catalogue in locale/vi fills them in)."""

import datetime
import gettext as gettext_module
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kb.users import roles
from tests.factories import StoryPageFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"

# English msgids Wagtail 8 leaves untranslated in Vietnamese, and what our users now read.
UNTRANSLATED_BY_WAGTAIL = {
    "Site summary": "Tổng quan nội dung",
    "Your pages and snippets in a workflow": "Trang và mục của bạn đang trong quy trình duyệt",
    "Awaiting your review": "Đang chờ bạn duyệt",
    "Save draft": "Lưu nháp",
    "Promote": "Quảng bá",
    "In Moderation": "Đang chờ duyệt",
    "Sort by '%(label)s' in ascending order.": "Sắp xếp theo '%(label)s' tăng dần.",
    "Forgotten password?": "Quên mật khẩu?",
}


def wagtail_vi_translates(msgid: str) -> bool:
    """Whether any of Wagtail's own vi catalogues translates `msgid`."""
    root = Path(wagtail.__file__).parent
    for mo in root.rglob("locale/vi/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            if gettext_module.GNUTranslations(handle).gettext(msgid) != msgid:
                return True
    return False


def test_the_strings_checked_here_are_really_missing_from_wagtail():
    for msgid in UNTRANSLATED_BY_WAGTAIL:
        assert not wagtail_vi_translates(msgid), msgid


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    """The committed .mo holds exactly the translations of the .po (recompile after edits)."""
    import sys

    sys.path.insert(0, str(Path(settings.BASE_DIR) / "locale"))
    from untranslated import entries

    with (CATALOGUE / f"{domain}.mo").open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)
    source = [entry for entry in entries(CATALOGUE / f"{domain}.po") if entry[1]]
    assert len(source) > (1000 if domain == "django" else 50)
    for _ctx, msgid, plural, strs in source:
        if plural:
            assert compiled.ngettext(msgid, plural, 2) == strs[0], msgid
        else:
            assert compiled.gettext(msgid) == strs[0], msgid


def test_admin_accepts_dates_written_day_first():
    from django import forms

    with translation.override("vi"):
        assert forms.DateField().clean("22/11/2026") == datetime.date(2026, 11, 22)
        assert forms.DateTimeField().clean("22/11/2026 07:30").hour == 7


def test_admin_javascript_strings_are_in_vietnamese(client, site_structure):
    admin = UserFactory(username="quantri-js", is_superuser=True, is_staff=True)
    client.force_login(admin)
    catalog = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "Ch\\u00e8n kh\\u1ed1i" in catalog or "Chèn khối" in catalog  # "Insert a block"


@pytest.fixture
def desk(site_structure):
    editor = UserFactory(username="bientap-vi", roles=[roles.EDITOR])
    moderator = UserFactory(username="kiemduyet-vi", roles=[roles.MODERATOR])
    story = StoryPageFactory(title="Bài chờ duyệt tiếng Việt", live=False)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    return {"editor": editor, "moderator": moderator, "story": story}


def get(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_admin_screens_are_in_vietnamese(client, desk):
    dashboard = get(client, desk["editor"], reverse("wagtailadmin_home"))
    for english in ("Site summary", "Your pages and snippets in a workflow"):
        assert UNTRANSLATED_BY_WAGTAIL[english] in dashboard, english
        assert english not in dashboard, english
    assert "Vừa xong" in dashboard  # "just now": Django's "0 minutes" is untranslated in vi too

    review = get(client, desk["moderator"], reverse("wagtailadmin_home"))
    assert "Đang chờ bạn duyệt" in review and "Awaiting your review" not in review
    assert "Yêu cầu chỉnh sửa" in review  # the moderator's "Request changes" action

    edit = get(
        client, desk["moderator"], reverse("wagtailadmin_pages:edit", args=[desk["story"].pk])
    )
    for english in ("Save draft", "Promote", "In Moderation"):
        assert UNTRANSLATED_BY_WAGTAIL[english] in edit, english
        assert f">{english}<" not in edit, english

    admin = UserFactory(username="quantri-vi", is_superuser=True, is_staff=True)
    UnitFactory(code="VN", name="Bảo hiểm xã hội Việt Nam")
    snippets = get(client, admin, reverse("wagtailsnippets_units_unit:list"))
    assert "Sắp xếp theo &#x27;Mã đơn vị&#x27; tăng dần." in snippets
    assert "in ascending order" not in snippets

    client.logout()
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Quên mật khẩu?" in login and "Forgotten password?" not in login


def test_english_still_works_for_who_prefers_it():
    with translation.override("en"):
        assert translation.gettext("Save draft") == "Save draft"
    with translation.override("vi"):
        assert translation.gettext("Save draft") == "Lưu nháp"

"""Who sees what: the permission matrix of the dossier screens, role by role, IDs guessed."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kb.nominations import access, services
from kb.nominations.models import Evidence, Nomination, NomineeKind, Purpose

from .conftest import YEAR


@pytest.fixture
def dossier(world):
    nomination = Nomination(
        year=YEAR,
        purpose=Purpose.AWARD,
        nominee_kind=NomineeKind.INDIVIDUAL,
        title=world.cstd_nganh,
        proposing_unit=world.district,
        nominee_unit=world.district,
        nominee_name=world.exemplar.title,
        exemplar=world.exemplar,
    )
    return services.save_dossier(nomination, world.users.officer, initiatives=[world.initiative])


def status_for(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def test_permission_matrix_of_a_draft(client, world, dossier):
    u = world.users
    url = reverse("nominations:detail", args=[dossier.pk])
    expected = {
        u.officer: 200,  # the proposing unit's officer
        u.officer_province: 200,  # the province's officer acts for its districts
        u.officer_b: 404,  # a sibling district's officer
        u.officer_other: 404,  # another province
        u.council_unit: 404,  # not submitted yet: no council sees it
        u.council_province: 404,
        u.ministry: 404,
        u.editor: 404,
        # no admin access at all: Wagtail sends to the login page, the same for any ID
        u.reader: 302,
    }
    seen = {user: status_for(client, user, url) for user in expected}
    assert seen == expected
    missing = reverse("nominations:detail", args=[dossier.pk + 999])
    assert status_for(client, u.reader, missing) == 302


def test_permission_matrix_once_it_reaches_the_province(client, world, dossier):
    u = world.users
    services.submit(dossier, u.officer)
    dossier.refresh_from_db()
    services.decide(
        dossier,
        u.council_unit,
        "approve",
        comment="Đồng ý",
        version=dossier.version,
        vote=services.VoteInput(9, 0, 9),
    )
    url = reverse("nominations:detail", args=[dossier.pk])
    expected = {
        u.officer: 200,
        u.officer_b: 404,
        u.officer_other: 404,
        u.council_unit: 200,
        u.council_province: 200,
        u.council_other: 404,
        u.ministry: 200,
        u.editor: 404,
        u.reader: 302,
    }
    assert {user: status_for(client, user, url) for user in expected} == expected


def test_guessed_ids_and_every_dossier_url_answer_404_outside_the_scope(client, world, dossier):
    u = world.users
    evidence = Evidence.objects.create(
        nomination=dossier,
        name="Tờ trình",
        file=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 test"),
    )
    client.force_login(u.officer_other)
    urls = [
        reverse("nominations:detail", args=[dossier.pk]),
        reverse("nominations:edit", args=[dossier.pk]),
        reverse("nominations:pdf", args=[dossier.pk]),
        reverse("nominations:evidence", args=[dossier.pk, evidence.pk]),
        reverse("nominations:detail", args=[dossier.pk + 1000]),
    ]
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    posts = [
        reverse("nominations:submit", args=[dossier.pk]),
        reverse("nominations:decide", args=[dossier.pk]),
        reverse("nominations:evidence_delete", args=[dossier.pk, evidence.pk]),
    ]
    assert [client.post(url).status_code for url in posts] == [404] * len(posts)
    dossier.refresh_from_db()
    assert dossier.status == "draft" and Evidence.objects.filter(pk=evidence.pk).exists()


def test_lists_show_only_the_dossiers_in_scope(client, world, dossier):
    u = world.users
    other = Nomination(
        year=YEAR,
        nominee_kind=NomineeKind.INDIVIDUAL,
        title=world.cstd_nganh,
        proposing_unit=world.district_2,
        nominee_unit=world.district_2,
        nominee_name="Hoàng Thị Lan",
    )
    services.save_dossier(other, u.officer_other)
    client.force_login(u.officer)
    page = client.get(reverse("nominations:index")).content.decode()
    assert world.exemplar.title in page and "Hoàng Thị Lan" not in page
    export = client.get(reverse("nominations:index") + "?export=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert names == [world.exemplar.title]


def test_a_council_member_sees_what_waits_for_him_on_the_dashboard(client, world, dossier):
    u = world.users
    services.submit(dossier, u.officer)
    client.force_login(u.council_unit)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Hồ sơ đề nghị chờ tôi xử lý (1)" in page
    client.force_login(u.council_province)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Hồ sơ đề nghị chờ tôi xử lý (0)" in page


def _png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("bien-ban.pdf", b"%PDF-1.7 minh chung", True),
        ("anh.png", _png(), True),
        ("script.exe", b"MZ\x90\x00", False),
        ("gia-mao.pdf", b"<html>not a pdf</html>", False),
        ("hong.png", b"\x89PNG\r\n\x1a\n garbage", False),
    ],
)
def test_evidence_uploads_are_checked(client, world, dossier, name, content, accepted):
    client.force_login(world.users.officer)
    response = client.post(
        reverse("nominations:detail", args=[dossier.pk]),
        {"name": name, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert response.status_code == 200
    assert dossier.evidence.exists() is accepted
    if accepted:
        # kept where no URL reaches it (media/private/ is refused by urls.py and nginx)
        from django.conf import settings

        stored = dossier.evidence.get().file.path
        assert stored.startswith(str(settings.MEDIA_ROOT / "private") + "/")
    if not accepted:
        assert "Tệp chưa được nhận" in response.content.decode()


def test_overview_is_for_the_ministry_only(client, world, dossier):
    services.submit(dossier, world.users.officer)
    url = reverse("nominations:overview")
    assert status_for(client, world.users.officer, url) == 404
    client.force_login(world.users.ministry)
    page = client.get(url).content.decode()
    assert "<svg" in page and "BHXH tỉnh Lào Cai" in page


def test_the_ministry_edits_the_rules_and_a_broken_rule_is_refused(client, world):
    from kb.nominations.models import RuleSetRecord

    record = RuleSetRecord.objects.order_by("-effective_from").first()
    client.force_login(world.users.ministry)
    url = reverse("wagtailsnippets_nominations_rulesetrecord:edit", args=[record.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": record.name,
            "basis": record.basis,
            "effective_from": record.effective_from.isoformat(),
            "effective_to": "",
            "rules": '[{"code": "x", "kind": "no-such-kind", "titles": ["*"], '
            '"params": {}, "basis": "?"}]',
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "no-such-kind" in response.content.decode()
    record.refresh_from_db()
    assert all(rule["kind"] != "no-such-kind" for rule in record.rules)
    client.force_login(world.users.officer)
    assert client.get(url).status_code in (302, 403)


def test_a_council_member_from_the_proposing_district_stands_aside(client, world, dossier):
    """The district's director sits on the province's council: he does not decide his own
    district's dossier there, while a member from the province office does."""
    from kb.users import roles
    from tests.factories import UserFactory

    u = world.users
    director = UserFactory(
        username="gd_d01", roles=[roles.COUNCIL_MEMBER], unit=world.district,
        council_unit=world.province,
    )  # fmt: skip
    services.submit(dossier, u.officer)
    dossier.refresh_from_db()
    services.decide(
        dossier, u.council_unit, "approve", comment="Đồng ý", version=dossier.version,
        vote=services.VoteInput(9, 0, 9),
    )  # fmt: skip
    dossier.refresh_from_db()
    client.force_login(director)
    page = client.get(reverse("nominations:detail", args=[dossier.pk])).content.decode()
    assert "Bạn không tham gia quyết định hồ sơ này" in page
    assert "Ghi quyết định" not in page
    with pytest.raises(services.DecisionRefused):
        services.decide(
            dossier, director, "approve", comment="Đồng ý", version=dossier.version,
            vote=services.VoteInput(9, 0, 9),
        )  # fmt: skip
    assert access.can_decide(u.council_province, dossier)


def test_an_officer_cannot_propose_for_a_unit_outside_his_scope(client, world):
    client.force_login(world.users.officer)
    response = client.post(
        reverse("nominations:create"),
        {
            "year": YEAR,
            "purpose": "award",
            "nominee_kind": "individual",
            "title": world.cstd_nganh.pk,
            "proposing_unit": world.district_2.pk,
            "nominee_name": "Người ngoài phạm vi",
            "nominee_unit": world.district_2.pk,
        },
    )
    assert response.status_code == 200  # the form again: those units are not choices
    assert not Nomination.objects.filter(nominee_name="Người ngoài phạm vi").exists()
    with pytest.raises(PermissionDenied):
        services.save_dossier(
            Nomination(
                year=YEAR, nominee_kind="individual", title=world.cstd_nganh,
                proposing_unit=world.district_2, nominee_unit=world.district_2,
                nominee_name="Người ngoài phạm vi",
            ),
            world.users.officer,
        )  # fmt: skip


def test_the_list_costs_the_same_queries_for_one_dossier_or_many(client, world, dossier):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    u = world.users
    services.submit(dossier, u.officer)
    client.force_login(u.ministry)
    url = reverse("nominations:index")
    client.get(url)  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        extra = Nomination(
            year=YEAR, nominee_kind=NomineeKind.INDIVIDUAL, title=world.cstd_nganh,
            proposing_unit=world.district, nominee_unit=world.district,
            nominee_name=f"Người thứ {n}", exemplar=None,
        )  # fmt: skip
        services.save_dossier(extra, u.officer)
        services.submit(extra, u.officer)
    with CaptureQueriesContext(connection) as five:
        page = client.get(url).content.decode()
    assert "Người thứ 3" in page and "Còn" in page  # the clock is shown
    assert len(five) == len(one)


def test_a_dossier_prints_to_pdf_with_its_decisions(client, world, dossier):
    import os

    from kb.conferences.exports import font_path

    if not os.path.isfile(font_path()):
        pytest.skip("no Unicode font for PDF (fonts-dejavu-core)")
    services.submit(dossier, world.users.officer)
    client.force_login(world.users.officer)
    response = client.get(reverse("nominations:pdf", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 1000

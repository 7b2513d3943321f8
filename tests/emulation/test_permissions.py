"""Role by role: a member edits only its own self-score, the leader only reviews, the council
alone adjusts and locks; everyone else (and every guessed id) gets 404."""

import datetime
from decimal import Decimal as D

import pytest

from kb.emulation import services
from kb.emulation.models import Meeting, ScoreSheet

BASE = "/admin/emulation-scores/"


@pytest.fixture
def sheets(cluster):
    services.ensure_sheets(cluster.pact)
    return {s.unit.code: s for s in ScoreSheet.objects.filter(pact=cluster.pact)}


def sheet_url(cluster, code):
    return f"{BASE}{cluster.group.pk}/units/{cluster.units[code].pk}/"


def post_figures(client, cluster, sheet, action, prefix, value, text_field="note", text="Ý kiến"):
    cid = cluster.criteria["1.1"].pk
    return client.post(
        sheet_url(cluster, sheet.unit.code),
        {"action": action, "version": sheet.version, f"{prefix}-{cid}-points": value,
         f"{prefix}-{cid}-{text_field}": text},
    )  # fmt: skip


def figure(sheet, cluster, field):
    return getattr(sheet.lines.get(criterion=cluster.criteria["1.1"]), field)


def test_a_member_sees_its_group_and_edits_only_its_own_sheet(client, cluster, users, sheets):
    client.force_login(users.qb)
    assert client.get(BASE).status_code == 200
    page = client.get(f"{BASE}{cluster.group.pk}/").content.decode()
    assert "BHXH tỉnh Quảng Bình" in page
    assert "Bảng xếp hạng" not in page  # members see the ranking once it is locked
    own = client.get(sheet_url(cluster, "QB")).content.decode()
    assert 'aria-label="Điểm tự chấm 1.1"' in own
    assert 'aria-label="Điểm Hội đồng 1.1"' not in own
    assert 'aria-label="Điểm đề xuất 1.1"' not in own

    response = post_figures(client, cluster, sheets["QB"], "self", "self", "15")
    assert response.status_code == 302
    assert figure(sheets["QB"], cluster, "self_points") == D(15)
    # Another member's sheet, by its real or a guessed id: 404, and nothing changes.
    assert client.get(sheet_url(cluster, "TH")).status_code == 404
    assert post_figures(client, cluster, sheets["TH"], "self", "self", "20").status_code == 404
    assert client.get(f"{BASE}{cluster.group.pk}/units/999999/").status_code == 404
    # A member neither reviews nor adjusts its own sheet, nor locks.
    assert (
        post_figures(client, cluster, sheets["QB"], "adjust", "adjust", "20", "reason").status_code
        == 404
    )
    assert post_figures(client, cluster, sheets["QB"], "review", "review", "20").status_code == 404
    assert client.post(f"{BASE}{cluster.group.pk}/lock/").status_code == 404
    assert figure(sheets["TH"], cluster, "self_points") is None
    assert figure(sheets["QB"], cluster, "council_points") is None


def test_a_member_cannot_edit_after_the_deadline(client, cluster, users, sheets):
    cluster.pact.self_score_deadline = datetime.date(2020, 1, 1)
    cluster.pact.save()
    client.force_login(users.qb)
    assert (
        'aria-label="Điểm tự chấm 1.1"' not in client.get(sheet_url(cluster, "QB")).content.decode()
    )
    assert post_figures(client, cluster, sheets["QB"], "self", "self", "15").status_code == 404
    assert figure(sheets["QB"], cluster, "self_points") is None


def test_the_leader_reviews_but_does_not_score_adjust_or_lock(client, cluster, users, sheets):
    client.force_login(users.na)
    assert "Bảng xếp hạng" in client.get(f"{BASE}{cluster.group.pk}/").content.decode()
    page = client.get(sheet_url(cluster, "QB")).content.decode()
    assert 'aria-label="Điểm đề xuất 1.1"' in page
    assert 'aria-label="Điểm tự chấm 1.1"' not in page
    assert post_figures(client, cluster, sheets["QB"], "review", "review", "12").status_code == 302
    assert figure(sheets["QB"], cluster, "review_points") == D(12)
    assert figure(sheets["QB"], cluster, "points") is None  # a proposal counts for nothing
    sheets["QB"].refresh_from_db()
    assert post_figures(client, cluster, sheets["QB"], "self", "self", "20").status_code == 404
    assert (
        post_figures(client, cluster, sheets["QB"], "adjust", "adjust", "20", "reason").status_code
        == 404
    )
    assert client.post(f"{BASE}{cluster.group.pk}/lock/").status_code == 404
    assert client.post(f"{BASE}{cluster.group.pk}/nominate/").status_code == 404
    # The reviewed member answers; the leader cannot answer for it.
    assert client.post(sheet_url(cluster, "QB"), {"action": "agree"}).status_code == 404
    client.force_login(users.qb)
    page = client.get(sheet_url(cluster, "QB")).content.decode()
    assert "Đồng ý kết quả thẩm định" in page
    assert client.post(sheet_url(cluster, "QB"), {"action": "agree"}).status_code == 302
    assert ScoreSheet.objects.get(pk=sheets["QB"].pk).agreed_at is not None
    client.force_login(users.na)
    # The leader's own sheet is reviewed by the deputy, not by the leader.
    assert post_figures(client, cluster, sheets["NA"], "review", "review", "12").status_code == 404
    client.force_login(users.ht)
    assert post_figures(client, cluster, sheets["NA"], "review", "review", "12").status_code == 302
    assert figure(sheets["NA"], cluster, "review_points") == D(12)


@pytest.mark.parametrize("who", ["council", "office"])
def test_the_council_adjusts_and_locks(client, cluster, users, sheets, who):
    client.force_login(getattr(users, who))
    assert (
        post_figures(
            client, cluster, sheets["TH"], "adjust", "adjust", "11", "reason", "Đối chiếu"
        ).status_code
        == 302
    )
    assert figure(sheets["TH"], cluster, "council_points") == D(11)
    assert post_figures(client, cluster, sheets["TH"], "self", "self", "20").status_code == 404
    response = client.post(f"{BASE}{cluster.group.pk}/lock/", follow=True)
    assert "Chưa đủ điểm để khoá" in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "province_council", "editor", "reader"])
def test_everyone_else_sees_nothing(client, cluster, users, sheets, who):
    client.force_login(getattr(users, who))
    meeting = Meeting.objects.create(
        group=cluster.group, kind="mid_year", date=datetime.date(2025, 7, 1)
    )
    index = client.get(BASE)
    assert index.status_code == 200 if who == "outsider" else refused(index)
    assert "Cụm thi đua số 3" not in index.content.decode()
    for url in (
        f"{BASE}{cluster.group.pk}/",
        sheet_url(cluster, "QB"),
        sheet_url(cluster, "QB") + "sheet.xlsx",
        sheet_url(cluster, "QB") + "history/",
        f"{BASE}{cluster.group.pk}/ranking.xlsx",
        f"{BASE}{cluster.group.pk}/meetings/{meeting.pk}/",
        f"{BASE}{cluster.group.pk}/meetings/add/",
    ):
        assert refused(client.get(url)), url
    assert refused(post_figures(client, cluster, sheets["QB"], "adjust", "adjust", "5", "reason"))
    assert refused(client.post(f"{BASE}{cluster.group.pk}/lock/"))
    assert figure(sheets["QB"], cluster, "council_points") is None
    cluster.pact.refresh_from_db()
    assert not cluster.pact.is_locked


def refused(response) -> bool:
    """404, or (for a user without admin access at all) Wagtail's redirect to the login."""
    if response.status_code == 302:
        return "/admin/login/" in response["Location"]
    return response.status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, cluster, sheets):
    response = client.get(sheet_url(cluster, "QB"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_evidence_files_reach_only_those_who_see_the_sheet(client, cluster, users, sheets):
    from django.core.files.uploadedfile import SimpleUploadedFile

    evidence = services.add_evidence(
        sheets["QB"], cluster.criteria["1.1"].pk,
        SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 bao cao"), user=users.qb,
    )  # fmt: skip
    url = sheet_url(cluster, "QB") + f"evidence/{evidence.pk}/"
    for user in (users.qb, users.na, users.council):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 bao cao"
    client.force_login(users.th)
    assert client.get(url).status_code == 404
    # Guessing the id under one's own sheet does not reach it either.
    assert client.get(sheet_url(cluster, "TH") + f"evidence/{evidence.pk}/").status_code == 404
    # Wagtail's own document link is closed to everyone but superusers.
    assert client.get(evidence.document.url).status_code in (302, 403)

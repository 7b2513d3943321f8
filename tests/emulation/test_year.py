"""One cluster's year end to end: self-scores with evidence, the leader's review, the
council's adjustment, the lock, the ranking and the draft nominations; every step logged."""

import datetime
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.log_actions import registry

from kb.emulation import services
from kb.emulation.models import ScoreLine, ScoreSheet, SheetStatus
from kb.emulation.services import Adjustment, EmulationError, Review, SelfScore

# Points per unit: 1.1, 1.2, 2.1, T.1, T.2, D.1
SELF = {
    "NA": (18, 9, 8, 5, 3, 0),  # 35 + 6 (capped from 8) = 41
    "HT": (19, 8, 9, 2, 0, 1),  # 36 + 2 - 1 = 37
    "QB": (17, 9, 9, 4, 0, 0),  # 35 + 4 = 39
    "TH": (15, 7, 8, 0, 0, 5),  # 30 - 4 (capped from 5) = 26
}


def scores_of(cluster, values):
    codes = ["1.1", "1.2", "2.1", "T.1", "T.2", "D.1"]
    return {
        cluster.criteria[code].pk: SelfScore(points=str(v), note=f"Giải trình {code}")
        for code, v in zip(codes, values, strict=True)
    }


def sheet_of(cluster, code) -> ScoreSheet:
    services.ensure_sheets(cluster.pact)
    return ScoreSheet.objects.get(pact=cluster.pact, unit=cluster.units[code])


def line(sheet, cluster, code) -> ScoreLine:
    return sheet.lines.get(criterion=cluster.criteria[code])


def test_a_cluster_scores_its_year_and_the_council_fixes_the_ranking(cluster, users):
    # Each member scores itself and submits; Nghệ An attaches evidence to 1.1.
    for code, values in SELF.items():
        sheet = sheet_of(cluster, code)
        services.save_self_score(
            sheet, scores_of(cluster, values), user=getattr(users, code.lower()),
            version=sheet.version, staff_count=100, women_count=55, submit=True,
        )  # fmt: skip
    na = sheet_of(cluster, "NA")
    pdf = SimpleUploadedFile("bao-cao-thu.pdf", b"%PDF-1.4 minh chung", "application/pdf")
    evidence = services.add_evidence(na, cluster.criteria["1.1"].pk, pdf, user=users.na)
    assert evidence.document.collection.name == services.EVIDENCE_COLLECTION
    restriction = evidence.document.collection.get_view_restrictions().get()
    assert (restriction.restriction_type, restriction.groups.count()) == ("groups", 0)
    assert na.__class__.objects.get(pk=na.pk).status == SheetStatus.SUBMITTED

    provisional = services.ranking(cluster.pact)
    assert [(s.ranked.rank, s.sheet.unit.code, s.ranked.entry.total.total)
            for s in provisional] == [
        (1, "NA", D(41)), (2, "QB", D(39)), (3, "HT", D(37)), (4, "TH", D(26)),
    ]  # fmt: skip

    # The leader flags Quảng Bình's 1.2 and proposes 6; the deputy reviews the leader's sheet.
    qb = sheet_of(cluster, "QB")
    services.save_review(
        qb, {cluster.criteria["1.2"].pk: Review(flag=True, points="6",
                                                 note="Nợ đóng còn 3,2% so với kế hoạch 2,5%.")},
        user=users.na, version=qb.version,
    )  # fmt: skip
    flagged = line(qb, cluster, "1.2")
    assert (flagged.review_flag, flagged.review_points, flagged.points) == (True, D(6), D(9))
    with pytest.raises(EmulationError, match="ghi rõ chênh lệch"):
        services.save_review(qb, {cluster.criteria["2.1"].pk: Review(flag=True)}, user=users.na)

    # Quảng Bình answers the review: an objection needs a reason; the council reads it.
    qb.refresh_from_db()
    with pytest.raises(EmulationError, match="Ghi rõ lý do"):
        services.respond_to_review(qb, agree=False, user=users.qb)
    services.respond_to_review(
        qb, agree=False, note="Số nợ 3,2% gồm cả doanh nghiệp đã giải thể.", user=users.qb,
        version=qb.version,
    )  # fmt: skip
    assert ScoreSheet.objects.get(pk=qb.pk).objection.startswith("Số nợ 3,2%")

    # The council adopts 6 for Quảng Bình and cuts Nghệ An's bonus T.1 to 1, with reasons.
    qb.refresh_from_db()
    services.adjust(
        qb, {cluster.criteria["1.2"].pk: Adjustment("6", "Theo số liệu đối chiếu của cụm.")},
        user=users.council, version=qb.version,
    )  # fmt: skip
    na.refresh_from_db()
    with pytest.raises(EmulationError, match="ghi lý do"):
        services.adjust(na, {cluster.criteria["T.1"].pk: Adjustment("1")}, user=users.council)
    services.adjust(
        na, {cluster.criteria["T.1"].pk: Adjustment("1", "Vượt thu 1,5%, chưa đạt mức 3%.")},
        user=users.council, version=na.version,
    )  # fmt: skip

    # NA: 35 + min(1+3, 6) = 39 and core 27; QB: 35 - 3 + 4 = 36. HT 37.
    locked = services.lock_results(cluster.pact, user=users.council)
    assert locked.is_locked
    final = services.ranking(cluster.pact)
    assert [(s.ranked.rank, s.sheet.unit.code, s.ranked.entry.total.total) for s in final] == [
        (1, "NA", D(39)), (2, "HT", D(37)), (3, "QB", D(36)), (4, "TH", D(26)),
    ]  # fmt: skip
    assert set(ScoreSheet.objects.filter(pact=cluster.pact).values_list("status", flat=True)) == {
        SheetStatus.FINAL
    }

    # Locked means locked, for everyone.
    for attempt in (
        lambda: services.save_self_score(sheet_of(cluster, "TH"), {}, user=users.th),
        lambda: services.adjust(sheet_of(cluster, "TH"), {}, user=users.council),
        lambda: services.save_review(sheet_of(cluster, "TH"), {}, user=users.na),
        lambda: services.lock_results(cluster.pact, user=users.office),
    ):
        with pytest.raises(EmulationError):
            attempt()

    # Every change is in the audit log, with the figures before and after.
    qb_log = list(registry.get_logs_for_instance(qb).order_by("timestamp", "pk"))
    assert [e.action for e in qb_log] == [
        "emulation.self_score", "emulation.review", "emulation.object", "emulation.adjust",
    ]  # fmt: skip
    assert qb_log[3].data["changes"] == [
        {"tiêu chí": "1.2", "trước": "9", "sau": "6", "lý do": "Theo số liệu đối chiếu của cụm."}
    ]
    assert qb_log[3].user == users.council
    na_actions = [e.action for e in registry.get_logs_for_instance(na)]
    assert "emulation.evidence" in na_actions
    lock_entry = registry.get_logs_for_instance(cluster.pact).get(action="emulation.lock")
    assert lock_entry.data["ranking"][0] == {"hạng": 1, "đơn vị": "BHXH tỉnh Nghệ An", "tổng": "39"}


def test_a_member_cannot_score_after_the_deadline(cluster, users):
    cluster.pact.self_score_deadline = datetime.date(2025, 12, 15)
    cluster.pact.save()
    sheet = sheet_of(cluster, "QB")
    with pytest.raises(EmulationError, match="quá hạn tự chấm điểm \\(15/12/2025\\)"):
        services.save_self_score(
            sheet, scores_of(cluster, SELF["QB"]), user=users.qb,
            today=datetime.date(2025, 12, 16),
        )  # fmt: skip
    services.save_self_score(
        sheet, scores_of(cluster, SELF["QB"]), user=users.qb, today=datetime.date(2025, 12, 15)
    )
    assert line(sheet, cluster, "1.1").self_points == D(17)


def test_bad_figures_save_nothing_and_name_every_criterion(cluster, users):
    sheet = sheet_of(cluster, "QB")
    scores = scores_of(cluster, SELF["QB"])
    scores[cluster.criteria["1.1"].pk] = SelfScore("25")
    scores[cluster.criteria["T.1"].pk] = SelfScore("nhiều")
    with pytest.raises(EmulationError) as excinfo:
        services.save_self_score(sheet, scores, user=users.qb, submit=True)
    text = excinfo.value.message
    assert "Tiêu chí 1.1: 25 điểm vượt mức tối đa 20." in text
    assert "Tiêu chí T.1: “nhiều” không phải là một số." in text
    assert not sheet.lines.exclude(self_points=None).exists()
    assert ScoreSheet.objects.get(pk=sheet.pk).version == 0


def test_submitting_needs_every_criterion_and_locking_needs_every_sheet(cluster, users):
    sheet = sheet_of(cluster, "QB")
    partial = dict(list(scores_of(cluster, SELF["QB"]).items())[:2])
    with pytest.raises(EmulationError, match="Chưa chấm các tiêu chí: 2.1, D.1, T.1, T.2"):
        services.save_self_score(sheet, partial, user=users.qb, submit=True)
    services.save_self_score(sheet, partial, user=users.qb)
    with pytest.raises(EmulationError) as excinfo:
        services.lock_results(cluster.pact, user=users.council)
    assert "BHXH tỉnh Quảng Bình (tiêu chí 2.1, D.1, T.1, T.2)" in excinfo.value.message
    assert "BHXH tỉnh Hà Tĩnh (tiêu chí 1.1" in excinfo.value.message
    cluster.pact.refresh_from_db()
    assert not cluster.pact.is_locked


def test_a_stale_screen_cannot_overwrite_a_newer_adjustment(cluster, users):
    sheet = sheet_of(cluster, "TH")
    opened = sheet.version
    services.adjust(
        sheet, {cluster.criteria["1.1"].pk: Adjustment("10", "Đối chiếu số liệu.")},
        user=users.council, version=opened,
    )  # fmt: skip
    with pytest.raises(EmulationError, match="vừa được người khác cập nhật"):
        services.adjust(
            sheet, {cluster.criteria["1.1"].pk: Adjustment("12", "Số cũ.")},
            user=users.office, version=opened,
        )  # fmt: skip
    assert line(sheet, cluster, "1.1").council_points == D(10)


def test_evidence_must_be_a_real_file_of_an_allowed_type(cluster, users):
    sheet = sheet_of(cluster, "QB")
    cid = cluster.criteria["1.1"].pk
    for upload, message in (
        (SimpleUploadedFile("virus.exe", b"MZ...."), "chỉ nhận PDF"),
        (SimpleUploadedFile("gia.pdf", b"<html>not a pdf"), "không đúng định dạng PDF"),
        (SimpleUploadedFile("rong.png", b""), "rỗng"),
        # A PNG's signature followed by junk: only decoding the image finds it out.
        (SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "Không đọc được ảnh"),
    ):
        with pytest.raises(EmulationError, match=message):
            services.add_evidence(sheet, cid, upload, user=users.qb)
    assert not sheet.lines.filter(evidence__isnull=False).exists()


needs_nominations = pytest.mark.skipif(
    "kb.nominations" not in settings.INSTALLED_APPS,
    reason="kb.nominations (open_draft_nomination) has not landed in the settings yet",
)


@needs_nominations
def test_the_first_is_proposed_for_the_flag_and_the_second_for_the_bang_khen(cluster, users):
    from kb.nominations.models import Nomination

    for code, values in SELF.items():
        services.save_self_score(sheet_of(cluster, code), scores_of(cluster, values))
    with pytest.raises(EmulationError, match="sau khi Hội đồng đã khoá"):
        services.open_nominations(cluster.pact, user=users.council)
    services.lock_results(cluster.pact, user=users.council)
    cluster.pact.refresh_from_db()
    outcome = services.open_nominations(cluster.pact, user=users.council)
    assert outcome.skipped == []
    opened = {(n.nominee_unit.code, n.title.code, n.proposing_unit.code, n.year)
              for n in Nomination.objects.all()}  # fmt: skip
    assert opened == {("NA", "co-bhxh", "NA", 2025), ("QB", "bang-khen-bhxh", "NA", 2025)}
    again = services.open_nominations(cluster.pact, user=users.council)
    assert {n.pk for n in again.opened} == {n.pk for n in outcome.opened}
    assert Nomination.objects.count() == 2


@needs_nominations
def test_a_shared_first_place_opens_no_nomination(cluster, users):
    for code in SELF:
        services.save_self_score(sheet_of(cluster, code), scores_of(cluster, (10, 5, 5, 0, 0, 0)))
    services.lock_results(cluster.pact, user=users.council)
    cluster.pact.refresh_from_db()
    outcome = services.open_nominations(cluster.pact, user=users.council)
    assert outcome.opened == []
    assert len(outcome.skipped) == 2

"""The route of a dossier, its decisions and outcome, through the services."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kb.exemplars.models import ExemplarPage
from kb.nominations import access, services
from kb.nominations.models import (
    Decision,
    InitiativeUse,
    Level,
    Nomination,
    NomineeKind,
    Purpose,
    Status,
)
from kb.stories.models import StoryPage
from kb.taxonomy.models import Title

from .conftest import YEAR

VOTE = services.VoteInput(votes_for=9, votes_against=0, members=9)


def make_dossier(world, **overrides):
    data = dict(
        year=YEAR,
        purpose=Purpose.AWARD,
        nominee_kind=NomineeKind.INDIVIDUAL,
        title=world.cstd_nganh,
        proposing_unit=world.district,
        nominee_unit=world.district,
        nominee_name=world.exemplar.title,
        exemplar=world.exemplar,
        achievements="<p>Ba năm liền dẫn đầu về thu.</p>",
    )
    data.update(overrides)
    nomination = Nomination(**data)
    return services.save_dossier(nomination, world.users.officer, initiatives=[world.initiative])


def decide(nomination, user, action="approve", **kw):
    nomination.refresh_from_db()
    kw.setdefault("comment", "Ý kiến của hội đồng")
    kw.setdefault("vote", VOTE)
    return services.decide(nomination, user, action, version=nomination.version, **kw)


def test_a_dossier_goes_up_level_by_level_and_the_title_lands_on_the_profile(world):
    u = world.users
    nomination = make_dossier(world)
    assert nomination.status == Status.DRAFT
    warnings = services.submit(nomination, u.officer)
    assert warnings == []  # three years of base-level fighter and a sector initiative
    nomination.refresh_from_db()
    assert (nomination.status, nomination.current_level) == (Status.IN_REVIEW, Level.UNIT)
    assert nomination.intermediate_unit == world.province

    decide(nomination, u.council_unit)
    nomination.refresh_from_db()
    assert nomination.current_level == Level.INTERMEDIATE
    decide(nomination, u.council_province)
    nomination.refresh_from_db()
    assert nomination.current_level == Level.MINISTRY

    decide(
        nomination,
        u.ministry,
        decision_number="123/QĐ-BHXH",
        decision_date=datetime.date(YEAR, 11, 20),
    )
    nomination.refresh_from_db()
    assert nomination.status == Status.APPROVED
    assert nomination.decision_number == "123/QĐ-BHXH"
    profile = ExemplarPage.objects.get(pk=world.exemplar.pk)
    assert profile.titles.filter(title=world.cstd_nganh, year=YEAR).exists()
    # the initiative now backs this award and no other
    assert InitiativeUse.objects.get(initiative=world.initiative).nomination == nomination
    actions = list(Decision.objects.filter(nomination=nomination).values_list("action", "level"))
    assert actions == [
        ("submit", None),
        ("approve", Level.UNIT),
        ("approve", Level.INTERMEDIATE),
        ("approve", Level.MINISTRY),
    ]


def test_returned_dossier_is_completed_resubmitted_and_resumes_at_the_same_level(world):
    u = world.users
    nomination = make_dossier(world)
    services.submit(nomination, u.officer)
    decide(nomination, u.council_unit)
    decide(nomination, u.council_province)
    decide(nomination, u.ministry, "return", comment="Thiếu biên bản họp hội đồng", vote=None)
    nomination.refresh_from_db()
    assert nomination.status == Status.RETURNED
    assert access.can_edit(u.officer, nomination)
    nomination.achievements = "<p>Đã bổ sung biên bản.</p>"
    services.save_dossier(nomination, u.officer)
    services.submit(nomination, u.officer)
    nomination.refresh_from_db()
    assert (nomination.status, nomination.current_level) == (Status.IN_REVIEW, Level.MINISTRY)


def test_declined_dossier_is_closed_with_the_reason_on_record(world):
    u = world.users
    nomination = make_dossier(world)
    services.submit(nomination, u.officer)
    decide(nomination, u.council_unit, "decline", comment="Chưa tiêu biểu", vote=None)
    nomination.refresh_from_db()
    assert nomination.status == Status.REJECTED
    assert not access.can_edit(u.officer, nomination)
    assert nomination.decisions.last().comment == "Chưa tiêu biểu"


def test_missing_years_are_named_at_submission_and_block_the_decision(world):
    u = world.users
    ExemplarPage.objects.get(pk=world.exemplar.pk).titles.filter(year=YEAR - 2).delete()
    nomination = make_dossier(world)
    warnings = services.submit(nomination, u.officer)
    assert any(str(YEAR - 2) in w.missing for w in warnings), warnings
    with pytest.raises(services.DecisionRefused) as refused:
        decide(nomination, u.council_unit)
    assert str(YEAR - 2) in refused.value.message
    nomination.refresh_from_db()
    assert nomination.current_level == Level.UNIT  # nothing moved


def test_the_council_vote_must_reach_the_threshold_of_all_members(world):
    u = world.users
    nomination = make_dossier(world)
    services.submit(nomination, u.officer)
    with pytest.raises(services.DecisionRefused):
        decide(nomination, u.council_unit, vote=services.VoteInput(7, 2, 9))


def test_leader_needs_a_collective_that_completed_its_tasks_excellently(world):
    u = world.users
    ldtt = Title.objects.get(code="bang-khen-bhxh")
    nomination = make_dossier(
        world,
        is_leader=True,
        title=ldtt,
        position="Giám đốc",
        nominee_name="Lê Văn Hùng",
        exemplar=None,
    )
    warnings = services.submit(nomination, u.officer)
    assert any(w.rule == "lanh-dao" for w in warnings)
    with pytest.raises(services.DecisionRefused):
        decide(nomination, u.council_unit)


def test_an_initiative_backs_only_one_award(world):
    u = world.users
    first = make_dossier(world)
    services.submit(first, u.officer)
    second = make_dossier(world, nominee_name="Phạm Văn Nam", exemplar=None)
    warnings = services.submit(second, u.officer)
    assert any(w.kind == "initiative" and world.initiative.title in w.message for w in warnings)


def test_only_one_unit_of_a_block_goes_to_the_ministry_for_its_flag(world):
    from kb.emulation.models import EmulationGroup, EmulationMembership

    u = world.users
    group = EmulationGroup.objects.create(kind="cluster", name="Cụm 1", year=YEAR)
    EmulationMembership.objects.create(group=group, unit=world.province)
    EmulationMembership.objects.create(group=group, unit=world.province_2)
    flag = Title.objects.get(code="co-bhxh")
    ministry_user = u.ministry

    def province_dossier(province, officer):
        nomination = Nomination(
            year=YEAR,
            nominee_kind=NomineeKind.COLLECTIVE,
            title=flag,
            proposing_unit=province,
            nominee_unit=province,
            nominee_name=province.name,
            group_rank=1,
        )
        services.save_dossier(nomination, officer)
        services.submit(nomination, officer)
        return nomination

    from kb.users import roles
    from tests.factories import UserFactory

    officer_p2 = UserFactory(
        username="officer_p02", roles=[roles.UNIT_OFFICER], unit=world.province_2
    )
    council_p2 = world.users.council_other
    first = province_dossier(world.province, u.officer_province)
    second = province_dossier(world.province_2, officer_p2)
    decide(first, u.council_province)  # the first goes on to the ministry
    with pytest.raises(services.DecisionRefused) as refused:
        decide(second, council_p2)  # a second from the same cluster cannot follow it
    assert "Cụm 1" in refused.value.message
    decide(first, ministry_user, decision_number="1/QĐ", decision_date=datetime.date(YEAR, 12, 1))
    first.refresh_from_db()
    assert first.status == Status.APPROVED


def test_a_stale_decision_is_refused_so_two_reviewers_cannot_both_win(world):
    u = world.users
    nomination = make_dossier(world)
    services.submit(nomination, u.officer)
    nomination.refresh_from_db()
    seen = nomination.version
    services.decide(
        nomination, u.council_unit, "approve", comment="Đồng ý", version=seen, vote=VOTE
    )
    with pytest.raises(services.DecisionRefused) as refused:
        services.decide(
            nomination, u.council_unit, "return", comment="Bổ sung", version=seen, vote=None
        )
    assert "người khác" in refused.value.message or "quyền" in refused.value.message
    assert Decision.objects.filter(nomination=nomination, action="return").count() == 0


def test_replication_opens_a_draft_story_for_propaganda_staff(world):
    u = world.users
    nomination = make_dossier(
        world,
        purpose=Purpose.REPLICATION,
        title=None,
        nominee_kind=NomineeKind.INITIATIVE,
        initiative=world.initiative,
        nominee_name=world.initiative.title,
        exemplar=None,
    )
    nomination.backing_initiatives.clear()
    services.submit(nomination, u.officer)
    decide(nomination, u.council_unit, vote=None)
    decide(nomination, u.council_province, vote=None)
    decide(nomination, u.ministry, vote=None, decision_number="9/QĐ-BHXH")
    story = StoryPage.objects.get(initiatives=world.initiative)
    assert not story.live
    assert world.initiative.title in story.title


def test_each_step_emails_the_proposer_and_the_next_reviewers(world):
    u = world.users
    nomination = make_dossier(world)
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.submit(nomination, u.officer)
    recipients = {address for message in mail.outbox for address in message.to}
    assert u.officer.email in recipients
    assert u.council_unit.email in recipients
    assert u.council_province.email not in recipients


def test_decisions_cannot_be_edited_or_deleted(world):
    u = world.users
    nomination = make_dossier(world)
    services.submit(nomination, u.officer)
    decision = Decision.objects.get(nomination=nomination)
    decision.comment = "sửa lại"
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()


def test_open_draft_nomination_is_idempotent(world):
    flag = Title.objects.get(code="co-bhxh")
    first = services.open_draft_nomination(
        nominee_unit=world.province,
        title=flag,
        year=YEAR,
        proposing_unit=world.province,
        source="emulation",
    )
    again = services.open_draft_nomination(
        nominee_unit=world.province,
        title=flag,
        year=YEAR,
        proposing_unit=world.province,
    )
    assert first.pk == again.pk and first.status == Status.DRAFT


def test_an_excellent_collective_needs_its_members_results(world):
    """Tập thể lao động xuất sắc: at least 70% of members Lao động tiên tiến."""
    u = world.users
    title = Title.objects.get(code="tt-ldxs")
    nomination = make_dossier(
        world,
        nominee_kind=NomineeKind.COLLECTIVE,
        title=title,
        exemplar=None,
        nominee_name="Tổ thu BHXH huyện Bát Xát",
        rating="excellent",
        members_total=10,
        members_completed=10,
        members_ldtt=6,
        members_cstd=1,
    )
    warnings = services.submit(nomination, u.officer)
    assert any("70%" in w.message for w in warnings), [w.message for w in warnings]
    with pytest.raises(services.DecisionRefused):
        decide(nomination, u.council_unit)
    Nomination.objects.filter(pk=nomination.pk).update(members_ldtt=8)
    decide(nomination, u.council_unit)
    nomination.refresh_from_db()
    assert nomination.current_level == Level.INTERMEDIATE


def test_member_counts_larger_than_the_collective_are_refused(world):
    with pytest.raises(ValidationError) as error:
        make_dossier(
            world,
            nominee_kind=NomineeKind.COLLECTIVE,
            title=Title.objects.get(code="tt-ldxs"),
            exemplar=None,
            members_total=5,
            members_ldtt=6,
        )
    assert "members_ldtt" in error.value.message_dict

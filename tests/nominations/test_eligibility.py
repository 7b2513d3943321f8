"""The rules engine: each kind of condition, the default rule sets, and rules as data."""

import ast
import datetime
import inspect
import json

import pytest

from kb.nominations import default_rules, eligibility
from kb.nominations.default_rules import DEFAULT_RULESETS, ND_98_2023, ND_152_2025
from kb.nominations.eligibility import (
    Facts,
    InitiativeFact,
    MemberStats,
    NoRuleSetInForce,
    OverlappingRuleSets,
    Rule,
    RuleSet,
    Vote,
    blocking,
    check_no_overlap,
    evaluate,
    must_recuse,
    ruleset_in_force,
)

D = datetime.date
RULES = ND_152_2025


def by_rule(findings):
    return {finding.rule: finding for finding in findings}


def fighter(title="cstd-nganh", year=2025, **overrides):
    """An individual who meets everything the default rules ask for ``cstd-nganh`` in 2025."""
    facts = {
        "nominee_kind": "individual",
        "title": title,
        "year": year,
        "history": {
            "ldtt": frozenset(range(2019, 2026)),
            "cstd-co-so": frozenset({2022, 2023, 2024}),
        },
        "initiatives": (InitiativeFact("sk-1", "sector", 2024, name="Thu BHXH qua ứng dụng"),),
        "vote": Vote(votes_for=10, votes_against=0, members=10),
        "rating": "excellent",
    }
    facts.update(overrides)
    return Facts(**facts)


def flag_unit(title="co-bhxh", **overrides):
    facts = {
        "nominee_kind": "collective",
        "title": title,
        "year": 2025,
        "history": {"co-bhxh": frozenset({2025})} if title == "co-chinh-phu" else {},
        "group_key": "Khối 2",
        "group_rank": 1,
        "vote": Vote(votes_for=9, votes_against=1, members=10),
        "rating": "excellent",
        "quota_counts": {"co-bhxh": 12, "co-chinh-phu": 1},
    }
    facts.update(overrides)
    return Facts(**facts)


# --- Eligibility by history --------------------------------------------------------------------


def test_a_complete_sector_fighter_dossier_has_no_finding():
    assert evaluate(RULES, fighter()) == []


def test_sector_fighter_names_the_missing_base_level_years():
    facts = fighter(history={"cstd-co-so": frozenset({2022})})
    finding = by_rule(evaluate(RULES, facts))["cstd-nganh-3-nam"]
    assert finding.severity == "block"
    assert finding.missing == ("2023", "2024")
    assert "2022–2024" in finding.message and "thiếu năm 2023, 2024" in finding.message
    assert finding.basis == "Luật Thi đua, khen thưởng 2022, Điều 22"


def test_national_fighter_needs_two_consecutive_sector_titles():
    facts = fighter(
        title="cstd-toan-quoc",
        history={"cstd-nganh": frozenset({2024})},
        initiatives=(InitiativeFact("sk-9", "national", 2024),),
    )
    finding = by_rule(evaluate(RULES, facts))["cstd-toan-quoc-2-lan"]
    assert finding.missing == ("2021",)
    assert "2 lần liên tục" in finding.message
    ok = fighter(
        title="cstd-toan-quoc",
        history={"cstd-nganh": frozenset({2021, 2024})},
        initiatives=(InitiativeFact("sk-9", "national", 2024),),
    )
    assert evaluate(RULES, ok) == []


def test_base_fighter_needs_advanced_worker_the_same_year():
    facts = fighter(title="cstd-co-so", history={"ldtt": frozenset({2024})})
    finding = by_rule(evaluate(RULES, facts))["cstd-co-so-ldtt"]
    assert "Năm 2025 chưa đạt «Lao động tiên tiến»" in finding.message


def test_base_fighter_takes_an_initiative_or_an_excellent_year():
    excellent = fighter(title="cstd-co-so", initiatives=(), rating="excellent")
    assert "cstd-co-so-sang-kien" not in by_rule(evaluate(RULES, excellent))
    good = fighter(title="cstd-co-so", initiatives=(), rating="good")
    finding = by_rule(evaluate(RULES, good))["cstd-co-so-sang-kien"]
    assert "hoàn thành xuất sắc nhiệm vụ" in finding.message
    with_initiative = fighter(
        title="cstd-co-so", rating="good", initiatives=(InitiativeFact("sk-2", "unit", 2025),)
    )
    assert "cstd-co-so-sang-kien" not in by_rule(evaluate(RULES, with_initiative))


# --- Initiatives ---------------------------------------------------------------------------------


def test_an_initiative_backs_only_one_award_and_is_named():
    used = InitiativeFact(
        "sk-1", "sector", 2024, used_for=("hồ sơ #17",), name="Thu BHXH qua ứng dụng"
    )
    finding = by_rule(evaluate(RULES, fighter(initiatives=(used,))))["cstd-nganh-sang-kien"]
    assert finding.severity == "block"
    assert finding.missing == ("Thu BHXH qua ứng dụng",)
    assert "«Thu BHXH qua ứng dụng» đã là căn cứ của: hồ sơ #17" in finding.message
    # A second, unused initiative of the right scope is enough.
    spare = InitiativeFact("sk-3", "sector", 2023)
    assert evaluate(RULES, fighter(initiatives=(used, spare))) == []


def test_an_initiative_of_too_narrow_a_scope_or_unrecognised_does_not_count():
    facts = fighter(
        initiatives=(
            InitiativeFact("sk-4", "province", 2024, name="Một cửa liên thông"),
            InitiativeFact("sk-5", "sector", None, name="Chưa công nhận"),
        )
    )
    message = by_rule(evaluate(RULES, facts))["cstd-nganh-sang-kien"].message
    assert "«Một cửa liên thông» chỉ có phạm vi ảnh hưởng cấp tỉnh" in message
    assert "«Chưa công nhận» chưa được cấp có thẩm quyền công nhận" in message


def test_initiative_window_in_years():
    rule = Rule(
        "sk-3-nam", "initiative", ("cstd-nganh",), {"min_scope": "sector", "within_years": 3}, "x"
    )
    ruleset = RuleSet("thử", "x", D(2024, 1, 1), None, (rule,))
    old = fighter(initiatives=(InitiativeFact("sk-6", "sector", 2019),))
    assert "ngoài 3 năm" in evaluate(ruleset, old)[0].message
    assert evaluate(ruleset, fighter()) == []


# --- Leader rule -----------------------------------------------------------------------------


def test_leader_needs_the_collective_excellent_that_year():
    refused = by_rule(evaluate(RULES, fighter(is_leader=True, led_collective_excellent=False)))
    assert refused["lanh-dao"].severity == "block"
    assert "tập thể do người này đứng đầu không" in refused["lanh-dao"].message
    unknown = by_rule(evaluate(RULES, fighter(is_leader=True)))["lanh-dao"]
    assert unknown.missing == ("kết quả đánh giá tập thể năm 2025",)
    assert evaluate(RULES, fighter(is_leader=True, led_collective_excellent=True)) == []
    assert evaluate(RULES, fighter(is_leader=False, led_collective_excellent=False)) == []


# --- Quotas --------------------------------------------------------------------------------------


def test_one_unit_per_block_for_the_ministry_flag():
    assert evaluate(RULES, flag_unit()) == []
    second = by_rule(evaluate(RULES, flag_unit(same_group_same_title=1)))
    assert "«Khối 2» đã có 1 đề nghị khác" in second["co-bhxh-moi-khoi-mot"].message
    runner_up = evaluate(RULES, flag_unit(group_rank=2))
    assert [f.rule for f in blocking(runner_up)] == ["co-bhxh-moi-khoi-mot"]
    assert "xếp thứ 2" in runner_up[0].message
    no_group = by_rule(evaluate(RULES, flag_unit(group_key=None)))["co-bhxh-moi-khoi-mot"]
    assert no_group.missing == ("khối/cụm thi đua",)


def test_government_flag_share_cap_shows_the_arithmetic():
    # 12 units proposed for the ministry's flag: 20% × 12 = 2.4, so at most 2.
    assert evaluate(RULES, flag_unit("co-chinh-phu")) == []  # one other so far: this is the 2nd
    third = by_rule(
        evaluate(RULES, flag_unit("co-chinh-phu", quota_counts={"co-bhxh": 12, "co-chinh-phu": 2}))
    )["co-chinh-phu-20"]
    assert "20% × 12 = 2,4 → tối đa 2; đã có 2, thêm đề nghị này là 3" in third.message
    assert third.severity == "block"
    few = flag_unit("co-chinh-phu", quota_counts={"co-bhxh": 4})
    assert "co-chinh-phu-20" in by_rule(evaluate(RULES, few))  # 20% × 4 = 0.8 → none


def test_government_flag_only_for_a_holder_of_the_ministry_flag():
    facts = flag_unit("co-chinh-phu", history={})
    finding = by_rule(evaluate(RULES, facts))["co-chinh-phu-tu-co-bhxh"]
    assert "chưa đạt «Cờ thi đua của BHXH Việt Nam»" in finding.message


def test_base_fighter_ratio_quota_is_configurable_data():
    # 140 advanced workers: 15% × 140 = 21 base-level fighters at most.
    facts = fighter(title="cstd-co-so", quota_counts={"ldtt": 140, "cstd-co-so": 20})
    assert evaluate(RULES, facts) == []
    full = fighter(title="cstd-co-so", quota_counts={"ldtt": 140, "cstd-co-so": 21})
    finding = by_rule(evaluate(RULES, full))["cstd-co-so-ty-le"]
    assert "15% × 140 = 21 → tối đa 21; đã có 21, thêm đề nghị này là 22" in finding.message


# --- Council vote ------------------------------------------------------------------------------


def test_council_vote_approval_is_a_share_of_all_members():
    assert evaluate(RULES, fighter(vote=Vote(9, 0, 10))) == []  # 90% of 10 is 9
    short = by_rule(evaluate(RULES, fighter(vote=Vote(8, 0, 10, abstain=2))))["bieu-quyet-cstd"]
    assert "8/10 thành viên hội đồng đồng ý (80%); cần từ 90%" in short.message
    assert "(9 phiếu)" in short.message
    # Nine of twelve members present and all in favour is still not 90% of the council.
    assert "bieu-quyet-cstd" in by_rule(evaluate(RULES, fighter(vote=Vote(9, 0, 12))))
    # The flag needs 80%.
    assert evaluate(RULES, flag_unit(vote=Vote(8, 2, 10))) == []


def test_council_quorum_and_missing_vote():
    thin = [f.message for f in evaluate(RULES, flag_unit(vote=Vote(6, 0, 10)))]
    assert len(thin) == 2  # neither the quorum nor the approval
    assert "chưa đủ số thành viên tham gia biểu quyết: 6/10, cần ít nhất 66,67% (7 thành" in thin[0]
    assert "6/10 thành viên hội đồng đồng ý (60%); cần từ 80%" in thin[1]
    missing = by_rule(evaluate(RULES, flag_unit(vote=None)))["bieu-quyet-co-bang-khen"]
    assert missing.severity == "block"
    assert missing.missing == ("biên bản họp và kết quả biểu quyết",)


def test_a_vote_that_does_not_add_up_is_refused():
    with pytest.raises(ValueError, match="vượt số thành viên"):
        Vote(8, 3, 10)
    with pytest.raises(ValueError, match="lớn hơn 0"):
        Vote(0, 0, 0)


# --- Collective titles ---------------------------------------------------------------------------


def test_excellent_collective_needs_seventy_percent_advanced_workers():
    base = flag_unit("tt-ldxs", vote=None)
    ok = Facts(**{**base.__dict__, "members": MemberStats(20, 20, 14, 1)})
    assert evaluate(RULES, ok) == []
    short = Facts(**{**base.__dict__, "members": MemberStats(20, 20, 13, 0, disciplined=1)})
    finding = by_rule(evaluate(RULES, short))["tt-ldxs-thanh-vien"]
    assert "13/20 thành viên đạt «Lao động tiên tiến» (65%), cần ít nhất 70% (14 người)" in (
        finding.message
    )
    assert "1 thành viên bị kỷ luật" in finding.message
    assert finding.missing == ("1 thành viên đạt Lao động tiên tiến", "Chiến sĩ thi đua cơ sở")


def test_unknown_assessment_warns_without_blocking():
    facts = flag_unit(rating=None)
    findings = by_rule(evaluate(RULES, facts))
    assert findings["co-danh-gia"].severity == "warn"
    assert blocking(findings.values()) == []
    poor = by_rule(evaluate(RULES, flag_unit(rating="good")))["co-danh-gia"]
    assert poor.severity == "block"
    quiet = Rule("q", "min_rating", ("co-bhxh",), {"min": "good", "if_unknown": "skip"}, "b")
    assert evaluate(RuleSet("q", "b", D(2024, 1, 1), None, (quiet,)), facts) == []


# --- Rotation ------------------------------------------------------------------------------------


def test_same_flag_last_year_warns_but_never_blocks():
    facts = flag_unit(history={"co-bhxh": frozenset({2023, 2024})})
    findings = evaluate(RULES, facts)
    assert [(f.rule, f.severity) for f in findings] == [("khong-luan-phien", "warn")]
    assert "năm 2023, 2024" in findings[0].message
    assert blocking(findings) == []


# --- Rules are data ----------------------------------------------------------------------------


def test_the_decree_in_force_follows_the_date():
    assert ruleset_in_force(DEFAULT_RULESETS, D(2025, 6, 30)) is ND_98_2023
    assert ruleset_in_force(DEFAULT_RULESETS, D(2025, 7, 1)) is ND_152_2025
    check_no_overlap(DEFAULT_RULESETS)
    with pytest.raises(NoRuleSetInForce, match="31/12/2023"):
        ruleset_in_force(DEFAULT_RULESETS, D(2023, 12, 31))


def test_findings_cite_the_decree_in_force():
    facts = fighter(vote=Vote(5, 5, 10))
    before = by_rule(evaluate(ND_98_2023, facts))["bieu-quyet-cstd"]
    after = by_rule(evaluate(ND_152_2025, facts))["bieu-quyet-cstd"]
    assert "98/2023/NĐ-CP" in before.basis
    assert "152/2025/NĐ-CP" in after.basis


def test_a_rule_change_is_a_data_change():
    """Next year's decree lowers the ratio: a new row of JSON, the same facts now fail."""
    data = json.loads(json.dumps(ND_152_2025.to_dict()))
    data.update(name="Nghị định giả định 2027", effective_from="2027-01-01")
    for rule in data["rules"]:
        if rule["code"] == "cstd-co-so-ty-le":
            rule["params"]["share"] = 0.1
    current = RuleSet.from_dict({**ND_152_2025.to_dict(), "effective_to": "2026-12-31"})
    next_year = RuleSet.from_dict(data)
    versions = [ND_98_2023, current, next_year]
    check_no_overlap(versions)

    facts = fighter(title="cstd-co-so", quota_counts={"ldtt": 140, "cstd-co-so": 15})
    assert evaluate(ruleset_in_force(versions, D(2026, 12, 31)), facts) == []
    later = evaluate(ruleset_in_force(versions, D(2027, 3, 1)), facts)
    assert [f.rule for f in later] == ["cstd-co-so-ty-le"]
    assert "10% × 140 = 14 → tối đa 14" in later[0].message


def test_rule_sets_round_trip_through_json():
    for ruleset in DEFAULT_RULESETS:
        again = RuleSet.from_dict(json.loads(json.dumps(ruleset.to_dict())))
        assert again == ruleset


def test_overlapping_rule_sets_are_refused_by_name():
    clash = RuleSet.from_dict({**ND_152_2025.to_dict(), "name": "Trùng", "effective_to": None})
    with pytest.raises(OverlappingRuleSets, match="«Trùng»"):
        ruleset_in_force([ND_152_2025, clash], D(2026, 1, 1))
    with pytest.raises(OverlappingRuleSets):
        check_no_overlap([ND_152_2025, clash])


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"kind": "lottery"}, "loại «lottery» không được hỗ trợ"),
        ({"params": {}}, "thiếu tham số requires, times"),
        ({"params": {"requires": "ldtt", "times": 0}}, "times phải là số nguyên"),
        ({"params": {"requires": "ldtt", "times": 3, "colour": "red"}}, "colour"),
        ({"severity": "maybe"}, "«block» hoặc «warn»"),
        ({"titles": []}, "ít nhất một mã danh hiệu"),
        ({"params": {"requires": "ldtt", "times": 3, "if_unknown": "later"}}, "if_unknown"),
    ],
)
def test_bad_rule_data_is_refused_naming_the_rule(change, error):
    row = {**ND_152_2025.rule("cstd-nganh-3-nam").to_dict(), **change}
    with pytest.raises(ValueError, match=error) as caught:
        Rule.from_dict(row)
    assert "cstd-nganh-3-nam" in str(caught.value)


def test_bad_share_and_missing_fields_are_refused():
    with pytest.raises(ValueError, match="share phải từ 0 đến 1"):
        Rule("x", "share_cap", ("co-chinh-phu",), {"of": "co-bhxh", "share": 20}, "x")
    with pytest.raises(ValueError, match="thiếu trường basis"):
        Rule.from_dict({"code": "x", "kind": "leader", "titles": ["*"]})
    with pytest.raises(ValueError, match="thiếu trường effective_from"):
        RuleSet.from_dict({"name": "y", "basis": "b", "rules": []})


def test_a_rule_can_carry_its_own_wording():
    rule = Rule(
        "tu-viet",
        "same_year",
        ("cstd-co-so",),
        {"requires": "ldtt"},
        "Quy chế đơn vị",
        message="{title} {year}: cần {missing} trước.",
    )
    ruleset = RuleSet("riêng", "b", D(2024, 1, 1), None, (rule,))
    facts = fighter(title="cstd-co-so", history={})
    assert evaluate(ruleset, facts)[0].message == (
        "Chiến sĩ thi đua cơ sở 2025: cần Lao động tiên tiến trước."
    )


def test_catalogue_names_override_the_built_in_ones():
    facts = fighter(history={"cstd-co-so": frozenset({2022, 2023})})
    finding = evaluate(RULES, facts, title_names={"cstd-co-so": "CSTĐ cơ sở"})[0]
    assert "«CSTĐ cơ sở»" in finding.message


def test_replication_proposals_take_only_rules_meant_for_them():
    proposal = Facts(nominee_kind="initiative", title=None, year=2025)
    assert evaluate(RULES, proposal) == []
    rule = Rule("nr", "council_vote", (eligibility.REPLICATION,), {"approval": 0.5}, "b")
    ruleset = RuleSet("nhân rộng", "b", D(2024, 1, 1), None, (rule,))
    assert "giới thiệu nhân rộng" in evaluate(ruleset, proposal)[0].message


def test_bad_facts_are_refused():
    with pytest.raises(ValueError, match="Loại đối tượng"):
        Facts(nominee_kind="robot", title="ldtt", year=2025)
    with pytest.raises(ValueError, match="Phạm vi ảnh hưởng «galaxy»"):
        InitiativeFact("sk", "galaxy", 2025)


# --- Conflict of interest -----------------------------------------------------------------------

SECTOR, PROVINCE, DISTRICT, TEAM = "/1/", "/1/7/", "/1/7/42/", "/1/7/42/90/"
OTHER_PROVINCE, OTHER_DISTRICT = "/1/8/", "/1/7/43/"


def test_recusal_on_the_line_of_supervision():
    # A district's nominee decided by the ministry's council (at the sector's unit).
    assert must_recuse(DISTRICT, DISTRICT, SECTOR)  # the nominee's own unit
    assert must_recuse(TEAM, DISTRICT, SECTOR)  # inside it
    assert must_recuse(PROVINCE, DISTRICT, SECTOR)  # the province supervising it
    assert not must_recuse(SECTOR, DISTRICT, SECTOR)  # the council's own unit
    assert not must_recuse(OTHER_PROVINCE, DISTRICT, SECTOR)
    assert not must_recuse(OTHER_DISTRICT, DISTRICT, SECTOR)
    # At the province's council, the province itself is the council's unit.
    assert not must_recuse(PROVINCE, DISTRICT, PROVINCE)


def test_recusal_for_a_block_council_seated_elsewhere():
    # Khối council seated at another province: the nominee's province still supervises it.
    assert must_recuse(PROVINCE, DISTRICT, OTHER_PROVINCE)
    assert not must_recuse(SECTOR, DISTRICT, OTHER_PROVINCE)
    assert not must_recuse(OTHER_PROVINCE, DISTRICT, OTHER_PROVINCE)


def test_a_unit_council_on_its_own_collective_and_the_nominee_himself():
    assert not must_recuse(DISTRICT, DISTRICT, DISTRICT)
    assert must_recuse(DISTRICT, DISTRICT, DISTRICT, reviewer_is_nominee=True)
    assert must_recuse(OTHER_PROVINCE, DISTRICT, SECTOR, reviewer_is_nominee=True)


def test_malformed_paths_are_refused():
    with pytest.raises(ValueError, match="«1/7»"):
        must_recuse("1/7", DISTRICT, SECTOR)


# --- Purity --------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [eligibility, default_rules])
def test_rules_modules_import_nothing_from_django(module):
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(alias.name.startswith("django") for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("django")

"""The pure scoring rules: totals under the pact's caps, point checks, the ranking's ties."""

from decimal import Decimal as D

import pytest

from kb.emulation import scoring
from kb.emulation.scoring import Criterion, Entry, Pact, Section

PACT = Pact(
    sections=(Section("I", "Chuyên môn", core=True), Section("II", "Phong trào")),
    criteria=(
        Criterion("1.1", "I", "score", D(20)),
        Criterion("2.1", "II", "score", D(10)),
        Criterion("T.1", "II", "bonus", D(5)),
        Criterion("T.2", "II", "bonus", D(5)),
        Criterion("D.1", "II", "deduction", D(5)),
    ),
    bonus_cap=D(6),
    deduction_cap=D(4),
)


def test_bonus_and_deductions_are_capped_by_the_pact():
    result = scoring.total(PACT, {"1.1": D(18), "2.1": D(7), "T.1": D(5), "T.2": D(4), "D.1": D(5)})
    assert (result.base, result.bonus, result.deduction) == (D(25), D(6), D(4))
    assert result.total == D(27)
    assert result.by_section == {"I": D(18), "II": D(7)}
    assert result.core == D(18)
    assert PACT.max_total == D(36)


def test_unscored_criteria_count_nothing():
    assert scoring.total(PACT, {"1.1": D("12.5")}).total == D("12.5")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("21", "vượt mức tối đa 20"),
        ("-1", "không được âm"),
        ("abc", "không phải là một số"),
        ("1.234", "hai chữ số thập phân"),
        (None, "thiếu số điểm"),
    ],
)
def test_points_outside_the_pact_are_refused_with_the_criterion_named(raw, message):
    with pytest.raises(scoring.ScoringError) as excinfo:
        scoring.check_points(PACT.criteria[0], raw)
    assert "Tiêu chí 1.1" in str(excinfo.value)
    assert message in str(excinfo.value)


def test_decimal_comma_is_read():
    assert scoring.check_points(PACT.criteria[0], "12,5") == D("12.5")


def entry(name, core, other, deduction=0, women=None):
    points = {"1.1": D(core), "2.1": D(other), "D.1": D(deduction)}
    return Entry(name, name, scoring.total(PACT, points), None if women is None else D(women))


def test_equal_totals_are_separated_by_core_sections_then_deductions_then_women():
    ranking = scoring.rank(
        [
            entry("A", 10, 10),  # 20, core 10
            entry("B", 15, 5),  # 20, core 15
            entry("C", 16, 6, deduction=2, women="0.4"),  # 20, core 16, deducted 2
            entry("D", 16, 6, deduction=2, women="0.6"),  # same, more women
            entry("E", 19, 9),  # 28
        ]
    )
    assert [(r.rank, r.entry.name) for r in ranking] == [
        (1, "E"), (2, "D"), (3, "C"), (4, "B"), (5, "A"),
    ]  # fmt: skip
    steps = {r.entry.name: r.decided_by for r in ranking}
    assert steps == {"E": "", "D": "tổng điểm", "C": "tỷ lệ nữ", "B": "điểm phần trọng tâm",
                     "A": "điểm phần trọng tâm"}  # fmt: skip


def test_fewer_deductions_win_when_totals_and_core_are_equal():
    ranking = scoring.rank([entry("X", 16, 6, deduction=2), entry("Y", 16, 4)])
    # X: 22 - 2 = 20, core 16; Y: 20, core 16, no deduction.
    assert [r.entry.name for r in ranking] == ["Y", "X"]
    assert ranking[1].decided_by == "điểm trừ"


def test_units_the_rule_cannot_separate_share_the_place_and_nothing_is_proposed_for_it():
    ranking = scoring.rank([entry("P", 10, 5), entry("Q", 10, 5), entry("R", 1, 1)])
    assert [(r.rank, r.tied) for r in ranking] == [(1, True), (1, True), (3, False)]
    assert ranking[0].tied_with == ["Q"]
    assert scoring.sole_holder(ranking, 1) is None
    assert scoring.sole_holder(ranking, 2) is None
    assert scoring.sole_holder(ranking, 3).entry.name == "R"


def test_the_rule_is_written_down_for_the_screen():
    assert len(scoring.TIE_BREAK_RULE) == 5
    assert "trọng tâm" in scoring.TIE_BREAK_RULE[1]
    assert "tỷ lệ nữ" in scoring.TIE_BREAK_RULE[3]

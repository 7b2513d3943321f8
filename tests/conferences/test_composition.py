"""Figures and warnings for a list of elected delegates (pure)."""

from kb.conferences.composition import Person, Targets, format_percent, summarise

WOMAN = Person(gender="female", field_of_work="Thu")
MAN = Person(gender="male", field_of_work="Thu")


def test_figures_count_each_group():
    people = [
        Person(gender="female", ethnic_minority=True, field_of_work="Thu"),
        Person(gender="female", direct_worker=True, good_deed=True, field_of_work="Sổ thẻ"),
        Person(gender="male", direct_worker=True, field_of_work="Giám định"),
        Person(gender="male", field_of_work="Thu"),
    ]
    result = summarise(people, seats=4)
    counts = {f.key: f.count for f in result.figures}
    assert counts == {"women": 2, "ethnic_minority": 1, "direct_workers": 2, "good_deed": 1}
    assert result.figure("women").share_text == "50%"
    assert result.fields == (("Thu", 2), ("Giám định", 1), ("Sổ thẻ", 1))
    assert result.warnings == ()


def test_too_few_women_is_a_warning_with_the_number_needed():
    result = summarise([WOMAN, MAN, MAN, MAN, MAN], seats=5, targets=Targets(min_women=40))
    women = result.figure("women")
    assert (women.count, women.needed, women.ok) == (1, 2, False)
    assert any("Nữ: 1/5 (20%)" in w and "cần ít nhất 2" in w for w in result.warnings)


def test_each_minimum_warns_on_its_own():
    targets = Targets(min_women=0, min_ethnic_minority=10, min_direct_workers=50, min_good_deed=10)
    result = summarise([MAN, MAN], seats=2, targets=targets)
    text = " ".join(result.warnings)
    assert "Người dân tộc thiểu số: 0/2" in text
    assert "Trực tiếp thực thi nhiệm vụ: 0/2" in text
    assert "Người tốt – Việc tốt" in text
    assert "Nữ:" not in text  # a target of 0 is no check


def test_one_field_over_its_share_is_unbalanced():
    people = [WOMAN, WOMAN, MAN, Person(gender="male", field_of_work="Pháp chế")]
    result = summarise(people, seats=4, targets=Targets(max_one_field=50))
    assert any("Lĩnh vực “Thu”: 3/4 (75%)" in w for w in result.warnings)
    balanced = summarise(people[1:], seats=3, targets=Targets(max_one_field=70))
    assert not any("Lĩnh vực" in w for w in balanced.warnings)


def test_a_single_delegate_is_never_out_of_balance():
    result = summarise([WOMAN], seats=1, targets=Targets(max_one_field=30))
    assert not any("Lĩnh vực" in w for w in result.warnings)


def test_over_and_under_the_seats():
    over = summarise([WOMAN, WOMAN, WOMAN], seats=2, targets=Targets(min_women=0))
    assert over.over == 1
    assert over.warnings[0] == "Đã nhập 3 đại biểu, vượt 1 so với 2 ghế được phân bổ."
    under = summarise([WOMAN], seats=3)
    assert under.missing == 2
    assert "Còn thiếu 2 đại biểu so với 3 ghế được phân bổ." in under.warnings


def test_no_seats_yet():
    result = summarise([WOMAN], seats=None)
    assert "Chưa có số ghế được phân bổ cho danh sách này." in result.warnings
    assert summarise([], seats=None).warnings == ()


def test_missing_gender_and_field_are_reported():
    result = summarise([Person()], seats=1, targets=Targets(0, 0, 0, 0, 0))
    assert result.warnings == (
        "1 đại biểu chưa ghi giới tính.",
        "1 đại biểu chưa ghi lĩnh vực công tác.",
    )


def test_an_empty_list_has_figures_but_no_share_warnings():
    result = summarise([], seats=2)
    assert [f.count for f in result.figures] == [0, 0, 0, 0]
    assert result.warnings == ("Còn thiếu 2 đại biểu so với 2 ghế được phân bổ.",)


def test_percent_is_written_the_vietnamese_way():
    assert format_percent(100 / 3) == "33,3%"
    assert format_percent(25.0) == "25%"

"""Vietnamese analysis: the same folding for documents and queries."""

import unicodedata

from search.text import (
    Clause,
    Dictionary,
    Vocabulary,
    analyse,
    clause_positions,
    clause_positions_in,
    covered_within,
    edit_distance,
    expand,
    fold_with_offsets,
    highlight,
)

DICTIONARY = Dictionary.from_pairs(
    [("BHYT", ["bảo hiểm y tế"]), ("NLĐ", ["người lao động"]), ("BHXH", ["bảo hiểm xã hội"])]
)


def test_accentless_and_accented_spellings_give_the_same_syllables():
    assert analyse("Bảo hiểm xã hội") == analyse("bao hiem xa hoi") == ["bao", "hiem", "xa", "hoi"]


def test_d_with_stroke_and_letters_with_two_marks_are_folded():
    assert analyse("Đắk Lắk, người được") == ["dak", "lak", "nguoi", "duoc"]


def test_decomposed_input_folds_like_composed_input():
    decomposed = unicodedata.normalize("NFD", "Nghệ An")
    assert analyse(decomposed) == analyse("Nghệ An") == ["nghe", "an"]


def test_acronyms_expand_both_ways():
    acronym = expand("BHYT học sinh", DICTIONARY)
    assert acronym.clauses[0].phrases == (("bhyt",), ("bao", "hiem", "y", "te"))
    spelled = expand("bao hiem y te", DICTIONARY)
    assert ("bhyt",) in spelled.clauses[0].phrases
    assert ("nld",) in expand("người lao động", DICTIONARY).clauses[0].phrases


def test_question_words_are_not_required():
    query = expand("làm thế nào để giảm thời gian giải quyết hồ sơ?")
    required = [c.phrases[0][0] for c in query.required]
    assert required == ["giam", "thoi", "gian", "giai", "quyet", "ho", "so"]


def test_highlight_marks_the_original_spelling_of_an_accentless_query():
    snippet = highlight("Cấp thẻ BHYT cho học sinh ở Đắk Lắk", [("hoc", "sinh"), ("dak",)])
    assert snippet == "Cấp thẻ BHYT cho <mark>học sinh</mark> ở <mark>Đắk</mark> Lắk"


def test_highlight_escapes_html():
    assert "&lt;b&gt;" in highlight("<b>Đắk</b>", [("dak",)])


def test_edit_distance_allows_a_transposition():
    assert edit_distance("nguyen", "ngyuen") == 1
    assert edit_distance("vaan", "van") == 1


def test_typos_are_corrected_to_the_index_vocabulary_keeping_the_first_letter():
    vocabulary = Vocabulary(
        {"thang": 40, "chuong": 9, "truong": 30, "dong": 500, "van": 80, "vao": 200},
        titles={"thang", "van"},
    )
    assert vocabulary.correct("thangg") == "thang"
    assert vocabulary.correct("truongg") == "truong"  # a body word, long enough
    assert vocabulary.correct("bong") is None  # "đóng" is another word, not a typo
    assert vocabulary.correct("vaan") == "van"  # short: titles only, though "vao" is commoner
    assert vocabulary.correct("thang") is None  # a known word is left alone


def test_clause_positions_in_folded_text_agree_with_the_word_by_word_scan():
    words = analyse("Cấp thẻ bảo hiểm y tế cho học sinh, sinh viên; bảo hiểm")
    clauses = [
        Clause((("bhyt",), ("bao", "hiem", "y", "te"))),
        Clause((("bao", "hiem"),)),
        Clause((("sinh",),)),
        Clause((("sinh",),)),
    ]
    assert sorted(set(clause_positions(words, clauses))) == sorted(
        set(clause_positions_in(" ".join(words), clauses))
    )
    assert covered_within(" ".join(words), clauses, 3) == covered_within(words, clauses, 3)


def test_the_quick_refusal_never_refuses_a_window_that_holds_every_clause():
    import random

    rng = random.Random(7)
    vocabulary = ["bao", "hiem", "so", "the", "cap", "phi", "y", "te", "moi"]
    clauses = [Clause(((w,),)) for w in ("bao", "so", "phi")] + [Clause((("y", "te"), ("bhyt",)))]
    for _ in range(500):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(5, 60))]
        window = rng.randint(3, 12)
        exact = covered_within(words, clauses, window)
        quick = covered_within(" ".join(words), clauses, window, enough=len(clauses))
        assert (quick >= len(clauses)) == (exact >= len(clauses)), (words, window)


def test_fold_with_offsets_maps_back_to_the_original_spelling():
    for text in ("Đắk Lắk, Bảo hiểm", "Straße xã hội", "e\u0301 rời"):
        folded, offsets = fold_with_offsets(text)
        assert len(offsets) == len(folded)
        assert all(0 <= o < len(text) for o in offsets)
    assert fold_with_offsets("Đắk")[0] == "dak"
    assert fold_with_offsets("Straße")[0] == "strasse"

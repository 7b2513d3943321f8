"""The embedded backend as a reader meets it, on SQLite and on PostgreSQL."""

import pytest
from wagtail.models import PageViewRestriction

from kb.taxonomy.models import FieldOfWork
from search.backends import get_backend
from search.backends.base import SearchRequest
from search.models import SearchDocument, Synonym
from tests.factories import (
    ExemplarPageFactory,
    InitiativePageFactory,
    StoryPageFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def titles(text, **kwargs):
    return [hit.title for hit in get_backend().search(SearchRequest(text, **kwargs)).hits]


@pytest.fixture
def content(site_structure, reindex):
    province = UnitFactory(name="BHXH tỉnh Đắk Lắk")
    it = FieldOfWork.objects.get_or_create(name="Công nghệ thông tin")[0]
    card = InitiativePageFactory(
        title="Cấp thẻ bảo hiểm y tế cho học sinh ngay tại trường",
        unit=province,
        summary="Giải pháp rút ngắn thời gian cấp thẻ cho học sinh.",
        year=2024,
    )
    card.fields_of_work.add(it)
    card.save()
    InitiativePageFactory(
        title="Bảo hiểm xã hội tự nguyện cho nông dân",
        summary="Vận động người dân tham gia.",
        year=2023,
    )
    ExemplarPageFactory(title="Nguyễn Thị Thu Hà", unit=province, summary="Dẫn đầu chuyển đổi số.")
    StoryPageFactory(title="Một ngày ở bộ phận một cửa", summary="Chuyện người lao động.")
    reindex()
    return card


def test_accentless_query_finds_the_accented_title(content):
    # "BHXH" in the unit names counts too (the dictionary), but the title match ranks first.
    assert titles("bao hiem xa hoi")[0] == "Bảo hiểm xã hội tự nguyện cho nông dân"


def test_acronym_finds_the_spelled_out_words(content):
    assert titles("BHYT hoc sinh") == ["Cấp thẻ bảo hiểm y tế cho học sinh ngay tại trường"]


def test_d_with_stroke_is_folded(content):
    assert "Nguyễn Thị Thu Hà" in titles("dak lak")
    assert "Nguyễn Thị Thu Hà" in titles("Đắk Lắk")


def test_an_edited_synonym_is_used_at_once(content):
    assert titles("NNHS") == []
    Synonym.objects.create(term="NNHS", expansions="nông dân")
    assert titles("NNHS") == ["Bảo hiểm xã hội tự nguyện cho nông dân"]


def test_a_typo_in_a_name_still_finds_the_exemplar(content):
    results = get_backend().search(SearchRequest("Nguyen Thi Thu Haa"))
    assert results.hits[0].title == "Nguyễn Thị Thu Hà"


def test_a_typo_in_any_word_of_the_text_is_corrected(content):
    # "chuyển" is in an exemplar's summary, in no title
    results = get_backend().search(SearchRequest("chuyeen doi so"))
    assert results.corrected == "chuyen doi so"
    assert [hit.title for hit in results.hits] == ["Nguyễn Thị Thu Hà"]


def test_facet_counts_follow_the_index(content, reindex):
    def types():
        results = get_backend().search(SearchRequest("bao hiem"))
        return {v.value: v.count for v in results.facets["type"]}

    assert types() == {"initiative": 2}
    ExemplarPageFactory(title="Trần Văn Bảo", summary="Cán bộ thu bảo hiểm xã hội.")
    reindex()
    assert types() == {"initiative": 2, "exemplar": 1}


def test_with_many_matches_the_title_matches_alone_are_ranked(content, monkeypatch):
    monkeypatch.setattr("search.backends.embedded.LARGE", 0)
    first = get_backend().search(SearchRequest("bao hiem xa hoi", per_page=1))
    assert first.total == 3  # two pages of the unit "BHXH tỉnh Đắk Lắk" match too
    assert [hit.title for hit in first.hits] == ["Bảo hiểm xã hội tự nguyện cho nông dân"]
    # past the title matches, the whole match set is ranked
    rest = titles("bao hiem xa hoi", per_page=2, page=2)
    assert rest[0] in {"Nguyễn Thị Thu Hà", "Cấp thẻ bảo hiểm y tế cho học sinh ngay tại trường"}


def test_with_very_many_matches_only_the_newest_are_ranked_but_all_are_counted(
    content, monkeypatch
):
    # Three pages match "bao hiem xa hoi" (see above); with RANKED = 2 the oldest of them is
    # left out of the ranking, while the total and the facets still count it.
    everything = titles("bao hiem xa hoi")
    assert len(everything) == 3 and content.title in everything  # the first page created
    monkeypatch.setattr("search.backends.embedded.RANKED", 2)
    results = get_backend().search(SearchRequest("bao hiem xa hoi"))
    assert results.total == 3
    assert sum(v.count for v in results.facets["type"]) == 3
    shown = [hit.title for hit in results.hits]
    assert sorted(shown) == sorted(t for t in everything if t != content.title)


def test_beyond_the_proximity_limit_the_best_matches_are_checked_for_proximity(
    site_structure, reindex, monkeypatch
):
    filler = " ".join(f"việc{i}" for i in range(40))
    InitiativePageFactory(
        title="Sổ tay nghiệp vụ",
        summary=f"Hướng dẫn cấp sổ cho người lao động. {filler} Cách tính lương hưu.",
    )
    InitiativePageFactory(title="Tính lương hưu nhanh", summary="Cấp sổ và tính lương hưu.")
    InitiativePageFactory(title="Lương hưu tháng Tết", summary=f"Tính {filler} cấp sổ.")
    reindex()
    monkeypatch.setattr("search.backends.embedded.PROXIMITY_LIMIT", 0)  # "too many matches"
    results = get_backend().search(SearchRequest("cấp sổ tính lương hưu"))
    # All three are counted; the one with the words together comes first.
    assert results.total == 3
    assert results.hits[0].title == "Tính lương hưu nhanh"
    # Words found only far apart in the best matches: nothing, as with few matches.
    assert titles("hướng dẫn lương hưu") == []
    monkeypatch.setattr("search.backends.embedded.PROXIMITY_LIMIT", 1000)
    assert titles("hướng dẫn lương hưu") == []


def test_documents_are_numbered_by_their_page_however_they_were_indexed(
    content, reindex, django_capture_on_commit_callbacks
):
    assert all(d.id == d.page_id for d in SearchDocument.objects.all())
    with django_capture_on_commit_callbacks(execute=True):
        newest = ExemplarPageFactory(title="Trần Văn Mới")  # indexed on publishing
    assert SearchDocument.objects.get(page=newest).id == newest.pk
    reindex()  # rebuilt model by model
    assert all(d.id == d.page_id for d in SearchDocument.objects.all())


def test_words_far_apart_are_not_a_match_but_words_together_are(site_structure, reindex):
    filler = " ".join(f"việc{i}" for i in range(40))
    InitiativePageFactory(
        title="Sổ tay nghiệp vụ",
        summary=f"Hướng dẫn cấp sổ cho người lao động. {filler} Cách tính lương hưu.",
    )
    InitiativePageFactory(title="Tính lương hưu nhanh", summary="Cấp sổ và tính lương hưu.")
    reindex()
    # Both pages hold every word; only in the second do they stand together.
    assert titles("cấp sổ tính lương hưu") == ["Tính lương hưu nhanh"]


def test_snippets_mark_the_original_spelling(content):
    hit = get_backend().search(SearchRequest("hoc sinh")).hits[0]
    assert "<mark>học sinh</mark>" in hit.snippet
    assert "<mark>học sinh</mark>" in hit.title_html


def test_title_matches_rank_first(content):
    StoryPageFactory(
        title="Tin ngắn",
        summary="Bài nhắc tới học sinh và thẻ một lần.",
        body=[("paragraph", "<p>học sinh</p>")],
    )
    from search.index import rebuild

    rebuild()
    assert titles("hoc sinh")[0] == "Cấp thẻ bảo hiểm y tế cho học sinh ngay tại trường"


def test_facets_count_and_filter(content):
    results = get_backend().search(SearchRequest("bao hiem"))
    types = {v.value: v.count for v in results.facets["type"]}
    assert types == {"initiative": 2}
    years = {v.value: v.count for v in results.facets["year"]}
    assert years == {"2024": 1, "2023": 1}
    assert {v.value: v.count for v in results.facets["province"]}["BHXH tỉnh Đắk Lắk"] == 1
    filtered = titles("bao hiem", filters={"field": ["Công nghệ thông tin"]})
    assert filtered == ["Cấp thẻ bảo hiểm y tế cho học sinh ngay tại trường"]


def test_sort_by_date_puts_the_newest_first(content):
    assert titles("bao hiem", sort="date")[0].startswith("Cấp thẻ")


def test_a_question_the_base_cannot_answer_finds_nothing(content):
    assert titles("mức lương tối thiểu vùng năm 2030 là bao nhiêu") == []


def test_autocomplete_suggests_exemplar_and_initiative_names(content):
    suggestions = get_backend().autocomplete("nguyen thi th")
    assert [s.title for s in suggestions] == ["Nguyễn Thị Thu Hà"]
    assert all(
        s.content_type in {"exemplar", "initiative"} for s in get_backend().autocomplete("mo")
    )


def test_related_practices_share_words_or_fields(content):
    related = get_backend().related(content)
    assert "Bảo hiểm xã hội tự nguyện cho nông dân" not in [h.title for h in related] or related


class TestIndexFollowsThePages:
    def test_publish_indexes_and_unpublish_removes(
        self, site_structure, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            page = InitiativePageFactory(title="Tổng đài nhắc hạn đóng")
        assert titles("tong dai") == ["Tổng đài nhắc hạn đóng"]
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert titles("tong dai") == []
        assert not SearchDocument.objects.filter(page=page).exists()

    def test_a_draft_is_never_returned(self, site_structure, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            page = InitiativePageFactory(title="Sáng kiến nháp", live=False)
        assert titles("sang kien nhap") == []
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert titles("sang kien nhap") == ["Sáng kiến nháp"]

    def test_an_edit_published_changes_what_is_found(
        self, site_structure, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            page = InitiativePageFactory(title="Tên cũ")
            page.title = "Tên mới hoàn toàn"
            page.save_revision().publish()
        assert titles("ten moi") == ["Tên mới hoàn toàn"]
        assert titles("ten cu") == []

    def test_delete_removes(self, site_structure, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            page = InitiativePageFactory(title="Sắp bị xoá")
        assert titles("sap bi xoa")
        with django_capture_on_commit_callbacks(execute=True):
            page.delete()
        assert titles("sap bi xoa") == []

    def test_private_pages_are_removed(self, site_structure, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            page = InitiativePageFactory(title="Chỉ nội bộ")
        with django_capture_on_commit_callbacks(execute=True):
            PageViewRestriction.objects.create(page=page, restriction_type="login")
        assert titles("chi noi bo") == []

    def test_move_keeps_the_page_indexed_at_its_new_url(
        self, site_structure, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            page = StoryPageFactory(title="Bài chuyển chỗ")
            page.move(site_structure.stories, pos="last-child")
        assert titles("bai chuyen cho") == ["Bài chuyển chỗ"]


@pytest.fixture
def fields_content(site_structure, reindex):
    """Four initiatives on 'bảo hiểm' in three fields of work, one in two provinces."""
    fields = {
        name: FieldOfWork.objects.get_or_create(name=name)[0]
        for name in ("Giám định BHYT", "Công nghệ thông tin", "Thu BHXH")
    }
    lak, hue = UnitFactory(name="BHXH tỉnh Đắk Lắk"), UnitFactory(name="BHXH thành phố Huế")
    for title, field, unit in (
        ("Giám định bảo hiểm y tế điện tử", "Giám định BHYT", lak),
        ("Giám định bảo hiểm tại bệnh viện huyện", "Giám định BHYT", hue),
        ("Phần mềm bảo hiểm một cửa", "Công nghệ thông tin", lak),
        ("Thu bảo hiểm xã hội tự nguyện", "Thu BHXH", hue),
    ):
        page = InitiativePageFactory(title=title, unit=unit, summary="Về bảo hiểm.")
        page.fields_of_work.add(fields[field])
        page.save()
    reindex()


def counts(results, facet):
    return {v.value: v.count for v in results.facets.get(facet, [])}


def test_choosing_a_field_keeps_the_counts_of_the_other_fields(fields_content):
    results = get_backend().search(SearchRequest("bao hiem", filters={"field": ["Giám định BHYT"]}))
    assert results.total == 2
    # The other fields still say how many results they would add (disjunctive facet)...
    assert counts(results, "field") == {
        "Giám định BHYT": 2,
        "Công nghệ thông tin": 1,
        "Thu BHXH": 1,
    }
    assert [v.value for v in results.facets["field"] if v.selected] == ["Giám định BHYT"]
    # ...while the other facets count the results as filtered.
    assert counts(results, "province") == {"BHXH tỉnh Đắk Lắk": 1, "BHXH thành phố Huế": 1}


def test_choosing_two_fields_returns_their_union(fields_content):
    request = SearchRequest("bao hiem", filters={"field": ["Giám định BHYT", "Thu BHXH"]})
    assert sorted(titles(request.text, filters=request.filters)) == [
        "Giám định bảo hiểm tại bệnh viện huyện",
        "Giám định bảo hiểm y tế điện tử",
        "Thu bảo hiểm xã hội tự nguyện",
    ]


def test_facets_are_and_ed_across_and_disjunctive_within(fields_content):
    filters = {"field": ["Giám định BHYT"], "province": ["BHXH thành phố Huế"]}
    results = get_backend().search(SearchRequest("bao hiem", filters=filters))
    assert [h.title for h in results.hits] == ["Giám định bảo hiểm tại bệnh viện huyện"]
    # fields counted within Huế, provinces counted within Giám định BHYT
    assert counts(results, "field") == {"Giám định BHYT": 1, "Thu BHXH": 1}
    assert counts(results, "province") == {"BHXH tỉnh Đắk Lắk": 1, "BHXH thành phố Huế": 1}


def test_disjunctive_facets_when_the_proximity_rule_chooses_the_results(fields_content):
    # Two clauses and few matches: the results are those where the words stand together.
    results = get_backend().search(
        SearchRequest("giam dinh bao hiem", filters={"province": ["BHXH tỉnh Đắk Lắk"]})
    )
    assert [h.title for h in results.hits] == ["Giám định bảo hiểm y tế điện tử"]
    assert counts(results, "province") == {"BHXH tỉnh Đắk Lắk": 1, "BHXH thành phố Huế": 1}
    assert counts(results, "field") == {"Giám định BHYT": 1}

"""Importing JSON Lines: what lands in the site, idempotence, updates, warnings, sanitising."""

import copy

from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from kb.conferences.models import ConferencePage, ReportPage
from kb.emulation.models import EmulationGroup
from kb.exemplars.models import ExemplarPage
from kb.initiatives.models import InitiativePage
from kb.interchange.importer import import_jsonl, import_records
from kb.stories.models import StoryPage
from kb.taxonomy.models import FieldOfWork, Title
from kb.units.models import Unit

from .samples import RICH, numbered, write_jsonl


def rich():
    return copy.deepcopy(RICH)


def test_rich_file_lands_as_published_pages_under_the_site(site_structure, tmp_path):
    result = import_jsonl(write_jsonl(tmp_path / "kb.jsonl", RICH))

    assert result.created == {
        "unit": 4, "exemplar": 3, "initiative": 1, "story": 1, "conference": 1, "report": 2,
    }  # fmt: skip
    assert result.warnings == []
    lan = ExemplarPage.objects.get(key="ex-lan")
    assert lan.get_parent().specific == site_structure.exemplars
    assert lan.live and lan.first_published_at is not None
    assert lan.url_path.endswith("/dien-hinh/nguyen-thi-lan/")
    # Same name, same parent: the second page gets a numbered slug.
    assert ExemplarPage.objects.get(key="ex-lan-2").slug == "nguyen-thi-lan-2"
    assert lan.unit.code == "HN-BD" and lan.gender == "female" and lan.ethnic_minority
    assert lan.good_deed and not lan.is_leader and lan.year == 2024
    assert lan.summary == "Mười năm liền giải quyết hồ sơ đúng hạn.\nKhông để sai sót."
    assert sorted((t.title.name, t.year) for t in lan.titles.all()) == [
        ("Chiến sĩ thi đua cơ sở", 2024),
        ("Lao động tiên tiến", 2023),
    ]
    assert sorted(lan.tags.names()) == ["thu nợ", "tận tụy"]
    assert {f.name for f in lan.fields_of_work.all()} == {
        "Thu BHXH, BHYT, BHTN",
        "Cải cách thủ tục hành chính",
    }
    assert lan.body[0].value.source == (
        "<p>Chị Lan <strong>luôn</strong> tận tụy.</p><ul><li>Thu BHXH</li></ul>"
    )
    # Plain text bodies become paragraphs, escaped.
    dl = ExemplarPage.objects.get(key="ex-dl")
    assert dl.body[0].value.source == "<p>Đoạn một.</p><p>Đoạn hai &amp; ba.</p>"

    initiative = InitiativePage.objects.get(key="sk-zalo")
    assert [a.exemplar.key for a in initiative.authors.all()] == ["ex-lan-2", "ex-lan"]
    assert (
        initiative.scope == "province" and initiative.solution == "<p>Gửi tin nhắn hằng tuần.</p>"
    )
    story = StoryPage.objects.get(key="bv-lan")
    assert story.get_parent().specific == site_structure.stories
    assert {e.key for e in story.exemplars.all()} == {"ex-lan", "ex-dl"}
    assert [i.key for i in story.initiatives.all()] == ["sk-zalo"]
    conference = ConferencePage.objects.get(key="hn-2025")
    assert conference.title == "Hội nghị điển hình tiên tiến BHXH Hà Nội"
    reports = ReportPage.objects.child_of(conference)
    assert {r.key for r in reports} == {"bc-tong-ket", "bc-lan"}
    assert [a.exemplar.key for a in ReportPage.objects.get(key="bc-lan").authors.all()] == [
        "ex-lan"
    ]
    # The page tree stays sound (paths, depths, numchild).
    assert all(not problems for problems in Page.find_problems())
    assert Page.objects.child_of(site_structure.exemplars).count() == 3


def test_units_form_a_tree_and_join_this_years_blocks_and_clusters(db):
    import_records(numbered(RICH))

    district = Unit.objects.get(code="HN-BD")
    assert [u.code for u in district.get_ancestors()] == ["VN", "HN"]
    assert district.staff_count == 42
    assert Unit.objects.get(code="DL").staff_count == 0
    year = timezone.localdate().year
    block = EmulationGroup.objects.get(kind="block", name="Khối 2", year=year)
    assert [m.unit.code for m in block.memberships.all()] == ["HN"]
    cluster = EmulationGroup.objects.get(kind="cluster", name="Cụm 1", year=year)
    assert {m.unit.code for m in cluster.memberships.all()} == {"HN", "DL"}


def test_catalogue_names_are_matched_without_case_and_created_when_new(db):
    titles = Title.objects.count()
    records = rich()
    records[4]["titles"][1]["title"] = "lao động tiên tiến"  # the catalogue's, other case
    records[5]["titles"].append({"title": "Bằng khen của Giám đốc BHXH tỉnh", "year": 2023})

    import_records(numbered(records))

    assert Title.objects.count() == titles + 1
    lan = ExemplarPage.objects.get(key="ex-lan")
    assert {t.title.name for t in lan.titles.all()} >= {"Lao động tiên tiến"}
    assert FieldOfWork.objects.filter(name="Cải cách thủ tục hành chính").count() == 1


def test_importing_the_same_file_twice_changes_nothing(db):
    import_records(numbered(RICH))
    revisions, logs = Revision.objects.count(), PageLogEntry.objects.count()
    changed = {p.pk: p.latest_revision_created_at for p in Page.objects.all()}

    second = import_records(numbered(RICH))

    assert second.changed == 0
    assert sum(second.unchanged.values()) == len(RICH)
    assert Revision.objects.count() == revisions
    assert PageLogEntry.objects.count() == logs
    assert {p.pk: p.latest_revision_created_at for p in Page.objects.all()} == changed


def test_blocks_editors_added_survive_reimporting_an_unchanged_text(db):
    import_records(numbered(RICH))
    page = ExemplarPage.objects.get(key="ex-lan")
    page.body.append(("quote", {"text": "Làm hết việc, không hết giờ.", "attribution": "Lan"}))
    page.save_revision().publish()

    result = import_records(numbered(RICH))

    assert result.changed == 0
    blocks = [b.block_type for b in ExemplarPage.objects.get(key="ex-lan").body]
    assert blocks == ["paragraph", "quote"]


def test_a_changed_record_updates_its_page_with_a_revision_and_keeps_the_slug(db):
    import_records(numbered(RICH))
    records = rich()
    records[4]["name"] = "Nguyễn Thị Lan (Ba Đình)"
    records[4]["titles"].append({"title": "Chiến sĩ thi đua ngành BHXH", "year": 2025})
    records[0]["name"] = "BHXH khu vực Ba Đình"
    records[7]["authors"] = ["ex-lan", "ex-lan-2"]  # credit order changed
    records[8]["exemplars"] = ["ex-lan-2"]
    records[8]["tags"] = []

    result = import_records(numbered(records))

    assert result.updated == {"exemplar": 1, "unit": 1, "initiative": 1, "story": 1}
    assert result.unchanged["exemplar"] == 2
    lan = ExemplarPage.objects.get(key="ex-lan")
    assert lan.title == "Nguyễn Thị Lan (Ba Đình)" and lan.slug == "nguyen-thi-lan"
    assert lan.live and not lan.has_unpublished_changes
    assert lan.revisions.count() == 1
    assert lan.titles.count() == 3
    assert Unit.objects.get(code="HN-BD").name == "BHXH khu vực Ba Đình"
    initiative = InitiativePage.objects.get(key="sk-zalo")
    assert [a.exemplar.key for a in initiative.authors.all()] == ["ex-lan", "ex-lan-2"]
    story = StoryPage.objects.get(key="bv-lan")
    assert [e.key for e in story.exemplars.all()] == ["ex-lan-2"]
    assert list(story.tags.names()) == []
    assert story.revisions.count() == 1


def test_an_absent_field_is_left_alone_and_an_empty_one_clears(db):
    import_records(numbered(RICH))
    records = rich()
    del records[4]["tags"]
    records[4]["fields"] = []
    records[4]["position"] = None

    import_records(numbered(records))

    lan = ExemplarPage.objects.get(key="ex-lan")
    assert sorted(lan.tags.names()) == ["thu nợ", "tận tụy"]
    assert lan.fields_of_work.count() == 0
    assert lan.position == ""


def test_a_report_follows_its_conference_when_the_file_moves_it(db):
    import_records(numbered(RICH))
    records = rich()
    records.append(
        {
            "type": "conference",
            "key": "hn-2026",
            "name": "Hội nghị 2026",
            "level": "province",
            "unit": "HN",
            "date": "2026-04-20",
        }  # fmt: skip
    )
    records[-2]["conference"] = "hn-2026"  # bc-lan

    import_records(numbered(records))

    moved = ReportPage.objects.get(key="bc-lan")
    assert moved.get_parent().specific.key == "hn-2026"
    assert all(not problems for problems in Page.find_problems())


def test_references_may_point_to_records_later_in_the_file(db):
    records = [
        {"type": "story", "key": "bv-1", "title": "Bài viết", "date": "2025-01-02",
         "body": "Nội dung", "exemplars": ["ex-1"], "initiatives": ["sk-1"]},
        {"type": "initiative", "key": "sk-1", "title": "Sáng kiến", "unit": "T1",
         "summary": "Tóm tắt", "authors": ["ex-1"]},
        {"type": "exemplar", "key": "ex-1", "kind": "collective", "name": "Tổ thu",
         "unit": "T1", "summary": "Tóm tắt"},
        {"type": "unit", "code": "T1", "name": "Tổ thu", "level": "team", "parent": "P1"},
        {"type": "unit", "code": "P1", "name": "BHXH tỉnh", "level": "province"},
    ]  # fmt: skip

    result = import_records(numbered(records))

    assert sum(result.created.values()) == 5
    story = StoryPage.objects.get(key="bv-1")
    assert [e.key for e in story.exemplars.all()] == ["ex-1"]
    assert Unit.objects.get(code="T1").parent.code == "P1"


def test_references_may_point_to_records_already_in_the_database(db):
    import_records(numbered(RICH))

    result = import_records(
        [(1, {"type": "story", "key": "bv-2", "title": "Bài mới", "date": "2025-06-01",
              "body": "Nội dung", "exemplars": ["ex-dl"], "initiatives": ["sk-zalo"]})]
    )  # fmt: skip

    assert result.created == {"story": 1}
    assert {e.key for e in StoryPage.objects.get(key="bv-2").exemplars.all()} == {"ex-dl"}


def test_an_unknown_field_is_only_a_warning(db):
    records = rich()
    records[1]["colour"] = "đỏ"

    result = import_records(numbered(records))

    assert [str(w) for w in result.warnings] == [
        'dòng 2, trường "colour": trường không có trong định dạng, đã bỏ qua'
    ]
    assert Unit.objects.filter(code="VN").exists()


def test_scripts_and_event_handlers_in_imported_html_do_not_survive(db):
    records = rich()
    records[4]["body"] = (
        '<p onclick="steal()">Xin chào</p><script>alert("x")</script>'
        '<a href="javascript:alert(1)">liên kết</a><img src=x onerror="alert(2)">'
    )
    records[7]["problem"] = "<p>Nợ <script>document.cookie</script>đọng</p>"

    import_records(numbered(records))

    body = ExemplarPage.objects.get(key="ex-lan").body[0].value.source
    problem = InitiativePage.objects.get(key="sk-zalo").problem
    for text in (body, problem):
        lowered = text.lower()
        assert "<script" not in lowered and "onclick" not in lowered
        assert "javascript:" not in lowered and "onerror" not in lowered
    assert "Xin chào" in body and "liên kết" in body
    assert problem.startswith("<p>Nợ ") and problem.endswith("đọng</p>")


def test_progress_is_reported_once_per_record(db):
    steps = []
    import_records(numbered(RICH), progress=steps.append)
    assert sum(steps) == len(RICH)


def test_a_bom_and_blank_lines_are_accepted(db, tmp_path):
    path = tmp_path / "bom.jsonl"
    write_jsonl(path, RICH[1:3], raw_lines=[(1, "")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    result = import_jsonl(path)

    assert result.created == {"unit": 2}

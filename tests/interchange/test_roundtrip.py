"""Export, and export → import into an empty site → export again."""

import json
import unicodedata
from io import StringIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page

from kb.conferences.models import ConferencePage, ReportPage
from kb.emulation.models import EmulationGroup
from kb.exemplars.models import ExemplarPage
from kb.home.structure import ensure_site_structure
from kb.initiatives.models import InitiativePage
from kb.interchange.exporter import export_jsonl
from kb.interchange.importer import import_jsonl, import_records
from kb.stories.models import StoryPage
from kb.taxonomy.models import FieldOfWork, Title
from kb.units.models import Unit

from .samples import RICH, large, numbered


def exported() -> str:
    out = StringIO()
    export_jsonl(out)
    return out.getvalue()


def content() -> dict:
    """The site's content read straight from the models (not through the exporter)."""

    def keys(pages):
        return sorted(p.key for p in pages)

    def tags(page):
        return sorted(page.tags.names())

    return {
        "units": {
            u.code: (u.name, u.level, u.parent.code if u.parent else None, u.staff_count,
                     sorted((m.group.kind, m.group.name, m.group.year)
                            for m in u.emulation_memberships.all()))
            for u in Unit.objects.select_related("parent")
        },
        "titles": sorted(Title.objects.values_list("name", "kind", "recipient", "level")),
        "exemplars": {
            p.key: (p.title, p.slug, p.live, p.kind, p.unit.code, p.summary, p.body.raw_data[:],
                    p.year, p.position, p.gender, p.ethnic_minority, p.is_leader, p.good_deed,
                    sorted(f.name for f in p.fields_of_work.all()), tags(p),
                    sorted((t.title.name, t.year) for t in p.titles.all()))
            for p in ExemplarPage.objects.all()
        },
        "initiatives": {
            p.key: (p.title, p.slug, p.unit.code, p.summary, p.problem, p.solution, p.results,
                    p.scope, p.year, [a.exemplar.key for a in p.authors.all()],
                    sorted(f.name for f in p.fields_of_work.all()), tags(p))
            for p in InitiativePage.objects.all()
        },
        "stories": {
            p.key: (p.title, p.slug, p.date, p.summary, p.author, p.body.raw_data[:],
                    keys(p.exemplars.all()), keys(p.initiatives.all()), tags(p))
            for p in StoryPage.objects.all()
        },
        "conferences": {
            p.key: (p.title, p.slug, p.level, p.unit.code, p.date, p.capacity, p.summary)
            for p in ConferencePage.objects.all()
        },
        "reports": {
            p.key: (p.title, p.slug, p.get_parent().specific.key, p.kind, p.date,
                    p.body.raw_data[:], [a.exemplar.key for a in p.authors.all()])
            for p in ReportPage.objects.all()
        },
    }  # fmt: skip


def without_block_ids(state: dict) -> dict:
    """Stream blocks get fresh ids on every import; everything else must be equal."""
    for section in ("exemplars", "stories", "reports"):
        for key, row in state[section].items():
            state[section][key] = tuple(
                [{k: v for k, v in b.items() if k != "id"} for b in item]
                if isinstance(item, list) and item and isinstance(item[0], dict)
                else item
                for item in row
            )
    return state


def empty_the_site(catalogue: tuple[set, set]) -> None:
    """Back to a fresh installation: no content, the catalogue its migration seeds."""
    structure = ensure_site_structure()
    for index in (structure.exemplars, structure.initiatives, structure.stories,
                  structure.conferences):  # fmt: skip
        for child in Page.objects.child_of(index):
            child.delete()
    for unit in Unit.objects.order_by("-depth"):
        unit.delete()
    EmulationGroup.objects.all().delete()
    Tag.objects.all().delete()
    Title.objects.exclude(pk__in=catalogue[0]).delete()
    FieldOfWork.objects.exclude(pk__in=catalogue[1]).delete()


def test_export_then_import_into_an_empty_site_gives_the_same_content(db, tmp_path):
    seeded = (set(Title.objects.values_list("pk", flat=True)),
              set(FieldOfWork.objects.values_list("pk", flat=True)))  # fmt: skip
    import_records(numbered(RICH))
    first = tmp_path / "first.jsonl"
    export_jsonl(first)
    before = without_block_ids(content())

    empty_the_site(seeded)
    assert not ExemplarPage.objects.exists() and not Unit.objects.exists()
    result = import_jsonl(first)
    second = tmp_path / "second.jsonl"
    export_jsonl(second)

    assert result.warnings == []
    assert sum(result.created.values()) == len(RICH)
    assert second.read_bytes() == first.read_bytes()
    assert without_block_ids(content()) == before


def test_export_is_minimal_ordered_and_readable(db):
    import_records(numbered(RICH))

    text = exported()
    records = [json.loads(line) for line in text.splitlines()]

    assert text == exported()  # deterministic
    assert unicodedata.is_normalized("NFC", text)
    assert "Đắk Lắk" in text and "\\u" not in text
    types = [r["type"] for r in records]
    assert types == sorted(types, key=["unit", "exemplar", "initiative", "story", "conference",
                                       "report"].index)  # fmt: skip
    units = [r["code"] for r in records if r["type"] == "unit"]
    assert units == ["VN", "DL", "HN", "HN-BD"]  # parents first, siblings by code
    by_key = {r.get("key", r.get("code")): r for r in records}
    assert by_key["ex-lan-2"] == {
        "type": "exemplar", "key": "ex-lan-2", "kind": "individual", "name": "Nguyễn Thị Lan",
        "unit": "HN", "summary": "Một người cùng tên, ở thành phố.", "gender": "female",
    }  # fmt: skip
    assert by_key["HN"]["block"] == "Khối 2" and by_key["HN"]["cluster"] == "Cụm 1"
    assert by_key["DL"]["staff_count"] == 0
    assert by_key["sk-zalo"]["authors"] == ["ex-lan-2", "ex-lan"]  # order of credit kept
    assert by_key["bv-lan"]["exemplars"] == ["ex-dl", "ex-lan"]  # sorted
    assert by_key["ex-lan"]["titles"] == [
        {"title": "Lao động tiên tiến", "year": 2023},
        {"title": "Chiến sĩ thi đua cơ sở", "year": 2024},
    ]
    assert by_key["bc-lan"]["conference"] == "hn-2025"
    assert by_key["bv-lan"]["date"] == "2025-03-08"


def test_export_does_not_query_per_record(db):
    import_records(numbered(RICH))
    with CaptureQueriesContext(connection) as small:
        exported()
    import_records(numbered(large(300)))
    with CaptureQueriesContext(connection) as big:
        text = exported()

    assert len(text.splitlines()) > len(RICH) + 250
    assert len(big) == len(small)


def test_an_export_is_accepted_by_the_importer_it_came_from(db, tmp_path):
    import_records(numbered(RICH))
    path = tmp_path / "kb.jsonl"
    export_jsonl(path)

    result = import_jsonl(path)

    assert result.changed == 0

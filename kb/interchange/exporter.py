"""Exporting the knowledge base as interchange records (shared/spec/import-format.md).

The output is meant to be diffed and re-imported: records come type by type (units, exemplars,
initiatives, stories, conferences, reports), units as a tree walk (a parent before its
children, siblings by code), pages by key; lists of names or references are sorted, except the
authors, whose order is the order of credit. Optional fields that are empty (or false for a
flag) are left out. Text is NFC, written as-is (not \\u-escaped).

Every page is exported whether published or not: the format has no notion of a draft, and the
page row holds the live content of a published page (pending drafts stay out of the file).
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.db.models import Prefetch
from wagtail.models import Page

from kb.conferences.models import ConferencePage, ReportAuthor, ReportPage
from kb.core.blocks import body_to_html
from kb.emulation.models import EmulationMembership, GroupKind
from kb.exemplars.models import ExemplarPage, ExemplarTag, ExemplarTitleAward
from kb.initiatives.models import InitiativeAuthor, InitiativePage, InitiativeTag
from kb.stories.models import StoryPage, StoryTag
from kb.units.models import Unit

from .records import SCHEMAS

Progress = Callable[[int], None]


def export_jsonl(path_or_file: str | os.PathLike | IO[str], *, progress: Progress | None = None):
    """Write every record to a path or a text file object; returns the number written.

    `progress`, if given, is called with 1 after each record (like `tqdm.update`).
    """
    if hasattr(path_or_file, "write"):
        return _write(path_or_file, progress)
    with open(path_or_file, "w", encoding="utf-8", newline="\n") as handle:
        return _write(handle, progress)


def count_records() -> int:
    """How many records an export would write (for a progress bar's total)."""
    return Unit.objects.count() + sum(
        model.objects.count()
        for model in (ExemplarPage, InitiativePage, StoryPage, ConferencePage, ReportPage)
    )


def _write(handle: IO[str], progress: Progress | None) -> int:
    written = 0
    for record in iter_records():
        handle.write(dumps(record) + "\n")
        written += 1
        if progress is not None:
            progress(1)
    return written


def dumps(record: dict) -> str:
    return unicodedata.normalize(
        "NFC", json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
    )


def iter_records() -> Iterator[dict]:
    yield from _units()
    yield from _exemplars()
    yield from _initiatives()
    yield from _stories()
    yield from _conferences()
    yield from _reports()


_REQUIRED = {
    type_: {spec.name for spec in specs if spec.required} for type_, specs in SCHEMAS.items()
}


def _record(type_: str, *pairs: tuple[str, Any]) -> dict:
    """A record in the order given, leaving out optional fields that are empty or false."""
    record: dict[str, Any] = {"type": type_}
    for name, value in pairs:
        empty = value is None or value is False or value == "" or value == []
        if empty and name not in _REQUIRED[type_]:
            continue
        record[name] = value
    return record


# --- units ----------------------------------------------------------------------------------


def _units() -> Iterator[dict]:
    units = list(Unit.objects.select_related("parent").order_by("code"))
    children: dict[int | None, list[Unit]] = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)
    groups = _latest_group_names()
    stack = list(reversed(children[None]))
    while stack:
        unit = stack.pop()
        stack.extend(reversed(children[unit.pk]))
        yield _record(
            "unit",
            ("code", unit.code),
            ("name", unit.name),
            ("level", unit.level),
            ("parent", unit.parent.code if unit.parent else None),
            ("block", groups.get((unit.pk, GroupKind.BLOCK))),
            ("cluster", groups.get((unit.pk, GroupKind.CLUSTER))),
            ("staff_count", unit.staff_count),
        )


def _latest_group_names() -> dict[tuple[int, str], str]:
    """(unit pk, kind) -> name of the unit's block/cluster in the latest year groups exist.

    "Latest" is per kind across all groups, not per unit: a unit left out of this year's
    blocks exports without a block instead of with a stale one from an earlier year.
    """
    memberships = EmulationMembership.objects.select_related("group").order_by("group__name", "pk")
    rows = [(m.unit_id, m.group.kind, m.group.year, m.group.name) for m in memberships]
    latest: dict[str, int] = {}
    for _unit, kind, year, _name in rows:
        latest[kind] = max(year, latest.get(kind, year))
    names: dict[tuple[int, str], str] = {}
    for unit_id, kind, year, name in rows:
        if year == latest[kind]:
            names.setdefault((unit_id, kind), name)
    return names


# --- pages ----------------------------------------------------------------------------------


def _tags(page) -> list[str]:
    return sorted({item.tag.name for item in page.tagged_items.all()})


def _fields(page) -> list[str]:
    return sorted({f.name for f in page.fields_of_work.all()})


def _authors(page) -> list[str]:
    return [a.exemplar.key for a in sorted(page.authors.all(), key=lambda a: a.sort_order or 0)]


def _exemplars() -> Iterator[dict]:
    pages = (
        ExemplarPage.objects.select_related("unit")
        .prefetch_related(
            "fields_of_work",
            Prefetch("titles", queryset=ExemplarTitleAward.objects.select_related("title")),
            Prefetch("tagged_items", queryset=ExemplarTag.objects.select_related("tag")),
        )
        .order_by("key")
    )
    for page in pages:
        titles = sorted(
            ({"title": t.title.name, "year": t.year} for t in page.titles.all()),
            key=lambda t: (t["year"], t["title"]),
        )
        yield _record(
            "exemplar",
            ("key", page.key),
            ("kind", page.kind),
            ("name", page.title),
            ("unit", page.unit.code),
            ("summary", page.summary),
            ("body", body_to_html(page.body)),
            ("fields", _fields(page)),
            ("year", page.year),
            ("position", page.position),
            ("gender", page.gender),
            ("ethnic_minority", page.ethnic_minority),
            ("is_leader", page.is_leader),
            ("titles", titles),
            ("good_deed", page.good_deed),
            ("tags", _tags(page)),
        )


def _author_prefetch(model) -> Prefetch:
    return Prefetch("authors", queryset=model.objects.select_related("exemplar"))


def _initiatives() -> Iterator[dict]:
    pages = (
        InitiativePage.objects.select_related("unit")
        .prefetch_related(
            "fields_of_work",
            _author_prefetch(InitiativeAuthor),
            Prefetch("tagged_items", queryset=InitiativeTag.objects.select_related("tag")),
        )
        .order_by("key")
    )
    for page in pages:
        yield _record(
            "initiative",
            ("key", page.key),
            ("title", page.title),
            ("unit", page.unit.code),
            ("summary", page.summary),
            ("authors", _authors(page)),
            ("fields", _fields(page)),
            ("year", page.year),
            ("problem", page.problem),
            ("solution", page.solution),
            ("results", page.results),
            # The spec knows no scope wider than the sector: a nationwide one exports as that.
            ("scope", "sector" if page.scope == "national" else page.scope),
            ("tags", _tags(page)),
        )


def _stories() -> Iterator[dict]:
    pages = StoryPage.objects.prefetch_related(
        Prefetch("exemplars", queryset=ExemplarPage.objects.only("pk", "key")),
        Prefetch("initiatives", queryset=InitiativePage.objects.only("pk", "key")),
        Prefetch("tagged_items", queryset=StoryTag.objects.select_related("tag")),
    ).order_by("key")
    for page in pages:
        yield _record(
            "story",
            ("key", page.key),
            ("title", page.title),
            ("date", page.date.isoformat()),
            ("body", body_to_html(page.body)),
            ("summary", page.summary),
            ("exemplars", sorted(p.key for p in page.exemplars.all())),
            ("initiatives", sorted(p.key for p in page.initiatives.all())),
            ("tags", _tags(page)),
            ("author", page.author),
        )


def _conferences() -> Iterator[dict]:
    for page in ConferencePage.objects.select_related("unit").order_by("key"):
        yield _record(
            "conference",
            ("key", page.key),
            ("name", page.title),
            ("level", page.level),
            ("unit", page.unit.code),
            ("date", page.date.isoformat()),
            ("capacity", page.capacity),
            ("summary", page.summary),
        )


def _reports() -> Iterator[dict]:
    conference_keys = dict(ConferencePage.objects.values_list("path", "key"))
    pages = ReportPage.objects.prefetch_related(_author_prefetch(ReportAuthor)).order_by("key")
    for page in pages:
        yield _record(
            "report",
            ("key", page.key),
            ("conference", conference_keys.get(page.path[: -Page.steplen])),
            ("title", page.title),
            ("kind", page.kind),
            ("body", body_to_html(page.body)),
            ("authors", _authors(page)),
            ("date", page.date.isoformat() if page.date else None),
        )

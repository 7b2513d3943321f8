"""Importing interchange records: check the whole file first, then write it in one transaction.

The contract is shared/spec/import-format.md. How this implementation reads it:

* **All or nothing.** Every record is checked (format, then references against the file and
  the database) before anything is written; any error raises `ImportFailed` with every error
  found, and the transaction writes nothing. The checks and the writes run in the same
  transaction, so the database cannot change between them.
* **Matching.** Units are matched by `code`, everything else by `key`. Keys form one namespace
  across record types: a key given twice in a file, or given to a record of another type than
  the one holding it in the database, is an error.
* **Absent means "leave alone".** A field missing from a record keeps the stored value; an
  optional field given as null, "" or [] (false for a flag) clears it. So a file that only
  carries some columns never wipes the others, and a full export re-imports exactly.
* **Idempotent.** Each record is compared with what is stored before anything is saved; an
  unchanged record is not saved and gets no new page revision.
* **Pages.** New pages go under the site's index pages (`ensure_site_structure`), reports under
  their conference; the slug comes from the title (`slugify_vi`, "-2", "-3"… when a sibling
  has it) and is kept on later updates. A report whose conference changes is moved. Imported
  content is published the way the admin publishes: a revision is saved and published, so the
  page has a history, a log entry and a `first_published_at`. Moderation is bypassed: the
  person running the import is trusted with the file. When the import changes a page that
  has an unpublished draft, the imported version is published and the draft stays in the
  revision history; a page an editor unpublished is published again if the file changes it
  (an unchanged record leaves it alone).
* **Text.** `body`, `problem`, `solution` and `results` go through `clean_html` (scripts,
  event handlers and unknown tags are removed); `summary` stays plain text. A body is stored as
  one paragraph block; a stored body whose paragraphs already say the same is left alone, so
  images and quotes editors added survive re-imports of an unchanged text.
* **Catalogues.** Field-of-work, title and tag names are matched case-insensitively and
  created when missing (titles with the catalogue's defaults, for the office to complete).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from kb.conferences.models import ConferencePage, ReportAuthor, ReportPage
from kb.core.blocks import body_from_html, body_to_html
from kb.core.richtext import clean_html
from kb.core.vietnamese import slugify_vi
from kb.emulation.models import EmulationGroup, EmulationMembership, GroupKind
from kb.exemplars.models import ExemplarPage, ExemplarTag, ExemplarTitleAward
from kb.home.structure import ensure_site_structure
from kb.initiatives.models import InitiativeAuthor, InitiativePage, InitiativeTag
from kb.stories.models import StoryPage, StoryTag
from kb.taxonomy.models import FieldOfWork, Title
from kb.units.models import Unit

from .records import (
    TYPES,
    Issue,
    Location,
    Record,
    issue,
    other_place_message,
    record_ident,
    show,
    validate_record,
)

Progress = Callable[[int], None]

PAGE_MODELS: dict[str, type[Page]] = {
    "exemplar": ExemplarPage,
    "initiative": InitiativePage,
    "story": StoryPage,
    "conference": ConferencePage,
    "report": ReportPage,
}
TYPE_LABELS = {
    "unit": "đơn vị",
    "exemplar": "điển hình",
    "initiative": "sáng kiến",
    "story": "bài viết",
    "conference": "hội nghị",
    "report": "báo cáo",
}
_CHUNK = 500  # keys per IN (…) query


# --- results ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did, per record type, and the warnings it gave."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    @property
    def total(self) -> int:
        return self.changed + sum(self.unchanged.values())

    def summary_lines(self) -> list[str]:
        lines = []
        for type_ in TYPES:
            created, updated = self.created[type_], self.updated[type_]
            unchanged = self.unchanged[type_]
            if created or updated or unchanged:
                lines.append(
                    f"{TYPE_LABELS[type_]} ({type_}): {created} tạo mới, "
                    f"{updated} cập nhật, {unchanged} không đổi"
                )
        return lines or ["Tệp không có bản ghi nào."]


class ImportFailed(Exception):
    """The file has errors; nothing was written. `errors` name the line and field of each."""

    def __init__(self, errors: list[Issue], warnings: list[Issue] | None = None):
        self.errors = list(errors)
        self.warnings = list(warnings or [])
        super().__init__(f"{len(self.errors)} lỗi, không có dữ liệu nào được ghi")

    def __str__(self) -> str:
        head = f"{len(self.errors)} lỗi, không có dữ liệu nào được ghi"
        return "\n".join([head, *(str(e) for e in self.errors)])


# --- entry points -------------------------------------------------------------------------


def import_records(
    records: Iterable[tuple[int, dict]], *, progress: Progress | None = None
) -> ImportResult:
    """Import (line number, record) pairs; all or nothing. Raises ImportFailed on any error.

    `progress`, if given, is called with the number of records just written (1 at a time),
    the way `tqdm.update` takes it.
    """
    return import_prepared(list(records), progress=progress)


def import_jsonl(source: str | os.PathLike | IO, *, progress: Progress | None = None):
    """Import a JSON Lines file (a path or an open file). Raises ImportFailed."""
    records, errors = read_jsonl(source)
    return import_prepared(records, errors=errors, progress=progress)


def read_jsonl(source: str | os.PathLike | IO) -> tuple[list[tuple[int, Any]], list]:
    """(line, parsed object) pairs of the non-blank lines, and an error per unreadable line."""
    records: list[tuple[int, Any]] = []
    errors: list[Issue] = []
    for number, raw in _numbered_lines(source):
        try:
            text = raw if isinstance(raw, str) else raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(issue(number, None, "dòng không phải văn bản UTF-8"))
            continue
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            continue
        try:
            records.append((number, json.loads(text)))
        except json.JSONDecodeError as exc:
            errors.append(
                issue(number, None, f"không phải JSON hợp lệ ({exc.msg}, ký tự {exc.colno})")
            )
    return records, errors


def _numbered_lines(source) -> Iterator[tuple[int, bytes]]:
    if hasattr(source, "read"):
        yield from enumerate(source, start=1)
        return
    with open(source, "rb") as handle:
        yield from enumerate(handle, start=1)


def import_prepared(
    raw: list[tuple[int, Any]],
    *,
    errors: Iterable[Issue] = (),
    warnings: Iterable[Issue] = (),
    progress: Progress | None = None,
) -> ImportResult:
    """Import records read by a reader that may already have found errors and warnings.

    The readers (JSON Lines, spreadsheets) report what they could not read; those problems
    are reported together with the records' own, and any error still means nothing is written.
    """
    with transaction.atomic():
        checker = _Checker(raw)
        records, more_errors, more_warnings = checker.run()
        errors = sorted([*errors, *more_errors], key=_issue_order)
        warnings = sorted([*warnings, *more_warnings], key=_issue_order)
        if errors:
            raise ImportFailed(errors, warnings)
        result = ImportResult(warnings=warnings)
        _Writer(records, checker, result, progress).run()
        return result


def _issue_order(item: Issue) -> tuple[int, str]:
    return (item.line or 0, item.field or "")


def sanitise(text: str) -> str:
    """`clean_html` until it settles: what is stored must come back unchanged when exported
    and imported again. (Stripping a stray tag can leave plain text behind, which the next
    pass wraps in a paragraph.)"""
    cleaned = clean_html(text)
    for _ in range(3):
        again = clean_html(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


# --- checking -----------------------------------------------------------------------------


class _Checker:
    """Both passes of the check: the format of each record, then identities and references."""

    def __init__(self, raw: list[tuple[int, Any]]):
        self.raw = raw
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self.file_units: dict[str, int] = {}  # code -> line
        self.file_keys: dict[str, str] = {}  # key -> type
        self.db_units: dict[str, tuple[int, str | None]] = {}  # code -> (pk, parent code)
        self.db_keys: dict[str, str] = {}  # key -> type

    def run(self) -> tuple[list[Record], list[Issue], list[Issue]]:
        records, partial = [], []
        for line, raw in self.raw:
            checked = validate_record(line, raw)
            self.errors += checked.errors
            self.warnings += checked.warnings
            if checked.record is not None:
                records.append(checked.record)
            if checked.partial is not None:
                partial.append(checked.partial)
        self._collect_identities()
        self._load_database()
        for record in partial:  # the valid fields of invalid records are checked too
            self._check_references(record)
        self._check_unit_cycles([r for r in records if r.type == "unit"])
        return records, self.errors, self.warnings

    def _collect_identities(self) -> None:
        """First pass: every code and key the file defines, so later lines may be referred to."""
        first: dict[tuple[str, str], tuple[int, str, Any]] = {}
        for line, raw in self.raw:
            type_, ident = record_ident(raw)
            if ident is None:
                continue
            namespace = "unit" if type_ == "unit" else "key"
            kind = raw.get("kind") if isinstance(raw.get("kind"), str) else None
            if (namespace, ident) in first:
                first_line, first_type, first_kind = first[(namespace, ident)]
                self.errors.append(
                    Issue(
                        Location(line),
                        "code" if namespace == "unit" else "key",
                        other_place_message(
                            f"mã {show(ident)} đã được dùng ở {{other}} cho "
                            f"{_describe(first_type, first_kind)}; ở đây lại dùng cho "
                            f"{_describe(type_, kind)} (mỗi mã chỉ dùng cho một bản ghi)"
                        ),
                        other=Location(first_line),
                    )
                )
                continue
            first[(namespace, ident)] = (line, type_, kind)
            if namespace == "unit":
                self.file_units[ident] = line
            else:
                self.file_keys[ident] = type_

    def _load_database(self) -> None:
        for code, pk, parent_code in Unit.objects.values_list("code", "pk", "parent__code"):
            self.db_units[code] = (pk, parent_code)
        for type_, model in PAGE_MODELS.items():
            for key in model.objects.values_list("key", flat=True):
                self.db_keys.setdefault(key, type_)

    def _error(self, record: Record, field_name: str, message: str) -> None:
        self.errors.append(issue(record.line, field_name, message))

    def _check_references(self, record: Record) -> None:
        values = record.values
        key = values.get("key")
        if record.type != "unit" and key:
            stored = self.db_keys.get(key)
            if stored is not None and stored != record.type:
                self._error(
                    record,
                    "key",
                    f"mã {show(key)} đã có trong cơ sở dữ liệu cho một "
                    f"{TYPE_LABELS[stored]} ({stored}), không dùng được cho "
                    f"{TYPE_LABELS[record.type]} ({record.type})",
                )
        for field_name in ("parent", "unit"):
            code = values.get(field_name)
            if code and code not in self.file_units and code not in self.db_units:
                self._error(
                    record,
                    field_name,
                    f"không tìm thấy đơn vị có mã {show(code)} (trong tệp hay trong cơ sở dữ liệu)",
                )
        references = {
            "authors": "exemplar",
            "exemplars": "exemplar",
            "initiatives": "initiative",
        }
        for field_name, expected in references.items():
            for key in values.get(field_name) or []:
                self._check_key(record, field_name, key, expected)
        if record.type == "report" and values.get("conference"):
            self._check_key(record, "conference", values["conference"], "conference")
        if (
            record.type in ("story", "report")
            and values.get("body") is not None
            and not sanitise(values["body"])
        ):
            self._error(
                record, "body", "nội dung trống sau khi loại bỏ các thẻ HTML không được phép"
            )

    def _check_key(self, record: Record, field_name: str, key: str, expected: str) -> None:
        found = self.file_keys.get(key) or self.db_keys.get(key)
        if found is None:
            self._error(
                record,
                field_name,
                f"không tìm thấy {TYPE_LABELS[expected]} ({expected}) có mã {show(key)} "
                "(trong tệp hay trong cơ sở dữ liệu)",
            )
        elif found != expected:
            self._error(
                record,
                field_name,
                f"mã {show(key)} là một {TYPE_LABELS[found]} ({found}), "
                f"không phải {TYPE_LABELS[expected]} ({expected})",
            )

    def _check_unit_cycles(self, units: list[Record]) -> None:
        parent_of = {code: parent for code, (_pk, parent) in self.db_units.items()}
        for record in units:
            if "parent" in record.values:
                parent_of[record.ident] = record.values["parent"] or None
            elif record.ident not in self.db_units:
                parent_of[record.ident] = None
        for record in units:
            chain = [record.ident]
            current = parent_of.get(record.ident)
            while current is not None and current not in chain:
                chain.append(current)
                current = parent_of.get(current)
            if current == record.ident:
                self._error(
                    record,
                    "parent",
                    "đơn vị cấp trên tạo vòng lặp trong cây đơn vị: "
                    + " → ".join([*chain, record.ident]),
                )


def _describe(type_: str | None, kind: Any) -> str:
    text = f"{TYPE_LABELS.get(type_ or '', type_)} ({type_})"
    if kind:
        text += f", kind {show(kind)}"
    return text


# --- writing ------------------------------------------------------------------------------


@dataclass
class _Desired:
    """The state a record asks for; None for a relation means "not given, leave alone"."""

    scalars: dict[str, Any]
    body: str | None = None
    fields: list[FieldOfWork] | None = None
    tags: list[Tag] | None = None
    titles: list[tuple[Title, int]] | None = None
    authors: list[ExemplarPage] | None = None
    exemplars: list[ExemplarPage] | None = None
    initiatives: list[InitiativePage] | None = None


_PREFETCH: dict[str, tuple[list[str], list]] = {
    "exemplar": (
        ["unit"],
        ["fields_of_work", "titles", "tagged_items"],
    ),
    "initiative": (["unit"], ["fields_of_work", "authors", "tagged_items"]),
    "story": ([], ["exemplars", "initiatives", "tagged_items"]),
    "conference": (["unit"], []),
    "report": ([], ["authors"]),
}
_TAG_MODELS = {"exemplar": ExemplarTag, "initiative": InitiativeTag, "story": StoryTag}
_INDEX_ATTRS = {
    "exemplar": "exemplars",
    "initiative": "initiatives",
    "story": "stories",
    "conference": "conferences",
}
_AUTHOR_MODELS = {"initiative": InitiativeAuthor, "report": ReportAuthor}


class _Writer:
    def __init__(self, records: list[Record], checker: _Checker, result, progress):
        self.by_type: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            self.by_type[record.type].append(record)
        self.checker = checker
        self.result: ImportResult = result
        self.progress = progress
        self.year = timezone.localdate().year
        self.pages: dict[str, Page] = {}  # key -> specific page, for references
        self.sibling_slugs: dict[int, set[str]] = {}
        self.last_child_path: dict[int, str | None] = {}
        self.new_children: Counter = Counter()

    def run(self) -> None:
        if any(self.by_type.get(type_) for type_ in PAGE_MODELS):
            self.structure = ensure_site_structure()
        self._load_catalogues()
        self._write_units()
        for type_ in TYPES[1:]:
            self._write_pages(type_)
        self._finish_tree()

    def _count(self, type_: str, outcome: str) -> None:
        getattr(self.result, outcome)[type_] += 1
        if self.progress is not None:
            self.progress(1)

    # catalogues ------------------------------------------------------------------------

    def _names(self, field_name: str, *, titles: bool = False) -> list[str]:
        names: dict[str, None] = {}
        for records in self.by_type.values():
            for record in records:
                for item in record.values.get(field_name) or []:
                    names[item["title"] if titles else item] = None
        return list(names)

    def _load_catalogues(self) -> None:
        self.fields = {f.name.casefold(): f for f in FieldOfWork.objects.all()}
        taken = {f.slug for f in self.fields.values()}
        for name in self._names("fields"):
            if name.casefold() not in self.fields:
                slug = _unique(slugify_vi(name, max_length=150) or "linh-vuc", taken)
                self.fields[name.casefold()] = FieldOfWork.objects.create(name=name, slug=slug)

        self.titles = {t.name.casefold(): t for t in Title.objects.all()}
        for name in self._names("titles", titles=True):
            if name.casefold() not in self.titles:
                self.titles[name.casefold()] = Title.objects.create(name=name)

        self.tags: dict[str, Tag] = {}
        taken = set()
        for tag in Tag.objects.all():
            self.tags.setdefault(tag.name.casefold(), tag)
            taken.add(tag.slug)
        for name in self._names("tags"):
            if name.casefold() not in self.tags:
                slug = _unique(slugify_vi(name, max_length=90) or "the", taken)
                self.tags[name.casefold()] = Tag.objects.create(name=name, slug=slug)

    # units ------------------------------------------------------------------------------

    def _write_units(self) -> None:
        records = self.by_type.get("unit", [])
        if not records:
            return
        self.units = {unit.code: unit for unit in Unit.objects.all()}
        self._load_groups()
        for record in _parents_first(records):
            values = record.values
            unit = self.units.get(record.ident)
            created = unit is None
            if created:
                unit = Unit(code=record.ident)
            changed = False
            for name in ("name", "level", "staff_count"):
                if name in values and getattr(unit, name) != values[name]:
                    setattr(unit, name, values[name])
                    changed = True
            if "parent" in values or created:
                parent = self.units[values["parent"]] if values.get("parent") else None
                if unit.parent_id != (parent.pk if parent else None):
                    unit.parent = parent
                    changed = True
            if created or changed:
                unit.save()
                self.units[unit.code] = unit
            grouped = self._sync_group(unit, GroupKind.BLOCK, values)
            grouped = self._sync_group(unit, GroupKind.CLUSTER, values) or grouped
            outcome = "created" if created else "updated" if changed or grouped else "unchanged"
            self._count("unit", outcome)

    def _load_groups(self) -> None:
        self.groups: dict[tuple[str, str], EmulationGroup] = {}
        for group in EmulationGroup.objects.filter(year=self.year):
            self.groups[(group.kind, group.name.casefold())] = group
        self.memberships: dict[tuple[int, str], list[EmulationMembership]] = defaultdict(list)
        self.group_sizes: Counter = Counter()
        memberships = EmulationMembership.objects.filter(group__year=self.year)
        for membership in memberships.select_related("group"):
            self.memberships[(membership.unit_id, membership.group.kind)].append(membership)
            self.group_sizes[membership.group_id] += 1

    def _sync_group(self, unit: Unit, kind: str, values: dict) -> bool:
        """Make the unit a member of the block/cluster named in the record, for this year.

        Blocks and clusters are formed anew each year and the format names them without a
        year, so a name in the file means the group of that kind and name for the current
        year (`timezone.localdate().year`), created when it does not exist yet. A unit is in
        at most one block and one cluster a year: membership of another group of the same
        kind this year is removed (with its leader/deputy role there), and an empty name
        removes this year's membership. Earlier years are history and are never touched.
        """
        if kind not in values:
            return False
        name = values[kind]
        wanted = name.casefold() if name else None
        current = self.memberships[(unit.pk, kind)]
        if [m.group.name.casefold() for m in current] == ([wanted] if wanted else []):
            return False
        kept = []
        for membership in current:
            if membership.group.name.casefold() == wanted:
                kept.append(membership)
                continue
            group = membership.group
            roles = [r for r in ("leader", "deputy") if getattr(group, f"{r}_id") == unit.pk]
            for role in roles:
                setattr(group, role, None)
            if roles:
                group.save(update_fields=roles)
            membership.delete()
        if wanted and not kept:
            group = self.groups.get((kind, wanted))
            if group is None:
                group = EmulationGroup.objects.create(kind=kind, name=name, year=self.year)
                self.groups[(kind, wanted)] = group
            kept.append(
                EmulationMembership.objects.create(
                    group=group, unit=unit, sort_order=self.group_sizes[group.pk]
                )
            )
            self.group_sizes[group.pk] += 1
        self.memberships[(unit.pk, kind)] = kept
        return True

    # pages ------------------------------------------------------------------------------

    def _unit_pk(self, code: str) -> int:
        units = getattr(self, "units", None)
        if units and code in units:
            return units[code].pk
        return self.checker.db_units[code][0]

    def _write_pages(self, type_: str) -> None:
        records = self.by_type.get(type_, [])
        if not records:
            return
        existing = {page.key: page for page in self._load_pages(type_, [r.ident for r in records])}
        self._load_referenced(records)
        for record in records:
            page = existing.get(record.ident)
            desired = self._desired(type_, record)
            if page is None:
                page = self._create(type_, record, desired)
                outcome = "created"
            else:
                page, changed = self._update(type_, record, page, desired)
                outcome = "updated" if changed else "unchanged"
            self.pages[record.ident] = page
            self._count(type_, outcome)

    def _load_pages(self, type_: str, keys: list[str]) -> list[Page]:
        model = PAGE_MODELS[type_]
        related, prefetch = _PREFETCH[type_]
        pages = []
        for start in range(0, len(keys), _CHUNK):
            queryset = model.objects.filter(key__in=keys[start : start + _CHUNK])
            if related:
                queryset = queryset.select_related(*related)
            if prefetch:
                queryset = queryset.prefetch_related(*prefetch)
            pages.extend(queryset)
        return pages

    def _load_referenced(self, records: list[Record]) -> None:
        """Pages referred to that this import has not handled: one query per type."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for record in records:
            for field_name, type_ in (
                ("authors", "exemplar"),
                ("exemplars", "exemplar"),
                ("initiatives", "initiative"),
                ("conference", "conference"),
            ):
                value = record.values.get(field_name)
                for key in [value] if isinstance(value, str) else value or []:
                    if key not in self.pages:
                        wanted[type_].add(key)
        for type_, keys in wanted.items():
            ordered = sorted(keys)
            for start in range(0, len(ordered), _CHUNK):
                chunk = ordered[start : start + _CHUNK]
                for page in PAGE_MODELS[type_].objects.filter(key__in=chunk):
                    self.pages[page.key] = page

    def _desired(self, type_: str, record: Record) -> _Desired:
        values = record.values
        scalars: dict[str, Any] = {}
        title_field = "name" if type_ in ("exemplar", "conference") else "title"
        scalars["title"] = values[title_field]
        if "unit" in values:
            scalars["unit_id"] = self._unit_pk(values["unit"])
        plain = (
            "kind", "summary", "year", "position", "gender", "ethnic_minority", "is_leader",
            "good_deed", "scope", "date", "author", "level", "capacity",
        )  # fmt: skip
        for name in plain:
            if name in values:
                scalars[name] = values[name]
        for name in ("problem", "solution", "results"):
            if name in values:
                scalars[name] = sanitise(values[name])
        desired = _Desired(scalars=scalars)
        if "body" in values:
            desired.body = sanitise(values["body"])
        if "fields" in values:
            desired.fields = [self.fields[n.casefold()] for n in values["fields"]]
        if "tags" in values:
            desired.tags = [self.tags[n.casefold()] for n in values["tags"]]
        if "titles" in values:
            desired.titles = [
                (self.titles[t["title"].casefold()], t["year"]) for t in values["titles"]
            ]
        if "authors" in values:
            desired.authors = [self.pages[key] for key in values["authors"]]
        if "exemplars" in values:
            desired.exemplars = [self.pages[key] for key in values["exemplars"]]
        if "initiatives" in values:
            desired.initiatives = [self.pages[key] for key in values["initiatives"]]
        return desired

    def _parent_for(self, type_: str, record: Record) -> Page:
        if type_ == "report":
            return self.pages[record.values["conference"]]
        return getattr(self.structure, _INDEX_ATTRS[type_])

    def _create(self, type_: str, record: Record, desired: _Desired) -> Page:
        model = PAGE_MODELS[type_]
        parent = self._parent_for(type_, record)
        slug = _unique(
            slugify_vi(desired.scalars["title"]) or slugify_vi(record.ident) or type_,
            self._slugs(parent),
        )
        now = timezone.now()
        page = model(
            key=record.ident,
            slug=slug,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            **desired.scalars,
        )
        self._apply_relations(type_, page, desired, existing=False)
        self._add_child(parent, page)
        if type_ == "conference":
            self.last_child_path[page.pk] = None
            self.sibling_slugs[page.pk] = set()
        return page

    def _add_child(self, parent: Page, page: Page) -> None:
        """`parent.add_child(instance=page)`, with the per-page work an import can share.

        The steps are treebeard's (`MP_AddChildHandler`): lock the parent, put the page after
        the last child, bump the parent's `numchild`, save with the parent cached. Here the
        lock and the last child's path are taken once per parent, `numchild` is bumped once
        per parent at the end (`_finish_tree`), and the save skips `full_clean`: the record
        was checked, the slug made unique among the siblings, the key checked against every
        page type. The page is saved live, with publication dates set and no revision: what
        a first publication would store, at a third of the cost; the first later change
        (by import or in the admin) starts its revision history.
        """
        if parent.pk not in self.last_child_path:
            Page.objects.select_for_update().filter(pk=parent.pk).first()
            last = Page.objects.child_of(parent).order_by("-path").first()
            self.last_child_path[parent.pk] = last.path if last else None
        last_path = self.last_child_path[parent.pk]
        page.depth = parent.depth + 1
        if last_path:
            page.path = Page(path=last_path)._inc_path()
        else:
            page.path = Page._get_path(parent.path, page.depth, 1)
        page.numchild = 0
        page.draft_title = page.title
        page.locale_id = parent.locale_id
        page._cached_parent_obj = parent
        page._is_site_root = False  # a page under an index page never is one
        page.save(clean=False)
        self.last_child_path[parent.pk] = page.path
        self.new_children[parent.pk] += 1
        parent.numchild += 1

    def _finish_tree(self) -> None:
        for parent_pk, count in self.new_children.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)

    def _update(
        self, type_: str, record: Record, page: Page, desired: _Desired
    ) -> tuple[Page, bool]:
        changed = False
        if type_ == "report":
            conference = self.pages[record.values["conference"]]
            if page.path[: -Page.steplen] != conference.path:
                page = self._move(page, conference)
                changed = True
        for name, value in desired.scalars.items():
            if getattr(page, name) != value:
                setattr(page, name, value)
                changed = True
        changed = self._apply_relations(type_, page, desired, existing=True) or changed
        if changed:
            page.save_revision(log_action=True, clean=False).publish()
        return page, changed

    def _move(self, page: Page, conference: Page) -> Page:
        slugs = self._slugs(conference)
        if page.slug in slugs:
            page.slug = _unique(page.slug, slugs)
            page.save(update_fields=["slug"], clean=False)
        else:
            slugs.add(page.slug)
        page.move(conference, pos="last-child")
        self.last_child_path.pop(conference.pk, None)  # the moved page is now the last child
        return ReportPage.objects.prefetch_related("authors").get(pk=page.pk)

    def _slugs(self, parent: Page) -> set[str]:
        if parent.pk not in self.sibling_slugs:
            self.sibling_slugs[parent.pk] = set(
                Page.objects.child_of(parent).values_list("slug", flat=True)
            )
        return self.sibling_slugs[parent.pk]

    def _apply_relations(self, type_: str, page, desired: _Desired, *, existing: bool) -> bool:
        """Put the desired relations on the page (in memory); True when anything differs."""
        changed = False
        if desired.body is not None and (not existing or body_to_html(page.body) != desired.body):
            page.body = body_from_html(desired.body)
            changed = True
        if desired.fields is not None:
            current = {f.pk for f in page.fields_of_work.all()} if existing else set()
            if current != {f.pk for f in desired.fields}:
                page.fields_of_work = desired.fields
                changed = True
        if desired.tags is not None:
            current = {t.tag_id for t in page.tagged_items.all()} if existing else set()
            if current != {t.pk for t in desired.tags}:
                through = _TAG_MODELS[type_]
                page.tagged_items = [through(tag=tag) for tag in desired.tags]
                changed = True
        if desired.titles is not None:
            changed = self._apply_titles(page, desired.titles, existing) or changed
        if desired.authors is not None:
            current = [a.exemplar_id for a in page.authors.all()] if existing else []
            if current != [a.pk for a in desired.authors]:
                through = _AUTHOR_MODELS[type_]
                page.authors = [
                    through(exemplar=author, sort_order=i)
                    for i, author in enumerate(desired.authors)
                ]
                changed = True
        for name in ("exemplars", "initiatives"):
            wanted = getattr(desired, name)
            if wanted is None:
                continue
            current = {p.pk for p in getattr(page, name).all()} if existing else set()
            if current != {p.pk for p in wanted}:
                setattr(page, name, wanted)
                changed = True
        return changed

    def _apply_titles(self, page, titles: list[tuple[Title, int]], existing: bool) -> bool:
        rows = list(page.titles.all()) if existing else []
        if Counter((r.title_id, r.year) for r in rows) == Counter((t.pk, y) for t, y in titles):
            return False
        reusable = {(r.title_id, r.year): r for r in rows}  # keeps the decision number
        ordered = sorted(titles, key=lambda item: (item[1], item[0].name))
        new_rows = []
        for position, (title, year) in enumerate(ordered):
            row = reusable.pop((title.pk, year), None) or ExemplarTitleAward(title=title, year=year)
            row.sort_order = position
            new_rows.append(row)
        page.titles = new_rows
        return True


def _parents_first(records: list[Record]) -> list[Record]:
    """Units ordered so that a parent given in the file is written before its children."""
    by_code = {record.ident: record for record in records}
    done: set[str] = set()
    ordered = []
    for record in records:
        chain = []
        current: Record | None = record
        while current is not None and current.ident not in done and current not in chain:
            chain.append(current)
            parent = current.values.get("parent")
            current = by_code.get(parent) if parent else None
        for item in reversed(chain):
            done.add(item.ident)
            ordered.append(item)
    return ordered


def _unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not taken yet; the result is then taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


__all__ = [
    "ImportFailed",
    "ImportResult",
    "import_jsonl",
    "import_prepared",
    "import_records",
    "read_jsonl",
]

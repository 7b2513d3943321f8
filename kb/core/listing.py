"""Filters of the reader listings (exemplars, initiatives, stories), shared by their index pages.

A listing's URL is its state: `?kind=individual&field=thu-bhxh&province=HN&year=2024&page=2`
can be sent to a colleague and shows the same results. The parameter names are fixed (browser
tests and links from the home page's charts use them):

| name       | value                                   | listings                       |
|------------|-----------------------------------------|--------------------------------|
| `kind`     | `individual` or `collective`            | exemplars                      |
| `field`    | a FieldOfWork `slug`                    | exemplars, initiatives, stories|
| `province` | a Unit `code`; matches its whole subtree| exemplars, initiatives         |
| `year`     | a year (int)                            | all three                      |
| `title`    | a Title `code`                          | exemplars                      |
| `page`     | the page of results                     | all three                      |

A value that names nothing (an unknown code, a year that is not a number) is left out of the
query and reported to the reader by name, so a stale link still shows a useful listing.

The option lists of the form are one small query each (fields, provinces, titles, years), and
the results are one COUNT and one page of rows: the cost does not grow with the content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

PER_PAGE = 24
PARAMETERS = ("kind", "field", "province", "year", "title")
YEAR_RANGE = (1945, 2100)
OPTIONS_SECONDS = 24 * 3600  # an upper bound: changes drop them at once


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class ActiveFilter:
    """A filter in force, with the URL of the same listing without it."""

    name: str
    label: str
    value_label: str
    remove_url: str


@dataclass
class FilterSpec:
    """Which filters a listing offers and how each one narrows its queryset.

    `appliers` maps a parameter name to a function (queryset, resolved value, all resolved
    values) -> queryset; `year_values` gives the distinct years present, newest first.
    """

    appliers: dict[str, Callable[[QuerySet, object, dict], QuerySet]]
    year_values: Callable[[], Iterable[int]] | None = None
    labels: dict[str, str] = field(default_factory=dict)
    cache_key: str = ""  # names the listing whose years are cached


@dataclass
class Listing:
    """What a listing template needs: the page of results, the form and the active filters."""

    page_obj: PaginatorPage
    options: dict[str, list[Option]]
    selected: dict[str, str]
    active: list[ActiveFilter]
    errors: list[str]
    clear_url: str

    labels: dict[str, str] = field(default_factory=dict)

    @property
    def controls(self) -> list[tuple[str, str, list[Option], str]]:
        """(name, label, options, selected value) for each filter of the form, in order."""
        return [
            (name, self.labels.get(name, ""), options, self.selected.get(name, ""))
            for name, options in self.options.items()
        ]


LABELS = {
    "kind": _("Loại điển hình"),
    "field": _("Lĩnh vực công tác"),
    "province": _("Tỉnh, thành phố / đơn vị"),
    "year": _("Năm"),
    "title": _("Danh hiệu"),
}


# --- resolving the query string ----------------------------------------------------------------
def _kind_options() -> list[Option]:
    from kb.exemplars.models import ExemplarKind

    return [Option(value, str(label)) for value, label in ExemplarKind.choices]


def _field_options() -> list[Option]:
    from kb.taxonomy.models import FieldOfWork

    return [Option(slug, name) for slug, name in FieldOfWork.objects.values_list("slug", "name")]


def _province_options() -> list[Option]:
    from kb.units.models import Unit

    rows = Unit.objects.provinces().order_by("name").values_list("code", "name")
    return [Option(code, name) for code, name in rows]


def _title_options() -> list[Option]:
    from kb.taxonomy.models import Title

    rows = Title.objects.filter(code__isnull=False).values_list("code", "name")
    return [Option(code, name) for code, name in rows]


def _resolve_unit(code: str):
    """The unit a `province` value names (any unit: its subtree is matched), or None."""
    from kb.units.models import Unit

    return Unit.objects.filter(code=code).only("pk", "name", "path").first()


def _cached(name: str, load: Callable[[], Iterable]) -> list:
    """An option list, kept until content or reference data change (kb.core.pagecache bumps
    the generation on any page, unit, field or title change). The years of a listing are a
    DISTINCT over all its items: without this, the one query that grows with the content."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from kb.core import pagecache

    key = f"kb:listing:options:{pagecache.generation()}:{get_language()}:{name}"
    values = cache.get(key)
    if values is None:
        values = list(load())
        cache.set(key, values, OPTIONS_SECONDS)
    return values


def _parse_year(raw: str) -> int | None:
    try:
        year = int(raw)
    except ValueError:
        return None
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def build_listing(request, queryset: QuerySet, spec: FilterSpec, per_page: int = PER_PAGE):
    """Filter `queryset` by the request's query string, paginate it and describe the form."""
    params = request.GET
    options: dict[str, list[Option]] = {}
    selected: dict[str, str] = {}
    resolved: dict[str, object] = {}
    value_labels: dict[str, str] = {}
    errors: list[str] = []

    loaders = {
        "kind": _kind_options,
        "field": _field_options,
        "province": _province_options,
        "title": _title_options,
    }
    for name in PARAMETERS:
        if name not in spec.appliers:
            continue
        if name == "year":
            years = _cached(f"years:{spec.cache_key}", spec.year_values) if spec.year_values else []
            options[name] = [Option(str(y), str(y)) for y in years]
        else:
            options[name] = _cached(name, loaders[name])
        raw = (params.get(name) or "").strip()
        if not raw:
            continue
        label = str(spec.labels.get(name) or LABELS[name])
        if name == "year":
            year = _parse_year(raw)
            if year is None:
                errors.append(_invalid(label, raw))
                continue
            resolved[name], value_labels[name] = year, str(year)
        elif name == "province":
            unit = _resolve_unit(raw)
            if unit is None:
                errors.append(_invalid(label, raw))
                continue
            resolved[name], value_labels[name] = unit, unit.name
            if raw not in {o.value for o in options[name]}:
                options[name] = [*options[name], Option(raw, unit.name)]  # a non-province unit
        else:
            match = next((o for o in options[name] if o.value == raw), None)
            if match is None:
                errors.append(_invalid(label, raw))
                continue
            resolved[name], value_labels[name] = raw, match.label
        selected[name] = raw

    for name, value in resolved.items():
        queryset = spec.appliers[name](queryset, value, resolved)

    count_key = f"count:{spec.cache_key}:" + "&".join(
        f"{k}={v}" for k, v in sorted(selected.items())
    )
    paginator = CachedCountPaginator(queryset, per_page, count_key=count_key)
    page_obj = paginator.get_page(params.get("page"))
    active = [
        ActiveFilter(
            name=name,
            label=str(spec.labels.get(name) or LABELS[name]),
            value_label=value_labels[name],
            remove_url=query_url({k: v for k, v in selected.items() if k != name}),
        )
        for name in PARAMETERS
        if name in selected
    ]
    return Listing(
        page_obj=page_obj,
        options=options,
        selected=selected,
        active=active,
        errors=errors,
        clear_url=query_url({}),
        labels={name: str(spec.labels.get(name) or LABELS[name]) for name in options},
    )


class CachedCountPaginator(Paginator):
    """A paginator whose COUNT is kept until the content changes: counting every published
    item is the one part of a listing whose cost grows with the content."""

    def __init__(self, *args, count_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return _cached(self.count_key, lambda: [Paginator.count.func(self)])[0]


def _invalid(label: str, raw: str) -> str:
    return str(
        _("Bộ lọc “%(label)s” không nhận giá trị “%(value)s”: đã bỏ qua.")
        % {"label": label, "value": raw[:60]}
    )


def query_url(values: dict[str, str]) -> str:
    """A relative URL ("?a=1&b=2", or "?" alone when nothing is left) in the fixed order."""
    ordered = [(name, values[name]) for name in PARAMETERS if values.get(name)]
    return "?" + urlencode(ordered) if ordered else "?"


# --- how each filter narrows a queryset --------------------------------------------------------
def by_kind(qs: QuerySet, value, resolved) -> QuerySet:
    return qs.filter(kind=value)


def by_field(qs: QuerySet, value, resolved) -> QuerySet:
    return qs.filter(fields_of_work__slug=value)


def by_unit_subtree(qs: QuerySet, unit, resolved) -> QuerySet:
    """Items of the unit or any unit under it. The subtree's ids are read first (one small
    query on the unit tree) so the database narrows the items by their indexed `unit_id`."""
    from kb.units.models import Unit

    subtree = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    return qs.filter(unit_id__in=subtree)


def by_year(qs: QuerySet, value, resolved) -> QuerySet:
    return qs.filter(year=value)


def exemplar_by_year(qs: QuerySet, value, resolved) -> QuerySet:
    # With a title the year is the year that title was won (see exemplar_by_title).
    return qs if "title" in resolved else qs.filter(year=value)


def exemplar_by_title(qs: QuerySet, code, resolved) -> QuerySet:
    from kb.exemplars.models import ExemplarTitleAward

    awards = ExemplarTitleAward.objects.filter(title__code=code)
    if "year" in resolved:
        awards = awards.filter(year=resolved["year"])
    return qs.filter(pk__in=awards.values("page_id"))


def story_by_field(qs: QuerySet, value, resolved) -> QuerySet:
    """A story is in a field when an exemplar or initiative it tells about is."""
    from kb.stories.models import StoryPage

    through_exemplars = StoryPage.exemplars.through.objects.filter(
        exemplarpage__fields_of_work__slug=value
    ).values("storypage_id")
    through_initiatives = StoryPage.initiatives.through.objects.filter(
        initiativepage__fields_of_work__slug=value
    ).values("storypage_id")
    return qs.filter(Q(pk__in=through_exemplars) | Q(pk__in=through_initiatives))


def story_by_year(qs: QuerySet, value, resolved) -> QuerySet:
    return qs.filter(date__year=value)


def distinct_years(queryset: QuerySet, field_name: str = "year") -> Callable[[], list[int]]:
    """The distinct non-empty years of a queryset, newest first (one indexed query)."""

    def years() -> list[int]:
        values = (
            queryset.exclude(**{f"{field_name}__isnull": True})
            .order_by(f"-{field_name}")
            .values_list(field_name, flat=True)
            .distinct()
        )
        return [int(v) for v in values]

    return years


def story_years(queryset: QuerySet) -> Callable[[], list[int]]:
    def years() -> list[int]:
        return [d.year for d in queryset.dates("date", "year", order="DESC")]

    return years

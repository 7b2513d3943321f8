"""The home page's key figures: a handful of aggregate queries, whatever the amount of content.

Counts only published, public exemplars. Each figure is a list of `charts.Bar` with the URL of
the exemplar listing filtered the same way (so a number in the table leads to those exemplars);
the SVG is drawn by the pure `kb.core.charts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from kb.core import charts
from kb.core.listing import query_url

YEARS_SHOWN = 12
PROVINCES_SHOWN = 10
FIELDS_SHOWN = 10


@dataclass
class Figure:
    """One chart: what it shows, its bars (for the data table) and its SVG."""

    ident: str
    title: str
    description: str
    value_label: str
    bars: list[charts.Bar]
    svg: str
    total: int


def key_figures(listing_url: str | None) -> list[Figure]:
    """Exemplars by field of work, by province and by year; titles awarded per year."""
    from kb.exemplars.models import ExemplarPage, ExemplarTitleAward

    exemplars = ExemplarPage.objects.live().public()  # one query for the view restrictions

    def link(**values) -> str:
        return (
            f"{listing_url}{query_url({k: str(v) for k, v in values.items()})}"
            if (listing_url)
            else ""
        )

    by_field = [
        charts.Bar(row["fields_of_work__name"], row["n"], link(field=row["fields_of_work__slug"]))
        for row in exemplars.filter(fields_of_work__isnull=False)
        .values("fields_of_work__slug", "fields_of_work__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "fields_of_work__name")
    ]
    by_province = _by_province(exemplars, link)
    by_year = [
        charts.Bar(str(row["year"]), row["n"], link(year=row["year"]))
        for row in exemplars.exclude(year=None)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")[:YEARS_SHOWN]
    ][::-1]
    titles_by_year = [
        charts.Bar(str(row["year"]), row["n"])
        for row in ExemplarTitleAward.objects.filter(page__in=exemplars.values("pk"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")[:YEARS_SHOWN]
    ][::-1]

    others = _("Các lĩnh vực khác")
    figures = [
        _figure(
            "fields",
            _("Điển hình theo lĩnh vực công tác"),
            _("Số điển hình tiên tiến theo lĩnh vực công tác; nhiều nhất:"),
            _("Số điển hình"),
            charts.top_with_rest(by_field, FIELDS_SHOWN, others),
            by_field,
            horizontal=True,
        ),
        _figure(
            "provinces",
            _("Điển hình theo tỉnh, thành phố"),
            _("Số điển hình tiên tiến theo tỉnh, thành phố; nhiều nhất:"),
            _("Số điển hình"),
            charts.top_with_rest(by_province, PROVINCES_SHOWN, _("Các tỉnh, đơn vị khác")),
            by_province,
            horizontal=True,
        ),
        _figure(
            "years",
            _("Điển hình được công nhận theo năm"),
            _("Số điển hình tiên tiến được công nhận mỗi năm; nhiều nhất:"),
            _("Số điển hình"),
            by_year,
            by_year,
        ),
        _figure(
            "titles",
            _("Danh hiệu, khen thưởng theo năm"),
            _("Số danh hiệu, hình thức khen thưởng điển hình đã đạt mỗi năm; nhiều nhất:"),
            _("Số danh hiệu"),
            titles_by_year,
            titles_by_year,
        ),
    ]
    return [f for f in figures if f.bars]


def _figure(ident, title, description, value_label, drawn, table, horizontal=False) -> Figure:
    draw = charts.horizontal_bars if horizontal else charts.columns
    svg = draw(drawn, title=title, description=description, ident=f"figure-{ident}")
    return Figure(
        ident=ident,
        title=title,
        description=description,
        value_label=value_label,
        bars=list(table),
        svg=svg,
        total=sum(b.value for b in table),
    )


def _by_province(exemplars, link) -> list[charts.Bar]:
    """Counts per unit (one query), folded up to the unit's province by the materialised path
    (two small queries on the unit tree). Units outside any province (the central departments)
    share one bar."""
    from kb.units.models import Unit

    per_unit = dict(exemplars.values_list("unit_id").annotate(n=Count("pk")).order_by())
    if not per_unit:
        return []
    provinces = {
        row["pk"]: row for row in Unit.objects.provinces().values("pk", "name", "code").order_by()
    }
    totals: dict[int | None, int] = {}
    for unit_id, path in Unit.objects.filter(pk__in=per_unit).values_list("pk", "path"):
        ids = [int(part) for part in path.strip("/").split("/") if part]
        province = next((i for i in ids if i in provinces), None)
        totals[province] = totals.get(province, 0) + per_unit[unit_id]
    bars = [
        charts.Bar(provinces[pk]["name"], n, link(province=provinces[pk]["code"]))
        for pk, n in totals.items()
        if pk is not None
    ]
    if None in totals:
        bars.append(charts.Bar(_("Các đơn vị thuộc cơ quan BHXH Việt Nam"), totals[None]))
    return sorted(bars, key=lambda b: (-b.value, b.label))

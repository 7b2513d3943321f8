"""From a content page to what the index holds: text to search, text to quote, facets.

One function per page type, registered in `EXTRACTORS`; a page type without one is not
searched. Only live pages that are public (no view restriction on them or an ancestor) are
indexed: `is_searchable` is the one place that decides.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction

from kb.conferences.models import ConferencePage, ReportPage
from kb.core.blocks import body_to_html
from kb.exemplars.models import ExemplarPage
from kb.initiatives.models import InitiativePage
from kb.movements.models import MovementPage
from kb.stories.models import StoryPage
from kb.units.models import Unit, UnitLevel

from .text import folded_text

CONTENT_TYPES = {
    "exemplar": "Điển hình tiên tiến",
    "initiative": "Sáng kiến, mô hình",
    "story": "Bài tuyên truyền",
    "movement": "Phong trào thi đua",
    "conference": "Hội nghị",
    "report": "Báo cáo, tham luận",
}
FACETS = {
    "type": "Loại nội dung",
    "field": "Lĩnh vực công tác",
    "province": "Tỉnh, đơn vị",
    "year": "Năm",
    "title": "Danh hiệu",
}


@dataclass
class DocumentData:
    page_id: int
    key: str
    content_type: str
    title: str
    body: str
    url: str = ""
    year: int | None = None
    date: datetime.date | None = None
    facets: list[tuple[str, str]] = field(default_factory=list)

    @property
    def title_folded(self) -> str:
        return folded_text(self.title)

    @property
    def body_folded(self) -> str:
        return folded_text(self.body)


def plain(rich: str) -> str:
    """Rich text or block HTML as plain text, paragraphs on their own lines."""
    text = str(rich or "").replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n")
    return "\n".join(line.strip() for line in html.unescape(strip_tags(text)).splitlines() if line)


def _join(*parts) -> str:
    return "\n".join(str(p).strip() for p in parts if p and str(p).strip())


def province_of(unit: Unit | None, cache: dict | None = None) -> str:
    """The province (or the central unit) a unit belongs to: the province/unit facet."""
    if unit is None:
        return ""
    cache = {} if cache is None else cache
    if unit.pk in cache:
        return cache[unit.pk]
    name = unit.name
    ids = [int(x) for x in unit.path.strip("/").split("/") if x]
    ancestors = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    chain = [ancestors[i] for i in ids if i in ancestors]
    for ancestor in chain:
        if ancestor.level == UnitLevel.PROVINCE:
            name = ancestor.name
            break
    else:
        below_sector = [u for u in chain if u.level != UnitLevel.SECTOR]
        if below_sector:
            name = below_sector[0].name
    cache[unit.pk] = name
    return name


def _common(page, content_type: str, unit=None, fields=(), year=None, cache=None) -> list:
    facets = [("type", content_type)]
    facets += [("field", f.name) for f in fields]
    province = province_of(unit, cache)
    if province:
        facets.append(("province", province))
    if year:
        facets.append(("year", str(year)))
    return facets


def _tags(page) -> list[str]:
    """Tag names through the tagged items, which the rebuild prefetches with their tags
    (taggit's `page.tags.all()` is a query of its own for every page)."""
    return [item.tag.name for item in page.tagged_items.all()]


def _exemplar(page: ExemplarPage, cache) -> DocumentData:
    fields = list(page.fields_of_work.all())
    # .all() and sorting here, not .select_related().order_by(): a new queryset would ignore
    # the rebuild's prefetch and cost a query per page.
    titles = sorted(page.titles.all(), key=lambda t: -(t.year or 0))
    facets = _common(page, "exemplar", page.unit, fields, page.year, cache)
    facets += sorted({("title", t.title.name) for t in titles})
    body = _join(
        page.summary,
        page.position,
        page.unit.name,
        plain(body_to_html(page.body)),
        ", ".join(f.name for f in fields),
        "; ".join(f"{t.title.name} ({t.year})" for t in titles),
        ", ".join(_tags(page)),
    )
    date = datetime.date(page.year, 12, 31) if page.year else None
    return DocumentData(
        page.pk, page.key, "exemplar", page.title, body, "", page.year, date, facets
    )


def _initiative(page: InitiativePage, cache) -> DocumentData:
    fields = list(page.fields_of_work.all())
    # .all(), not .select_related(): the rebuild prefetches the authors with their exemplar,
    # and a new queryset on modelcluster's prefetched manager would ignore that prefetch.
    authors = [a.exemplar.title for a in page.authors.all()]
    facets = _common(page, "initiative", page.unit, fields, page.year, cache)
    body = _join(
        page.summary,
        plain(page.problem),
        plain(page.solution),
        plain(page.results),
        page.unit.name,
        ", ".join(authors),
        ", ".join(f.name for f in fields),
        ", ".join(_tags(page)),
    )
    date = datetime.date(page.year, 12, 31) if page.year else None
    return DocumentData(
        page.pk, page.key, "initiative", page.title, body, "", page.year, date, facets
    )


def _story(page: StoryPage, cache) -> DocumentData:
    year = page.date.year if page.date else None
    facets = _common(page, "story", None, (), year, cache)
    body = _join(page.summary, plain(body_to_html(page.body)), page.author)
    return DocumentData(page.pk, page.key, "story", page.title, body, "", year, page.date, facets)


def _movement(page: MovementPage, cache) -> DocumentData:
    year = page.start_date.year if page.start_date else None
    facets = _common(page, "movement", page.unit, page.fields_of_work.all(), year, cache)
    body = _join(page.slogan, page.summary, plain(page.targets), plain(body_to_html(page.body)))
    return DocumentData(
        page.pk, page.key, "movement", page.title, body, "", year, page.start_date, facets
    )


def _conference(page: ConferencePage, cache) -> DocumentData:
    year = page.date.year if page.date else None
    facets = _common(page, "conference", page.unit, (), year, cache)
    body = _join(page.summary, page.location, page.unit.name, plain(body_to_html(page.programme)))
    return DocumentData(
        page.pk, page.key, "conference", page.title, body, "", year, page.date, facets
    )


def _report(page: ReportPage, cache) -> DocumentData:
    conference = page.get_parent().specific
    date = page.date or getattr(conference, "date", None)
    year = date.year if date else None
    unit = getattr(conference, "unit", None)
    facets = _common(page, "report", unit, (), year, cache)
    authors = [a.exemplar.title for a in page.authors.select_related("exemplar")]
    body = _join(plain(body_to_html(page.body)), ", ".join(authors), conference.title)
    return DocumentData(page.pk, page.key, "report", page.title, body, "", year, date, facets)


EXTRACTORS = {
    ExemplarPage: _exemplar,
    InitiativePage: _initiative,
    StoryPage: _story,
    MovementPage: _movement,
    ConferencePage: _conference,
    ReportPage: _report,
}


def indexed_models() -> list[type[Page]]:
    return list(EXTRACTORS)


def is_searchable(page: Page, restricted_paths: set[str] | None = None) -> bool:
    """Live, published and public: the only pages search may ever return."""
    if not page.live or page.expired:
        return False
    ancestors = [page.path[: i * Page.steplen] for i in range(1, page.depth + 1)]
    if restricted_paths is not None:
        return not restricted_paths.intersection(ancestors)
    restricted = PageViewRestriction.objects.filter(page__path__in=ancestors)
    return not restricted.exists()


def build(page: Page, cache: dict | None = None) -> DocumentData | None:
    """The document for a page, or None when it must not be found (draft, private…)."""
    page = page.specific
    cache = {} if cache is None else cache
    extractor = EXTRACTORS.get(type(page))
    if extractor is None or not is_searchable(page, cache.get("restricted")):
        return None
    data = extractor(page, cache)
    data.url = page.get_url() or ""
    return data

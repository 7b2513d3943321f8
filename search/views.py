"""The search page and the autocomplete endpoint, on whichever backend the settings choose."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from .backends import get_backend
from .backends.base import SORTS, SearchRequest
from .documents import FACETS

PER_PAGE = 20


class _ResultPage:
    """The hits of one page standing in for the whole list, for Django's Paginator."""

    def __init__(self, hits, total):
        self.hits, self.total = hits, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item):
        return self.hits


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 500))
    except ValueError:
        return 1


def _toggle_url(params: dict[str, list[str]], name: str, value: str) -> str:
    """The search URL with `value` added to or removed from the facet `name` (back to page 1)."""
    query = {k: list(v) for k, v in params.items() if k != "page"}
    values = query.setdefault(name, [])
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return "?" + urlencode({k: v for k, v in query.items() if v}, doseq=True)


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    filters = {name: request.GET.getlist(name)[:20] for name in FACETS if request.GET.get(name)}
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevance"
    page_number = _page_number(request.GET.get("page"))
    context = {"query": query, "sort": sort, "filters": filters, "results": None}
    if query:
        search_request = SearchRequest(
            query, filters=filters, sort=sort, page=page_number, per_page=PER_PAGE
        )
        results = get_backend().search(search_request)
        if results.total and not results.hits and page_number > 1:
            search_request.page = results.num_pages
            results = get_backend().search(search_request)
        params = {"q": [query], "sort": [sort], **filters}
        for _name, _label, values in results.facet_groups():
            for value in values:
                value.url = _toggle_url(params, _name, value.value)
        paginator = Paginator(_ResultPage(results.hits, results.total), PER_PAGE)
        context["results"] = results
        context["page_obj"] = paginator.get_page(search_request.page)
        context["sort_urls"] = {
            s: "?" + urlencode({"q": query, "sort": s, **filters}, doseq=True) for s in SORTS
        }
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    """Names of exemplars and initiatives starting like what is typed: {"results": [...]}."""
    text = request.GET.get("q", "").strip()[:100]
    suggestions = get_backend().autocomplete(text) if len(text) >= 2 else []
    return JsonResponse(
        {
            "results": [
                {"title": s.title, "url": s.url, "type": s.content_type} for s in suggestions
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )

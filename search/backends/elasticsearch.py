"""The Elasticsearch backend, through `elasticsearch.dsl` (part of the official client since 8.18).

Documents are copied from the embedded index (already built from live, public pages only), so
both always hold the same pages. The Vietnamese analyzer uses built-in filters only: the
standard tokenizer splits syllables, `lowercase` then `asciifolding` with `preserve_original`
index both "hội" and "hoi" (asciifolding folds đ → d).

Synonyms and acronyms are not in any analyzer: queries are built from the same parsed query as
the embedded backend (`search.text.expand`), each clause's alternatives ("bhyt" | "bảo hiểm y
tế") becoming alternative phrase matches. A synonym edited in the admin therefore applies to
the next query, with no reindex and no change to the index: a `synonym_graph` filter with
inline synonyms can only change by closing and reopening the index (and an index-time one
needs a full reindex), and updateable synonyms need a file on every node or the synonyms
API — and would be a second copy of the dictionary that could disagree with the first.

When the cluster cannot be reached, search, autocomplete and related practices answer from the
embedded backend and say so (`SearchResults.notice`): never an error page.
"""

from __future__ import annotations

import logging

import elasticsearch
from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    FacetedSearch,
    Integer,
    Keyword,
    Q,
    TermsFacet,
    Text,
    analyzer,
    connections,
    token_filter,
)
from elasticsearch.helpers import bulk

from ..documents import FACETS
from ..models import SearchDocument
from ..text import Query
from .base import FacetValue, Hit, SearchBackend, SearchRequest, SearchResults, Suggestion

logger = logging.getLogger(__name__)

ALIAS = "kb"
FALLBACK_NOTICE = (
    "Máy chủ tìm kiếm Elasticsearch hiện không trả lời; kết quả dưới đây lấy từ chỉ mục "
    "nội bộ của hệ thống."
)
FACET_FIELDS = {
    "type": "content_type",
    "field": "fields",
    "province": "province",
    "year": "year",
    "title": "titles",
}


def unreachable_errors() -> tuple[type[Exception], ...]:
    return (elasticsearch.ConnectionError, elasticsearch.TransportError, elasticsearch.ApiError)


def index_name() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX", "kb-pages")


# --- mapping -------------------------------------------------------------------------------------


def analyzers() -> dict:
    folding = token_filter("vi_folding", "asciifolding", preserve_original=True)
    edge = token_filter("vi_edge", "edge_ngram", min_gram=1, max_gram=20)
    return {
        "index": analyzer("vi_index", tokenizer="standard", filter=["lowercase", folding]),
        "search": analyzer("vi_search", tokenizer="standard", filter=["lowercase", "asciifolding"]),
        "prefix": analyzer(
            "vi_prefix", tokenizer="standard", filter=["lowercase", "asciifolding", edge]
        ),
        "prefix_search": analyzer(
            "vi_prefix_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
        ),
    }


def document_class(name: str | None = None) -> type:
    """The Document class of the index (synonyms are applied in the query, not here)."""
    a = analyzers()

    def text(**extra):
        return Text(analyzer=a["index"], search_analyzer=a["search"], **extra)

    attrs = {
        "key": Keyword(),
        "page_id": Integer(),
        "content_type": Keyword(),
        "title": text(
            fields={
                "prefix": Text(analyzer=a["prefix"], search_analyzer=a["prefix_search"]),
                "raw": Keyword(),
            }
        ),
        "body": text(),
        "url": Keyword(index=False),
        "year": Integer(),
        "date": Date(),
        "fields": Keyword(),
        "province": Keyword(),
        "titles": Keyword(),
        "Index": type(
            "Index",
            (),
            {"name": name or index_name(), "settings": {"number_of_shards": 1}},
        ),
    }
    return type("KBPage", (Document,), attrs)


def to_source(doc: SearchDocument) -> dict:
    facets: dict[str, list[str]] = {}
    for facet in doc.facets.all():
        facets.setdefault(facet.name, []).append(facet.value)
    return {
        "key": doc.key,
        "page_id": doc.page_id,
        "content_type": doc.content_type,
        "title": doc.title,
        "body": doc.body,
        "url": doc.url,
        "year": doc.year,
        "date": doc.date.isoformat() if doc.date else None,
        "fields": facets.get("field", []),
        "province": (facets.get("province") or [None])[0],
        "titles": facets.get("title", []),
    }


# --- queries -------------------------------------------------------------------------------------


def text_query(query: Query) -> Q:
    """All meaningful clauses must match (any of each clause's phrases, title boosted); the
    whole query as a phrase in the title or body scores higher; a fuzzy match of the title
    catches typos in names."""
    musts = []
    for clause in query.required:
        alternatives = []
        for phrase in clause.phrases:
            words = " ".join(phrase)
            alternatives.append(Q("match_phrase", title={"query": words, "boost": 3}))
            alternatives.append(Q("match_phrase", body={"query": words}))
        musts.append(Q("bool", should=alternatives, minimum_should_match=1))
    words = " ".join(query.tokens)
    exact = Q(
        "bool",
        must=musts,
        should=[
            Q("match_phrase", title={"query": words, "boost": 10}),
            Q("match_phrase", body={"query": words, "slop": 2, "boost": 2}),
        ],
    )
    fuzzy = Q(
        "match",
        title={"query": words, "fuzziness": "AUTO", "operator": "and", "boost": 0.5},
    )
    return Q("bool", should=[exact, fuzzy], minimum_should_match=1)


def faceted_search_class(query: Query, name: str | None = None) -> type[FacetedSearch]:
    class KBFacetedSearch(FacetedSearch):
        index = name or index_name()
        fields = ["title^3", "body"]
        facets = {facet: TermsFacet(field=field, size=50) for facet, field in FACET_FIELDS.items()}

        def __init__(self, *args, using=ALIAS, **kwargs):
            self.using = using
            super().__init__(*args, **kwargs)

        def query(self, search, _text):
            return search.query(text_query(query)) if query else search

        def highlight(self, search):
            return search.highlight(
                "title",
                "body",
                fragment_size=240,
                number_of_fragments=1,
                no_match_size=240,
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
            )

    return KBFacetedSearch


def faceted_search(request: SearchRequest, query: Query, name: str | None = None):
    sort = ("-date", "_score") if request.sort == "date" else ("_score",)
    filters = {k: v for k, v in request.filters.items() if k in FACETS and v}
    faceted = faceted_search_class(query, name)(request.text, filters=filters, sort=sort)
    return faceted[request.offset : request.offset + request.per_page]


def autocomplete_search(text: str, limit: int = 8, name: str | None = None):
    from elasticsearch.dsl import Search

    return (
        Search(using=ALIAS, index=name or index_name())
        .query(Q("match", **{"title.prefix": {"query": text, "operator": "and"}}))
        .filter("terms", content_type=["exemplar", "initiative"])
        .source(["title", "url", "content_type"])[:limit]
    )


def sync_actions(page_ids: list[int], name: str | None = None) -> list[dict]:
    """The bulk actions that make the cluster match the embedded index for these pages: the
    document of each page still indexed, a delete for every other (deleted, unpublished,
    private — and the descendants of a deleted page, which `search.index` passes along)."""
    documents = SearchDocument.objects.filter(page_id__in=page_ids).prefetch_related("facets")
    found = {d.page_id: d for d in documents}
    index = name or index_name()
    actions = []
    for page_id in dict.fromkeys(page_ids):
        if page_id in found:
            actions.append({"_index": index, "_id": page_id, "_source": to_source(found[page_id])})
        else:
            actions.append({"_op_type": "delete", "_index": index, "_id": page_id})
    return actions


# --- the backend ---------------------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str | None = None):
        self.url = url or settings.ELASTICSEARCH_URL
        connections.create_connection(
            alias=ALIAS, hosts=[self.url], request_timeout=3, max_retries=0
        )

    @property
    def client(self):
        return connections.get_connection(ALIAS)

    def _fallback(self):
        from .embedded import EmbeddedBackend

        return EmbeddedBackend()

    def search(self, request: SearchRequest) -> SearchResults:
        query = self.parse(request.text)
        try:
            response = faceted_search(request, query).execute()
        except unreachable_errors() as error:
            logger.warning(
                "Elasticsearch unreachable, answering from the embedded index: %s", error
            )
            results = self._fallback().search(request)
            results.notice = FALLBACK_NOTICE
            return results
        results = SearchResults(request=request, backend=self.name, total=response.hits.total.value)
        for hit in response:
            highlight = getattr(hit.meta, "highlight", None)
            results.hits.append(
                Hit(
                    page_id=hit.page_id,
                    key=hit.key,
                    title=hit.title,
                    content_type=hit.content_type,
                    url=hit.url,
                    snippet=(highlight.body[0] if highlight and "body" in highlight else ""),
                    title_html=(highlight.title[0] if highlight and "title" in highlight else ""),
                    score=hit.meta.score or 0.0,
                    date=getattr(hit, "date", None),
                )
            )
        for facet, values in response.facets.to_dict().items():
            results.facets[facet] = [
                FacetValue(str(value), count, selected)
                for value, count, selected in values
                if count or selected
            ]
        return results

    def autocomplete(self, text: str, limit: int = 8) -> list[Suggestion]:
        try:
            response = autocomplete_search(text, limit).execute()
        except unreachable_errors():
            return self._fallback().autocomplete(text, limit)
        return [Suggestion(h.title, h.url, h.content_type) for h in response]

    def related(self, page, limit: int = 5) -> list[Hit]:
        return self._fallback().related(page, limit)

    # indexing: copies of the embedded documents

    def create_index(self) -> None:
        doc = document_class()
        doc._index.delete(using=ALIAS, ignore_unavailable=True)
        doc.init(using=ALIAS)

    def sync(self, page_ids: list[int]) -> None:
        bulk(self.client, sync_actions(page_ids), raise_on_error=False)

    def rebuild_from_embedded(self, progress=None) -> None:
        self.create_index()
        documents = SearchDocument.objects.prefetch_related("facets").order_by("pk")
        actions = (
            {"_index": index_name(), "_id": d.page_id, "_source": to_source(d)}
            for d in documents.iterator(chunk_size=500)
        )
        bulk(self.client, actions, refresh=True)

    def index(self, data) -> None:
        self.sync([data.page_id])

    def remove(self, page_id: int) -> None:
        self.sync([page_id])

    def clear(self) -> None:
        self.create_index()

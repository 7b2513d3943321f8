"""The one interface every search backend answers, and the values it answers with."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..dictionary import get_dictionary
from ..documents import CONTENT_TYPES, FACETS, DocumentData
from ..text import Dictionary, Query, expand

SORTS = ("relevance", "date")


@dataclass
class SearchRequest:
    text: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facets: bool = True

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.per_page


@dataclass
class Hit:
    page_id: int
    key: str
    title: str
    content_type: str
    url: str
    snippet: str = ""  # HTML, matched syllables in <mark>
    title_html: str = ""
    score: float = 0.0
    date: object = None

    @property
    def content_type_label(self) -> str:
        return CONTENT_TYPES.get(self.content_type, self.content_type)


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False

    @property
    def label(self) -> str:
        return CONTENT_TYPES.get(self.value, self.value)


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    backend: str = ""
    notice: str = ""  # said to the reader, e.g. that Elasticsearch did not answer
    corrected: str = ""  # the query as corrected for typos, when it was

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.request.per_page))

    def facet_groups(self) -> list[tuple[str, str, list[FacetValue]]]:
        return [(name, FACETS[name], self.facets[name]) for name in FACETS if self.facets.get(name)]


@dataclass
class Suggestion:
    title: str
    url: str
    content_type: str


class SearchBackend:
    """What the search page, autocomplete, related practices and the index tasks call."""

    name = "base"

    def parse(self, text: str, dictionary: Dictionary | None = None) -> Query:
        return expand(text, get_dictionary() if dictionary is None else dictionary)

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, text: str, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def related(self, page, limit: int = 5) -> list[Hit]:
        raise NotImplementedError

    def index(self, data: DocumentData) -> None:
        raise NotImplementedError

    def remove(self, page_id: int) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

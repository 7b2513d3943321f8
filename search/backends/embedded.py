"""The embedded backend: the project's own document table, searched by the database.

SQLite answers with FTS5 (bm25, title weighted 10×) and PostgreSQL with its full-text search
(ts_rank over a tsvector whose title is weight A); both over text folded by `search.text`, so
"bao hiem xa hoi", "Bảo hiểm xã hội" and "BHXH" find the same pages, and đ is folded on both.

A query is answered in steps, each only when the one before found nothing:
1. every meaningful clause of the query (stopwords of questions left out) must match, and
   when matches are few, close together (within `proximity_window` words);
2. with five clauses or more, all but one must match;
3. words found nowhere in the index are replaced by the closest title word (typos in names).
The best candidates are then re-ranked: the whole query as a phrase in the title, then all of
its words in the title, then the phrase in the body, add to the database's score.
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count

from ..documents import FACETS, DocumentData
from ..models import SearchDocument, SearchFacet
from ..text import (
    Clause,
    Query,
    analyse,
    correct,
    covered_within,
    highlight,
    mark,
    phrase_spans,
    proximity_window,
)
from .base import FacetValue, Hit, SearchBackend, SearchRequest, SearchResults, Suggestion

PROXIMITY_LIMIT = 2000  # up to this many matches, scattered words are filtered out
RERANK = 200  # candidates re-ranked in Python (the rest keep the database's order)
DOC = "kbsearch_searchdocument"


# --- match expressions ---------------------------------------------------------------------------


class Dialect:
    def match(self, clauses: list[Clause], prefix_last: bool = False, title_only=False) -> str:
        raise NotImplementedError

    def any_of(self, expressions: list[str]) -> str:
        raise NotImplementedError


class SQLiteDialect(Dialect):
    """FTS5 query syntax: phrases in double quotes, AND/OR, `*` for prefixes."""

    def _phrase(self, phrase: tuple[str, ...], prefix: bool) -> str:
        return '"' + " ".join(phrase) + '"' + ("*" if prefix else "")

    def match(self, clauses, prefix_last=False, title_only=False):
        parts = []
        for i, clause in enumerate(clauses):
            prefix = prefix_last and i == len(clauses) - 1
            alternatives = [self._phrase(p, prefix and len(p) == 1) for p in clause.phrases]
            parts.append("(" + " OR ".join(alternatives) + ")")
        expression = " AND ".join(parts)
        return "{title_folded} : (" + expression + ")" if title_only else expression

    def any_of(self, expressions):
        return " OR ".join(f"({e})" for e in expressions)

    def candidates_sql(self, where: str, order: str, limit: int | None) -> str:
        rank = "bm25(kbsearch_fts, 10.0, 1.0)"
        order_by = rank if order == "relevance" else f"d.date DESC NULLS LAST, {rank}"
        sql = (
            f"SELECT d.id, -{rank} AS score FROM kbsearch_fts "  # noqa: S608
            f"JOIN {DOC} d ON d.id = kbsearch_fts.rowid "
            f"WHERE kbsearch_fts MATCH %s {where} ORDER BY {order_by}"
        )
        return sql + (f" LIMIT {int(limit)}" if limit else "")

    def ids_sql(self, where: str) -> str:
        return (
            f"SELECT d.id FROM kbsearch_fts JOIN {DOC} d ON d.id = kbsearch_fts.rowid "  # noqa: S608
            f"WHERE kbsearch_fts MATCH %s {where}"
        )


class PostgresDialect(Dialect):
    """to_tsquery syntax: `<->` for phrases, `|`/`&`, `:*` for prefixes, `:A` for the title."""

    def _phrase(self, phrase, prefix, title_only):
        weight = "A" if title_only else ""
        suffix = (":*" if prefix else ":") + weight if (prefix or weight) else ""
        words = [
            w + (suffix if i == len(phrase) - 1 else (":" + weight if weight else ""))
            for i, w in enumerate(phrase)
        ]
        return "(" + " <-> ".join(words) + ")"

    def match(self, clauses, prefix_last=False, title_only=False):
        parts = []
        for i, clause in enumerate(clauses):
            prefix = prefix_last and i == len(clauses) - 1
            alternatives = [
                self._phrase(p, prefix and len(p) == 1, title_only) for p in clause.phrases
            ]
            parts.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(parts)

    def any_of(self, expressions):
        return " | ".join(f"({e})" for e in expressions)

    def candidates_sql(self, where: str, order: str, limit: int | None) -> str:
        rank = "ts_rank(d.search_vector, to_tsquery('simple', %s))"
        order_by = "score DESC" if order == "relevance" else "d.date DESC NULLS LAST, score DESC"
        sql = (
            f"SELECT d.id, {rank} AS score FROM {DOC} d "  # noqa: S608
            f"WHERE d.search_vector @@ to_tsquery('simple', %s) {where} ORDER BY {order_by}"
        )
        return sql + (f" LIMIT {int(limit)}" if limit else "")

    def ids_sql(self, where: str) -> str:
        return (
            f"SELECT d.id FROM {DOC} d "  # noqa: S608
            f"WHERE d.search_vector @@ to_tsquery('simple', %s) {where}"
        )


def dialect() -> Dialect:
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SQLiteDialect()
    raise NotImplementedError(f"the embedded search backend does not support {connection.vendor}")


# --- the title vocabulary, for typo correction --------------------------------------------------

_vocabulary: dict[str, tuple[tuple, set[str]]] = {}


def title_vocabulary() -> set[str]:
    """Every syllable of every indexed title, rebuilt when the index changes."""
    stamp = tuple(
        SearchDocument.objects.order_by("-updated_at").values_list("updated_at", "id")[:1]
    ) + (SearchDocument.objects.count(),)
    cached = _vocabulary.get(connection.alias)
    if cached and cached[0] == stamp:
        return cached[1]
    words: set[str] = set()
    for title in SearchDocument.objects.values_list("title_folded", flat=True).iterator():
        words.update(title.split())
    _vocabulary[connection.alias] = (stamp, words)
    return words


# --- the backend ---------------------------------------------------------------------------------


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    # indexing

    def index(self, data: DocumentData) -> None:
        with transaction.atomic():
            document, _ = SearchDocument.objects.update_or_create(
                page_id=data.page_id,
                defaults={
                    "key": data.key,
                    "content_type": data.content_type,
                    "title": data.title[:255],
                    "title_folded": data.title_folded,
                    "body": data.body,
                    "body_folded": data.body_folded,
                    "url": data.url,
                    "year": data.year,
                    "date": data.date,
                },
            )
            document.facets.all().delete()
            SearchFacet.objects.bulk_create(
                SearchFacet(document=document, name=n, value=v[:255]) for n, v in data.facets
            )

    def remove(self, page_id: int) -> None:
        SearchDocument.objects.filter(page_id=page_id).delete()

    def clear(self) -> None:
        SearchFacet.objects.all().delete()
        SearchDocument.objects.all().delete()

    # searching

    def _filters(self, filters: dict[str, list[str]]) -> tuple[str, list]:
        where, params = [], []
        for name, values in sorted(filters.items()):
            values = [v for v in values if v]
            if name not in FACETS or not values:
                continue
            marks = ", ".join(["%s"] * len(values))
            where.append(
                "AND d.id IN (SELECT document_id FROM kbsearch_searchfacet "  # noqa: S608
                f"WHERE name = %s AND value IN ({marks}))"
            )
            params += [name, *values]
        return " ".join(where), params

    def _run(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _strategies(self, query: Query):
        """(match expression, clauses, corrected text, clauses needed) in the order to try."""
        d = dialect()
        required = list(query.required)
        yield d.match(required), required, "", len(required)
        if len(required) >= 5:
            subsets = [
                d.match(list(c)) for c in itertools.combinations(required, len(required) - 1)
            ]
            yield d.any_of(subsets), required, "", len(required) - 1
        corrected = self._correct(required)
        if corrected:
            text = " ".join(" ".join(c.phrases[0]) for c in corrected)
            yield d.match(corrected), corrected, text, len(corrected)

    def _correct(self, clauses: list[Clause]) -> list[Clause] | None:
        d = dialect()
        vocabulary = None
        changed, result = False, []
        for clause in clauses:
            token = (
                clause.phrases[0][0]
                if len(clause.phrases) == 1 and len(clause.phrases[0]) == 1
                else None
            )
            if token and not self._ids(d.match([clause]), "", [], limit=1):
                vocabulary = title_vocabulary() if vocabulary is None else vocabulary
                fixed = correct(token, vocabulary)
                if fixed:
                    result.append(Clause(((fixed,),)))
                    changed = True
                    continue
            result.append(clause)
        return result if changed else None

    def _ids(self, expression: str, where: str, params: list, limit: int | None = None) -> list:
        sql = dialect().ids_sql(where) + (f" LIMIT {int(limit)}" if limit else "")
        return [row[0] for row in self._run(sql, [expression, *params])]

    def _candidates(self, expression, where, params, order, limit):
        d = dialect()
        sql = d.candidates_sql(where, order, limit)
        args = [expression, expression] if isinstance(d, PostgresDialect) else [expression]
        return self._run(sql, [*args, *params])

    def search(self, request: SearchRequest) -> SearchResults:
        results = SearchResults(request=request, backend=self.name)
        query = self.parse(request.text)
        if not query:
            return results
        where, params = self._filters(request.filters)
        for expression, clauses, correction, needed in self._strategies(query):  # noqa: B007
            total = self._count(expression, where, params)
            matched = None
            if total and total <= PROXIMITY_LIMIT and len(clauses) >= 2:
                # Few matches: keep those where the words stand together, not scattered
                # over a long text (what a question the base cannot answer would find).
                rows = self._candidates(expression, where, params, "relevance", None)
                matched = self._near(rows, clauses, needed)
                total = len(matched)
            if total:
                break
        else:
            return results
        results.total = total
        results.corrected = correction
        phrases = [p for c in clauses for p in c.phrases]
        phrase = tuple(t for c in query.clauses if not c.stopword for t in c.phrases[0])
        window = slice(request.offset, request.offset + request.per_page)
        if matched is not None:
            if request.sort == "date":
                dates = dict(
                    SearchDocument.objects.filter(id__in=[m[0] for m in matched]).values_list(
                        "id", "date"
                    )
                )
                ordered = sorted(matched, key=lambda m: (dates.get(m[0]) is None, -m[1]))
                ordered.sort(key=lambda m: dates.get(m[0]) or datetime.date.min, reverse=True)
                ranked = ordered[window]
            else:
                ranked = (self._rerank(matched[:RERANK], clauses, phrase) + matched[RERANK:])[
                    window
                ]
        elif request.sort == "date":
            rows = self._candidates(expression, where, params, "date", window.stop)
            ranked = [(row[0], row[1]) for row in rows][window]
        else:
            limit = None if window.stop > RERANK else RERANK
            rows = self._candidates(expression, where, params, "relevance", limit)
            reranked = self._rerank(rows[:RERANK], clauses, phrase)
            ranked = (reranked + [(r[0], r[1]) for r in rows[RERANK:]])[window]
        results.hits = self._hits(ranked, phrases)
        if request.facets:
            ids = [m[0] for m in matched] if matched is not None else None
            results.facets = self._facets(expression, clauses, needed, request.filters, ids)
        return results

    def _near(self, rows, clauses, needed) -> list[tuple[int, float]]:
        texts = SearchDocument.objects.in_bulk([r[0] for r in rows], field_name="id")
        size = proximity_window(clauses)
        kept = []
        for doc_id, score in rows:
            doc = texts.get(doc_id)
            if doc is None:
                continue
            words = (doc.title_folded + " " + doc.body_folded).split()
            if covered_within(words, clauses, size) >= needed:
                kept.append((doc_id, score))
        return kept

    def _count(self, expression, where, params) -> int:
        sql = f"SELECT count(*) FROM ({dialect().ids_sql(where)}) AS matched"  # noqa: S608
        return self._run(sql, [expression, *params])[0][0]

    def _rerank(self, rows, clauses, phrase) -> list[tuple[int, float]]:
        if not rows:
            return []
        titles = dict(
            SearchDocument.objects.filter(id__in=[r[0] for r in rows]).values_list(
                "id", "title_folded"
            )
        )
        bodies = {}
        if phrase and len(phrase) > 1:
            bodies = dict(
                SearchDocument.objects.filter(id__in=[r[0] for r in rows[:50]]).values_list(
                    "id", "body_folded"
                )
            )
        best = max(r[1] for r in rows) or 1.0
        text_phrase = " " + " ".join(phrase) + " "
        scored = []
        for doc_id, rank in rows:
            title = " " + titles.get(doc_id, "") + " "
            words = set(title.split())
            score = rank / best
            if len(phrase) > 1 and text_phrase in title:
                score += 3.0
            if all(any(" " + " ".join(p) + " " in title for p in c.phrases) for c in clauses):
                score += 1.5
            elif clauses:
                score += 0.5 * sum(1 for c in clauses if c.tokens & words) / len(clauses)
            if doc_id in bodies and text_phrase in " " + bodies[doc_id] + " ":
                score += 0.5
            scored.append((doc_id, score))
        scored.sort(key=lambda item: -item[1])
        return scored

    def _hits(self, ranked: list[tuple[int, float]], phrases) -> list[Hit]:
        documents = SearchDocument.objects.in_bulk([doc_id for doc_id, _ in ranked])
        hits = []
        for doc_id, score in ranked:
            doc = documents.get(doc_id)
            if doc is None:
                continue
            hits.append(
                Hit(
                    page_id=doc.page_id,
                    key=doc.key,
                    title=doc.title,
                    content_type=doc.content_type,
                    url=doc.url,
                    snippet=highlight(doc.body, phrases),
                    title_html=mark(doc.title, phrase_spans(doc.title, phrases)),
                    score=score,
                    date=doc.date,
                )
            )
        return hits

    def _facets(
        self, expression, clauses, needed, filters, ids=None
    ) -> dict[str, list[FacetValue]]:
        """Counts per facet value, disjunctive within a facet: the counts of a facet are those
        of the results under every filter except the facet's own, so choosing one field of
        work still shows how many results the other fields would add (values of one facet are
        OR-ed, facets AND-ed). `ids` are the results under all filters when the proximity rule
        chose them (None: every document the expression matches)."""
        active = {
            name: [v for v in values if v]
            for name, values in filters.items()
            if name in FACETS and any(values)
        }
        rows = []
        if len(active) < len(FACETS):  # facets without a choice: the results as they are
            rows += self._facet_rows(expression, filters, ids, exclude=list(active))
        for name in active:
            others = {k: v for k, v in active.items() if k != name}
            where, params = self._filters(others)
            subset = None
            if ids is not None:  # the proximity rule applies to this wider set too
                rows_all = self._candidates(expression, where, params, "relevance", None)
                subset = [m[0] for m in self._near(rows_all, clauses, needed)]
            rows += self._facet_rows(expression, others, subset, only=name)
        counts: dict[str, list[FacetValue]] = defaultdict(list)
        for name, value, count in rows:
            counts[name].append(FacetValue(value, count, value in active.get(name, [])))
        for name, values in active.items():  # a chosen value is always shown, to unchoose it
            shown = {v.value for v in counts[name]}
            counts[name] += [FacetValue(v, 0, True) for v in values if v not in shown]
        for name, values in counts.items():
            if name == "year":
                values.sort(key=lambda v: v.value, reverse=True)
            else:
                values.sort(key=lambda v: (-v.count, v.value))
        return {name: values for name, values in counts.items() if values}

    def _facet_rows(self, expression, filters, ids, only=None, exclude=()) -> list[tuple]:
        """(name, value, count) over the documents `ids`, or those the expression matches
        under `filters`; only the facet `only`, or all but those in `exclude`."""
        if ids is not None:
            queryset = SearchFacet.objects.filter(document_id__in=ids)
            queryset = (
                queryset.filter(name=only) if only else queryset.exclude(name__in=list(exclude))
            )
            return list(queryset.values_list("name", "value").annotate(n=Count("id")).order_by())
        where, params = self._filters(filters)
        if only:
            names, name_params = "AND f.name = %s", [only]
        elif exclude:
            names = "AND f.name NOT IN (" + ", ".join(["%s"] * len(exclude)) + ")"
            name_params = list(exclude)
        else:
            names, name_params = "", []
        sql = (
            "SELECT f.name, f.value, count(*) FROM kbsearch_searchfacet f "  # noqa: S608
            f"WHERE f.document_id IN ({dialect().ids_sql(where)}) {names} "
            "GROUP BY f.name, f.value"
        )
        return self._run(sql, [expression, *params, *name_params])

    # autocomplete and related practices

    def autocomplete(self, text: str, limit: int = 8) -> list[Suggestion]:
        query = self.parse(text)
        if not query:
            return []
        clauses = [Clause(((t,),)) for t in query.tokens]
        expression = dialect().match(clauses, prefix_last=True, title_only=True)
        where = "AND d.content_type IN ('exemplar', 'initiative')"
        rows = self._candidates(expression, where, [], "relevance", limit * 3)
        documents = SearchDocument.objects.in_bulk([r[0] for r in rows])
        suggestions = []
        for doc_id, _rank in rows:
            doc = documents[doc_id]
            starts = doc.title_folded.startswith(" ".join(query.tokens))
            suggestions.append((not starts, len(doc.title), doc))
        suggestions.sort(key=lambda s: s[:2])
        return [Suggestion(d.title, d.url, d.content_type) for *_, d in suggestions[:limit]]

    def related(self, page, limit: int = 5) -> list[Hit]:
        """Good practices near a page: its title's words and its fields of work."""
        try:
            document = SearchDocument.objects.get(page_id=page.pk)
        except SearchDocument.DoesNotExist:
            return []
        query = self.parse(document.title)
        fields = set(document.facets.filter(name="field").values_list("value", flat=True))
        clauses = [c for c in query.required if all(len(t) > 1 for t in c.tokens)]
        expressions = [dialect().match([c]) for c in clauses]
        if fields:
            expressions += [
                dialect().match([Clause((tuple(f.split()),))])
                for f in {" ".join(analyse(v)) for v in fields}
            ]
        if not expressions:
            return []
        where = "AND d.content_type IN ('initiative', 'exemplar', 'story') AND d.id <> %s"
        rows = self._candidates(
            dialect().any_of(expressions), where, [document.id], "relevance", 60
        )
        shared = defaultdict(int)
        for doc_id, value in SearchFacet.objects.filter(
            document_id__in=[r[0] for r in rows], name="field"
        ).values_list("document_id", "value"):
            shared[doc_id] += value in fields
        best = max((r[1] for r in rows), default=1.0) or 1.0
        ranked = sorted(((r[0], r[1] / best + shared[r[0]]) for r in rows), key=lambda x: -x[1])
        return self._hits(ranked[:limit], [p for c in query.required for p in c.phrases])

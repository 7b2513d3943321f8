"""The embedded backend: the project's own document table, searched by the database.

SQLite answers with FTS5 (bm25, title weighted 10×) and PostgreSQL with its full-text search
(ts_rank over a tsvector whose title is weight A); both over text folded by `search.text`, so
"bao hiem xa hoi", "Bảo hiểm xã hội" and "BHXH" find the same pages, and đ is folded on both.

A query is answered in steps, each only when the one before found nothing:
1. every meaningful clause of the query (stopwords of questions left out) must match, and
   when matches are few, close together (within `proximity_window` words);
2. with five clauses or more, all but one must match;
3. words found nowhere in the index are replaced by the closest indexed word (typos).
Matching ignores the facet filters; the filters and the facet counts are then applied to the
matching ids in memory (`facets.py`). The best candidates are re-ranked: the whole query as a
phrase in the title, then all of its words in the title, then the phrase in the body, add to
the database's score. Only the page of hits is read in full and highlighted. search/README.md
has the figures behind these choices.
"""

from __future__ import annotations

import datetime
import itertools
import time
from collections import defaultdict

import numpy as np
from django.db import connection, transaction

from ..documents import FACETS, DocumentData
from ..models import SearchDocument, SearchFacet
from ..text import (
    Clause,
    Query,
    Vocabulary,
    analyse,
    clause_score,
    covered_within,
    highlight,
    mark,
    phrase_spans,
    proximity_window,
)
from .base import FacetValue, Hit, SearchBackend, SearchRequest, SearchResults, Suggestion
from .facets import facet_table, parse_ids
from .facets import stamp as index_stamp

# Up to this many matches, scattered words are filtered out (checked in Python over the folded
# text: about 0.05 ms a document, so 1,000 of them cost some 50 ms; 2,000 was too many at scale).
PROXIMITY_LIMIT = 1000
RERANK = 200  # candidates re-ranked in Python (the rest keep the database's order)
LARGE = 5000  # from this many matches, rank the title matches alone when they fill the page
RANKED = 10000  # at most this many matches (the newest) are ranked by relevance
SAMPLED = 50  # beyond PROXIMITY_LIMIT matches, the best this many are checked for proximity
DOC = "kbsearch_searchdocument"


# --- match expressions ---------------------------------------------------------------------------


class Dialect:
    id_column = "d.id"


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

    def near(self, clauses, window: int) -> str | None:
        """FTS5's own proximity test over the clauses of a single phrase (`NEAR(…, N)` takes
        no alternatives): a cheap first cut before the exact check in Python. None when
        fewer than two such clauses."""
        singles = [c.phrases[0] for c in clauses if len(c.phrases) == 1]
        if len(singles) < 2:
            return None
        return "NEAR(" + " ".join(self._phrase(p, False) for p in singles) + f", {int(window)})"

    id_column = "kbsearch_fts.rowid"

    def candidates_sql(self, where: str, order: str, limit: int | None) -> str:
        # The documents table is joined only when a condition or the order needs it: the FTS
        # rowid is the document id, and the join costs more than the ranking on large sets.
        join = order == "date" or "d." in where
        rank = "bm25(kbsearch_fts, 10.0, 1.0)"
        order_by = rank if order == "relevance" else f"d.date DESC NULLS LAST, {rank}"
        sql = (
            f"SELECT kbsearch_fts.rowid, -{rank} AS score FROM kbsearch_fts "  # noqa: S608
            + (f"JOIN {DOC} d ON d.id = kbsearch_fts.rowid " if join else "")
            + f"WHERE kbsearch_fts MATCH %s {where} ORDER BY {order_by}"
        )
        return sql + (f" LIMIT {int(limit)}" if limit else "")

    def ids_sql(self) -> str:
        return "SELECT rowid FROM kbsearch_fts WHERE kbsearch_fts MATCH %s"

    def aggregated_ids_sql(self) -> str:
        """Every matching id in one comma-separated string."""
        return "SELECT group_concat(rowid) FROM kbsearch_fts WHERE kbsearch_fts MATCH %s"


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

    def near(self, clauses, window: int) -> str | None:
        return None  # `<N>` binds two words only: the check in Python does it all

    def candidates_sql(self, where: str, order: str, limit: int | None) -> str:
        rank = "ts_rank(d.search_vector, to_tsquery('simple', %s))"
        order_by = "score DESC" if order == "relevance" else "d.date DESC NULLS LAST, score DESC"
        sql = (
            f"SELECT d.id, {rank} AS score FROM {DOC} d "  # noqa: S608
            f"WHERE d.search_vector @@ to_tsquery('simple', %s) {where} ORDER BY {order_by}"
        )
        return sql + (f" LIMIT {int(limit)}" if limit else "")

    def ids_sql(self) -> str:
        return f"SELECT d.id FROM {DOC} d WHERE d.search_vector @@ to_tsquery('simple', %s)"  # noqa: S608

    id_column = "d.id"

    def aggregated_ids_sql(self) -> str:
        return (
            f"SELECT string_agg(d.id::text, ',') FROM {DOC} d "  # noqa: S608
            "WHERE d.search_vector @@ to_tsquery('simple', %s)"
        )


def dialect() -> Dialect:
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SQLiteDialect()
    raise NotImplementedError(f"the embedded search backend does not support {connection.vendor}")


# --- the vocabulary of the index, for typo correction -------------------------------------------

_vocabulary: dict[str, tuple[object, float, float, Vocabulary]] = {}
VOCABULARY_TTL = 60.0  # seconds a costly vocabulary is kept although the index changed
CHEAP = 0.1  # seconds: a vocabulary read faster than this is read again on every change


def _terms() -> tuple[dict[str, int], set[str]]:
    """Every term of the full-text index with its number of documents, and the terms found in
    titles, read from the engine's own term lists rather than from the documents' text."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.kbsearch_fts_terms "
                "USING fts5vocab(main, kbsearch_fts, 'col')"
            )
            cursor.execute("SELECT term, col, doc FROM temp.kbsearch_fts_terms")
            rows = cursor.fetchall()
        else:
            stat = f"ts_stat('SELECT search_vector FROM {DOC}'"  # noqa: S608
            cursor.execute(f"SELECT word, 'body_folded', ndoc FROM {stat})")  # noqa: S608
            rows = cursor.fetchall()
            cursor.execute(f"SELECT word, 'title_folded', ndoc FROM {stat}, 'A')")  # noqa: S608
            rows += [(word, column, 0) for word, column, _ in cursor.fetchall()]
    counts: dict[str, int] = {}
    titles: set[str] = set()
    for term, column, documents in rows:
        if not term.isalnum():
            continue
        counts[term] = counts.get(term, 0) + documents  # SQLite: a document per column
        if column == "title_folded":
            titles.add(term)
    return counts, titles


def index_vocabulary() -> Vocabulary:
    """The index's vocabulary, read again when the index has changed: at once while reading
    it is cheap (under `CHEAP` seconds, small indexes), otherwise at most every
    `VOCABULARY_TTL` seconds (about a second at 100,000 documents), so a word first published
    less than a minute ago may not be offered as a correction yet."""
    stamp = list(index_stamp())
    key = connection.alias + ":" + str(connection.settings_dict.get("NAME"))
    cached = _vocabulary.get(key)
    now = time.monotonic()
    if cached:
        cached_stamp, loaded_at, cost, words = cached
        if cached_stamp == stamp or (cost >= CHEAP and now - loaded_at < VOCABULARY_TTL):
            return words
    started = time.monotonic()
    counts, titles = _terms()
    words = Vocabulary(counts, titles, documents=SearchDocument.objects.count())
    _vocabulary[key] = (stamp, now, time.monotonic() - started, words)
    return words


# --- the backend ---------------------------------------------------------------------------------


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    # indexing

    def index(self, data: DocumentData) -> None:
        """Store the page's document under the page's own number: document ids then follow
        the order pages were created in, whichever way they were indexed (one by one, or
        rebuilt model by model), and "the newest matches" (RANKED) means the newest pages."""
        with transaction.atomic():
            # A document an older version numbered otherwise is replaced.
            SearchDocument.objects.filter(page_id=data.page_id).exclude(id=data.page_id).delete()
            document, _ = SearchDocument.objects.update_or_create(
                id=data.page_id,
                defaults={
                    "page_id": data.page_id,
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
                f"AND {dialect().id_column} IN (SELECT document_id "  # noqa: S608
                f"FROM kbsearch_searchfacet WHERE name = %s AND value IN ({marks}))"
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
        """Words found nowhere replaced by the closest word of the index (titles and bodies):
        typos in names, and in any other word.

        Whether a word is found anywhere is first asked of the vocabulary (the index's own
        term list, in memory); only a word missing from it is looked for in the index, in
        case it was indexed since the vocabulary was read. Asked with `LIMIT 1`, PostgreSQL
        chose a sequential scan over every document for a word found nowhere (350 ms at
        100,000 documents)."""
        d = dialect()
        vocabulary = None
        changed, result = False, []
        for clause in clauses:
            token = (
                clause.phrases[0][0]
                if len(clause.phrases) == 1 and len(clause.phrases[0]) == 1
                else None
            )
            if token is None:
                result.append(clause)
                continue
            vocabulary = index_vocabulary() if vocabulary is None else vocabulary
            if token not in vocabulary and not self._ids(d.match([clause])):
                fixed = vocabulary.correct(token)
                if fixed:
                    result.append(Clause(((fixed,),)))
                    changed = True
                    continue
            result.append(clause)
        return result if changed else None

    def _ids(self, expression: str) -> list:
        return [row[0] for row in self._run(dialect().ids_sql(), [expression])]

    def _candidates(self, expression, where, params, order, limit):
        d = dialect()
        sql = d.candidates_sql(where, order, limit)
        args = [expression, expression] if isinstance(d, PostgresDialect) else [expression]
        return self._run(sql, [*args, *params])

    def _match_ids(self, expression: str) -> np.ndarray:
        """Every document the expression matches, without filters (one aggregated row)."""
        return parse_ids(self._run(dialect().aggregated_ids_sql(), [expression])[0][0])

    def search(self, request: SearchRequest) -> SearchResults:
        """Matches are decided without the facet filters (so that the counts shown beside the
        results are those a click on them gives), then filtered, ranked and counted."""
        results = SearchResults(request=request, backend=self.name)
        query = self.parse(request.text)
        if not query:
            return results
        for expression, clauses, correction, needed in self._strategies(query):  # noqa: B007
            ids = self._match_ids(expression)
            near = None
            if 0 < len(ids) <= PROXIMITY_LIMIT and len(clauses) >= 2:
                # Few matches: keep those where the words stand together, not scattered
                # over a long text (what a question the base cannot answer would find).
                close = None
                if needed == len(clauses):
                    close = dialect().near(clauses, proximity_window(clauses))
                if close is not None:  # the database drops the scattered ones first
                    ids = self._match_ids(f"({expression}) AND {close}")
                rows = [(int(i), 0.0) for i in ids]
                near = self._near(rows, clauses, needed, rescore=needed < len(clauses))
                if len(near) > 1 and needed == len(clauses):
                    # Ranked by the database only when there is an order to find: a question
                    # the base cannot answer keeps none, a precise one often a single page.
                    near = self._ranked(expression, [m[0] for m in near])
                ids = np.array([m[0] for m in near], dtype=np.int64)
            if len(ids):
                break
        else:
            return results
        active = {
            name: [v for v in values if v]
            for name, values in request.filters.items()
            if name in FACETS and any(values)
        }
        table = facet_table() if (active or request.facets) else None
        selected = table.select(ids, active) if active else ids
        results.total = len(selected)
        results.corrected = correction
        if request.facets:
            results.facets = self._facets(table.counts(ids, active), active)
        if not results.total:
            return results
        where, params = self._filters(active)
        phrases = [p for c in clauses for p in c.phrases]
        phrase = tuple(t for c in query.clauses if not c.stopword for t in c.phrases[0])
        window = slice(request.offset, request.offset + request.per_page)
        if near is not None:
            kept = set(selected.tolist())
            matched = [m for m in near if m[0] in kept]
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
            rows = None
            if results.total > RANKED:
                # Ranking costs a pass over every match: beyond RANKED of them (a query as
                # broad as "bhxh", in nine documents of ten), only the newest RANKED are
                # ranked. The total and the facet counts still cover every match.
                cut = len(selected) - RANKED
                floor = int(np.partition(selected, cut)[cut])
                where, params = f"{where} AND {dialect().id_column} >= %s", [*params, floor]
            if results.total > LARGE and needed == len(clauses) and window.stop <= RERANK:
                # Many matches: the best are those with every clause in the title (the
                # re-ranking puts them first), so rank that much smaller set alone when it
                # fills the page. bm25 over tens of thousands of matches is what costs.
                title = dialect().match(clauses, title_only=True)
                rows = self._candidates(title, where, params, "relevance", RERANK)
                rows = rows if len(rows) >= window.stop else None
            if rows is None:
                limit = None if window.stop > RERANK else RERANK
                rows = self._candidates(expression, where, params, "relevance", limit)
            reranked = self._rerank(rows[:RERANK], clauses, phrase)
            if near is None and len(clauses) >= 2:
                # Too many matches for the proximity check on all of them: it looks at the
                # best few instead. Those with the words together come first; when none of
                # them has, the words are only scattered (a question the base cannot answer,
                # asked with common words), and the reader is told nothing was found.
                best = reranked[:SAMPLED]
                close = {m[0] for m in self._near(best, clauses, needed)}
                if not close:
                    results.total, results.facets = 0, {}
                    return results
                reranked = [m for m in best if m[0] in close] + [
                    m for m in reranked if m[0] not in close
                ]
            ranked = (reranked + [(r[0], r[1]) for r in rows[RERANK:]])[window]
        results.hits = self._hits(ranked, phrases)
        return results

    def _near(self, rows, clauses, needed, rescore=False) -> list[tuple[int, float]]:
        """The rows whose document has `needed` clauses within the proximity window, in the
        rows' order (or, with `rescore`, scored by `clause_score` and sorted)."""
        texts = self._folded_texts([r[0] for r in rows])
        size = proximity_window(clauses)
        kept = []
        vocabulary = index_vocabulary() if rescore else None
        for doc_id, score in rows:
            text = texts.get(doc_id)
            if text is None:
                continue
            if covered_within(text[0] + " " + text[1], clauses, size, needed) >= needed:
                if vocabulary is not None:
                    score = clause_score(
                        text[0], text[1], clauses, vocabulary.counts, vocabulary.documents
                    )
                kept.append((doc_id, score))
        if rescore:
            kept.sort(key=lambda row: (-row[1], row[0]))
        return kept

    def _ranked(self, expression: str, ids: list[int]) -> list[tuple[int, float]]:
        """`ids` (matches of `expression`) in the database's relevance order (bm25 / ts_rank).

        Every match is ranked and those outside `ids` dropped: FTS5 answers `rowid IN (…)`
        with a whole MATCH per id, which costs more than ranking a thousand matches."""
        wanted = set(ids)
        rows = self._candidates(expression, "", [], "relevance", None)
        return [(row[0], row[1]) for row in rows if row[0] in wanted]

    def _folded_texts(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """Folded title and body of each document, in one query with the ids inlined
        (integers only): a thousand bound parameters cost more to prepare than to read."""
        if not ids:
            return {}
        listed = ",".join(str(int(i)) for i in ids)
        sql = f"SELECT id, title_folded, body_folded FROM {DOC} WHERE id IN ({listed})"  # noqa: S608
        return {doc_id: (title, body) for doc_id, title, body in self._run(sql, [])}

    def _rerank(self, rows, clauses, phrase) -> list[tuple[int, float]]:
        if not rows:
            return []
        texts = self._folded_texts([r[0] for r in rows])
        titles = {doc_id: text[0] for doc_id, text in texts.items()}
        bodies = {}
        if phrase and len(phrase) > 1:
            bodies = {r[0]: texts[r[0]][1] for r in rows[:50] if r[0] in texts}
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
        """The page of hits, each with its snippet (only these are highlighted)."""
        documents = SearchDocument.objects.defer("title_folded", "body_folded").in_bulk(
            [doc_id for doc_id, _ in ranked]
        )
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
        self, counted: dict[str, list[tuple[str, int]]], active: dict[str, list[str]]
    ) -> dict[str, list[FacetValue]]:
        """The counts as the page shows them: a chosen value is always listed (to unchoose
        it), years newest first, other facets by count."""
        counts: dict[str, list[FacetValue]] = defaultdict(list)
        for name, values in counted.items():
            chosen = active.get(name, [])
            counts[name] += [FacetValue(v, n, v in chosen) for v, n in values]
        for name, values in active.items():
            shown = {v.value for v in counts[name]}
            counts[name] += [FacetValue(v, 0, True) for v in values if v not in shown]
        for name, values in counts.items():
            if name == "year":
                values.sort(key=lambda v: v.value, reverse=True)
            else:
                values.sort(key=lambda v: (-v.count, v.value))
        return {name: values for name, values in counts.items() if values}

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

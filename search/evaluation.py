"""Relevance metrics for a judged query set. Pure Python, no Django.

A query is `{"id", "query", "category", "relevant": {KEY: grade}}` (grade 2 highly relevant,
1 relevant). A query with no relevant document scores 1 on every metric when nothing is
returned and 0 otherwise: the reader should be told "nothing found", not shown noise.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

K = 10


def dcg(gains: Sequence[float]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(results: Sequence[str], relevant: Mapping[str, int], k: int = K) -> float:
    if not relevant:
        return 1.0 if not results else 0.0
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(key, 0) for key in results[:k]]) / ideal if ideal else 0.0


def recall_at(results: Sequence[str], relevant: Mapping[str, int], k: int = K) -> float:
    if not relevant:
        return 1.0 if not results else 0.0
    return len(set(results[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(results: Sequence[str], relevant: Mapping[str, int]) -> float:
    if not relevant:
        return 1.0 if not results else 0.0
    for rank, key in enumerate(results, 1):
        if relevant.get(key, 0) > 0:
            return 1.0 / rank
    return 0.0


def score(query: Mapping, results: Sequence[str]) -> dict[str, float]:
    relevant = {k: int(v) for k, v in (query.get("relevant") or {}).items() if int(v) > 0}
    return {
        "ndcg@10": ndcg_at(results, relevant),
        "recall@10": recall_at(results, relevant),
        "mrr": reciprocal_rank(results, relevant),
    }


def summarise(scored: Iterable[tuple[Mapping, dict[str, float]]]) -> dict:
    """Mean figures overall and per category: {"ndcg@10", "recall@10", "mrr", "by_category"}."""
    by_category: dict[str, list[dict[str, float]]] = defaultdict(list)
    everything: list[dict[str, float]] = []
    for query, figures in scored:
        by_category[query.get("category", "")].append(figures)
        everything.append(figures)

    def mean(rows: list[dict[str, float]]) -> dict[str, float]:
        return {
            m: round(sum(r[m] for r in rows) / len(rows), 4) if rows else 0.0
            for m in ("ndcg@10", "recall@10", "mrr")
        }

    summary = mean(everything)
    summary["queries"] = len(everything)
    summary["by_category"] = {
        name: {**mean(rows), "queries": len(rows)} for name, rows in sorted(by_category.items())
    }
    return summary

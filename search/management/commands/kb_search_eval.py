"""Measure search relevance on a judged query set (JSON Lines), against the current content.

Prints nDCG@10, recall@10 and MRR per category and overall; the last line is a JSON object of
those figures. With --run FILE, also writes each query's ranked result keys (top 20).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.backends.base import SearchRequest
from search.evaluation import score, summarise

TOP = 20


class Command(BaseCommand):
    help = "Đánh giá độ phù hợp của tìm kiếm trên một bộ câu truy vấn đã chấm (JSON Lines)."

    def add_arguments(self, parser):
        parser.add_argument("queries", help="tệp JSON Lines các câu truy vấn đã chấm")
        parser.add_argument("--run", help="ghi kết quả xếp hạng của từng câu (JSON Lines)")

    def handle(self, *args, queries, run=None, **options):
        judged = self._read(queries)
        backend = get_backend()
        scored, lines = [], []
        for query in judged:
            results = backend.search(SearchRequest(query["query"], per_page=TOP, facets=False))
            keys = [hit.key for hit in results.hits][:TOP]
            scored.append((query, score(query, keys)))
            lines.append(json.dumps({"id": query["id"], "results": keys}, ensure_ascii=False))
        if run:
            with open(run, "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")
        summary = summarise(scored)
        self.stdout.write(f"{'nhóm':<14} {'số câu':>6} {'nDCG@10':>8} {'recall@10':>10} {'MRR':>6}")
        rows = [*summary["by_category"].items(), ("(tổng)", summary)]
        for name, figures in rows:
            self.stdout.write(
                f"{name:<14} {figures['queries']:>6} {figures['ndcg@10']:>8.3f} "
                f"{figures['recall@10']:>10.3f} {figures['mrr']:>6.3f}"
            )
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _read(self, path: str) -> list[dict]:
        queries = []
        try:
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, 1):
                    if not line.strip():
                        continue
                    try:
                        query = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise CommandError(
                            f"{path}:{number}: JSON không hợp lệ: {error}"
                        ) from error
                    if not isinstance(query, dict) or "id" not in query or "query" not in query:
                        raise CommandError(f"{path}:{number}: thiếu 'id' hoặc 'query'")
                    queries.append(query)
        except OSError as error:
            raise CommandError(str(error)) from error
        return queries

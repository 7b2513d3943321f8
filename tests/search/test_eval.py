"""The team's judged query set over the demo data: kb_search_eval prints the figures."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from kb.demo.content import build_demo_records
from kb.interchange.importer import import_records
from search.evaluation import ndcg_at, recall_at, reciprocal_rank
from search.index import rebuild

QUERIES = Path(__file__).resolve().parents[2] / "search" / "eval" / "queries.jsonl"


def test_metrics_on_a_hand_checked_ranking():
    relevant = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b"], relevant) == 1.0
    assert 0 < ndcg_at(["x", "b", "a"], relevant) < 1
    assert recall_at(["x", "a"], relevant) == 0.5
    assert reciprocal_rank(["x", "b"], relevant) == 0.5
    assert ndcg_at([], {}) == 1.0 and ndcg_at(["x"], {}) == 0.0  # no-answer queries


def test_the_query_set_covers_every_category():
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()]
    assert len(queries) >= 50
    categories = {q["category"] for q in queries}
    assert categories == {"accentless", "acronym", "name", "question", "typo", "no-answer"}


@pytest.mark.django_db
def test_kb_search_eval_reaches_the_goal_on_the_demo_data(site_structure, tmp_path, capsys):
    import_records(enumerate(build_demo_records(), 1))
    rebuild()
    run = tmp_path / "run.jsonl"

    call_command("kb_search_eval", str(QUERIES), "--run", str(run))

    lines = capsys.readouterr().out.strip().splitlines()
    figures = json.loads(lines[-1])
    assert set(figures) >= {"ndcg@10", "recall@10", "mrr", "by_category"}
    assert figures["ndcg@10"] >= 0.9
    for category, values in figures["by_category"].items():
        assert values["ndcg@10"] >= 0.85, category
    ranked = [json.loads(line) for line in run.read_text(encoding="utf-8").splitlines()]
    assert len(ranked) == figures["queries"]
    assert all(len(r["results"]) <= 20 for r in ranked)

"""Benchmark search: the embedded backend against Wagtail's stock database search backend.

    .venv/bin/python bench/bench_search.py [--sizes 10000,100000] [--databases sqlite,postgres]
                                           [--queries 72] [--repeat 3] [--seed 1]

For each database, in a database of its own (SQLite: a file in a temporary folder;
PostgreSQL: `kb_bench_search` on 127.0.0.1:5432, created and dropped here through psycopg),
never the developer's:

1. relevance: the demo content (`kb.demo.content` through the importer, as `kb_demo` loads it)
   indexed by both backends (`kb_reindex`, Wagtail's `update_index`); the judged queries of
   `search/eval/queries.jsonl` scored with `search.evaluation` for the embedded backend and,
   in the same way, for the stock backend (its result order; pages mapped to their keys, pages
   without a key count as non-relevant);
2. latency: pages added by `kb.demo.scale.generate()` up to each size (70% exemplars, 20%
   initiatives, 10% stories, on top of the demo content), both indexes rebuilt, then
   `--queries` query strings (those of the judged set, then phrases cut from generated
   titles, half of them without diacritics) each run once to warm up and `--repeat` times
   timed: the embedded backend as the search page calls it (`get_backend().search()`: 20 hits
   with snippets, the total and the facet counts), the stock backend as Wagtail's own search
   view does (`Page.objects.live().search(q)` through a Paginator: the count and the first 20
   pages).

Each database runs in a child process (Django is set up once per process); the parent prints
the two tables at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "search" / "eval" / "queries.jsonl"
POSTGRES = "postgres://postgres@127.0.0.1:5432/kb_bench_search"
PER_PAGE = 20


# --- the parent: one child per database, then the tables ---------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="documents, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--queries", type=int, default=72, help="query strings timed")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query")
    parser.add_argument(
        "--stock-repeat", type=int, default=0, help="timed runs for the stock backend"
    )
    parser.add_argument(
        "--stock-budget",
        type=float,
        default=0,
        help="seconds for timing the stock backend per size (0: no limit); queries left when "
        "it runs out are not timed, and the figures say how many were",
    )
    parser.add_argument(
        "--existing",
        metavar="DATABASE_URL",
        help="only time the embedded backend on this database, already filled and indexed "
        "(e.g. after kb_generate + kb_reindex): nothing is built, changed or dropped",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    if args.existing:
        time_existing(args)
        return

    rows: list[dict] = []
    relevance: list[dict] = []
    for database in [d.strip() for d in args.databases.split(",") if d.strip()]:
        out = Path(tempfile.mkstemp(prefix="kb-bench-search-", suffix=".jsonl")[1])
        command = [sys.executable, __file__, "--worker", database, "--out", str(out)]
        command += ["--sizes", args.sizes, "--queries", str(args.queries)]
        command += ["--repeat", str(args.repeat), "--seed", str(args.seed)]
        command += ["--stock-repeat", str(args.stock_repeat)]
        command += ["--stock-budget", str(args.stock_budget)]
        print(f"\n=== {database} ===", flush=True)
        code = subprocess.call(command)  # noqa: S603
        latest: dict[tuple, dict] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["kind"] == "relevance":
                relevance.append(record)
            else:  # the last record of a size: with the stock backend's figures when it ended
                latest[(record["database"], record["size"])] = record
        rows += latest.values()
        out.unlink()
        if code:
            print(f"{database}: the run stopped with exit code {code}", flush=True)
    print_tables(rows, relevance)


def print_tables(rows: list[dict], relevance: list[dict]) -> None:
    print("\nLatency (ms per query; cpu = this process's CPU time; load = 1-min load average)")
    print(
        f"{'database':<10}{'size':>9}  {'backend':<10}{'p50':>9}{'p95':>10}"
        f"{'cpu p50':>9}{'cpu p95':>10}{'load':>6}  stock/embedded"
    )
    for row in rows:
        for backend in ("embedded", "stock"):
            figures = row[backend]
            if figures is None:
                print(f"{row['database']:<10}{row['size']:>9,}  {backend:<10}  (not measured)")
                continue
            ratio = ""
            if backend == "stock":
                # Over the same queries: a budget may have cut the stock backend's run short.
                timed = len(figures["by_query"])
                same = sorted(s for q in row["embedded"]["by_query"][:timed] for s in q)
                ratio = f"p50 {figures['p50'] / statistics.median(same):.1f}× "
                ratio += f"p95 {figures['p95'] / percentile(same, 0.95):.1f}×"
                if timed < len(row["embedded"]["by_query"]):
                    ratio += f" (the first {timed} queries, both backends)"
            print(
                f"{row['database']:<10}{row['size']:>9,}  {backend:<10}"
                f"{figures['p50']:>9.1f}{figures['p95']:>10.1f}"
                f"{figures.get('cpu_p50', 0):>9.1f}{figures.get('cpu_p95', 0):>10.1f}"
                f"{figures.get('load', 0):>6.1f}  {ratio}"
            )
    print("\nRelevance on the judged query set over the demo data (nDCG@10 / recall@10 / MRR)")
    for record in relevance:
        for backend in ("embedded", "stock"):
            summary = record[backend]
            print(
                f"{record['database']:<10}{backend:<10}{'overall':<12}"
                f"{summary['ndcg@10']:>7.3f}{summary['recall@10']:>7.3f}{summary['mrr']:>7.3f}"
            )
            for name, figures in summary["by_category"].items():
                print(
                    f"{'':<20}{name:<12}{figures['ndcg@10']:>7.3f}"
                    f"{figures['recall@10']:>7.3f}{figures['mrr']:>7.3f}"
                )


# --- the child: one database -------------------------------------------------------------------


def create_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def worker(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kb-bench-search-"))
    if args.worker == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL", POSTGRES)
        create_postgres(url)
    elif args.worker == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
    else:
        raise SystemExit(f"unknown database {args.worker!r} (sqlite, postgres)")
    # Before Django reads its settings: a database of our own, tasks run inline, no debug log.
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "kb.settings.test"
    sys.path.insert(0, str(ROOT))
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
        if args.worker == "postgres":
            drop_postgres(url)


def emit(args: argparse.Namespace, record: dict) -> None:
    with open(args.out, "a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def step(label: str):
    """Print what is being done and, when it ends, how long it took."""

    class _Step:
        def __enter__(self):
            print(f"{label} …", flush=True)
            self.started = time.perf_counter()

        def __exit__(self, *exc):
            print(f"{label}: {time.perf_counter() - self.started:.1f} s", flush=True)

    return _Step()


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from kb.demo.content import build_demo_records
    from kb.home.structure import ensure_site_structure
    from kb.interchange.importer import import_records
    from search.index import count_pages

    version = (
        f"SQLite {connection.Database.sqlite_version}"
        if connection.vendor == "sqlite"
        else f"PostgreSQL {connection.pg_version // 10000}"
    )
    print(f"{args.worker}: {connection.settings_dict['NAME']} ({version})", flush=True)
    with step("migrate"):
        call_command("migrate", verbosity=0)
    judged = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()]

    with step("demo content"):
        ensure_site_structure()
        import_records(enumerate(build_demo_records(), 1))
    reindex_both()
    emit(
        args,
        {
            "kind": "relevance",
            "database": args.worker,
            "embedded": relevance(judged, embedded_keys),
            "stock": relevance(judged, stock_keys),
        },
    )

    from kb.demo.scale import generate

    for size in sorted(int(s) for s in args.sizes.split(",") if s.strip()):
        missing = size - count_pages()
        if missing > 0:
            with step(f"generate {missing:,} pages"):
                exemplars, initiatives = round(missing * 0.7), round(missing * 0.2)
                generate(
                    exemplars=exemplars,
                    initiatives=initiatives,
                    stories=missing - exemplars - initiatives,
                    seed=args.seed,
                    progress=_progress(),
                )
        reindex_embedded()
        documents = count_pages()
        strings = query_strings(judged, args.queries, args.seed)
        record = {"kind": "latency", "database": args.worker, "size": documents}
        record["queries"] = len(strings)
        record["embedded"] = timings(
            strings, embedded_search, args.repeat, f"embedded @ {documents:,}"
        )
        record["stock"] = None
        emit(args, record)  # kept if the stock backend's run is cut short
        reindex_stock()
        stock_repeat = args.stock_repeat or args.repeat
        record["stock"] = timings(
            strings,
            stock_search,
            stock_repeat,
            f"stock @ {documents:,}",
            budget=args.stock_budget,
        )
        emit(args, record)


def time_existing(args: argparse.Namespace) -> None:
    """The embedded backend's latency on a database as it is, the same queries and timing as
    a full run: to compare two versions of the code, or of a schema, on one database."""
    os.environ["DATABASE_URL"] = args.existing
    os.environ["DJANGO_SETTINGS_MODULE"] = "kb.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from search.index import count_pages

    judged = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()]
    strings = query_strings(judged, args.queries, args.seed)
    documents = count_pages()
    figures = timings(strings, embedded_search, args.repeat, f"embedded @ {documents:,}")
    print(
        f"{documents:,} documents, {len(strings)} queries × {args.repeat}: "
        f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms "
        f"(CPU p95 {figures['cpu_p95']:.1f} ms, load {figures['load']:.1f})"
    )


def _progress():
    last = {"phase": None, "shown": 0.0}

    def report(phase, done, total):
        now = time.perf_counter()
        if phase != last["phase"] or done == total or now - last["shown"] > 5:
            print(f"  {phase}: {done:,}/{total:,}", flush=True)
            last.update(phase=phase, shown=now)

    return report


def reindex_both() -> None:
    reindex_embedded()
    reindex_stock()


def reindex_embedded() -> None:
    """The embedded index first and timed at once: at 100,000 pages Wagtail's own index takes
    far longer to build (on PostgreSQL especially), and a run cut short keeps these figures."""
    from django.core.management import call_command

    with step("kb_reindex (embedded index)"):
        call_command("kb_reindex", stdout=sys.stdout, stderr=sys.stderr)
    analyse()


def reindex_stock() -> None:
    from django.core.management import call_command

    with step("update_index (Wagtail's stock index)"):
        call_command("update_index", stdout=sys.stdout, verbosity=1)
    analyse()


def analyse() -> None:
    """Fresh planner statistics after bulk loads, as autovacuum/`ANALYZE` would give."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- the two backends --------------------------------------------------------------------------


def embedded_search(text: str):
    from search.backends import get_embedded
    from search.backends.base import SearchRequest

    return get_embedded().search(SearchRequest(text, per_page=PER_PAGE))


def stock_search(text: str):
    """What Wagtail's own search view does: a Paginator over `Page.objects.live().search()`."""
    from django.core.paginator import Paginator
    from wagtail.models import Page

    results = Page.objects.live().search(text)
    return list(Paginator(results, PER_PAGE).get_page(1))


def _keys() -> dict[int, str]:
    from search.documents import indexed_models

    keys: dict[int, str] = {}
    for model in indexed_models():
        if any(f.name == "key" for f in model._meta.get_fields()):
            keys.update(model.objects.values_list("pk", "key"))
    return keys


def embedded_keys(text: str) -> list[str]:
    from search.backends import get_embedded
    from search.backends.base import SearchRequest

    results = get_embedded().search(SearchRequest(text, per_page=PER_PAGE, facets=False))
    return [hit.key for hit in results.hits]


def stock_keys(text: str) -> list[str]:
    from wagtail.models import Page

    keys = _keys()
    pages = Page.objects.live().search(text)[:PER_PAGE]
    return [keys.get(page.pk, f"page-{page.pk}") for page in pages]


def relevance(judged: list[dict], search) -> dict:
    from search.evaluation import score, summarise

    return summarise((query, score(query, search(query["query"]))) for query in judged)


# --- queries and timing ------------------------------------------------------------------------


def query_strings(judged: list[dict], count: int, seed: int) -> list[str]:
    """The judged queries, then 2–4 consecutive words of generated titles (every other one
    without diacritics), up to `count`, shuffled."""
    from kb.core.vietnamese import fold
    from search.models import SearchDocument

    strings = [q["query"] for q in judged][:count]
    rng = random.Random(seed)  # noqa: S311
    titles = list(
        SearchDocument.objects.filter(key__contains="-gen-")
        .order_by("id")
        .values_list("title", flat=True)[:5000]
    )
    while len(strings) < count and titles:
        words = rng.choice(titles).split()
        length = min(len(words), rng.randint(2, 4))
        start = rng.randint(0, len(words) - length)
        text = " ".join(words[start : start + length])
        strings.append(fold(text) if len(strings) % 2 else text)
    # In a mixed order, so that a run cut short by --stock-budget times a fair sample.
    rng.shuffle(strings)
    return strings


def timings(strings: list[str], search, repeat: int, label: str, budget: float = 0) -> dict:
    """Wall-clock milliseconds per query, and this process's CPU milliseconds (which other
    work on a shared machine does not inflate; on PostgreSQL the server's share is not in it),
    with the load average while it ran. With a `budget` (seconds), the queries left when it
    runs out are skipped: `queries` says how many were timed (the stock backend can take
    minutes for one query at 100,000 documents)."""
    samples, cpu, by_query = [], [], []
    deadline = time.perf_counter() + budget if budget else None
    timed = 0
    with step(f"time {label} ({len(strings)} queries × {repeat})"):
        for text in strings:
            if deadline is not None and time.perf_counter() > deadline:
                print(f"  budget of {budget:.0f} s spent after {timed} queries", flush=True)
                break
            timed += 1
            search(text)  # warm-up
            mine = []
            for _ in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                search(text)
                mine.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            samples += mine
            by_query.append(mine)
    samples.sort()
    cpu.sort()
    return {
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "max": samples[-1],
        "cpu_p50": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 0.95),
        "load": os.getloadavg()[0],
        "n": len(samples),
        "queries": timed,
        "by_query": by_query,
    }


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()

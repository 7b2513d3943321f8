"""Benchmark `kb_generate` (kb.demo.scale) against creating pages the ordinary way.

    .venv/bin/python bench/bench_generate.py [--records 100000] [--baseline 300] [--keep]
                                             [--full-check]

Everything happens in a fresh SQLite file in a temporary folder (migrated first, not timed),
never in the developer's database. In the same run:

- baseline: `--baseline` exemplars created one by one with
  `parent.add_child(instance=ExemplarPage(..., fields_of_work=..., titles=[...]))`, the same
  content as the generator composes, with the search-index and reference-index signal
  handlers switched off (the generator does not index either); extrapolated per record;
- generator: `--records` records split 70% exemplars, 20% initiatives, 10% stories.

It prints seconds and records per second for both and the speed-up, then checks the tree
(quickly in SQL; `--full-check` runs treebeard's `Page.find_problems()`, which takes minutes).
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=300, help="exemplars made one by one")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file afterwards")
    parser.add_argument(
        "--full-check",
        action="store_true",
        help="check the tree with treebeard's Page.find_problems() (minutes at 100,000 pages)",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kb-bench-generate-"))
    database = folder / "bench.sqlite3"
    # Before Django reads its settings: a database of our own, and no debug query log.
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kb.settings.test"
    sys.path.insert(0, str(ROOT))
    try:
        run(args, database)
    finally:
        if args.keep:
            print(f"Kept {database}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, database: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from kb.demo.scale import generate

    print(f"Database: {database} (SQLite {connection.Database.sqlite_version})")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s (not counted)")
    generate(units=34, seed=args.seed)  # units only: both runs attach pages to them

    baseline_n, baseline_s = run_baseline(args.baseline, args.seed)
    baseline_rate = baseline_n / baseline_s

    exemplars = round(args.records * 0.7)
    initiatives = round(args.records * 0.2)
    stories = args.records - exemplars - initiatives
    result = generate(exemplars=exemplars, initiatives=initiatives, stories=stories, seed=args.seed)
    rate = result.pages / result.seconds

    problems = tree_problems(full=args.full_check)
    connection.close()

    def line(label: str, records: int, seconds: float, per_second: str) -> None:
        print(f"{label:<34}{records:>9,}{seconds:>10.1f}{per_second:>11}")

    print(f"\n{'':<34}{'records':>9}{'seconds':>10}{'records/s':>11}")
    line("baseline: add_child(), one by one", baseline_n, baseline_s, f"{baseline_rate:,.0f}")
    line("  extrapolated to the same count", result.pages, result.pages / baseline_rate, "")
    line("kb_generate (kb.demo.scale)", result.pages, result.seconds, f"{rate:,.0f}")
    print(f"  + {result.relations:,} related rows (fields of work, titles, authors, links)")
    print(f"speed-up: {rate / baseline_rate:.1f}×")
    print(f"tree: {'valid' if not problems else f'PROBLEMS {problems}'}")


def tree_problems(full: bool) -> list:
    """What is wrong with the page tree: treebeard's own check, or a quick one in SQL."""
    from django.db.models import F
    from django.db.models.functions import Length
    from wagtail.models import Page

    from kb.home.structure import ensure_site_structure

    if full:
        return [problem for problem in Page.find_problems() if problem]
    problems = []
    wrong_depth = Page.objects.annotate(n=Length("path")).exclude(n=F("depth") * Page.steplen)
    if wrong_depth.exists():
        problems.append(f"{wrong_depth.count()} pages whose depth does not match the path")
    structure = ensure_site_structure()
    for parent in (structure.exemplars, structure.initiatives, structure.stories):
        parent.refresh_from_db()
        below = Page.objects.filter(path__startswith=parent.path).exclude(pk=parent.pk)
        children = below.filter(depth=parent.depth + 1).count()
        if parent.numchild != children:
            problems.append(f"{parent.title}: numchild {parent.numchild}, children {children}")
        if below.exclude(depth=parent.depth + 1).exists():
            problems.append(f"{parent.title}: pages deeper than its children")
    return problems


def run_baseline(count: int, seed: int) -> tuple[int, float]:
    """Create `count` exemplars with `add_child()`, as an editor's save would; time it."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from kb.demo import scale
    from kb.exemplars.models import ExemplarPage, ExemplarTitleAward
    from kb.home.structure import ensure_site_structure
    from kb.taxonomy.models import FieldOfWork

    parent = ensure_site_structure().exemplars
    pools = scale._load_pools([], "default")
    composer = scale._Composer(random.Random(seed), pools)
    records = [composer.exemplar(900_000 + n) for n in range(count)]  # not timed
    fields = FieldOfWork.objects.in_bulk()

    post_save.disconnect(post_save_signal_handler, sender=ExemplarPage)
    try:
        with disable_reference_index_auto_update():
            started = time.perf_counter()
            for record in records:
                values = {**record.page, "key": record.page["key"].replace("-gen-", "-base-")}
                page = ExemplarPage(
                    **values,
                    fields_of_work=[fields[pk] for pk in record.fields_of_work],
                    titles=[
                        ExemplarTitleAward(title_id=title_id, year=year, decision=decision)
                        for title_id, year, decision in record.titles
                    ],
                )
                parent.add_child(instance=page)
            seconds = time.perf_counter() - started
    finally:
        post_save.connect(post_save_signal_handler, sender=ExemplarPage)
    return count, seconds


if __name__ == "__main__":
    main()

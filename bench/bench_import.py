"""Benchmark `kb_import` (kb.interchange.importer) against publishing pages the ordinary way.

    .venv/bin/python bench/bench_import.py [--records 2000] [--baseline 100] [--keep]

Everything happens in a fresh SQLite file in a temporary folder (migrated first, not timed),
with the production task backend (search and reference indexing are queued, not run inline).
In the same run:

- baseline: `--baseline` exemplars created the way an editor's "Publish" does it,
  `parent.add_child(instance=ExemplarPage(...))` then `save_revision().publish()`, one by one;
  extrapolated per record;
- importer: `--records` records of the interchange format (10% units, 45% exemplars, 25%
  initiatives, 10% stories, 5% conferences, 5% reports) in one transaction, then the same file
  again (which must change nothing).

It prints seconds and records per second for each, and the ratios.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file afterwards")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kb-bench-import-"))
    database = folder / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kb.settings.test"
    sys.path.insert(0, str(ROOT))
    try:
        run(args)
    finally:
        if args.keep:
            print(f"Kept {database}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    import django
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    django.setup()
    from django.core.management import call_command

    from kb.exemplars.models import ExemplarPage
    from kb.home.structure import ensure_site_structure
    from kb.interchange.importer import import_records
    from kb.units.models import Unit, UnitLevel
    from tests.interchange.samples import large

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s (not counted)")
    structure = ensure_site_structure()

    unit = Unit.objects.create(code="BASE", name="BHXH tỉnh Mẫu", level=UnitLevel.PROVINCE)
    started = time.perf_counter()
    for n in range(args.baseline):
        page = structure.exemplars.add_child(
            instance=ExemplarPage(
                title=f"Điển hình mẫu {n}",
                slug=f"dien-hinh-mau-{n}",
                key=f"base-{n}",
                kind="individual",
                unit=unit,
                summary="Hoàn thành xuất sắc nhiệm vụ.",
                body=[("paragraph", "<p>Nội dung.</p>")],
            )
        )
        page.save_revision().publish()
    baseline_s = time.perf_counter() - started
    baseline_rate = args.baseline / baseline_s

    records = list(enumerate(large(args.records), start=1))
    started = time.perf_counter()
    result = import_records(records)
    import_s = time.perf_counter() - started
    assert sum(result.created.values()) == args.records, result.created

    started = time.perf_counter()
    again = import_records(records)
    reimport_s = time.perf_counter() - started
    assert not again.changed, "a second import of the same file changed something"

    rows = [
        ("baseline: add_child + publish", args.baseline, baseline_s),
        ("kb_import, first time", args.records, import_s),
        ("kb_import, same file again", args.records, reimport_s),
    ]
    print(f"\n{'':32} {'records':>8} {'seconds':>9} {'records/s':>10}")
    for label, count, seconds in rows:
        print(f"{label:32} {count:>8} {seconds:>9.2f} {count / seconds:>10.0f}")
    print(
        f"\nimport vs baseline: {args.records / import_s / baseline_rate:.1f}× faster per record; "
        f"extrapolated baseline for {args.records} records: "
        f"{args.records / baseline_rate:.0f} s"
    )


if __name__ == "__main__":
    main()

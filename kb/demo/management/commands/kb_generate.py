"""`manage.py kb_generate`: append scale data (published pages) for benchmarks.

    python manage.py kb_generate --exemplars 70000 --initiatives 20000 --stories 10000

See `kb.demo.scale` for how the pages are written and what is left for afterwards
(`manage.py kb_reindex` builds the search index; no revisions are made).
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries

from kb.demo.scale import DEFAULT_CHUNK_SIZE, generate


class Command(BaseCommand):
    help = (
        "Append generated, published exemplars, initiatives and stories (and province units) "
        "to the site, in bulk, for benchmarks. The search index is not updated: run "
        "`manage.py kb_reindex` afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--exemplars", type=int, default=0, metavar="N")
        parser.add_argument("--initiatives", type=int, default=0, metavar="M")
        parser.add_argument("--stories", type=int, default=0, metavar="S")
        parser.add_argument(
            "--units",
            type=int,
            default=0,
            metavar="U",
            help="Province units to add and attach the pages to (default: use the existing "
            "units; one per province on a database without any).",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        counts = {name: options[name] for name in ("exemplars", "initiatives", "stories", "units")}
        if any(n < 0 for n in counts.values()) or options["chunk_size"] < 1:
            raise CommandError("Counts cannot be negative and the chunk size must be positive.")
        if not any(counts.values()):
            raise CommandError("Nothing to do: give --exemplars, --initiatives or --stories.")

        show = not options["no_progress"] and sys.stderr.isatty()
        bar = _TqdmProgress() if show else None

        def progress(phase: str, done: int, total: int) -> None:
            # With DEBUG on, Django keeps the SQL of the last 9,000 queries: hundreds of
            # megabytes of INSERT text here. Nothing reads it in a command.
            reset_queries()
            if bar:
                bar(phase, done, total)

        try:
            result = generate(
                **counts,
                seed=options["seed"],
                chunk_size=options["chunk_size"],
                progress=progress,
            )
        finally:
            if bar:
                bar.close()

        rate = result.pages / result.seconds if result.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {result.exemplars} exemplars, {result.initiatives} initiatives, "
                f"{result.stories} stories, {result.units} units and {result.relations} "
                f"related rows in {result.seconds:.1f} s ({rate:,.0f} pages/s)."
            )
        )
        self.stdout.write("The search index was not updated: run `python manage.py kb_reindex`.")


class _TqdmProgress:
    """One tqdm bar per phase, on stderr."""

    def __init__(self):
        self.bar = None
        self.phase = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(total=total, desc=phase, unit=" rec", file=sys.stderr)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

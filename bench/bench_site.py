"""Benchmark the reader site: home, a listing with two filters and a profile, each against a
static copy of the same HTML served by the same server in the same run.

    .venv/bin/python bench/bench_site.py [--records 100000] [--requests 200] [--keep]

A fresh SQLite file in a temporary folder (migrated and filled by `kb.demo.scale.generate`,
what `manage.py kb_generate` runs: 70% exemplars, 20% initiatives, 10% stories; not timed).
One WSGI server (wsgiref, in a thread of this process, production-like settings with
DEBUG off) serves the Django site and, under /__static__/, the bytes of each page as first
rendered: the baseline, with no Django, template or database work at all. A client sends
`--requests` sequential GETs per page, in two rounds: the page cache off
(KB_PAGE_CACHE_SECONDS=0: every request renders the page) and on (local-memory cache, as
Redis would be in production, warmed by one request first). It prints requests per second,
median and p95 latency for each, and the ratio to the static copy.
"""

import argparse
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parents[1]
STATIC_PREFIX = "/__static__/"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # no access log on stderr
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file afterwards")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kb-bench-site-"))
    database = folder / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kb.settings.test"
    os.environ["KB_PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    try:
        run(args, database)
    finally:
        if args.keep:
            print(f"Kept {database}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def build(args, database: Path) -> None:
    from django.core.management import call_command
    from django.db import connection

    from kb.demo.scale import generate

    print(f"Database: {database} (SQLite {connection.Database.sqlite_version})")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    generate(units=34, seed=args.seed)
    exemplars = round(args.records * 0.7)
    initiatives = round(args.records * 0.2)
    stories = args.records - exemplars - initiatives
    result = generate(exemplars=exemplars, initiatives=initiatives, stories=stories, seed=args.seed)
    print(
        f"Generated {result.pages:,} pages (+{result.relations:,} related rows) "
        f"in {time.perf_counter() - started:.0f} s (not counted)"
    )


def targets() -> dict[str, str]:
    """Home, the exemplar listing filtered by a province and a field, and one profile."""
    from django.db.models import Count

    from kb.exemplars.models import ExemplarPage
    from kb.home.structure import ensure_site_structure
    from kb.units.models import Unit

    structure = ensure_site_structure()
    province = Unit.objects.provinces().order_by("pk").first()
    field = (
        ExemplarPage.objects.filter(unit__path__startswith=province.path)
        .values("fields_of_work__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["fields_of_work__slug"]
    )
    profile = ExemplarPage.objects.live().order_by("pk")[ExemplarPage.objects.count() // 2]
    return {
        "home": "/",
        "listing-2-filters": f"{structure.exemplars.url}?province={province.code}&field={field}",
        "profile": profile.url,
    }


def serve(static: dict[str, bytes]):
    from django.core.wsgi import get_wsgi_application

    django_app = get_wsgi_application()

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(STATIC_PREFIX):
            body = static[path[len(STATIC_PREFIX) :]]
            start_response(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return django_app(environ, start_response)

    server = make_server("127.0.0.1", 0, app, server_class=WSGIServer, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def fetch(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Host": "localhost"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def measure(port: int, path: str, n: int) -> dict[str, float]:
    timings = []
    started = time.perf_counter()
    for _ in range(n):
        t0 = time.perf_counter()
        status, _ = fetch(port, path)
        timings.append(time.perf_counter() - t0)
        assert status == 200, (path, status)
    elapsed = time.perf_counter() - started
    timings.sort()
    return {
        "rps": n / elapsed,
        "p50": statistics.median(timings) * 1000,
        "p95": timings[max(0, round(0.95 * n) - 1)] * 1000,
    }


def run(args, database: Path) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache

    build(args, database)
    pages = targets()
    static: dict[str, bytes] = {}
    server = serve(static)
    port = server.server_address[1]
    for name, path in pages.items():
        status, body = fetch(port, path)
        assert status == 200, (name, path, status)
        static[name] = body

    print(f"\n{args.requests} sequential requests per line; server: wsgiref, one thread\n")
    header = f"{'page':<20}{'mode':<10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
    print(header + f"{'static req/s':>14}{'static p95':>12}{'ratio':>8}")
    rows = []
    for mode, seconds in (("uncached", 0), ("cached", 300)):
        settings.KB_PAGE_CACHE_SECONDS = seconds
        cache.clear()
        for name, path in pages.items():
            fetch(port, path)  # warm: renditions, the cache entry in the cached round
            page = measure(port, path, args.requests)
            baseline = measure(port, STATIC_PREFIX + name, args.requests)
            ratio = page["rps"] / baseline["rps"]
            rows.append((name, mode, page, baseline, ratio))
            print(
                f"{name:<20}{mode:<10}{page['rps']:>8.0f}{page['p50']:>9.1f}{page['p95']:>9.1f}"
                f"{baseline['rps']:>14.0f}{baseline['p95']:>12.1f}{ratio:>8.2f}"
            )
    server.shutdown()

    uncached_p95 = max(r[2]["p95"] for r in rows if r[1] == "uncached")
    cached_ratio = min(r[4] for r in rows if r[1] == "cached")
    print(
        f"\nslowest uncached p95: {uncached_p95:.1f} ms (goal < 100 ms): "
        f"{'met' if uncached_p95 < 100 else 'NOT met'}"
    )
    print(
        f"lowest cached/static throughput ratio: {cached_ratio:.2f} (goal >= 0.5): "
        f"{'met' if cached_ratio >= 0.5 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()

"""Print the load test's figures from locust's CSV files and fail on any server error.

    python bench/load/report.py PREFIX [--baseline PREFIX]

PREFIX is what was given to locust's --csv (PREFIX_stats.csv, PREFIX_failures.csv). With a
baseline (the same mix with a single user), each kind's p95 under load is also shown as a
ratio of its p95 alone.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path


def read_stats(prefix: str) -> dict[str, dict]:
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        return {f"{r['Type']} {r['Name']}": r for r in csv.DictReader(handle)}


def server_errors(prefix: str) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    # A server error is a 5xx or a dropped connection (locust reports status 0).
    return [
        r
        for r in rows
        if "HTTPError('5" in r["Error"]
        or "HTTP 5" in r["Error"]
        or "Connection" in r["Error"]
        or "RemoteDisconnected" in r["Error"]
        or r["Error"].startswith("5")
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("prefix")
    parser.add_argument("--baseline")
    args = parser.parse_args()
    stats = read_stats(args.prefix)
    base = read_stats(args.baseline) if args.baseline else {}
    print(
        f"{'request':<28}{'count':>8}{'fail':>6}{'median':>8}{'p95':>8}{'p99':>8}"
        f"{'req/s':>8}{'p95 alone':>11}{'ratio':>7}"
    )
    for key, row in stats.items():
        if key.strip() == "Aggregated":
            continue
        name = key.split(" ", 1)[1]
        alone = base.get(key, {}).get("95%")
        ratio = f"{int(row['95%']) / max(int(alone), 1):.1f}×" if alone not in (None, "N/A") else ""
        print(
            f"{name:<28}{row['Request Count']:>8}{row['Failure Count']:>6}"
            f"{float(row['Median Response Time']):>8.0f}{row['95%']:>8}{row['99%']:>8}"
            f"{float(row['Requests/s']):>8.1f}{alone or '':>11}{ratio:>7}"
        )
    total = stats.get(" Aggregated") or stats.get("Aggregated") or {}
    if total:
        print(
            f"{'all':<28}{total['Request Count']:>8}{total['Failure Count']:>6}"
            f"{float(total['Median Response Time']):>8.0f}{total['95%']:>8}{total['99%']:>8}"
            f"{float(total['Requests/s']):>8.1f}"
        )
    errors = server_errors(args.prefix)
    failures = sum(int(r["Failure Count"]) for k, r in stats.items() if "Aggregated" not in k)
    server = sum(int(e["Occurrences"]) for e in errors)
    print(
        f"server errors (5xx or dropped connections): {server}; other failures: "
        f"{failures - server} (times in ms)"
    )
    for error in errors:
        print(f"  {error['Method']} {error['Name']}: {error['Error']} ×{error['Occurrences']}")
    return 1 if errors or failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""`manage.py allocate_seats`: share elected delegate seats among units in proportion to weights.

    python manage.py allocate_seats --input units.csv --seats 250 --method huntington-hill

The input is a UTF-8 CSV (a byte-order mark is fine) with the header ``unit,weight``; the
output, on standard output, is the CSV ``unit,weight,seats`` in the input order, the weight
as it was written. ``--show-working`` prints the quotas, remainders or priority values to
standard error, for a council to check by hand. Weights are decimal numbers (``120``,
``30.5``, ``1e3``), read exactly. The arithmetic is in
`kb.conferences.apportionment`.
"""

import csv
import io
import sys
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from kb.conferences.apportionment import METHODS, AllocationError, allocate

HEADER = ["unit", "weight"]


class Command(BaseCommand):
    help = (
        "Allocate seats among units in proportion to their weights (the size of each unit's "
        "own conference, or its staff count). Reads a CSV with the header unit,weight and "
        "prints the CSV unit,weight,seats in the input order."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--input",
            required=True,
            metavar="FILE.csv",
            help="CSV file with the header unit,weight ('-' for standard input).",
        )
        parser.add_argument(
            "--seats", required=True, type=int, metavar="N", help="Seats to allocate."
        )
        parser.add_argument(
            "--method",
            choices=METHODS,
            default=METHODS[0],
            help=f"Apportionment method (default: {METHODS[0]}).",
        )
        parser.add_argument(
            "--minimum",
            type=int,
            default=1,
            metavar="M",
            help="Seats every unit gets at least (default: 1).",
        )
        parser.add_argument(
            "--show-working",
            action="store_true",
            help="Print the quotas, remainders or priority values to standard error.",
        )

    def handle(self, *args, **options):
        path = options["input"]
        rows = _read_csv(path)
        try:
            result = allocate(
                [(unit, weight) for unit, _, weight in rows],
                options["seats"],
                method=options["method"],
                minimum=options["minimum"],
            )
        except AllocationError as exc:
            raise CommandError(str(exc)) from exc

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["unit", "weight", "seats"])
        for unit, text, _ in rows:
            writer.writerow([unit, text, result.seats[unit]])
        self.stdout.write(out.getvalue(), ending="")
        if options["show_working"]:
            self.stderr.write(result.format_working())


def _read_csv(path: str) -> list[tuple[str, str, Decimal]]:
    """(unit, weight as written, exact weight) for each data row; errors name the line."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
            if isinstance(data, bytes):
                data = data.decode("utf-8-sig")
            return _parse(io.StringIO(data.removeprefix("\ufeff"), newline=""), "<stdin>")
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _parse(handle, path)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise CommandError(f"{path}: not a readable CSV ({exc})") from None


def _parse(handle, name: str) -> list[tuple[str, str, Decimal]]:
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None:
        raise CommandError(f"{name}: the file is empty; expected the header unit,weight")
    if [cell.strip().lower() for cell in header] != HEADER:
        raise CommandError(
            f"{name}, line {reader.line_num}: expected the header unit,weight, "
            f"got {','.join(header)!r}"
        )
    rows: list[tuple[str, str, Decimal]] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue  # blank line
        if len(record) != 2:
            raise CommandError(
                f"{name}, line {line}: expected 2 fields (unit,weight), got {len(record)}"
            )
        unit, text = record[0].strip(), record[1].strip()
        if not unit:
            raise CommandError(f"{name}, line {line}: the unit name is empty")
        if unit in seen:
            raise CommandError(
                f"{name}, line {line}: unit {unit!r} already appears on line {seen[unit]}"
            )
        try:
            weight = Decimal(text)
        except InvalidOperation:
            weight = None
        if weight is None or not weight.is_finite():
            raise CommandError(
                f"{name}, line {line}: weight {text!r} of unit {unit!r} is not a number"
            )
        if weight < 0:
            raise CommandError(f"{name}, line {line}: weight {text!r} of unit {unit!r} is negative")
        seen[unit] = line
        rows.append((unit, text, weight))
    if not rows:
        raise CommandError(f"{name}: no units after the header")
    return rows

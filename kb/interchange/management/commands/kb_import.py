"""`manage.py kb_import FILE`: import a JSON Lines file (.jsonl, .json) or a workbook (.xlsx)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kb.interchange.importer import ImportFailed, import_jsonl
from kb.interchange.xlsx import import_xlsx

JSONL_SUFFIXES = {".jsonl", ".json"}


class Command(BaseCommand):
    help = (
        "Nhập dữ liệu kho tri thức từ tệp JSON Lines (.jsonl, .json) hoặc Excel (.xlsx). "
        "Có lỗi thì không ghi gì và liệt kê mọi lỗi."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp cần nhập: .jsonl, .json hoặc .xlsx")
        parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args, file: str, no_progress: bool = False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            runner, total = import_jsonl, _count_lines(path)
        elif suffix == ".xlsx":
            runner, total = import_xlsx, None
        else:
            raise CommandError(
                f"Không nhận dạng được loại tệp {path.name}: cần .jsonl, .json hoặc .xlsx"
            )

        bar = tqdm(
            total=total,
            unit=" bản ghi",
            desc="Nhập",
            file=getattr(self.stderr, "_out", None),
            disable=no_progress or not self.stderr.isatty(),
        )
        try:
            with bar:
                result = runner(path, progress=bar.update)
        except ImportFailed as failed:
            for warning in failed.warnings:
                self.stderr.write(f"cảnh báo: {warning}")
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Nhập thất bại: {len(failed.errors)} lỗi trong {path.name}; "
                "không có dữ liệu nào được ghi."
            ) from None

        for warning in result.warnings:
            self.stderr.write(f"cảnh báo: {warning}")
        self.stdout.write(f"Đã nhập {path.name}:")
        for line in result.summary_lines():
            self.stdout.write(f"  {line}")
        if result.warnings:
            self.stdout.write(f"  {len(result.warnings)} cảnh báo (xem ở trên).")


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())

"""`manage.py kb_export FILE`: write the whole knowledge base as JSON Lines ("-": stdout)."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kb.interchange.exporter import count_records, export_jsonl


class Command(BaseCommand):
    help = (
        "Xuất toàn bộ đơn vị, điển hình, sáng kiến, bài viết, hội nghị và báo cáo "
        "ra tệp JSON Lines (dùng - để ghi ra màn hình)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sẽ ghi (.jsonl), hoặc - cho đầu ra chuẩn")
        parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args, file: str, no_progress: bool = False, **options):
        to_stdout = file == "-"
        bar = tqdm(
            total=count_records(),
            unit=" bản ghi",
            desc="Xuất",
            file=getattr(self.stderr, "_out", None),
            disable=no_progress or not self.stderr.isatty(),
        )
        try:
            with bar:
                target = getattr(self.stdout, "_out", sys.stdout) if to_stdout else file
                written = export_jsonl(target, progress=bar.update)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {file}: {exc}") from exc
        if not to_stdout:
            self.stdout.write(f"Đã xuất {written} bản ghi vào {file}.")

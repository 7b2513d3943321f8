"""Rebuild the search index from the live, public pages, with a progress bar on stderr."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.index import count_pages, rebuild


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm từ các trang đang xuất bản, công khai."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args, no_progress=False, **options):
        bar = tqdm(
            total=count_pages(),
            desc="Lập chỉ mục",
            unit="trang",
            disable=no_progress,
            file=self.stderr._out,
        )
        with bar:
            total = rebuild(progress=bar.update)
        self.stdout.write(f"Đã lập chỉ mục {total} trang.")

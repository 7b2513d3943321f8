from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from . import dictionary  # noqa: F401  (its signal receivers)
        from .index import connect

        connect()

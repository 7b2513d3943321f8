from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "kb.home"
    label = "home"
    verbose_name = "Trang chủ"

    def ready(self) -> None:
        from kb.core import pagecache

        pagecache.connect_signals()  # published pages are cached; changes drop the cache

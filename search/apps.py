from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = "Tìm kiếm"

from django.apps import AppConfig


class ExemplarsConfig(AppConfig):
    name = "kb.exemplars"
    label = "exemplars"
    verbose_name = "Điển hình tiên tiến"

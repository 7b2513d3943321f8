from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kb.core"
    label = "core"
    verbose_name = "Dùng chung"

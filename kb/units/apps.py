from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "kb.units"
    label = "units"
    verbose_name = "Đơn vị"

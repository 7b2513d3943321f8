from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kb.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"

from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "kb.emulation"
    label = "emulation"
    verbose_name = "Khối, cụm thi đua"

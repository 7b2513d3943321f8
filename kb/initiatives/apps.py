from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "kb.initiatives"
    label = "initiatives"
    verbose_name = "Sáng kiến, mô hình"

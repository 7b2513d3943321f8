from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "kb.conferences"
    label = "conferences"
    verbose_name = "Hội nghị điển hình"

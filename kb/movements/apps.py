from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "kb.movements"
    label = "movements"
    verbose_name = "Phong trào thi đua"

from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "kb.taxonomy"
    label = "taxonomy"
    verbose_name = "Danh mục"

from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "kb.images"
    label = "images"
    verbose_name = "Ảnh"

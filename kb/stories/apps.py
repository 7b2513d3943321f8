from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "kb.stories"
    label = "stories"
    verbose_name = "Bài tuyên truyền"

from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "kb.users"
    label = "users"
    verbose_name = "Người dùng"

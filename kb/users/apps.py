from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    default = True
    name = "kb.users"
    label = "users"
    verbose_name = "Người dùng"


class KBWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that also set the user's unit and position."""

    user_viewset = "kb.users.viewsets.UserViewSet"

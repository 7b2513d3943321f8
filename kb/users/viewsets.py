from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import KBUserCreationForm, KBUserEditForm


class UserViewSet(WagtailUserViewSet):
    list_export = ["username", "last_name", "first_name", "email", "unit", "position", "is_active"]

    def get_form_class(self, for_update: bool = False):
        return KBUserEditForm if for_update else KBUserCreationForm

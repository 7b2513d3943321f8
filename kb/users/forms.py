"""Wagtail's user forms with the unit a user belongs to (it decides what they may act for)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from kb.units.models import Unit

EXTRA_FIELDS = ("unit", "position", "council_unit")


class _UnitFieldMixin(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        label=_("Đơn vị"),
        help_text=_("Người dùng thao tác cho đơn vị này và các đơn vị cấp dưới."),
    )
    position = forms.CharField(required=False, max_length=200, label=_("Chức vụ"))
    council_unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        label=_("Thành viên Hội đồng TĐKT của đơn vị"),
        help_text=_(
            "Chỉ điền khi người này ngồi trong Hội đồng của một đơn vị khác đơn vị công tác."
        ),
    )


class KBUserCreationForm(_UnitFieldMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {*UserCreationForm.Meta.fields, *EXTRA_FIELDS}


class KBUserEditForm(_UnitFieldMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {*UserEditForm.Meta.fields, *EXTRA_FIELDS}

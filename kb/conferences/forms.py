"""Forms of the delegate planning screens (the checks that need the database are in
`services`, so that the command line and the tests get them too)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser

from kb.exemplars.models import ExemplarKind, ExemplarPage
from kb.units.models import Unit

from .models import AllocationBasis, AllocationMethod, Delegate, DelegateCategory


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Số đại biểu tối đa"),
        required=False,
        min_value=1,
        help_text=_("Không tính khách mời. Để trống để lấy lại số theo quy định."),
    )


class AllocationForm(forms.Form):
    method = forms.ChoiceField(label=_("Phương pháp"), choices=AllocationMethod.choices)
    minimum = forms.IntegerField(label=_("Tối thiểu mỗi đơn vị"), min_value=0, initial=1)
    basis = forms.ChoiceField(
        label=_("Căn cứ phân bổ"), choices=AllocationBasis.choices, initial=AllocationBasis.STAFF
    )

    def __init__(self, *args, units=(), initial_weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_weights = initial_weights or {}
        self.units = list(units)
        for unit in self.units:
            # A text field: the service reads the number and names the unit in its errors
            # (missing, negative, not a number), the same wording as everywhere else.
            self.fields[self.weight_field(unit)] = forms.CharField(
                label=unit.name,
                required=False,
                initial=initial_weights.get(unit.pk, ""),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
            )

    @staticmethod
    def weight_field(unit: Unit) -> str:
        return f"weight_{unit.pk}"

    def weight_rows(self):
        return [(unit, self[self.weight_field(unit)]) for unit in self.units]

    def manual_weights(self) -> dict[int, str]:
        return {unit.pk: self.cleaned_data.get(self.weight_field(unit)) for unit in self.units}


class DelegateForm(forms.ModelForm):
    """A delegate's particulars. ``units`` (invited and guests) or none (an elected delegate,
    whose unit is the list's); ``exemplars`` the exemplars that may be chosen: a list when
    there are few, Wagtail's page chooser (with its search) beyond ``SELECT_LIMIT``."""

    SELECT_LIMIT = 300

    class Meta:
        model = Delegate
        fields = [
            "category",
            "unit",
            "exemplar",
            "full_name",
            "position",
            "gender",
            "ethnic_minority",
            "direct_worker",
            "good_deed",
            "field_of_work",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, exemplars=None, units=None, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = False
        self.fields["full_name"].help_text = _("Để trống khi chọn điển hình: lấy tên điển hình.")
        self.exemplars = (
            exemplars
            if exemplars is not None
            else ExemplarPage.objects.filter(kind=ExemplarKind.INDIVIDUAL)
        )
        exemplar = self.fields["exemplar"]
        if self.exemplars.count() > self.SELECT_LIMIT:
            exemplar.widget = AdminPageChooser(target_models=[ExemplarPage])
            exemplar.queryset = ExemplarPage.objects.all()  # narrowed in clean_exemplar
        else:
            exemplar.queryset = self.exemplars.order_by("title")
        exemplar.help_text = _(
            "Giới tính, dân tộc, “Người tốt – Việc tốt”, chức vụ và lĩnh vực còn trống sẽ lấy "
            "theo hồ sơ điển hình."
        )
        if categories:
            self.fields["category"].choices = [
                (value, label) for value, label in DelegateCategory.choices if value in categories
            ]
        else:
            del self.fields["category"]
        if units is not None:
            self.fields["unit"].queryset = units
            self.fields["unit"].help_text = _("Đơn vị công tác (không bắt buộc).")
        else:
            del self.fields["unit"]

    def clean_exemplar(self):
        exemplar = self.cleaned_data.get("exemplar")
        if exemplar is not None and not self.exemplars.filter(pk=exemplar.pk).exists():
            raise forms.ValidationError(
                _("Chọn một điển hình cá nhân thuộc đơn vị (hoặc các đơn vị trực thuộc).")
            )
        return exemplar

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("full_name") and not cleaned.get("exemplar"):
            self.add_error("full_name", _("Nhập họ và tên, hoặc chọn một điển hình tiên tiến."))
        return cleaned

    def delegate_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("category", None)
        data.pop("unit", None)
        return data

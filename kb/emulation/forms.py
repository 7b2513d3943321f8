"""Forms of the scoring screens. Figures are checked by `kb.emulation.services` (the same
checks for the screen, the spreadsheet and the tests); these forms only carry the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kb.units.models import Unit

from .models import Meeting


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp bảng điểm (.xlsx)"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_sheet_%s")  # the evidence form is on the same page
        super().__init__(*args, **kwargs)


class EvidenceForm(forms.Form):
    criterion = forms.TypedChoiceField(label=_("Tiêu chí"), coerce=int)
    file = forms.FileField(
        label=_("Tệp minh chứng"),
        help_text=_("PDF, JPG, PNG, DOCX hoặc XLSX, tối đa 10 MB."),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        kwargs.setdefault("auto_id", "id_evidence_%s")
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [(c.pk, f"{c.code}. {c.text}") for c in criteria]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "date", "online", "topic", "host", "minutes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


class ElectionForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("Đơn vị trưởng năm sau"), queryset=Unit.objects.none())
    deputy = forms.ModelChoiceField(label=_("Đơn vị phó năm sau"), queryset=Unit.objects.none())

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("name")
        self.fields["leader"].queryset = queryset
        self.fields["deputy"].queryset = queryset

"""Forms of the dossier screens. Choices are limited to what the user may act for."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kb.core.uploads import UploadRejected, check_upload
from kb.exemplars.models import ExemplarPage
from kb.initiatives.models import InitiativePage
from kb.taxonomy.models import Title
from kb.units.models import Unit
from kb.users.access import units_for

from .models import DecisionAction, Evidence, Level, Nomination

EVIDENCE_EXTENSIONS = ("pdf", "docx", "doc", "xlsx", "xls", "jpg", "jpeg", "png")
EVIDENCE_MAX_BYTES = getattr(settings, "KB_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)


class NominationForm(WagtailAdminModelForm):
    class Meta:
        model = Nomination
        fields = [
            "year",
            "purpose",
            "nominee_kind",
            "title",
            "proposing_unit",
            "nominee_name",
            "nominee_unit",
            "exemplar",
            "initiative",
            "backing_initiatives",
            "position",
            "is_leader",
            "female",
            "achievements",
            "rating",
            "members_total",
            "members_completed",
            "members_ldtt",
            "members_cstd",
            "members_disciplined",
            "score",
            "group_rank",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(user)
        self.fields["proposing_unit"].queryset = units.order_by("path")
        self.fields["nominee_unit"].queryset = units.order_by("path")
        self.fields["title"].queryset = Title.objects.filter(is_active=True)
        mine = Unit.objects.filter(pk__in=units.values("pk"))
        self.fields["exemplar"].queryset = ExemplarPage.objects.filter(unit__in=mine).order_by(
            "title"
        )
        self.fields["initiative"].queryset = InitiativePage.objects.filter(unit__in=mine).order_by(
            "title"
        )
        self.fields["backing_initiatives"].queryset = InitiativePage.objects.filter(
            unit__in=mine
        ).order_by("title")
        self.fields["backing_initiatives"].widget = forms.CheckboxSelectMultiple()
        self.fields["backing_initiatives"].widget.choices = self.fields[
            "backing_initiatives"
        ].choices
        if not self.instance.pk:
            self.fields["year"].initial = datetime.date.today().year
            if user.unit_id:
                self.fields["proposing_unit"].initial = user.unit_id

    def clean(self):
        cleaned = super().clean()
        exemplar = cleaned.get("exemplar")
        if exemplar and not cleaned.get("nominee_name"):
            cleaned["nominee_name"] = exemplar.title
        return cleaned


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[
            (DecisionAction.APPROVE, _("Đồng ý")),
            (DecisionAction.RETURN, _("Trả lại để bổ sung")),
            (DecisionAction.DECLINE, _("Không đồng ý đề nghị")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}))
    votes_for = forms.IntegerField(label=_("Số phiếu đồng ý"), min_value=0, required=False)
    votes_against = forms.IntegerField(
        label=_("Số phiếu không đồng ý"), min_value=0, required=False
    )
    members = forms.IntegerField(
        label=_("Tổng số thành viên hội đồng"), min_value=1, required=False
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, level: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.level = level

    def clean(self):
        cleaned = super().clean()
        counts = [cleaned.get(k) for k in ("votes_for", "votes_against", "members")]
        if any(v is not None for v in counts) and not all(v is not None for v in counts):
            raise ValidationError(
                _("Hãy nhập đủ số phiếu đồng ý, không đồng ý và tổng số thành viên.")
            )
        if all(v is not None for v in counts) and counts[0] + counts[1] > counts[2]:
            raise ValidationError(_("Tổng số phiếu lớn hơn số thành viên hội đồng."))
        if (
            cleaned.get("action") == DecisionAction.APPROVE
            and self.level in (Level.UNIT, Level.INTERMEDIATE)
            and cleaned.get("members") is None
        ):
            raise ValidationError(_("Hội đồng đồng ý cần ghi kết quả biểu quyết."))
        return cleaned


def validate_evidence(upload) -> None:
    """Type by extension and content, size, and images fully decoded (kb.core.uploads)."""
    try:
        check_upload(
            upload.name,
            upload.size,
            upload,
            allowed=EVIDENCE_EXTENSIONS,
            max_bytes=EVIDENCE_MAX_BYTES,
        )
    except UploadRejected as exc:
        raise ValidationError(str(exc)) from exc


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["name", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_evidence(upload)
        return upload

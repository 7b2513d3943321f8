"""Emulation blocks and clusters, formed anew each year with a leader and a deputy."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class GroupKind(models.TextChoices):
    BLOCK = "block", _("Khối thi đua")
    CLUSTER = "cluster", _("Cụm thi đua")


class EmulationGroup(index.Indexed, ClusterableModel):
    kind = models.CharField(_("loại"), max_length=10, choices=GroupKind.choices)
    name = models.CharField(_("tên"), max_length=150)
    year = models.PositiveSmallIntegerField(_("năm"))
    leader = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị trưởng khối/cụm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deputy = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị phó khối/cụm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("name"), FieldPanel("year")], heading=_("Khối/cụm")
        ),
        MultiFieldPanel([FieldPanel("leader"), FieldPanel("deputy")], heading=_("Trưởng, phó")),
        InlinePanel("memberships", label=_("Đơn vị thành viên")),
        FieldPanel("note"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("year")]

    class Meta:
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name", "year"], name="unique_group_per_year")
        ]
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def clean(self) -> None:
        super().clean()
        if self.leader_id and self.deputy_id and self.leader_id == self.deputy_id:
            raise ValidationError({"deputy": _("Đơn vị phó phải khác đơn vị trưởng.")})
        member_ids = {m.unit_id for m in self.memberships.all()}
        for field in ("leader", "deputy"):
            unit_id = getattr(self, f"{field}_id")
            if unit_id and member_ids and unit_id not in member_ids:
                raise ValidationError({field: _("Đơn vị này chưa là thành viên của khối/cụm.")})


class EmulationMembership(Orderable):
    group = ParentalKey(EmulationGroup, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="emulation_memberships",
    )

    panels = [FieldPanel("unit")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["group", "unit"], name="unique_member_per_group")
        ]
        verbose_name = _("đơn vị thành viên")
        verbose_name_plural = _("đơn vị thành viên")


# --- the pact and the scores ----------------------------------------------------------------


class CriterionKind(models.TextChoices):
    SCORE = "score", _("Điểm tiêu chí")
    BONUS = "bonus", _("Điểm thưởng")
    DEDUCTION = "deduction", _("Điểm trừ")


class Pact(ClusterableModel):
    """The pact (giao ước thi đua) of a group's year: sections of criteria, each with its
    maximum, bonus and deduction criteria and their caps, and the self-scoring deadline.

    Once the council locks the results (``locked_at``), nothing of the year changes any more.
    """

    group = models.OneToOneField(
        EmulationGroup,
        verbose_name=_("khối/cụm"),
        on_delete=models.CASCADE,
        related_name="pact",
    )
    signed_on = models.DateField(_("ngày ký giao ước"), null=True, blank=True)
    self_score_deadline = models.DateField(
        _("hạn tự chấm điểm"),
        help_text=_("Sau ngày này đơn vị thành viên không sửa được điểm tự chấm."),
    )
    bonus_cap = models.DecimalField(
        _("điểm thưởng tối đa"), max_digits=7, decimal_places=2, null=True, blank=True,
        help_text=_("Tổng điểm thưởng không vượt mức này. Để trống: không giới hạn."),
    )  # fmt: skip
    deduction_cap = models.DecimalField(
        _("điểm trừ tối đa"), max_digits=7, decimal_places=2, null=True, blank=True,
        help_text=_("Tổng điểm trừ không vượt mức này. Để trống: không giới hạn."),
    )  # fmt: skip
    note = models.TextField(_("ghi chú"), blank=True)
    locked_at = models.DateTimeField(_("khoá kết quả lúc"), null=True, blank=True, editable=False)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("group"),
        MultiFieldPanel(
            [FieldPanel("signed_on"), FieldPanel("self_score_deadline")], heading=_("Thời hạn")
        ),
        MultiFieldPanel(
            [FieldPanel("bonus_cap"), FieldPanel("deduction_cap")], heading=_("Thưởng, trừ")
        ),
        InlinePanel("sections", label=_("Phần tiêu chí")),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-group__year", "group__name"]
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")

    def __str__(self) -> str:
        return f"Giao ước {self.group}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def clean(self) -> None:
        super().clean()
        if self.pk and Pact.objects.filter(pk=self.pk, locked_at__isnull=False).exists():
            raise ValidationError(_("Kết quả của năm đã khoá nên giao ước không còn sửa được."))
        codes = [c.code for s in self.sections.all() for c in s.criteria.all()]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValidationError(
                _("Mã tiêu chí phải khác nhau trong một giao ước; bị trùng: %(codes)s.")
                % {"codes": ", ".join(duplicates)}
            )

    def criteria(self):
        return (
            Criterion.objects.filter(section__pact=self)
            .select_related("section")
            .order_by("section__sort_order", "section__pk", "sort_order", "pk")
        )


class PactSection(ClusterableModel, Orderable):
    pact = ParentalKey(Pact, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("số hiệu"), max_length=10, help_text=_("Ví dụ: I, II, III."))
    title = models.CharField(_("tên phần"), max_length=255)
    is_core = models.BooleanField(
        _("phần trọng tâm"),
        default=False,
        help_text=_("Điểm các phần trọng tâm được xét trước khi hai đơn vị bằng tổng điểm."),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("is_core"),
        InlinePanel("criteria", label=_("Tiêu chí")),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["pact", "code"], name="unique_section_code_per_pact")
        ]
        verbose_name = _("phần tiêu chí")
        verbose_name_plural = _("phần tiêu chí")

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Criterion(Orderable):
    section = ParentalKey(PactSection, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(
        _("mã tiêu chí"), max_length=20, help_text=_("Duy nhất trong giao ước, ví dụ: 1.2.")
    )
    text = models.CharField(_("nội dung"), max_length=500)
    kind = models.CharField(
        _("loại"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.SCORE
    )
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    guidance = models.TextField(_("cách chấm, minh chứng cần có"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("max_points"),
        FieldPanel("guidance"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"

    def clean(self) -> None:
        super().clean()
        if self.max_points is not None and self.max_points <= 0:
            raise ValidationError({"max_points": _("Điểm tối đa phải lớn hơn 0.")})


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    REVIEWED = "reviewed", _("Trưởng khối/cụm đã thẩm định")
    FINAL = "final", _("Đã khoá")


class ScoreSheet(models.Model):
    """A member unit's score sheet of one year: its lines, what it declared about its staff
    (for the tie-break), and a version counter that every change raises, so that two people
    writing from the same screen cannot both win."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="sheets")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    staff_count = models.PositiveIntegerField(_("tổng số CBCCVC, NLĐ"), null=True, blank=True)
    women_count = models.PositiveIntegerField(_("số nữ"), null=True, blank=True)
    summary = models.TextField(_("ghi chú chung"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(_("đồng ý kết quả thẩm định lúc"), null=True, blank=True)
    objection = models.TextField(_("ý kiến không đồng ý"), blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pact", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["pact", "unit"], name="unique_sheet_per_unit_pact")
        ]
        verbose_name = _("bảng điểm")
        verbose_name_plural = _("bảng điểm")

    def __str__(self) -> str:
        return f"Bảng điểm {self.unit} – {self.pact.group}"


class ScoreLine(models.Model):
    """One criterion of a sheet: the unit's own figure, the leader's review, the council's
    adjustment. The figure that counts is the council's when it set one, else the unit's."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    self_points = models.DecimalField(
        _("điểm tự chấm"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    self_note = models.TextField(_("giải trình"), blank=True)
    review_flag = models.BooleanField(_("có chênh lệch"), default=False)
    review_points = models.DecimalField(
        _("điểm đề xuất khi thẩm định"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    review_note = models.TextField(_("ý kiến thẩm định"), blank=True)
    council_points = models.DecimalField(
        _("điểm Hội đồng"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    council_reason = models.TextField(_("lý do điều chỉnh"), blank=True)

    class Meta:
        ordering = ["sheet", "criterion__section__sort_order", "criterion__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="unique_line_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id}: {self.criterion_id}"

    @property
    def points(self):
        return self.council_points if self.council_points is not None else self.self_points


class Evidence(models.Model):
    """An evidence file of a line: a Wagtail document in the login-only evidence collection."""

    line = models.ForeignKey(ScoreLine, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return str(self.document)


# --- meetings -------------------------------------------------------------------------------


class MeetingKind(models.TextChoices):
    MID_YEAR = "mid_year", _("Hội nghị sơ kết giữa năm")
    YEAR_END = "year_end", _("Hội nghị tổng kết năm")
    THEMATIC = "thematic", _("Hội nghị chuyên đề")


class Meeting(models.Model):
    group = models.ForeignKey(EmulationGroup, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("loại hội nghị"), max_length=10, choices=MeetingKind.choices)
    date = models.DateField(_("ngày họp"))
    online = models.BooleanField(_("họp trực tuyến"), default=False)
    topic = models.CharField(_("chủ đề"), max_length=255, blank=True)
    host = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị đăng cai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes = models.TextField(_("biên bản"), blank=True)
    elected_group = models.ForeignKey(
        EmulationGroup,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="elected_at",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("hội nghị khối/cụm")
        verbose_name_plural = _("hội nghị khối/cụm")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

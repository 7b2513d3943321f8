"""Nominations (đề nghị khen thưởng, giới thiệu nhân rộng) and their route.

The route is a Wagtail workflow of :class:`LevelReviewTask` steps (unit council → province or
block → BHXH Việt Nam → Government), assigned to the nomination model by a migration and
editable under Settings → Workflows, so a reorganisation of the sector is a data change. The
workflow's state (``WorkflowState``/``TaskState``), Wagtail's revisions of each submitted
version and its audit log are the record; :class:`Decision` adds what Wagtail does not hold
(the level, the vote, the decision number) as rows that are never edited afterwards.

Nominations are not snippets: every admin screen for them is scoped to what the user may
see (``kb.nominations.access``), which Wagtail's generic snippet views cannot express per
object.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Task,
    TaskState,
    WorkflowMixin,
)

from kb.core.blocks import RICH_FEATURES


class Purpose(models.TextChoices):
    AWARD = "award", _("Đề nghị khen thưởng")
    REPLICATION = "replication", _("Giới thiệu nhân rộng")


class NomineeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể, đơn vị")
    INITIATIVE = "initiative", _("Sáng kiến, mô hình")


class Rating(models.TextChoices):
    """The year's assessment (đánh giá, xếp loại) the rules read; keys of eligibility.RATINGS."""

    INCOMPLETE = "incomplete", _("Không hoàn thành nhiệm vụ")
    COMPLETE = "complete", _("Hoàn thành nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    IN_REVIEW = "in_review", _("Đang xét")
    RETURNED = "returned", _("Trả lại bổ sung")
    APPROVED = "approved", _("Đã quyết định")
    REJECTED = "rejected", _("Không được đề nghị")


class Level(models.IntegerChoices):
    UNIT = 1, _("Hội đồng TĐKT đơn vị")
    INTERMEDIATE = 2, _("BHXH tỉnh / khối, cụm thi đua")
    MINISTRY = 3, _("BHXH Việt Nam")
    GOVERNMENT = 4, _("Chính phủ, Thủ tướng")


class RuleSetRecord(models.Model):
    """One version of the rules, by legal basis and effective dates (JSON of
    ``kb.nominations.eligibility.RuleSet``). Next year's decree is a new row."""

    name = models.CharField(_("tên bộ quy tắc"), max_length=200)
    basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    effective_from = models.DateField(_("hiệu lực từ ngày"))
    effective_to = models.DateField(_("hết hiệu lực ngày"), null=True, blank=True)
    rules = models.JSONField(_("các quy tắc"), default=list)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("bộ quy tắc xét khen thưởng")
        verbose_name_plural = _("bộ quy tắc xét khen thưởng")

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from:%d/%m/%Y})"

    def clean(self) -> None:
        super().clean()
        try:
            self.to_ruleset()
        except (ValueError, KeyError, TypeError) as exc:
            raise ValidationError({"rules": str(exc)}) from exc

    def to_ruleset(self):
        from .eligibility import RuleSet

        return RuleSet.from_dict(
            {
                "name": self.name,
                "basis": self.basis,
                "effective_from": self.effective_from.isoformat(),
                "effective_to": self.effective_to.isoformat() if self.effective_to else None,
                "rules": self.rules,
            }
        )


class LevelReviewTask(Task):
    """A step of the route: the council (or office) of one level decides.

    Who may act is not a fixed group: it is the reviewers whose unit is the one this level
    resolves to for the proposing unit (``kb.nominations.routing``). A step that does not
    apply to a dossier (the province step for a province's own proposal, the Government step
    for a ministry-level title) is skipped when reached.
    """

    level = models.PositiveSmallIntegerField(_("cấp xét"), choices=Level.choices)
    working_days = models.PositiveSmallIntegerField(_("thời hạn xử lý (ngày làm việc)"), default=10)

    admin_form_fields = [*Task.admin_form_fields, "level", "working_days"]

    class Meta:
        verbose_name = _("bước xét duyệt theo cấp")
        verbose_name_plural = _("bước xét duyệt theo cấp")

    def start(self, workflow_state, user=None):
        from . import routing

        nomination = workflow_state.content_object
        if not routing.applies(nomination, self.level):
            task_state = TaskState(
                workflow_state=workflow_state,
                task=self,
                revision=nomination.get_latest_revision(),
                status=TaskState.STATUS_SKIPPED,
            )
            task_state.save()
            return task_state
        task_state = super().start(workflow_state, user=user)
        Nomination.objects.filter(pk=nomination.pk).update(
            current_level=self.level,
            reached_level=Greatest("reached_level", self.level),
        )
        return task_state

    def get_actions(self, obj, user):
        from . import access

        if access.can_decide(user, obj, self.level):
            return [
                ("approve", _("Đồng ý, trình cấp trên / quyết định"), True),
                ("reject", _("Trả lại để bổ sung"), True),
                ("decline", _("Không đồng ý đề nghị"), True),
            ]
        return []

    def user_can_access_editor(self, obj, user):
        return False

    def locked_for_user(self, obj, user):
        # While a level reviews a version, nobody edits it; returning it unlocks it.
        return True

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # The dossiers waiting for a user are listed by our own screens, which know the
        # user's scope; Wagtail's dashboard panel expects snippet URLs we do not expose.
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return _("Hội đồng hoặc cơ quan của cấp này xét hồ sơ trong phạm vi của mình")


class Nomination(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A dossier proposing a person, a collective or an initiative for a title or for
    replication across the sector."""

    year = models.PositiveSmallIntegerField(_("năm"))
    purpose = models.CharField(
        _("mục đích"), max_length=12, choices=Purpose.choices, default=Purpose.AWARD
    )
    nominee_kind = models.CharField(_("đối tượng"), max_length=12, choices=NomineeKind.choices)
    title = models.ForeignKey(
        "taxonomy.Title",
        verbose_name=_("danh hiệu, hình thức khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposing_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="nominations_proposed",
    )
    intermediate_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cấp trung gian (tỉnh / trưởng khối)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    nominee_name = models.CharField(_("tên cá nhân / tập thể được đề nghị"), max_length=255)
    nominee_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị của cá nhân / tập thể"),
        on_delete=models.PROTECT,
        related_name="nominations_received",
    )
    exemplar = models.ForeignKey(
        "exemplars.ExemplarPage",
        verbose_name=_("hồ sơ điển hình đã có"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
        help_text=_("Để trống nếu chưa có; hồ sơ điển hình sẽ được tạo khi có quyết định."),
    )
    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("sáng kiến được giới thiệu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replication_nominations",
    )
    backing_initiatives = models.ManyToManyField(
        "initiatives.InitiativePage",
        verbose_name=_("sáng kiến làm căn cứ"),
        blank=True,
        related_name="backed_nominations",
    )
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    is_leader = models.BooleanField(_("là lãnh đạo, quản lý"), default=False)
    female = models.BooleanField(_("nữ"), default=False)
    achievements = RichTextField(_("báo cáo thành tích"), features=RICH_FEATURES, blank=True)
    rating = models.CharField(
        _("đánh giá, xếp loại trong năm"), max_length=12, choices=Rating.choices, blank=True
    )
    members_total = models.PositiveIntegerField(
        _("tổng số thành viên của tập thể"), null=True, blank=True
    )
    members_completed = models.PositiveIntegerField(
        _("số thành viên hoàn thành nhiệm vụ"), null=True, blank=True
    )
    members_ldtt = models.PositiveIntegerField(
        _("số thành viên đạt Lao động tiên tiến"), null=True, blank=True
    )
    members_cstd = models.PositiveIntegerField(
        _("số thành viên đạt Chiến sĩ thi đua cơ sở"), null=True, blank=True
    )
    members_disciplined = models.PositiveIntegerField(
        _("số thành viên bị kỷ luật"), null=True, blank=True
    )
    score = models.DecimalField(
        _("điểm thi đua"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    group_rank = models.PositiveSmallIntegerField(
        _("thứ hạng trong khối/cụm"), null=True, blank=True
    )
    source = models.CharField(_("nguồn"), max_length=100, blank=True, editable=False)

    # Kept by the pipeline, never by the dossier form or a revision (see with_content_json).
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    current_level = models.PositiveSmallIntegerField(
        _("cấp đang xét"), choices=Level.choices, null=True, blank=True
    )
    reached_level = models.PositiveSmallIntegerField(default=0, editable=False)
    step_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("ngày trình"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    PIPELINE_FIELDS = (
        "status",
        "current_level",
        "reached_level",
        "step_started_at",
        "submitted_at",
        "decision_number",
        "decision_date",
        "version",
        "source",
        "created_by_id",
        "intermediate_unit_id",
        "locked",
        "locked_by_id",
        "locked_at",
    )

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("hồ sơ đề nghị")
        verbose_name_plural = _("hồ sơ đề nghị")
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        target = self.title.name if self.title_id else Purpose.REPLICATION.label
        return f"{self.nominee_name} — {target} ({self.year})"

    def clean(self) -> None:
        super().clean()
        if self.purpose == Purpose.AWARD and not self.title_id:
            raise ValidationError({"title": _("Hãy chọn danh hiệu hoặc hình thức khen thưởng.")})
        if self.nominee_kind == NomineeKind.INITIATIVE and not self.initiative_id:
            raise ValidationError({"initiative": _("Hãy chọn sáng kiến được giới thiệu.")})
        if self.title_id and self.title.recipient not in ("both", self._recipient()):
            raise ValidationError({"title": _("Danh hiệu này không dành cho đối tượng đã chọn.")})

        total = self.members_total
        if total is not None:
            for field in (
                "members_completed",
                "members_ldtt",
                "members_cstd",
                "members_disciplined",
            ):
                value = getattr(self, field)
                if value is not None and value > total:
                    raise ValidationError(
                        {field: _("Không thể lớn hơn tổng số thành viên (%(n)s).") % {"n": total}}
                    )

    def _recipient(self) -> str:
        return "individual" if self.nominee_kind == NomineeKind.INDIVIDUAL else "collective"

    def with_content_json(self, content):
        """A revision holds the dossier as submitted; the pipeline's own fields belong to the
        nomination as a whole, so restoring or publishing a revision never rolls them back."""
        obj = super().with_content_json(content)
        for field in self.PIPELINE_FIELDS:
            setattr(obj, field, getattr(self, field))
        return obj

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)


class DecisionAction(models.TextChoices):
    SUBMIT = "submit", _("Trình")
    APPROVE = "approve", _("Đồng ý")
    RETURN = "return", _("Trả lại bổ sung")
    DECLINE = "decline", _("Không đồng ý")


class Decision(models.Model):
    """Who decided what at which level, when and why: written once, never edited."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="decisions")
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices, null=True)
    action = models.CharField(_("quyết định"), max_length=10, choices=DecisionAction.choices)
    comment = models.TextField(_("ý kiến"))
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(
        _("số phiếu không đồng ý"), null=True, blank=True
    )
    members = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    findings = models.JSONField(_("kết quả kiểm tra điều kiện"), default=list, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.nomination}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Quyết định đã ghi thì không sửa được."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Quyết định đã ghi thì không xoá được."))


class InitiativeUse(models.Model):
    """The ledger of what an initiative has backed: one award only."""

    initiative = models.OneToOneField(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="award_use"
    )
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sáng kiến đã dùng làm căn cứ khen thưởng")
        verbose_name_plural = _("sáng kiến đã dùng làm căn cứ khen thưởng")

    def __str__(self) -> str:
        return f"{self.initiative} → {self.nomination}"


def private_storage():
    """Evidence is kept where no URL reaches it; only the dossier's views serve it."""
    from django.core.files.storage import storages

    return storages["private"]


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"nominations/{instance.nomination_id}/{filename}"


class Evidence(models.Model):
    """A file of the dossier (tờ trình, biên bản họp, minh chứng). Stored outside the public
    document library and served only to those who may see the dossier."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=evidence_path, storage=private_storage)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")

    def __str__(self) -> str:
        return self.name


class QuotaLock(models.Model):
    """One row per (title, year) that deciding takes a lock on, so two decisions counting
    against the same quota run one after the other and cannot both pass it."""

    title = models.ForeignKey("taxonomy.Title", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    touched = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["title", "year"], name="unique_quota_lock")]

    def __str__(self) -> str:
        return f"{self.title_id}/{self.year}"

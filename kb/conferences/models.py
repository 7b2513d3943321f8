"""Conferences (hội nghị điển hình tiên tiến, đại hội thi đua) and their reports, as pages;
the rules they follow (a setting), their delegates and the allocation of elected seats."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from kb.core.blocks import BodyBlock
from kb.core.models import IndexPage, KeyedPage
from kb.exemplars.models import Gender

from . import rules
from .apportionment import DHONDT, HAMILTON, HUNTINGTON_HILL, SAINTE_LAGUE
from .composition import Targets

GUIDANCE_2019 = _(
    "Theo văn bản hướng dẫn của BHXH Việt Nam (9/2019) về hội nghị điển hình tiên tiến."
)
COMPOSITION_NOTE = _(
    "Hướng dẫn 2019 yêu cầu chú trọng gương “Người tốt – Việc tốt”, người trực tiếp thực thi "
    "nhiệm vụ, đại biểu nữ, người dân tộc và cân đối các lĩnh vực nhưng không nêu tỷ lệ; mức "
    "này do Vụ Thi đua – Khen thưởng đặt. 0 = không kiểm tra."
)


class ConferenceLevel(models.TextChoices):
    BASE = "base", _("Cơ sở")
    PROVINCE = "province", _("Trên cơ sở (tỉnh, Khối cơ quan)")
    SECTOR = "sector", _("Đại hội toàn ngành")


class Duration(models.TextChoices):
    HALF_DAY = "half_day", _("Nửa ngày")
    FULL_DAY = "full_day", _("Một ngày")


class ReportKind(models.TextChoices):
    SUMMARY = "summary", _("Báo cáo tổng kết")
    PAPER = "paper", _("Tham luận")


class ConferenceIndexPage(IndexPage):
    subpage_types = ["conferences.ConferencePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("danh sách hội nghị")

    def get_listing_queryset(self):
        return (
            ConferencePage.objects.child_of(self)
            .live()
            .public()
            .select_related("unit")
            .order_by("-date")
        )


class ConferencePage(KeyedPage):
    key_prefix = "hn"

    level = models.CharField(_("cấp hội nghị"), max_length=10, choices=ConferenceLevel.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    date = models.DateField(_("ngày tổ chức"))
    deadline = models.DateField(_("thời hạn tổ chức"), null=True, blank=True)
    duration = models.CharField(
        _("thời lượng"), max_length=10, choices=Duration.choices, blank=True
    )
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(
        _("số đại biểu tối đa"),
        null=True,
        blank=True,
        help_text=_(
            "Không tính khách mời. Để trống: lấy theo quy định (cơ sở: toàn bộ CBCCVC, NLĐ của "
            "đơn vị; trên cơ sở: 300, hoặc 350 với các đơn vị được nâng; Đại hội: 500)."
        ),
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    programme = StreamField(BodyBlock(), verbose_name=_("chương trình"), blank=True)

    content_panels = [
        *KeyedPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("unit"),
                FieldPanel("date"),
                FieldPanel("deadline"),
                FieldPanel("duration"),
                FieldPanel("location"),
                FieldPanel("capacity"),
            ],
            heading=_("Thông tin chung"),
        ),
        FieldPanel("summary"),
        FieldPanel("programme"),
    ]
    promote_panels = [*KeyedPage.promote_panels, FieldPanel("key")]
    search_fields = [
        *KeyedPage.search_fields,
        index.SearchField("summary"),
        index.FilterField("level"),
        index.FilterField("date"),
    ]

    parent_page_types = ["conferences.ConferenceIndexPage"]
    subpage_types = ["conferences.ReportPage"]

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")

    # --- rules ------------------------------------------------------------------------------
    def default_capacity(self, conference_rules: "ConferenceRules | None" = None) -> int | None:
        """The cap the rules give this conference's level and organiser."""
        if not self.level or not self.unit_id:
            return None
        conference_rules = conference_rules or ConferenceRules.load()
        return rules.default_capacity(
            self.level,
            staff_count=self.unit.staff_count,
            raised=conference_rules.raises_cap_of(self.unit_id),
            caps=conference_rules.caps(),
        )

    def default_deadline(self, conference_rules: "ConferenceRules | None" = None):
        if not self.level or not self.date:
            return None
        conference_rules = conference_rules or ConferenceRules.load()
        return rules.default_deadline(self.level, self.date.year, conference_rules.deadlines())

    @property
    def effective_capacity(self) -> int | None:
        """The cap in force: the one set on the page, else the rules' default."""
        return self.capacity if self.capacity is not None else self.default_capacity()

    def apply_rule_defaults(self) -> None:
        """Fill a blank cap and deadline from the rules (they can be changed afterwards)."""
        if self.capacity is not None and self.deadline is not None:
            return
        if not self.level or not self.unit_id:
            return
        conference_rules = ConferenceRules.load()
        if self.capacity is None:
            self.capacity = self.default_capacity(conference_rules)
        if self.deadline is None:
            self.deadline = self.default_deadline(conference_rules)

    def full_clean(self, *args, **kwargs):
        # Before the revision is serialised, so that the draft holds the defaults too.
        self.apply_rule_defaults()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.apply_rule_defaults()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The summary report first, then the papers ("summary" sorts after "paper").
        reports = ReportPage.objects.child_of(self).live().public().order_by("title")
        context["reports"] = sorted(reports, key=lambda r: r.kind != ReportKind.SUMMARY)
        return context


class ReportPage(KeyedPage):
    key_prefix = "bc"

    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    date = models.DateField(_("ngày trình bày"), null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"))

    content_panels = [
        *KeyedPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("date"),
        InlinePanel("authors", label=_("Người trình bày")),
        FieldPanel("body"),
    ]
    promote_panels = [*KeyedPage.promote_panels, FieldPanel("key")]
    search_fields = [*KeyedPage.search_fields, index.SearchField("body")]

    parent_page_types = ["conferences.ConferencePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("báo cáo, tham luận")
        verbose_name_plural = _("báo cáo, tham luận")

    @property
    def conference(self) -> ConferencePage:
        return self.get_parent().specific


class ReportAuthor(Orderable):
    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="authors")
    exemplar = models.ForeignKey(
        "exemplars.ExemplarPage",
        verbose_name=_("người trình bày"),
        on_delete=models.CASCADE,
        related_name="reports",
    )

    panels = [FieldPanel("exemplar")]

    class Meta(Orderable.Meta):
        verbose_name = _("người trình bày")


# --- rules as data ----------------------------------------------------------------------------


def _percent(default: int, label, help_text=COMPOSITION_NOTE):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MaxValueValidator(100)],
        help_text=help_text,
    )


def _day(default: int, label):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )


def _month(default: int, label):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )


@register_setting(icon="group")
class ConferenceRules(BaseGenericSetting):
    """Caps, deadlines and composition targets of conferences: data the office edits."""

    upper_cap = models.PositiveIntegerField(
        _("số đại biểu tối đa, hội nghị trên cơ sở"),
        default=300,
        validators=[MinValueValidator(1)],
        help_text=GUIDANCE_2019,
    )
    raised_upper_cap = models.PositiveIntegerField(
        _("số đại biểu tối đa được nâng"),
        default=350,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Áp dụng cho hội nghị trên cơ sở của các đơn vị chọn dưới đây (hướng dẫn 2019: BHXH "
            "TP Hà Nội, BHXH TP.HCM và Khối cơ quan BHXH Việt Nam)."
        ),
    )
    raised_cap_units = models.ManyToManyField(
        "units.Unit",
        verbose_name=_("đơn vị được nâng số đại biểu tối đa"),
        blank=True,
        related_name="+",
        # The units that hold upper conferences: provinces and the central level.
        limit_choices_to={"level__in": ["sector", "central", "province"], "is_active": True},
    )
    congress_cap = models.PositiveIntegerField(
        _("số đại biểu tối đa, Đại hội toàn ngành"),
        default=500,
        validators=[MinValueValidator(1)],
        help_text=_("Không tính khách mời. ") + GUIDANCE_2019,
    )
    base_deadline_day = _day(30, _("ngày"))
    base_deadline_month = _month(1, _("tháng"))
    upper_deadline_day = _day(30, _("ngày"))
    upper_deadline_month = _month(4, _("tháng"))
    congress_deadline_day = _day(30, _("ngày"))
    congress_deadline_month = _month(9, _("tháng"))
    default_method = models.CharField(
        _("phương pháp phân bổ mặc định"),
        max_length=20,
        default=HAMILTON,
        choices=[
            (HAMILTON, _("Phần dư lớn nhất (Hamilton)")),
            (DHONDT, _("D'Hondt")),
            (SAINTE_LAGUE, _("Sainte-Laguë")),
            (HUNTINGTON_HILL, _("Huntington–Hill")),
        ],
    )
    default_minimum = models.PositiveSmallIntegerField(
        _("số đại biểu bầu tối thiểu mỗi đơn vị"), default=1
    )
    min_women_percent = _percent(30, _("tỷ lệ nữ tối thiểu (%)"))
    min_ethnic_minority_percent = _percent(5, _("tỷ lệ người dân tộc thiểu số tối thiểu (%)"))
    min_direct_workers_percent = _percent(
        30, _("tỷ lệ người trực tiếp thực thi nhiệm vụ tối thiểu (%)")
    )
    min_good_deed_percent = _percent(10, _("tỷ lệ gương “Người tốt – Việc tốt” tối thiểu (%)"))
    max_one_field_percent = _percent(
        50,
        _("tỷ lệ tối đa của một lĩnh vực công tác (%)"),
        help_text=_(
            "Hướng dẫn 2019 yêu cầu cân đối hợp lý cơ cấu đại diện các lĩnh vực nghiệp vụ; mức "
            "này do Vụ Thi đua – Khen thưởng đặt. 0 = không kiểm tra."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("upper_cap"),
                FieldPanel("raised_upper_cap"),
                FieldPanel("raised_cap_units", widget=forms.CheckboxSelectMultiple),
                FieldPanel("congress_cap"),
            ],
            heading=_("Số đại biểu tối đa (cấp cơ sở: toàn bộ CBCCVC, NLĐ của đơn vị)"),
        ),
        MultiFieldPanel(
            [FieldPanel("base_deadline_day"), FieldPanel("base_deadline_month")],
            heading=_("Thời hạn hội nghị cơ sở (hướng dẫn 2019: trước 30/1)"),
        ),
        MultiFieldPanel(
            [FieldPanel("upper_deadline_day"), FieldPanel("upper_deadline_month")],
            heading=_("Thời hạn hội nghị trên cơ sở (hướng dẫn 2019: trước 30/4)"),
        ),
        MultiFieldPanel(
            [FieldPanel("congress_deadline_day"), FieldPanel("congress_deadline_month")],
            heading=_("Thời hạn Đại hội toàn ngành (hướng dẫn 2019: trong quý III)"),
        ),
        MultiFieldPanel(
            [FieldPanel("default_method"), FieldPanel("default_minimum")],
            heading=_("Phân bổ đại biểu bầu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("min_women_percent"),
                FieldPanel("min_ethnic_minority_percent"),
                FieldPanel("min_direct_workers_percent"),
                FieldPanel("min_good_deed_percent"),
                FieldPanel("max_one_field_percent"),
            ],
            heading=_("Cơ cấu đại biểu bầu"),
        ),
    ]

    class Meta:
        verbose_name = _("quy định hội nghị, đại biểu")

    def caps(self) -> rules.CapRules:
        return rules.CapRules(
            upper=self.upper_cap, raised_upper=self.raised_upper_cap, congress=self.congress_cap
        )

    def deadlines(self) -> rules.DeadlineRules:
        return rules.DeadlineRules(
            base=(self.base_deadline_day, self.base_deadline_month),
            upper=(self.upper_deadline_day, self.upper_deadline_month),
            congress=(self.congress_deadline_day, self.congress_deadline_month),
        )

    def targets(self) -> Targets:
        return Targets(
            min_women=self.min_women_percent,
            min_ethnic_minority=self.min_ethnic_minority_percent,
            min_direct_workers=self.min_direct_workers_percent,
            min_good_deed=self.min_good_deed_percent,
            max_one_field=self.max_one_field_percent,
        )

    def raises_cap_of(self, unit_id: int) -> bool:
        if self.pk is None:
            return False
        return self.raised_cap_units.filter(pk=unit_id).exists()


# --- delegates and seat allocation ------------------------------------------------------------


class DelegateCategory(models.TextChoices):
    GUEST = "guest", _("Khách mời")
    INVITED = "invited", _("Đại biểu chính thức mời")
    ELECTED = "elected", _("Đại biểu bầu")


class AllocationMethod(models.TextChoices):
    HAMILTON = HAMILTON, _("Phần dư lớn nhất (Hamilton)")
    DHONDT = DHONDT, _("D'Hondt")
    SAINTE_LAGUE = SAINTE_LAGUE, _("Sainte-Laguë")
    HUNTINGTON_HILL = HUNTINGTON_HILL, _("Huntington–Hill")


class AllocationBasis(models.TextChoices):
    STAFF = "staff", _("Số CBCCVC, NLĐ của đơn vị")
    CONFERENCE_SIZE = "conference_size", _("Quy mô hội nghị của đơn vị trong năm")
    MANUAL = "manual", _("Trọng số nhập tay")


class Delegate(models.Model):
    """A person attending a conference: a guest, an invited delegate or an elected one."""

    conference = models.ForeignKey(
        ConferencePage,
        verbose_name=_("hội nghị"),
        on_delete=models.CASCADE,
        related_name="delegates",
    )
    category = models.CharField(_("loại đại biểu"), max_length=10, choices=DelegateCategory.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conference_delegates",
        help_text=_("Với đại biểu bầu: đơn vị đã bầu đại biểu."),
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    exemplar = models.ForeignKey(
        "exemplars.ExemplarPage",
        verbose_name=_("điển hình tiên tiến"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegate_records",
    )
    position = models.CharField(_("chức vụ, vị trí công tác"), max_length=255, blank=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    ethnic_minority = models.BooleanField(_("người dân tộc thiểu số"), default=False)
    direct_worker = models.BooleanField(_("trực tiếp thực thi nhiệm vụ"), default=False)
    good_deed = models.BooleanField(_("gương Người tốt – Việc tốt"), default=False)
    field_of_work = models.ForeignKey(
        "taxonomy.FieldOfWork",
        verbose_name=_("lĩnh vực công tác"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_delegate = models.ForeignKey(
        "self",
        verbose_name=_("đại biểu ở hội nghị cấp dưới"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), default=timezone.now)

    class Meta:
        ordering = ["conference", "category", "unit", "id"]
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category="elected") | models.Q(unit__isnull=False),
                name="conferences_elected_delegate_has_unit",
            ),
            models.UniqueConstraint(
                fields=["conference", "source_delegate"],
                condition=models.Q(source_delegate__isnull=False),
                name="conferences_candidate_chosen_once",
            ),
        ]
        indexes = [models.Index(fields=["conference", "category", "unit"])]

    def __str__(self) -> str:
        return self.full_name


class SeatAllocation(models.Model):
    """One run of the allocation of elected seats, kept with its working and who ran it."""

    conference = models.ForeignKey(
        ConferencePage,
        verbose_name=_("hội nghị"),
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    method = models.CharField(_("phương pháp"), max_length=20, choices=AllocationMethod.choices)
    minimum = models.PositiveSmallIntegerField(_("tối thiểu mỗi đơn vị"))
    basis = models.CharField(_("căn cứ"), max_length=20, choices=AllocationBasis.choices)
    cap = models.PositiveIntegerField(_("số đại biểu tối đa"))
    invited_count = models.PositiveIntegerField(_("số đại biểu mời"))
    seats = models.PositiveIntegerField(_("số ghế bầu"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phân bổ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm phân bổ"), default=timezone.now)
    working = models.JSONField(_("cách tính"), default=dict, blank=True)
    is_current = models.BooleanField(_("đang áp dụng"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần phân bổ đại biểu")
        verbose_name_plural = _("các lần phân bổ đại biểu")
        constraints = [
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(is_current=True),
                name="conferences_one_current_allocation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.conference} – {self.get_method_display()} ({self.created_at:%d/%m/%Y %H:%M})"

    def seats_of(self, unit_id: int) -> int | None:
        for line in self.lines.all():
            if line.unit_id == unit_id:
                return line.seats
        return None


class SeatAllocationLine(models.Model):
    allocation = models.ForeignKey(SeatAllocation, on_delete=models.CASCADE, related_name="lines")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    weight = models.DecimalField(_("trọng số"), max_digits=14, decimal_places=2)
    seats = models.PositiveIntegerField(_("số ghế"))

    class Meta:
        ordering = ["allocation", "position"]
        verbose_name = _("dòng phân bổ")
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "unit"], name="conferences_one_line_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.seats}"

"""Conferences (hội nghị điển hình tiên tiến, đại hội thi đua) and their reports, as pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from kb.core.blocks import BodyBlock
from kb.core.models import IndexPage, KeyedPage


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
        help_text=_("Không tính khách mời."),
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

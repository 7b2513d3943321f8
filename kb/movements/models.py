"""Emulation movements as pages: who launched them, their slogan, period and targets."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from kb.core.blocks import RICH_FEATURES, BodyBlock
from kb.core.models import IndexPage, KeyedPage


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    PHASE = "phase", _("Theo giai đoạn")
    THEMATIC = "thematic", _("Chuyên đề")
    CAMPAIGN = "campaign", _("Theo đợt")


class Launcher(models.TextChoices):
    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    SECTOR = "sector", _("BHXH Việt Nam")
    UNIT = "unit", _("Đơn vị")


class MovementIndexPage(IndexPage):
    subpage_types = ["movements.MovementPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("danh sách phong trào")

    def get_listing_queryset(self):
        return (
            MovementPage.objects.child_of(self)
            .live()
            .public()
            .select_related("unit")
            .order_by("-start_date", "title")
        )


class MovementPage(KeyedPage):
    key_prefix = "pt"

    kind = models.CharField(_("loại phong trào"), max_length=10, choices=MovementKind.choices)
    launched_by = models.CharField(_("cấp phát động"), max_length=20, choices=Launcher.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    slogan = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    targets = RichTextField(_("chỉ tiêu, mục tiêu"), features=RICH_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    fields_of_work = ParentalManyToManyField(
        "taxonomy.FieldOfWork", verbose_name=_("lĩnh vực công tác"), blank=True
    )

    content_panels = [
        *KeyedPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("launched_by")]),
                FieldPanel("unit"),
                FieldPanel("slogan"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Thông tin chung"),
        ),
        FieldPanel("summary"),
        FieldPanel("targets"),
        FieldPanel("body"),
        FieldPanel("fields_of_work", widget=forms.CheckboxSelectMultiple),
    ]
    promote_panels = [*KeyedPage.promote_panels, FieldPanel("key")]
    search_fields = [
        *KeyedPage.search_fields,
        index.SearchField("slogan"),
        index.SearchField("summary"),
        index.SearchField("targets"),
        index.SearchField("body"),
    ]

    parent_page_types = ["movements.MovementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})

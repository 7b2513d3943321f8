"""Fields of work and titles/awards: data the emulation office edits, never hard-coded."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from kb.core.vietnamese import slugify_vi


class FieldOfWork(index.Indexed, models.Model):
    """A field of work (lĩnh vực công tác): thu BHXH, cấp sổ thẻ, giám định BHYT…"""

    name = models.CharField(_("tên lĩnh vực"), max_length=150, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lĩnh vực công tác")
        verbose_name_plural = _("lĩnh vực công tác")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=150) or "linh-vuc"
        super().save(*args, **kwargs)


class TitleRecipient(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class TitleLevel(models.TextChoices):
    BASE = "base", _("Cấp cơ sở")
    SECTOR = "sector", _("Cấp bộ, ngành (BHXH Việt Nam)")
    STATE = "state", _("Cấp nhà nước (Chính phủ, Thủ tướng)")


class TitleKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    AWARD = "award", _("Hình thức khen thưởng")


class Title(index.Indexed, models.Model):
    """A title or award of the catalogue (danh hiệu thi đua, hình thức khen thưởng)."""

    name = models.CharField(_("tên danh hiệu / hình thức"), max_length=200, unique=True)
    code = models.SlugField(
        _("mã"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Mã cố định mà quy tắc xét khen thưởng và chấm điểm thi đua tham chiếu."),
    )
    kind = models.CharField(
        _("loại"), max_length=10, choices=TitleKind.choices, default=TitleKind.TITLE
    )
    recipient = models.CharField(
        _("đối tượng"),
        max_length=12,
        choices=TitleRecipient.choices,
        default=TitleRecipient.BOTH,
    )
    level = models.CharField(
        _("cấp"), max_length=10, choices=TitleLevel.choices, default=TitleLevel.BASE
    )
    description = models.TextField(_("mô tả"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("recipient"),
        FieldPanel("level"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A blank code from the admin form is "no code", not the empty string: several
        # titles may lack one while the column stays unique.
        self.code = self.code or None
        super().save(*args, **kwargs)

"""The unit tree (BHXH Việt Nam → departments / provinces → districts, divisions, teams).

The tree is an adjacency list (`parent`) plus a materialised `path` of primary keys
("/1/7/42/") kept up to date on save. Administrative maps change (provinces merged in 2025,
regional offices since), so moving a unit must be an ordinary edit in the admin; with the path,
"this unit and everything under it" is one indexed prefix query.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class UnitLevel(models.TextChoices):
    SECTOR = "sector", _("BHXH Việt Nam (toàn ngành)")
    CENTRAL = "central", _("Đơn vị thuộc cơ quan BHXH Việt Nam")
    PROVINCE = "province", _("BHXH tỉnh, thành phố / khu vực")
    DISTRICT = "district", _("BHXH quận, huyện, thị xã / cơ sở")
    DEPARTMENT = "department", _("Phòng nghiệp vụ")
    TEAM = "team", _("Tổ nghiệp vụ")


class UnitQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(level=UnitLevel.PROVINCE)


class Unit(index.Indexed, models.Model):
    code = models.CharField(_("mã đơn vị"), max_length=50, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    level = models.CharField(_("cấp"), max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    staff_count = models.PositiveIntegerField(_("số CBCCVC, NLĐ"), null=True, blank=True)
    is_active = models.BooleanField(
        _("đang hoạt động"),
        default=True,
        help_text=_("Bỏ chọn khi đơn vị đã sáp nhập hoặc giải thể; hồ sơ cũ vẫn giữ."),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    objects = UnitQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("parent"),
        FieldPanel("staff_count"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name

    # --- tree -------------------------------------------------------------------------------
    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)  # the path is made of primary keys
                args, kwargs = (), {}
            stored_path = Unit.objects.filter(pk=self.pk).values_list("path", flat=True).first()
            self.path = self._compute_path()
            self.depth = self.path.count("/") - 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "path", "depth"}
            super().save(*args, **kwargs)
            if stored_path and stored_path != self.path:
                self._move_descendants(stored_path, self.path)

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Một đơn vị không thể là cấp trên của chính nó.")})
        if self.pk and self.parent and f"/{self.pk}/" in self.parent.path:
            raise ValidationError(
                {"parent": _("Không thể chuyển đơn vị vào dưới một đơn vị cấp dưới của nó.")}
            )

    def _compute_path(self) -> str:
        parent_path = ""
        if self.parent_id:
            parent_path = Unit.objects.values_list("path", flat=True).get(pk=self.parent_id)
            if f"/{self.pk}/" in parent_path:
                raise ValidationError(_("Vòng lặp trong cây đơn vị."))
        return f"{parent_path or '/'}{self.pk}/"

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        moved = []
        for unit in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            unit.path = new_path + unit.path[len(old_path) :]
            unit.depth = unit.path.count("/") - 1
            moved.append(unit)
        Unit.objects.bulk_update(moved, ["path", "depth"], batch_size=500)

    def get_descendants(self, include_self: bool = False) -> UnitQuerySet:
        qs = Unit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def get_ancestors(self, include_self: bool = False) -> UnitQuerySet:
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        if not include_self:
            ids = ids[:-1]
        return Unit.objects.filter(pk__in=ids).order_by("depth")

    @property
    def province(self) -> "Unit | None":
        """The provincial (or regional) unit this unit belongs to, if any."""
        if self.level == UnitLevel.PROVINCE:
            return self
        return self.get_ancestors().filter(level=UnitLevel.PROVINCE).last()

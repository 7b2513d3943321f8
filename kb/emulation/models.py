"""Emulation blocks and clusters, formed anew each year with a leader and a deputy."""

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

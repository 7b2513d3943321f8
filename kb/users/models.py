"""The custom user model, in place from the first migration as Wagtail advises."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of one unit, holding roles through groups."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        help_text=_("Đơn vị công tác; quyết định các đơn vị người dùng được thao tác."),
    )
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    council_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("thành viên Hội đồng TĐKT của đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_members",
        help_text=_(
            "Hội đồng thi đua – khen thưởng mà người này là thành viên, nếu khác đơn vị công "
            "tác (ví dụ Giám đốc BHXH huyện ngồi trong Hội đồng của BHXH tỉnh)."
        ),
    )

    @property
    def council_unit_id_or_own(self) -> int | None:
        """The council a member sits on: the one named, else the own unit's."""
        return self.council_unit_id or self.unit_id

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def get_full_name(self) -> str:
        # Vietnamese order: family name first ("Nguyễn Văn An").
        return " ".join(p for p in (self.last_name, self.first_name) if p).strip()

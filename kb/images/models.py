"""Custom image and rendition models: room for a credit line from day one."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class KBImage(AbstractImage):
    credit = models.CharField(_("nguồn ảnh / tác giả"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")


class KBRendition(AbstractRendition):
    image = models.ForeignKey(KBImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

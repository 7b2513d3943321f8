from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Moderation, scheduled publishing, the editors' dashboard, feeds and the read-only API."""

    name = "kb.editorial"
    label = "editorial"
    verbose_name = _("Biên tập và phát hành")

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        from . import signals  # noqa: F401

        # Pillow decodes at most this many pixels (twice as many raise DecompressionBombError):
        # the same ceiling Wagtail checks uploads against, so no rendition job can be made to
        # decode a larger "decompression bomb" that reached storage some other way.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS

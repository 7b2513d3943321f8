"""Abstract models every content page shares."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class KeyedPage(Page):
    """A page that keeps the stable `key` it was imported with (or one made for it).

    The key is how the interchange format, other installations and spreadsheets refer to a
    record, so it never changes once given, whatever happens to the title or slug.
    """

    key_prefix = "rec"

    key = models.CharField(
        _("mã bản ghi"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Mã ổn định dùng khi nhập/xuất dữ liệu; để trống để tự sinh."),
    )

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self.ensure_key()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.ensure_key()
        return super().save(*args, **kwargs)

    def ensure_key(self) -> None:
        if not self.key:
            self.key = f"{self.key_prefix}-{uuid.uuid4().hex[:12]}"


class IndexPage(Page):
    """A listing page whose children are all of one type; one of each in the site."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        children = self.get_listing_queryset()
        paginator = Paginator(children, 24)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        return context

    def get_listing_queryset(self):
        return self.get_children().live().public().specific().order_by("-first_published_at")

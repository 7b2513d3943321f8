"""The home page: editors choose which exemplars to feature; the rest is drawn from content."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page


class HomePage(Page):
    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_exemplars", label=_("Điển hình nổi bật"), max_num=12),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from kb.conferences.models import ConferencePage
        from kb.initiatives.models import InitiativePage
        from kb.stories.models import StoryPage

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = [
            f.exemplar
            for f in self.featured_exemplars.select_related(
                "exemplar", "exemplar__photo", "exemplar__unit"
            )
            if f.exemplar and f.exemplar.live
        ]
        context["latest_stories"] = (
            StoryPage.objects.live().public().select_related("cover").order_by("-date")[:6]
        )
        context["new_initiatives"] = (
            InitiativePage.objects.live()
            .public()
            .select_related("unit")
            .order_by("-year", "-pk")[:6]
        )
        context["conferences"] = ConferencePage.objects.live().public().order_by("-date")[:4]
        return context


class FeaturedExemplar(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_exemplars")
    exemplar = models.ForeignKey(
        "exemplars.ExemplarPage",
        verbose_name=_("điển hình"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("exemplar")]

"""The home page: editors choose which exemplars to feature; the rest is drawn from content."""

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from kb.core.models import route_by_url_path
from kb.core.visibility import ReaderPageManager

from .figures import key_figures

FIGURES_SECONDS = 24 * 3600  # an upper bound: a change of content drops them at once


class HomePage(Page):
    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_exemplars", label=_("Điển hình nổi bật"), max_num=12),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    objects = ReaderPageManager()

    class Meta:
        verbose_name = _("trang chủ")

    def route(self, request, path_components):
        """Deeper URLs are found by their path in one query (kb.core.models.route_by_url_path)."""
        found = route_by_url_path(self, request, path_components)
        return found if found is not None else super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from kb.conferences.models import ConferencePage
        from kb.exemplars.models import ExemplarIndexPage, ExemplarPage
        from kb.initiatives.models import InitiativePage
        from kb.stories.models import StoryPage

        context = super().get_context(request, *args, **kwargs)
        featured = [
            f.exemplar
            for f in self.featured_exemplars.select_related(
                "exemplar", "exemplar__photo", "exemplar__unit"
            ).prefetch_related("exemplar__photo__renditions")
            if f.exemplar and f.exemplar.live
        ]
        context["featured_chosen"] = bool(featured)
        if not featured:  # nobody chose yet: the most recently published
            featured = list(
                ExemplarPage.objects.live()
                .public()
                .select_related("photo", "unit")
                .prefetch_related("photo__renditions")
                .order_by("-pk")[:4]  # newest first; walks the primary key, never sorts
            )
        context["featured"] = featured
        context["latest_stories"] = (
            StoryPage.objects.live()
            .public()
            .select_related("cover")
            .prefetch_related("cover__renditions")
            .order_by("-date", "-pk")[:4]
        )
        context["new_initiatives"] = (
            InitiativePage.objects.live()
            .public()
            .select_related("unit")
            .order_by("-pk")[:6]  # newest first, without sorting every initiative
        )
        # Candidates from the conference table alone (a few hundred rows), then the live ones:
        # joined to the page table first, SQLite would scan every page for `live`.
        today = timezone.localdate()
        dated = ConferencePage.objects.values_list("pk", flat=True)
        soon = list(dated.filter(date__gte=today).order_by("date")[:20])
        live = ConferencePage.objects.live().public().select_related("unit")
        upcoming = list(live.filter(pk__in=soon).order_by("date")[:4]) if soon else []
        if not upcoming:
            recent = list(dated.order_by("-date")[:20])
            upcoming_or_recent = list(live.filter(pk__in=recent).order_by("-date")[:4])
        context["conferences_upcoming"] = bool(upcoming)
        context["conferences"] = upcoming or upcoming_or_recent
        index = ExemplarIndexPage.objects.live().first()
        context["figures"] = cached_figures(index.url if index else None)
        return context


def cached_figures(listing_url: str | None):
    """The key figures, kept in the cache until content changes.

    They are aggregates over every exemplar (they grow with the content, unlike the rest of
    the page), so they are computed once per change: any publish, unpublish or delete bumps
    the generation in kb.core.pagecache, whether or not whole pages are cached.
    """
    from kb.core import pagecache

    key = f"kb:home:figures:{pagecache.generation()}:{listing_url}:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = key_figures(listing_url)
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


class FeaturedExemplar(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_exemplars")
    exemplar = models.ForeignKey(
        "exemplars.ExemplarPage",
        verbose_name=_("điển hình"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("exemplar")]

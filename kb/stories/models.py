"""Stories as pages, written by propaganda staff and moderated before publishing."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from kb.core import listing
from kb.core.blocks import BodyBlock
from kb.core.models import IndexPage, KeyedPage
from kb.editorial.serializers import LivePagesField


class StoryIndexPage(IndexPage):
    subpage_types = ["stories.StoryPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("danh sách bài viết")

    def get_context(self, request, *args, **kwargs):
        # Page's context, not IndexPage's: its unfiltered pagination is replaced here.
        context = Page.get_context(self, request, *args, **kwargs)
        spec = listing.FilterSpec(
            cache_key=f"stories:{self.pk}",
            appliers={"field": listing.story_by_field, "year": listing.story_by_year},
            year_values=listing.story_years(StoryPage.objects.child_of(self).live()),
            labels={"field": _("Lĩnh vực (của điển hình, sáng kiến được nói tới)")},
        )
        result = listing.build_listing(request, self.get_listing_queryset(), spec)
        context.update(listing=result, page_obj=result.page_obj)
        return context

    def get_listing_queryset(self):
        return (
            # Every story lives under the one index (max_count = 1): no `child_of(self)`.
            StoryPage.objects.live()
            .public()
            .select_related("cover")
            .prefetch_related("cover__renditions")  # the cards show the cover's rendition
            .order_by("-date", "-pk")
        )


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(KeyedPage):
    key_prefix = "bv"

    # Indexed: the home page and the listing show the newest stories first.
    date = models.DateField(_("ngày đăng"), default=datetime.date.today, db_index=True)
    author = models.CharField(_("tác giả bài viết"), max_length=255, blank=True)
    summary = models.TextField(_("sa pô"), blank=True)
    cover = models.ForeignKey(
        "images.KBImage",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"))
    exemplars = ParentalManyToManyField(
        "exemplars.ExemplarPage",
        verbose_name=_("điển hình được nói tới"),
        blank=True,
        related_name="stories",
    )
    initiatives = ParentalManyToManyField(
        "initiatives.InitiativePage",
        verbose_name=_("sáng kiến được nói tới"),
        blank=True,
        related_name="stories",
    )
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name=_("thẻ"))

    content_panels = [
        *KeyedPage.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], heading=_("Thông tin bài")),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("body"),
        FieldPanel("exemplars"),
        FieldPanel("initiatives"),
        FieldPanel("tags"),
    ]
    promote_panels = [*KeyedPage.promote_panels, FieldPanel("key")]

    # The read-only API (/api/v2/pages/?type=stories.StoryPage&fields=*).
    api_fields = [
        APIField("key"),
        APIField("date"),
        APIField("author"),
        APIField("summary"),
        APIField("cover"),
        APIField("cover_thumbnail", serializer=ImageRenditionField("fill-640x360", source="cover")),
        APIField("body"),
        APIField("exemplars", serializer=LivePagesField()),
        APIField("initiatives", serializer=LivePagesField()),
        APIField("tags"),
    ]

    search_fields = [
        *KeyedPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bài tuyên truyền")
        verbose_name_plural = _("bài tuyên truyền")

    def get_context(self, request, *args, **kwargs):
        """The exemplars and initiatives the story tells about (one query each), its
        structured data (an Article) and Open Graph image."""
        from kb.exemplars.models import social_image_url
        from kb.home import seo

        context = super().get_context(request, *args, **kwargs)
        exemplars = _live(self.exemplars.all())
        initiatives = _live(self.initiatives.all())
        context.update(
            mentioned_exemplars=exemplars,
            mentioned_initiatives=initiatives,
            og_type="article",
            og_image_url=social_image_url(self.cover),
        )
        context["json_ld"] = seo.story(self, request, exemplars, context["og_image_url"])
        return context


def _live(pages) -> list:
    """Live, public pages of a relation; in a preview the relation is an in-memory list."""
    if hasattr(pages, "live") and hasattr(pages, "public"):
        return list(pages.live().public())
    return [p for p in pages if p.live]

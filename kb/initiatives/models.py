"""Initiatives as pages: problem → solution → results, with authors and scope of effect."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kb.core import listing
from kb.core.blocks import RICH_FEATURES
from kb.core.models import IndexPage, KeyedPage
from kb.editorial.serializers import NamesField, PageLinkField, UnitField


class Scope(models.TextChoices):
    UNIT = "unit", _("Trong đơn vị")
    PROVINCE = "province", _("Toàn tỉnh")
    SECTOR = "sector", _("Toàn ngành")
    NATIONAL = "national", _("Toàn quốc")


class InitiativeIndexPage(IndexPage):
    subpage_types = ["initiatives.InitiativePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("danh sách sáng kiến")

    def get_context(self, request, *args, **kwargs):
        # Page's context, not IndexPage's: its unfiltered pagination is replaced here.
        context = Page.get_context(self, request, *args, **kwargs)
        spec = listing.FilterSpec(
            cache_key=f"initiatives:{self.pk}",
            appliers={
                "field": listing.by_field,
                "province": listing.by_unit_subtree,
                "year": listing.by_year,
            },
            year_values=listing.distinct_years(InitiativePage.objects.child_of(self).live()),
        )
        result = listing.build_listing(request, self.get_listing_queryset(), spec)
        context.update(listing=result, page_obj=result.page_obj)
        return context

    def get_listing_queryset(self):
        # The cards name the live authors and the fields of work: prefetched for the whole
        # page of results (`live_authors` is a list of InitiativeAuthor with `exemplar`).
        live_authors = models.Prefetch(
            "authors",
            queryset=InitiativeAuthor.objects.filter(exemplar__live=True).select_related(
                "exemplar"
            ),
            to_attr="live_authors",
        )
        return (
            # Every initiative lives under the one index (max_count = 1): no `child_of(self)`.
            InitiativePage.objects.live()
            .public()
            .select_related("unit")
            .prefetch_related("fields_of_work", live_authors)
            .order_by("-pk")  # newest first: no sort of every initiative
        )


class InitiativeTag(TaggedItemBase):
    content_object = ParentalKey(
        "initiatives.InitiativePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class InitiativePage(KeyedPage):
    key_prefix = "sk"

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives"
    )
    summary = models.TextField(_("tóm tắt"))
    problem = RichTextField(_("vấn đề đặt ra"), features=RICH_FEATURES, blank=True)
    solution = RichTextField(_("giải pháp"), features=RICH_FEATURES, blank=True)
    results = RichTextField(_("kết quả, hiệu quả"), features=RICH_FEATURES, blank=True)
    scope = models.CharField(
        _("phạm vi ảnh hưởng"), max_length=10, choices=Scope.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    fields_of_work = ParentalManyToManyField(
        "taxonomy.FieldOfWork", verbose_name=_("lĩnh vực công tác"), blank=True
    )
    tags = ClusterTaggableManager(through=InitiativeTag, blank=True, verbose_name=_("thẻ"))

    content_panels = [
        *KeyedPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("unit"), FieldPanel("year"), FieldPanel("scope")],
            heading=_("Thông tin chung"),
        ),
        FieldPanel("summary"),
        FieldPanel("problem"),
        FieldPanel("solution"),
        FieldPanel("results"),
        InlinePanel("authors", label=_("Tác giả")),
        FieldPanel("fields_of_work", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    promote_panels = [*KeyedPage.promote_panels, FieldPanel("key")]

    # The read-only API (/api/v2/pages/?type=initiatives.InitiativePage&fields=*).
    api_fields = [
        APIField("key"),
        APIField("unit", serializer=UnitField()),
        APIField("year"),
        APIField("scope"),
        APIField("summary"),
        APIField("problem"),
        APIField("solution"),
        APIField("results"),
        APIField("authors"),
        APIField("fields_of_work", serializer=NamesField()),
        APIField("tags"),
    ]

    search_fields = [
        *KeyedPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("solution"),
        index.SearchField("results"),
        index.AutocompleteField("title"),
        index.FilterField("unit"),
        index.FilterField("year"),
        index.FilterField("scope"),
    ]

    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("sáng kiến, mô hình")
        verbose_name_plural = _("sáng kiến, mô hình")


class InitiativeAuthor(Orderable):
    page = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="authors")
    exemplar = models.ForeignKey(
        "exemplars.ExemplarPage",
        verbose_name=_("tác giả"),
        on_delete=models.CASCADE,
        related_name="authored_initiatives",
    )

    panels = [FieldPanel("exemplar")]
    api_fields = [APIField("exemplar", serializer=PageLinkField())]

    class Meta(Orderable.Meta):
        verbose_name = _("tác giả")

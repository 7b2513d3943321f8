"""Exemplar profiles, as pages: they are published, told in stories and moderated like them."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kb.core import listing
from kb.core.blocks import BodyBlock
from kb.core.models import IndexPage, KeyedPage
from kb.editorial.serializers import NamesField, TitleField, UnitField


class ExemplarKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")


class ExemplarIndexPage(IndexPage):
    subpage_types = ["exemplars.ExemplarPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("danh sách điển hình")

    def get_context(self, request, *args, **kwargs):
        # Page's context, not IndexPage's: its unfiltered pagination is replaced here.
        context = Page.get_context(self, request, *args, **kwargs)
        published = ExemplarPage.objects.child_of(self).live()
        spec = listing.FilterSpec(
            cache_key=f"exemplars:{self.pk}",
            appliers={
                "kind": listing.by_kind,
                "field": listing.by_field,
                "province": listing.by_unit_subtree,
                "year": listing.exemplar_by_year,
                "title": listing.exemplar_by_title,
            },
            year_values=listing.distinct_years(published),
            labels={"year": _("Năm công nhận, đạt danh hiệu")},
        )
        result = listing.build_listing(request, self.get_listing_queryset(), spec)
        context.update(listing=result, page_obj=result.page_obj)
        return context

    def get_listing_queryset(self):
        return (
            # Every exemplar lives under the one exemplar index (max_count = 1), so no
            # `child_of(self)`: its path prefix scan over all pages is what slows SQLite down.
            ExemplarPage.objects.live()
            .public()
            .select_related("unit", "photo")
            # The cards show fields of work and the photo's rendition: one query each for
            # the whole page of results instead of one per exemplar.
            .prefetch_related("fields_of_work", "photo__renditions")
            .order_by("-pk")  # newest first: no sort of every exemplar
        )


class ExemplarTag(TaggedItemBase):
    content_object = ParentalKey(
        "exemplars.ExemplarPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ExemplarPage(KeyedPage):
    key_prefix = "ex"

    kind = models.CharField(_("loại"), max_length=12, choices=ExemplarKind.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    fields_of_work = ParentalManyToManyField(
        "taxonomy.FieldOfWork", verbose_name=_("lĩnh vực công tác"), blank=True
    )
    photo = models.ForeignKey(
        "images.KBImage",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.CharField(_("chức vụ, vị trí công tác"), max_length=255, blank=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    ethnic_minority = models.BooleanField(_("người dân tộc thiểu số"), default=False)
    is_leader = models.BooleanField(_("là lãnh đạo, quản lý"), default=False)
    good_deed = models.BooleanField(_("gương Người tốt - Việc tốt"), default=False)
    year = models.PositiveSmallIntegerField(_("năm được công nhận"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt"))
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    tags = ClusterTaggableManager(through=ExemplarTag, blank=True, verbose_name=_("thẻ"))

    content_panels = [
        *KeyedPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("unit"), FieldPanel("position"), FieldPanel("year")],
            heading=_("Thông tin chung"),
        ),
        FieldPanel("photo"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("fields_of_work", widget=forms.CheckboxSelectMultiple),
        InlinePanel("titles", label=_("Danh hiệu theo năm")),
        MultiFieldPanel(
            [
                FieldPanel("gender"),
                FieldPanel("ethnic_minority"),
                FieldPanel("is_leader"),
                FieldPanel("good_deed"),
            ],
            heading=_("Đặc điểm"),
        ),
        FieldPanel("tags"),
    ]
    promote_panels = [*KeyedPage.promote_panels, FieldPanel("key")]

    # The read-only API (/api/v2/pages/?type=exemplars.ExemplarPage&fields=*).
    api_fields = [
        APIField("key"),
        APIField("kind"),
        APIField("unit", serializer=UnitField()),
        APIField("position"),
        APIField("year"),
        APIField("summary"),
        APIField("fields_of_work", serializer=NamesField()),
        APIField("titles"),
        APIField("photo"),
        APIField("photo_thumbnail", serializer=ImageRenditionField("fill-480x480", source="photo")),
        APIField("body"),
    ]

    search_fields = [
        *KeyedPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("position"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("unit"),
        index.FilterField("year"),
        index.RelatedFields("unit", [index.SearchField("name")]),
    ]

    parent_page_types = ["exemplars.ExemplarIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")

    RELATED_SHOWN = 4

    def get_context(self, request, *args, **kwargs):
        """The unit's place in the tree, the conference papers and related exemplars: one
        query each, whatever the size of the knowledge base (titles, initiatives and stories
        come from kb_tags, one query each too)."""
        from kb.home import seo

        context = super().get_context(request, *args, **kwargs)
        awards = list(self.titles.all().select_related("title").order_by("-year", "sort_order"))
        context["awards"] = awards
        context["og_type"] = "profile"
        context["og_image_url"] = social_image_url(self.photo)
        context["json_ld"] = seo.exemplar(self, request, awards, context["og_image_url"])
        context["unit_ancestors"] = list(self.unit.get_ancestors()) if self.unit_id else []
        context["papers"] = self.conference_papers() if self.pk else []
        context["related_exemplars"] = self.related_exemplars() if self.pk else []
        return context

    def conference_papers(self) -> list:
        """Published reports and papers this exemplar presented, with their conference's title."""
        from django.db.models import OuterRef, Subquery
        from django.db.models.functions import Length, Substr

        from kb.conferences.models import ReportPage

        parent = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        )
        return list(
            ReportPage.objects.live()
            .public()
            .filter(pk__in=self.reports.values("page_id"))
            .annotate(conference_title=Subquery(parent.values("title")[:1]))
            .order_by("-date", "title")
        )

    def related_exemplars(self) -> list["ExemplarPage"]:
        """Others of the same unit first, then others sharing a field of work (the newest).

        Each kind is found by walking an index from the newest row and stopping at the few
        shown (a unit can have thousands of exemplars, a field tens of thousands), then the
        pages are read in one query: the cost stays the same however large the base grows.
        """
        shown = self.RELATED_SHOWN
        candidates = ExemplarPage.objects.live().public().exclude(pk=self.pk)
        same_unit = (
            list(
                candidates.filter(unit_id=self.unit_id)
                .order_by("-pk")
                .values_list("pk", flat=True)[:shown]
            )
            if self.unit_id
            else []
        )
        through = ExemplarPage.fields_of_work.through
        field_ids = through.objects.filter(exemplarpage_id=self.pk).values("fieldofwork_id")
        sharing = (
            through.objects.filter(fieldofwork_id__in=field_ids)
            .exclude(exemplarpage_id=self.pk)
            .order_by("-id")
            .values_list("exemplarpage_id", flat=True)[:40]
        )
        # Always asked (not only when the unit has too few): the same queries on every profile.
        sharing_ids = list(
            candidates.filter(pk__in=list(sharing))
            .exclude(pk__in=same_unit)
            .order_by("-pk")
            .values_list("pk", flat=True)[:shown]
        )
        order = (same_unit + sharing_ids)[:shown]
        pages = ExemplarPage.objects.filter(pk__in=order).select_related("unit", "photo")
        by_pk = {p.pk: p for p in pages.prefetch_related("photo__renditions")}
        return [by_pk[pk] for pk in order if pk in by_pk]


def social_image_url(image) -> str | None:
    """The URL of an image's rendition sized for link previews (Open Graph: 1200×630)."""
    if image is None:
        return None
    return image.get_rendition("fill-1200x630|format-jpeg").url


class ExemplarTitleAward(Orderable):
    """A title or award an exemplar received in a year: the history eligibility rules read."""

    page = ParentalKey(ExemplarPage, on_delete=models.CASCADE, related_name="titles")
    title = models.ForeignKey(
        "taxonomy.Title", verbose_name=_("danh hiệu"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    decision = models.CharField(_("số quyết định"), max_length=100, blank=True)

    panels = [FieldPanel("title"), FieldPanel("year"), FieldPanel("decision")]
    api_fields = [
        APIField("title", serializer=TitleField()),
        APIField("year"),
        APIField("decision"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("danh hiệu đạt được")

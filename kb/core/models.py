"""Abstract models every content page shares."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from kb.core.visibility import ReaderPageManager, public


class KeyedPage(Page):
    """A page that keeps the stable `key` it was imported with (or one made for it).

    The key is how the interchange format, other installations and spreadsheets refer to a
    record, so it never changes once given, whatever happens to the title or slug.
    """

    key_prefix = "rec"

    objects = ReaderPageManager()

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

    objects = ReaderPageManager()

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        children = self.get_listing_queryset()
        paginator = Paginator(children, 24)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        return context

    def get_listing_queryset(self):
        children = public(self.get_children().live())
        return children.specific().order_by("-first_published_at")


def route_by_url_path(root: Page, request, path_components: list[str]):
    """Find the page a URL names with one query on its `url_path`, not one per level.

    Wagtail's `Page.route` walks the tree: a child lookup and a `.specific` query per path
    segment, four queries for a profile at /dien-hinh/<slug>/. The page's `url_path` (kept
    by Wagtail on every move and slug change) answers it at once, narrowed by the indexed
    slug. The page found still answers through its own `route` (a routable page, a draft's
    404), and anything not found this way falls back to the walk.
    """
    if len(path_components) < 2:
        return None
    url_path = root.url_path + "/".join(path_components) + "/"
    found = (
        Page.objects.filter(slug=path_components[-1], url_path=url_path)
        .values_list("pk", "content_type_id")
        .first()
    )
    if found is None:
        return None
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(found[1]).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=found[0]).first()
    return page.route(request, []) if page is not None else None

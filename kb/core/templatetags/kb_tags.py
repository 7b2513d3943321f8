"""Template helpers for the reader site.

Navigation and the site's home page are looked up once per request and kept on the request;
the related lists a profile shows (titles, initiatives, stories, authors) are each one query
here, so templates stay free of query logic. Every helper also accepts the in-memory pages
Wagtail builds for previews (unsaved relations, no primary key).
"""

from django import template
from django.utils.text import capfirst
from wagtail.models import Page, Site

from kb.core import pagecache
from kb.core.visibility import public

register = template.Library()

_HOME_ATTR = "_kb_site_home"
_NAV_ATTR = "_kb_main_navigation"


def _site_home(request) -> Page | None:
    if request is None:
        return None
    if not hasattr(request, _HOME_ATTR):
        site = Site.find_for_request(request)
        setattr(request, _HOME_ATTR, site.root_page if site else None)
    return getattr(request, _HOME_ATTR)


@register.simple_tag(takes_context=True)
def site_home(context) -> Page | None:
    """The root page of the current site (the home page), cached for the request."""
    return _site_home(context.get("request"))


_nav_memo: dict = {}


def _navigation(home: Page) -> list[Page]:
    """The home page's live, public children, kept in memory until content changes (the same
    generation as the page cache's): every reader page shows them."""
    key = (pagecache.generation(), home.pk)
    items = _nav_memo.get(key)
    if items is None:
        items = list(public(home.get_children().live()).order_by("path"))
        _nav_memo.clear()  # older generations are never asked for again
        _nav_memo[key] = items
    return items


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[Page]:
    """The home page's live, public children (the index pages), cached for the request."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, _NAV_ATTR):
        home = _site_home(request)
        items = _navigation(home) if home else []
        setattr(request, _NAV_ATTR, items)
    return getattr(request, _NAV_ATTR)


@register.simple_tag(takes_context=True)
def nav_state(context, item: Page) -> str:
    """Where the page shown stands to `item`: "page" (it is item), "section" (under it), ""."""
    path = getattr(context.get("page"), "path", None)
    if not path or not item.path:
        return ""
    if item.path == path:
        return "page"
    return "section" if path.startswith(item.path) else ""


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page) -> list[Page]:
    """The page's ancestors from the home page down, without the tree root and the page.

    Most pages sit right under a section, whose ancestors (the home page, the section) are
    the navigation's pages already at hand: no query then; deeper pages ask the database.
    """
    if not getattr(page, "path", None) or (page.depth or 0) <= 2:
        return []
    steplen = Page.steplen
    paths = [page.path[: steplen * depth] for depth in range(2, page.depth)]
    home = _site_home(context.get("request"))
    known = {item.path: item for item in main_navigation(context)}
    if home is not None:
        known[home.path] = home
    if all(path in known for path in paths):
        return [known[path] for path in paths]
    return list(Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("depth"))


@register.filter
def page_type_label(page) -> str:
    """The human name of a page's type ("Điển hình tiên tiến", "Sáng kiến, mô hình"…)."""
    model = getattr(page, "specific_class", None) or type(page)
    return capfirst(model._meta.verbose_name)


@register.simple_tag
def elided_page_range(page_obj, on_each_side: int = 2, on_ends: int = 1):
    """Page numbers for a pagination bar, with `Paginator.ELLIPSIS` where pages are elided."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )


@register.simple_tag
def live_pages(related) -> list[Page]:
    """The live pages of a forward page relation (`story.exemplars`, `story.initiatives`).

    From the database they are also filtered by `public()`; in a preview the relation is an
    in-memory list, filtered on `live` only.
    """
    if related is None or related == "":
        return []
    pages = related.all() if hasattr(related, "all") else related
    if hasattr(pages, "live") and hasattr(pages, "public"):
        return list(pages.live().public())
    return [p for p in pages if p.live]


@register.simple_tag
def exemplar_titles(page):
    """Titles and awards of an exemplar, newest year first, with the catalogue entry."""
    return page.titles.all().select_related("title").order_by("-year", "sort_order")


@register.simple_tag
def exemplar_initiatives(page) -> list[Page]:
    """Live initiatives the exemplar authored (through `page.authored_initiatives`)."""
    from kb.initiatives.models import InitiativePage

    if not page.pk:
        return []
    return list(
        InitiativePage.objects.live()
        .public()
        .filter(pk__in=page.authored_initiatives.values("page_id"))
        .select_related("unit")
        .order_by("-year", "title")
    )


@register.simple_tag
def related_stories(page) -> list[Page]:
    """Live stories that tell about an exemplar or an initiative, newest first."""
    if not page.pk:
        return []
    return list(page.stories.live().public().order_by("-date", "-pk"))


@register.simple_tag
def author_exemplars(page) -> list[Page]:
    """The live exemplars named as authors (of an initiative) or presenters (of a report)."""
    authors = page.authors.all().select_related("exemplar", "exemplar__unit")
    return [a.exemplar for a in authors if a.exemplar is not None and a.exemplar.live]


@register.simple_tag(takes_context=True)
def section_index(context, app_label: str) -> Page | None:
    """The index page of a section ("exemplars", "stories"…) among the navigation items."""
    for item in main_navigation(context):
        model = item.specific_class
        if model is not None and model._meta.app_label == app_label:
            return item
    return None

"""Hooks of the reader site."""

from wagtail import hooks

from kb.core import pagecache


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs):
    """Tell the page cache whether this page may be stored (not when its view is restricted)."""
    if pagecache.timeout():
        pagecache.mark_cacheable(request, page)

"""Which pages sit in a private section, looked up once per change of content.

Wagtail's `PageQuerySet.public()` reads every view restriction with a query of its own each
time it is called, and a reader page calls it four or five times (navigation, related lists),
which at the site's sizes costs more in building queries than in running them. The private
sections only change when a restriction or a page's place changes, and both bump the page-cache
generation (kb/core/pagecache.py, also after the commit), so the restricted paths are kept in
this process's memory for the current generation: `public()` then costs no query at all, and
no condition when nothing is restricted (the usual case on an intranet knowledge base).
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from kb.core import pagecache

_memo: tuple[int, tuple[str, ...]] | None = None


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages carrying a view restriction (their subtrees are private)."""
    global _memo
    from wagtail.models import PageViewRestriction

    generation = pagecache.generation()
    memo = _memo
    if memo is None or memo[0] != generation:
        paths = PageViewRestriction.objects.values_list("page__path", flat=True)
        memo = _memo = (generation, tuple(sorted(set(paths))))
    return memo[1]


def private_q() -> Q:
    """Pages in a private section: the same rule as Wagtail's `PageQuerySet.private_q()`."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q


class ReaderPageQuerySet(PageQuerySet):
    """Wagtail's page queryset, with `public()` answered from `restricted_paths()`."""

    def public(self):
        return public(self.all())

    def not_public(self):
        q = private_q()
        return self.filter(q) if q else self.none()


ReaderPageManager = PageManager.from_queryset(ReaderPageQuerySet)


def public(queryset):
    """`queryset.public()` for any page queryset (`get_children()` gives Wagtail's own)."""
    q = private_q()
    return queryset.exclude(q) if q else queryset

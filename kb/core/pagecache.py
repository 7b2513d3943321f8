"""Whole-page cache of the published site for anonymous readers.

`wagtail-cache` would do this, but its releases stop at Wagtail 7; this is the small part of
it the site needs. Rules:

- only GET/HEAD requests without a session cookie (nobody logged in), only Wagtail pages
  (marked by the `before_serve_page` hook in kb/home/wagtail_hooks.py) without a view
  restriction on them or their ancestors, only 200 responses that set no cookie and use no
  CSRF token or CSP nonce (the reader pages' scripts are static files for that reason);
- the key is host + language + full path with query string (a filtered listing is its own
  entry); each entry carries the *generation* number (kept in the same cache) it was stored
  under, read with it in one round trip, and only counts under the current one. Publishing,
  unpublishing, deleting or moving a page, changing a view restriction, a unit, a field of
  work or a title bumps the generation, which drops every entry at once (a published story
  shows up on the home page, the listing, the profiles it names: working out which pages
  show what is not worth the risk);
- entries also expire after `KB_PAGE_CACHE_SECONDS` (0 turns the cache off).

The cache is Django's alias "default": local memory in development, Redis in production
(`REDIS_URL`), so every worker process shares the entries and the generation.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "kb:pages:generation"
CACHEABLE_ATTR = "_kb_page_cacheable"
HEADER = "X-KB-Cache"


def timeout() -> int:
    return int(getattr(settings, "KB_PAGE_CACHE_SECONDS", 0) or 0)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, so an evicted counter never comes back to an old number.
        value = int(time.time() * 1000)
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate() -> None:
    """Drop every cached page (they are keyed by the generation this bumps)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet: the next read starts one from the clock
        cache.set(GENERATION_KEY, int(time.time() * 1000) + 1, None)


def invalidate_now_and_on_commit() -> None:
    """Bump now, and again once the transaction commits.

    The signals fire inside the editor's transaction: a reader served between the first bump
    and the commit still sees the old rows, and would store them under the new generation
    (a stale page, or stale restricted paths in kb/core/visibility.py, until the next
    change). The second bump, after the commit, drops whatever was stored in between. Outside
    a transaction `on_commit` runs at once, which costs one more increment.
    """
    invalidate()
    transaction.on_commit(invalidate)


def mark_cacheable(request, page) -> None:
    """Called before Wagtail serves `page`: cache it only if nobody restricted its view."""
    from kb.core.visibility import restricted_paths

    private = any(page.path.startswith(path) for path in restricted_paths())
    setattr(request, CACHEABLE_ATTR, not private)


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    language = translation.get_language_from_request(request)
    return f"kb:page:{request.get_host()}:{language}:{path}"


def _reader_is_anonymous(request) -> bool:
    """No session cookie: nobody is logged in (a login always sets one), and no pending
    message waits. Decided from the cookies alone, so a hit skips the session, the user,
    CSRF and every middleware after this one."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and (
        "messages" not in request.COOKIES
    )


# Headers of the inner stack worth replaying on a hit (the outer middlewares, security and
# CSP, add their own to every response, cached or not).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")


class PageCacheMiddleware:
    """Serves cached pages and stores fresh ones; see the module's docstring for the rules.

    Sits right after SecurityMiddleware and the CSP middleware (so every response, a hit
    too, carries their headers) and before the session: a hit costs one cache read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = timeout()
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or not _reader_is_anonymous(request)
        ):
            return self.get_response(request)

        # One read for both the generation and the entry (one round trip to Redis): an entry
        # stored under an older generation is a miss, and is overwritten below.
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        gen = found.get(GENERATION_KEY)
        if gen is None:
            gen = generation()
        entry = found.get(key)
        if entry is not None and entry[0] == gen:
            _, content, headers = entry
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if self._storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            # Under the generation read before rendering: a change published meanwhile has
            # bumped it, and this page, perhaps rendered from the old rows, is stale at once.
            cache.set(key, (gen, response.content, headers), seconds)
            response[HEADER] = "miss"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        return (
            getattr(request, CACHEABLE_ATTR, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            # An inline script's CSP nonce is good for one response only.
            and b'nonce="' not in response.content
        )


# --- what invalidates ------------------------------------------------------------------------
def _watched_models() -> tuple[type, ...]:
    from wagtail.models import Page, PageViewRestriction, Site

    from kb.conferences.models import ReportAuthor
    from kb.exemplars.models import ExemplarTitleAward
    from kb.home.models import FeaturedExemplar
    from kb.initiatives.models import InitiativeAuthor
    from kb.taxonomy.models import FieldOfWork, Title
    from kb.units.models import Unit

    return (
        Page,
        PageViewRestriction,
        Site,
        Unit,
        FieldOfWork,
        Title,
        ExemplarTitleAward,
        InitiativeAuthor,
        ReportAuthor,
        FeaturedExemplar,
    )


def connect_signals() -> None:
    """Bump the generation whenever something a reader sees may have changed."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    watched = _watched_models()

    def on_change(sender, instance=None, **kwargs):
        if isinstance(instance, watched):
            invalidate_now_and_on_commit()

    def on_page_event(sender, **kwargs):
        invalidate_now_and_on_commit()

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"kb-pagecache-{id(signal)}", weak=False)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_event, dispatch_uid=f"kb-pagecache-{id(signal)}", weak=False)

"""Keeping the index in step with the pages, through the tasks framework.

Publishing, unpublishing, moving, deleting a page or changing who may view it enqueues a task
once the transaction commits, so saving never waits on the index (nor on Elasticsearch). The
task reads the page as it is then: a live, public page is (re)indexed, anything else is
removed. The embedded index is always kept, so that search can answer from it when
Elasticsearch does not; an Elasticsearch update that fails because the cluster is down is
enqueued again a minute later.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterator
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .backends import get_embedded
from .documents import DocumentData, build, indexed_models

logger = logging.getLogger(__name__)
RETRY_AFTER = datetime.timedelta(seconds=60)
BATCH = 500


def elasticsearch_enabled() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def _subtree_ids(page_id: int) -> list[int]:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return [page_id]
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


@task()
def update_page_index(page_id: int, descendants: bool = False) -> None:
    """(Re)index the page — and its subtree when asked — or remove it when it must not be found."""
    ids = _subtree_ids(page_id) if descendants else [page_id]
    embedded = get_embedded()
    cache: dict = {}
    for pk in ids:
        page = Page.objects.filter(pk=pk).first()
        data = build(page, cache) if page is not None else None
        if data is None:
            embedded.remove(pk)
        else:
            embedded.index(data)
    if elasticsearch_enabled():
        update_elasticsearch.enqueue(ids)


@task()
def remove_page_from_index(page_id: int) -> None:
    """Kept for tasks enqueued before `remove_pages_from_index`."""
    remove_pages_from_index.call([page_id])


@task()
def remove_pages_from_index(page_ids: list[int]) -> None:
    """Remove deleted pages (a page and its descendants) from both indexes; a page that
    exists after all (its deletion was rolled back) is left as it is."""
    still_there = set(Page.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
    page_ids = [pk for pk in page_ids if pk not in still_there]
    if not page_ids:
        return
    embedded = get_embedded()
    for page_id in page_ids:
        embedded.remove(page_id)
    if elasticsearch_enabled():
        update_elasticsearch.enqueue(page_ids)


@task()
def update_elasticsearch(page_ids: list[int]) -> None:
    """Copy the embedded documents of these pages to Elasticsearch (or delete them there)."""
    from .backends.elasticsearch import ElasticsearchBackend, unreachable_errors

    backend = ElasticsearchBackend()
    try:
        backend.sync(page_ids)
    except unreachable_errors() as error:
        logger.warning("Elasticsearch unreachable, retrying %s later: %s", page_ids, error)
        retry = update_elasticsearch.using(run_after=timezone.now() + RETRY_AFTER)
        if retry.get_backend().supports_defer:
            retry.enqueue(page_ids)


_pending = threading.local()


def _pending_updates() -> dict[int, bool]:
    if not hasattr(_pending, "pages"):
        _pending.pages = {}
    return _pending.pages


def enqueue_update(page_id: int, descendants: bool = False) -> None:
    """Enqueue one index update per page once the transaction commits, however many signals
    the page sent in it (an import saves and publishes each page)."""
    pending = _pending_updates()
    pending[page_id] = pending.get(page_id, False) or descendants
    transaction.on_commit(partial(_enqueue_pending, page_id), robust=True)


def _enqueue_pending(page_id: int) -> None:
    pending = _pending_updates()
    if page_id in pending:
        update_page_index.enqueue(page_id, pending.pop(page_id))


# --- signals -------------------------------------------------------------------------------------


def on_published(sender, instance, **kwargs) -> None:
    enqueue_update(instance.pk)


def on_saved(sender, instance, raw=False, **kwargs) -> None:
    """A live page saved directly (scripts, factories, edits of live fields) is reindexed."""
    if not raw and instance.live:
        enqueue_update(instance.pk)


def on_unpublished(sender, instance, **kwargs) -> None:
    enqueue_update(instance.pk, descendants=True)


def on_moved(sender, instance, **kwargs) -> None:
    enqueue_update(instance.pk, descendants=True)


def deleted_ids(page: Page) -> list[int]:
    """The pages that go with `page` when it is deleted: itself and all its descendants
    (treebeard deletes the subtree), read before the rows are gone."""
    if not page.pk or not page.path:
        return [page.pk] if page.pk else []
    return list(
        Page.objects.filter(path__startswith=page.path, depth__gte=page.depth)
        .order_by("path")
        .values_list("pk", flat=True)
    )


def on_pre_delete(sender, instance, **kwargs) -> None:
    """Any page about to be deleted (of whatever type, and whatever types are below it): its
    subtree is removed from both indexes, in one task, once the transaction commits. The
    embedded index loses the rows by cascade anyway; Elasticsearch must be told each id."""
    if not isinstance(instance, Page) or instance.pk in _queued_removals():
        return  # the descendants of a page being deleted go with it
    transaction.on_commit(partial(_enqueue_removals, deleted_ids(instance)), robust=True)


def _queued_removals() -> set[int]:
    """The ids already waiting for this transaction to commit (none after a rollback)."""
    ids: set[int] = set()
    for _savepoints, callback, _robust in transaction.get_connection().run_on_commit:
        if isinstance(callback, partial) and callback.func is _enqueue_removals:
            ids.update(callback.args[0])
    return ids


def _enqueue_removals(page_ids: list[int]) -> None:
    remove_pages_from_index.enqueue(page_ids)


def on_restriction_changed(sender, instance, **kwargs) -> None:
    enqueue_update(instance.page_id, descendants=True)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="kbsearch-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="kbsearch-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="kbsearch-moved")
    pre_delete.connect(on_pre_delete, dispatch_uid="kbsearch-pre-delete")
    for model in indexed_models():
        post_save.connect(on_saved, sender=model, dispatch_uid=f"kbsearch-save-{model.__name__}")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="kbsearch-r")
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="kbsearch-rd"
    )


# --- rebuilding ----------------------------------------------------------------------------------


def _prefetch() -> dict[str, tuple[list, list]]:
    from kb.initiatives.models import InitiativeAuthor

    return {
        "ExemplarPage": (["unit"], ["fields_of_work", "titles__title", "tagged_items__tag"]),
        "InitiativePage": (
            ["unit"],
            [
                "fields_of_work",
                # Not "authors__exemplar": Django prefetches a multi-table page by OR-ing one
                # `page_ptr_id = %s` per author, which passes SQLite's expression depth limit
                # (1000) once a batch has that many authors. A join has no such limit.
                Prefetch("authors", queryset=InitiativeAuthor.objects.select_related("exemplar")),
                "tagged_items__tag",
            ],
        ),
        "MovementPage": (["unit"], ["fields_of_work"]),
        "ConferencePage": (["unit"], []),
    }


def iter_documents(cache: dict | None = None) -> Iterator[DocumentData]:
    cache = {} if cache is None else cache
    cache.setdefault(
        "restricted", set(PageViewRestriction.objects.values_list("page__path", flat=True))
    )
    prefetches = _prefetch()
    for model in indexed_models():
        related, prefetch = prefetches.get(model.__name__, ([], []))
        pages = model.objects.live().select_related(*related).prefetch_related(*prefetch)
        for page in pages.order_by("pk").iterator(chunk_size=BATCH):
            data = build(page, cache)
            if data is not None:
                yield data


def count_pages() -> int:
    return sum(model.objects.live().count() for model in indexed_models())


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Empty the embedded index and fill it again from the live, public pages."""
    from .models import SearchDocument, SearchFacet

    embedded = get_embedded()
    total = 0
    with transaction.atomic():
        embedded.clear()
        batch: list[DocumentData] = []

        def flush() -> None:
            SearchDocument.objects.bulk_create(
                SearchDocument(
                    id=d.page_id,  # see EmbeddedBackend.index: the page's own number
                    page_id=d.page_id,
                    key=d.key,
                    content_type=d.content_type,
                    title=d.title[:255],
                    title_folded=d.title_folded,
                    body=d.body,
                    body_folded=d.body_folded,
                    url=d.url,
                    year=d.year,
                    date=d.date,
                )
                for d in batch
            )
            SearchFacet.objects.bulk_create(
                SearchFacet(document_id=d.page_id, name=n, value=v[:255])
                for d in batch
                for n, v in d.facets
            )
            if progress:
                progress(len(batch))
            batch.clear()

        for data in iter_documents():
            batch.append(data)
            total += 1
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    if elasticsearch_enabled():
        from .backends.elasticsearch import ElasticsearchBackend

        ElasticsearchBackend().rebuild_from_embedded(progress=None)
    return total

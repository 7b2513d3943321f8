"""Search backends behind one interface (`base.SearchBackend`), chosen by settings.

`KB_SEARCH_BACKEND` names the class; left empty, Elasticsearch is used when
`ELASTICSEARCH_URL` is set and the embedded backend (SQLite FTS5 / PostgreSQL) otherwise.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import SearchBackend

EMBEDDED = "search.backends.embedded.EmbeddedBackend"
ELASTICSEARCH = "search.backends.elasticsearch.ElasticsearchBackend"


def backend_path() -> str:
    configured = getattr(settings, "KB_SEARCH_BACKEND", "")
    if configured:
        return configured
    return ELASTICSEARCH if getattr(settings, "ELASTICSEARCH_URL", "") else EMBEDDED


def get_backend() -> SearchBackend:
    return import_string(backend_path())()


def get_embedded() -> SearchBackend:
    return import_string(EMBEDDED)()

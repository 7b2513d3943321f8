import pytest

from search.dictionary import clear_cache
from search.index import rebuild


@pytest.fixture(autouse=True)
def _fresh_dictionary():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def reindex(db):
    """Rebuild the embedded index from the pages as they are now."""
    return rebuild

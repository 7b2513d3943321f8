import pytest

from kb.home.structure import ensure_site_structure


@pytest.fixture
def site_structure(db):
    """The home page and the index pages, as every real installation has them."""
    return ensure_site_structure()

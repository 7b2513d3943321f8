"""Against a real cluster: set ELASTICSEARCH_URL to run (see search/README.md)."""

import os

import pytest

from search.backends.base import SearchRequest
from search.backends.elasticsearch import ElasticsearchBackend
from tests.factories import ExemplarPageFactory, InitiativePageFactory

pytestmark = [
    pytest.mark.elasticsearch_live,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL not set"),
]


@pytest.fixture
def es(settings, site_structure):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX = "kb-pages-test"
    InitiativePageFactory(title="Cấp thẻ bảo hiểm y tế cho học sinh ngay tại trường")
    ExemplarPageFactory(title="Nguyễn Thị Thu Hà")
    from search.index import rebuild

    rebuild()  # the embedded index, then a copy in Elasticsearch
    backend = ElasticsearchBackend()
    yield backend
    backend.client.indices.delete(index="kb-pages-test", ignore_unavailable=True)


def test_accentless_acronym_query_is_highlighted_in_the_original_spelling(es):
    results = es.search(SearchRequest("BHYT hoc sinh"))
    assert results.backend == "elasticsearch"
    assert results.hits[0].title.startswith("Cấp thẻ bảo hiểm y tế")
    assert "<mark>" in results.hits[0].title_html + results.hits[0].snippet


def test_d_folding_typos_facets_and_autocomplete(es):
    assert es.search(SearchRequest("Nguyen Thi Thu Haa")).hits[0].title == "Nguyễn Thị Thu Hà"
    facets = es.search(SearchRequest("hoc sinh")).facets
    assert {v.value: v.count for v in facets["type"]} == {"initiative": 1}
    assert [s.title for s in es.autocomplete("nguyen thi")] == ["Nguyễn Thị Thu Hà"]

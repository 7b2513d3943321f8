"""The Elasticsearch backend offline: its mapping, its query bodies, and the fallback when the
cluster does not answer (a closed local port is a real unreachable server, not a fake)."""

import pytest
from django.urls import reverse

from search.backends import get_backend
from search.backends.base import SearchRequest
from search.backends.elasticsearch import (
    FALLBACK_NOTICE,
    autocomplete_search,
    document_class,
    faceted_search,
)
from search.text import Dictionary, expand
from tests.factories import InitiativePageFactory

DICTIONARY = Dictionary.from_pairs([("BHYT", ["bảo hiểm y tế"])])
UNREACHABLE = "http://127.0.0.1:9"


def test_mapping_folds_vietnamese_with_built_in_filters_and_synonyms():
    mapping = document_class(DICTIONARY, name="kb-test")._index.to_dict()
    analysis = mapping["settings"]["analysis"]
    assert analysis["analyzer"]["vi_index"]["filter"] == ["lowercase", "vi_folding"]
    assert analysis["filter"]["vi_folding"] == {"type": "asciifolding", "preserve_original": True}
    assert analysis["filter"]["vi_synonyms"]["type"] == "synonym_graph"
    assert "bao hiem y te, bhyt" in analysis["filter"]["vi_synonyms"]["synonyms"]
    title = mapping["mappings"]["properties"]["title"]
    assert title["analyzer"] == "vi_index" and title["search_analyzer"] == "vi_search"
    assert title["fields"]["prefix"]["analyzer"] == "vi_prefix"
    assert mapping["mappings"]["properties"]["fields"] == {"type": "keyword"}


def test_query_body_expands_acronyms_boosts_titles_and_highlights():
    query = expand("BHYT hoc sinh", DICTIONARY)
    request = SearchRequest("BHYT hoc sinh", filters={"type": ["initiative"]}, per_page=10)
    body = faceted_search(request, query, name="kb-test")._s.to_dict()
    text = str(body["query"])
    assert "'bao hiem y te'" in text and "'bhyt'" in text
    assert "'boost': 10" in text  # the whole query as a phrase in the title
    assert "'fuzziness': 'AUTO'" in text  # typos in names
    assert body["post_filter"] == {"terms": {"content_type": ["initiative"]}}
    assert set(body["aggs"]) == {
        f"_filter_{n}" for n in ("type", "field", "province", "year", "title")
    }
    assert set(body["highlight"]["fields"]) == {"title", "body"}
    assert body["highlight"]["fields"]["body"]["pre_tags"] == ["<mark>"]
    assert body["size"] == 10


def test_sort_by_date_and_autocomplete_bodies():
    request = SearchRequest("bhyt", sort="date")
    body = faceted_search(request, expand("bhyt"), name="kb-test")._s.to_dict()
    assert body["sort"][0] == {"date": {"order": "desc"}}
    suggest = autocomplete_search("nguyen thi", name="kb-test").to_dict()
    assert suggest["query"]["bool"] == {
        "must": [{"match": {"title.prefix": {"query": "nguyen thi", "operator": "and"}}}],
        "filter": [{"terms": {"content_type": ["exemplar", "initiative"]}}],
    }


@pytest.mark.django_db
def test_search_page_answers_from_the_embedded_index_when_elasticsearch_is_down(
    client, settings, site_structure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        InitiativePageFactory(title="Cấp thẻ bảo hiểm y tế cho học sinh")
    settings.ELASTICSEARCH_URL = UNREACHABLE
    assert get_backend().name == "elasticsearch"
    response = client.get(reverse("search"), {"q": "BHYT hoc sinh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert FALLBACK_NOTICE in html
    assert "<mark>học sinh</mark>" in html
    suggestions = client.get(reverse("search_autocomplete"), {"q": "cap the"}).json()
    assert [s["title"] for s in suggestions["results"]] == ["Cấp thẻ bảo hiểm y tế cho học sinh"]

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


def test_mapping_folds_vietnamese_with_built_in_filters_and_holds_no_synonyms():
    mapping = document_class(name="kb-test")._index.to_dict()
    analysis = mapping["settings"]["analysis"]
    assert analysis["analyzer"]["vi_index"]["filter"] == ["lowercase", "vi_folding"]
    assert analysis["filter"]["vi_folding"] == {"type": "asciifolding", "preserve_original": True}
    # synonyms are expanded in the query, so editing them never touches the index
    assert analysis["analyzer"]["vi_search"]["filter"] == ["lowercase", "asciifolding"]
    assert not any(f.get("type") == "synonym_graph" for f in analysis["filter"].values())
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


def test_facets_are_disjunctive_within_a_facet_and_and_ed_across():
    """The hits are filtered after the aggregations (post_filter); each facet's counts are
    taken under every filter but its own, so choosing 'Giám định BHYT' keeps the counts of
    the other fields, and two fields chosen are OR-ed."""
    fields = {"terms": {"fields": ["Giám định BHYT", "Thu BHXH"]}}
    province = {"terms": {"province": ["BHXH thành phố Huế"]}}
    request = SearchRequest(
        "bhyt",
        filters={"field": ["Giám định BHYT", "Thu BHXH"], "province": ["BHXH thành phố Huế"]},
    )
    body = faceted_search(request, expand("bhyt", DICTIONARY), name="kb-test")._s.to_dict()
    assert body["post_filter"] == {"bool": {"must": [fields, province]}}
    assert "filter" not in str(body["query"])  # the query itself is not narrowed
    aggs = body["aggs"]
    assert aggs["_filter_field"]["filter"] == province
    assert aggs["_filter_field"]["aggs"]["field"]["terms"]["field"] == "fields"
    assert aggs["_filter_province"]["filter"] == fields
    for other in ("type", "year", "title"):
        assert aggs[f"_filter_{other}"]["filter"] == {"bool": {"must": [fields, province]}}


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


@pytest.mark.django_db
def test_deleting_a_page_deletes_its_descendants_from_elasticsearch(
    site_structure, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """A deleted page takes its subtree with it: every id goes to the cluster as a delete."""
    from unittest import mock

    from search import index
    from search.backends.elasticsearch import sync_actions
    from search.models import SearchDocument
    from tests.factories import StoryPageFactory

    settings.ELASTICSEARCH_URL = UNREACHABLE  # never contacted: update_elasticsearch is recorded
    update = mock.Mock()
    monkeypatch.setattr(index, "update_elasticsearch", update)
    with django_capture_on_commit_callbacks(execute=True):
        parent = InitiativePageFactory(title="Sáng kiến cha")
        child = StoryPageFactory(title="Bài con", parent=parent)
        grandchild = StoryPageFactory(title="Bài cháu", parent=child)
    subtree = [parent.pk, child.pk, grandchild.pk]
    assert index.deleted_ids(parent) == subtree
    assert index.deleted_ids(grandchild) == [grandchild.pk]
    assert SearchDocument.objects.filter(page_id__in=subtree).count() == 3
    update.reset_mock()

    with django_capture_on_commit_callbacks(execute=True):
        parent.delete()

    removed = [ids for (ids,), _ in update.enqueue.call_args_list]
    assert removed[0] == subtree  # one task for the whole subtree
    assert not SearchDocument.objects.filter(page_id__in=subtree).exists()
    assert sync_actions(removed[0], name="kb-test") == [
        {"_op_type": "delete", "_index": "kb-test", "_id": pk} for pk in subtree
    ]


@pytest.mark.django_db
def test_a_rolled_back_delete_removes_nothing(site_structure, django_capture_on_commit_callbacks):
    from search.index import remove_pages_from_index
    from search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=True):
        page = InitiativePageFactory(title="Vẫn còn")
    remove_pages_from_index.call([page.pk])  # as if its deletion had been rolled back
    assert SearchDocument.objects.filter(page_id=page.pk).exists()

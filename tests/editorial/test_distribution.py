"""What leaves the site for other readers: RSS/Atom feeds, the sitemap and the JSON API."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from kb.exemplars.models import ExemplarTitleAward
from kb.taxonomy.models import FieldOfWork, Title
from tests.factories import (
    ExemplarPageFactory,
    InitiativePageFactory,
    StoryPageFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content(site_structure):
    unit = UnitFactory(code="HN", name="BHXH thành phố Hà Nội")
    exemplar = ExemplarPageFactory(title="Chị Nguyễn Thu Hà", unit=unit, year=2025)
    exemplar.fields_of_work.set([FieldOfWork.objects.get_or_create(name="Thu BHXH, BHYT")[0]])
    exemplar.save()
    ExemplarTitleAward.objects.create(
        page=exemplar, title=Title.objects.first(), year=2025, decision="123/QĐ-BHXH"
    )
    public = StoryPageFactory(title="Bài công khai", summary="Sa pô bài công khai", author="Lan")
    public.exemplars.set([exemplar])
    public.save()
    StoryPageFactory(title="Bài còn nháp", live=False)
    private = StoryPageFactory(title="Bài hạn chế")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([Group.objects.first()])
    InitiativePageFactory(title="Sáng kiến công khai", unit=unit, summary="Giảm giấy tờ")
    InitiativePageFactory(title="Sáng kiến nháp", live=False)
    return {"exemplar": exemplar, "public": public, "private": private}


def test_story_feeds_list_only_published_public_stories(client, content):
    rss = ET.fromstring(client.get("/feeds/tin-bai/rss/").content)
    items = rss.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Bài công khai"]
    assert items[0].findtext("description") == "Sa pô bài công khai"
    assert items[0].findtext("link").endswith(content["public"].url)

    atom = ET.fromstring(client.get("/feeds/tin-bai/atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["Bài công khai"]


def test_initiative_feeds_list_published_initiatives(client, content):
    rss = client.get("/feeds/sang-kien/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    titles = [i.findtext("title") for i in ET.fromstring(rss.content).findall("./channel/item")]
    assert titles == ["Sáng kiến công khai"]
    atom = ET.fromstring(client.get("/feeds/sang-kien/atom/").content)
    entry = atom.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "BHXH thành phố Hà Nội"


def test_every_page_advertises_the_feeds(client, content):
    html = client.get(content["public"].url).content.decode()
    for url in ("/feeds/tin-bai/rss/", "/feeds/tin-bai/atom/", "/feeds/sang-kien/rss/"):
        assert f'href="{url}"' in html


def test_sitemap_lists_public_pages_and_leaves_out_drafts_and_restricted(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert content["public"].url in xml
    assert content["exemplar"].url in xml
    assert "/sang-kien-cong-khai/" in xml
    assert "bai-con-nhap" not in xml
    assert "sang-kien-nhap" not in xml
    assert content["private"].slug not in xml


def test_api_serves_published_public_pages_with_their_fields(client, content):
    listing = client.get("/api/v2/pages/?limit=20").json()
    titles = {item["title"] for item in listing["items"]}
    assert {"Bài công khai", "Chị Nguyễn Thu Hà", "Sáng kiến công khai"} <= titles
    assert not titles & {"Bài còn nháp", "Bài hạn chế", "Sáng kiến nháp"}

    exemplar = client.get(f"/api/v2/pages/{content['exemplar'].pk}/").json()
    assert exemplar["unit"] == {
        "id": exemplar["unit"]["id"],
        "code": "HN",
        "name": "BHXH thành phố Hà Nội",
    }
    assert exemplar["fields_of_work"][0]["name"] == "Thu BHXH, BHYT"
    assert exemplar["titles"][0]["year"] == 2025
    assert exemplar["titles"][0]["decision"] == "123/QĐ-BHXH"
    assert exemplar["summary"]

    story = client.get(
        "/api/v2/pages/?type=stories.StoryPage&fields=summary,author,exemplars"
    ).json()["items"]
    assert story == [
        {
            **story[0],
            "title": "Bài công khai",
            "summary": "Sa pô bài công khai",
            "author": "Lan",
            "exemplars": [{"id": content["exemplar"].pk, "title": "Chị Nguyễn Thu Hà"}],
        }
    ]
    initiatives = client.get(
        "/api/v2/pages/?type=initiatives.InitiativePage&fields=summary,unit"
    ).json()["items"]
    assert [(i["title"], i["summary"]) for i in initiatives] == [
        ("Sáng kiến công khai", "Giảm giấy tờ")
    ]


def test_api_refuses_drafts_and_restricted_pages_even_by_id(client, content):
    draft_id = StoryPageFactory(title="Nháp khác", live=False).pk
    for page_id in (draft_id, content["private"].pk):
        assert client.get(f"/api/v2/pages/{page_id}/").status_code == 404


def test_api_is_read_only(client, content):
    url = f"/api/v2/pages/{content['public'].pk}/"
    assert client.delete(url).status_code == 405
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405


def test_api_lists_images_and_documents(client, content):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").json()["meta"]["total_count"] == 0

"""Listing filters a reader can combine and share, the home page's figures, the page cache,
and query counts that do not grow with the amount of content."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from kb.conferences.models import ReportAuthor
from kb.exemplars.models import ExemplarTitleAward
from kb.initiatives.models import InitiativeAuthor
from kb.taxonomy.models import FieldOfWork, Title
from kb.units.models import UnitLevel
from tests.factories import (
    ExemplarPageFactory,
    InitiativePageFactory,
    ReportPageFactory,
    StoryPageFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_structure):
    """Two provinces (one with a district), two fields, a coded title, and exemplars."""
    ha_noi = UnitFactory(code="HN", name="BHXH thành phố Hà Nội")
    ba_vi = UnitFactory(
        code="HN-BV", name="BHXH huyện Ba Vì", level=UnitLevel.DISTRICT, parent=ha_noi
    )
    nghe_an = UnitFactory(code="NA", name="BHXH tỉnh Nghệ An")
    thu = FieldOfWork.objects.update_or_create(name="Thu BHXH, BHYT", defaults={"slug": "thu"})[0]
    it = FieldOfWork.objects.update_or_create(
        name="Công nghệ thông tin", defaults={"slug": "cntt"}
    )[0]
    cstd, _ = Title.objects.update_or_create(
        name="Chiến sĩ thi đua cơ sở", defaults={"code": "cstd-co-so"}
    )

    def exemplar(title, unit, fields, kind="individual", year=2024, won=None):
        page = ExemplarPageFactory(title=title, unit=unit, kind=kind, year=year)
        page.fields_of_work.set(fields)
        page.save()
        for won_year in won or []:
            ExemplarTitleAward.objects.create(page=page, title=cstd, year=won_year)
        return page

    return {
        "a": exemplar("Anh Ba Vì thu", ba_vi, [thu], won=[2023]),
        "b": exemplar("Chị Hà Nội tin học", ha_noi, [it], year=2023, won=[2024]),
        "c": exemplar("Tập thể Hà Nội thu", ha_noi, [thu, it], kind="collective"),
        "d": exemplar("Nghệ An thu", nghe_an, [thu]),
        "thu": thu,
        "it": it,
        "structure": site_structure,
    }


def listed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response, {p.title for p in response.context["page_obj"].object_list}


def test_exemplars_filter_by_province_subtree_field_kind_year_and_title(client, world):
    url = world["structure"].exemplars.url

    assert listed(client, url, province="HN")[1] == {
        "Anh Ba Vì thu",
        "Chị Hà Nội tin học",
        "Tập thể Hà Nội thu",
    }
    assert listed(client, url, province="HN", field="thu")[1] == {
        "Anh Ba Vì thu",
        "Tập thể Hà Nội thu",
    }
    assert listed(client, url, province="HN", field="thu", kind="individual")[1] == {
        "Anh Ba Vì thu"
    }
    assert listed(client, url, year=2023)[1] == {"Chị Hà Nội tin học"}
    assert listed(client, url, title="cstd-co-so")[1] == {"Anh Ba Vì thu", "Chị Hà Nội tin học"}
    assert listed(client, url, title="cstd-co-so", year=2024)[1] == {"Chị Hà Nội tin học"}
    assert listed(client, url, province="HN-BV")[1] == {"Anh Ba Vì thu"}  # any unit's subtree


def test_active_filters_are_shown_counted_and_each_removable(client, world):
    response, _ = listed(client, world["structure"].exemplars.url, province="HN", field="thu")
    html = response.content.decode()

    assert "<strong>2</strong> điển hình phù hợp với bộ lọc" in html
    assert 'href="?field=thu"' in html  # removes the province, keeps the field
    assert 'href="?province=HN"' in html
    assert "BHXH thành phố Hà Nội" in html and "Thu BHXH, BHYT" in html
    assert '<option value="HN" selected>' in html
    assert 'name="kind"' in html and 'name="title"' in html


def test_a_filter_naming_nothing_is_reported_and_ignored(client, world):
    response, titles = listed(
        client, world["structure"].exemplars.url, province="XX", year="abc", field="thu"
    )
    html = response.content.decode()

    assert titles == {"Anh Ba Vì thu", "Tập thể Hà Nội thu", "Nghệ An thu"}
    assert "không nhận giá trị “XX”" in html and "không nhận giá trị “abc”" in html


def test_filters_keep_through_pagination(client, world):
    for n in range(26):
        page = ExemplarPageFactory(title=f"Thêm {n:02d}", unit=world["d"].unit)
        page.fields_of_work.set([world["it"]])
        page.save()
    url = world["structure"].exemplars.url

    first, titles = listed(client, url, field="cntt")
    second, more = listed(client, url, field="cntt", page=2)

    assert len(titles) == 24 and len(more) == 4
    assert "?field=cntt&amp;page=2" in first.content.decode()


def test_initiatives_and_stories_filter_by_field_province_and_year(client, world):
    ha_noi_it = InitiativePageFactory(title="Sáng kiến Hà Nội", unit=world["b"].unit, year=2024)
    ha_noi_it.fields_of_work.set([world["it"]])
    ha_noi_it.save()
    InitiativePageFactory(title="Sáng kiến Nghệ An", unit=world["d"].unit, year=2023)
    story = StoryPageFactory(title="Bài về tin học", date=datetime.date(2025, 3, 1))
    story.initiatives.set([ha_noi_it])
    story.save()
    other = StoryPageFactory(title="Bài về thu", date=datetime.date(2024, 3, 1))
    other.exemplars.set([world["d"]])
    other.save()
    structure = world["structure"]

    assert listed(client, structure.initiatives.url, province="HN")[1] == {"Sáng kiến Hà Nội"}
    assert listed(client, structure.initiatives.url, year=2023)[1] == {"Sáng kiến Nghệ An"}
    assert listed(client, structure.stories.url, field="cntt")[1] == {"Bài về tin học"}
    assert listed(client, structure.stories.url, field="thu")[1] == {"Bài về thu"}
    assert listed(client, structure.stories.url, year=2024)[1] == {"Bài về thu"}


def test_home_page_draws_the_key_figures_with_tables_linking_to_the_listing(client, world):
    html = client.get("/").content.decode()

    assert html.count('<svg class="chart') == 4
    assert "Điển hình theo lĩnh vực công tác" in html
    assert "Danh hiệu, khen thưởng theo năm" in html
    assert 'href="/dien-hinh/?field=thu"' in html
    assert 'href="/dien-hinh/?province=HN"' in html and 'href="/dien-hinh/?province=NA"' in html
    assert "Thu BHXH, BHYT: 3" in html  # the chart's description names the largest values


def test_profile_shows_unit_tree_papers_related_exemplars_and_structured_data(client, world):
    report = ReportPageFactory(title="Tham luận thu BHXH ở Ba Vì", kind="paper")
    ReportAuthor.objects.create(page=report, exemplar=world["a"])
    initiative = InitiativePageFactory(title="Thu qua ứng dụng")
    InitiativeAuthor.objects.create(page=initiative, exemplar=world["a"])

    html = client.get(world["a"].url).content.decode()

    assert "BHXH thành phố Hà Nội" in html  # the unit's parent, in the unit's tree
    assert "Tham luận thu BHXH ở Ba Vì" in html and report.get_parent().title in html
    assert "Tập thể Hà Nội thu" in html  # related: shares the field
    assert '<meta property="og:type" content="profile">' in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "Person" and data["name"] == "Anh Ba Vì thu"
    assert data["worksFor"]["name"] == "BHXH huyện Ba Vì"
    assert data["award"] == ["Chiến sĩ thi đua cơ sở (2023)"]


def test_related_exemplars_are_the_units_newest_then_those_sharing_a_field(client, world):
    ha_noi = world["b"].unit
    mates = [ExemplarPageFactory(title=f"Đồng nghiệp {i}", unit=ha_noi) for i in range(5)]
    mates[-1].unpublish()  # a draft is never related
    newest_live = [m.title for m in reversed(mates[:-1])]

    related = [p.title for p in world["b"].related_exemplars()]
    assert related == [*newest_live, "Tập thể Hà Nội thu"][:4]
    assert "Đồng nghiệp 4" not in client.get(world["b"].url).content.decode()

    # Alone in its unit: the newest others that share one of its fields, never itself.
    related = [p.title for p in world["d"].related_exemplars()]
    assert related == ["Tập thể Hà Nội thu", "Anh Ba Vì thu"]


def test_story_carries_article_structured_data(client, world):
    story = StoryPageFactory(title="Người giữ sổ </script> của xã", author="Ban Tuyên truyền")
    story.exemplars.set([world["a"]])
    story.save()

    html = client.get(story.url).content.decode()

    raw = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["@type"] == "Article" and data["headline"] == "Người giữ sổ </script> của xã"
    assert data["author"] == {"@type": "Person", "name": "Ban Tuyên truyền"}
    assert data["about"][0]["name"] == "Anh Ba Vì thu"
    assert '<meta property="og:type" content="article">' in html


# --- page cache ------------------------------------------------------------------------------
@override_settings(KB_PAGE_CACHE_SECONDS=300)
def test_published_pages_are_cached_and_publishing_unpublishing_deleting_refreshes_them(
    client, world
):
    cache.clear()
    url = world["structure"].exemplars.url
    assert client.get(url)["X-KB-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-KB-Cache"] == "hit"
    # A hit is the same page with the same protective headers.
    assert "Chị Hà Nội tin học" in hit.content.decode()
    assert hit["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in hit

    new = ExemplarPageFactory(title="Điển hình vừa đăng", unit=world["d"].unit, live=False)
    new.save_revision().publish()
    response = client.get(url)
    assert response["X-KB-Cache"] == "miss" and "Điển hình vừa đăng" in response.content.decode()

    client.get(url)
    new.refresh_from_db()
    new.unpublish()
    assert "Điển hình vừa đăng" not in client.get(url).content.decode()

    profile = world["d"].url
    client.get(profile)
    assert client.get(profile)["X-KB-Cache"] == "hit"
    world["d"].delete()
    assert client.get(profile).status_code == 404


@override_settings(KB_PAGE_CACHE_SECONDS=300)
def test_no_cache_for_logged_in_users_or_restricted_pages(client, admin_client, world):
    from wagtail.models import PageViewRestriction

    cache.clear()
    url = world["a"].url
    admin_client.get(url)
    assert "X-KB-Cache" not in admin_client.get(url)
    assert client.get(url)["X-KB-Cache"] == "miss"  # the editor's visit stored nothing

    PageViewRestriction.objects.create(page=world["b"], restriction_type="login")
    for _ in range(2):
        response = client.get(world["b"].url)
        assert response.status_code == 302 and "X-KB-Cache" not in response
    response = admin_client.get(world["b"].url)
    assert response.status_code == 200 and "X-KB-Cache" not in response
    assert "X-KB-Cache" not in client.get(world["b"].url)


# --- queries do not grow with content --------------------------------------------------------
def queries_for(client, url):
    client.get(url)  # renditions are made on the first view
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_content(world, n, start):
    """n exemplars (with fields, titles, a story, an initiative, a paper) per call."""
    cstd = Title.objects.get(code="cstd-co-so")
    for i in range(start, start + n):
        unit = world["d"].unit if i % 2 else world["b"].unit
        exemplar = ExemplarPageFactory(title=f"Điển hình thêm {i}", unit=unit, year=2020 + i % 5)
        exemplar.fields_of_work.set([world["thu"], world["it"]])
        exemplar.save()
        ExemplarTitleAward.objects.create(page=exemplar, title=cstd, year=2020 + i % 5)
        for target in (world["a"], exemplar):
            initiative = InitiativePageFactory(title=f"Sáng kiến thêm {i} {target.pk}", unit=unit)
            initiative.fields_of_work.set([world["it"]])
            initiative.save()
            InitiativeAuthor.objects.create(page=initiative, exemplar=target)
        story = StoryPageFactory(title=f"Bài thêm {i}")
        story.exemplars.set([world["a"], exemplar])
        story.save()
        report = ReportPageFactory(title=f"Tham luận thêm {i}")
        ReportAuthor.objects.create(page=report, exemplar=world["a"])


def test_query_counts_stay_the_same_with_three_times_the_content(client, world):
    from kb.home.models import FeaturedExemplar

    for key in ("a", "b", "c"):
        FeaturedExemplar.objects.create(page=world["structure"].home, exemplar=world[key])
    story = StoryPageFactory(title="Bài chính")
    story.exemplars.set([world["a"], world["b"]])
    story.save()
    initiative = InitiativePageFactory(title="Sáng kiến chính", unit=world["b"].unit)
    InitiativeAuthor.objects.create(page=initiative, exemplar=world["a"])
    exemplars = world["structure"].exemplars.url
    urls = {
        "home": "/",
        "exemplars": exemplars,
        "filtered": f"{exemplars}?province=HN&field=thu",
        "initiatives": world["structure"].initiatives.url + "?field=cntt",
        "stories": world["structure"].stories.url + "?year=2025",
        "profile": world["a"].url,
        "initiative": initiative.url,
        "story": story.url,
    }

    add_content(world, 4, 0)
    small = {name: queries_for(client, url) for name, url in urls.items()}
    add_content(world, 8, 4)
    large = {name: queries_for(client, url) for name, url in urls.items()}

    assert small == large
    assert max(large.values()) <= 30, large


def test_conference_page_counts_its_delegates(client, world):
    from kb.conferences.models import Delegate
    from tests.factories import ConferencePageFactory

    conference = ConferencePageFactory(title="Hội nghị điển hình Hà Nội", capacity=300)
    for n, category in enumerate(["guest", "invited", "invited"]):
        Delegate.objects.create(conference=conference, category=category, full_name=f"Đại biểu {n}")

    html = client.get(conference.url).content.decode()

    assert "Đại biểu trong danh sách</dt><dd>3</dd>" in html

"""The reader site: every page type renders its key content, listings paginate and only show
published pages, search finds a page by a word of its title, and a listing's queries do not
grow with the number of items."""

import datetime

import pytest
import wagtail_factories
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kb.conferences.models import ReportAuthor
from kb.exemplars.models import ExemplarTitleAward
from kb.home.models import FeaturedExemplar
from kb.initiatives.models import InitiativeAuthor
from kb.movements.models import MovementPage
from kb.taxonomy.models import FieldOfWork, Title
from tests.factories import (
    ConferencePageFactory,
    ExemplarPageFactory,
    InitiativePageFactory,
    ReportPageFactory,
    StoryPageFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


# --- helpers ---------------------------------------------------------------------------------
def make_image(title="Ảnh chân dung"):
    return wagtail_factories.ImageFactory(title=title, collection=Collection.get_first_root_node())


def field_of_work(name):
    return FieldOfWork.objects.get_or_create(name=name)[0]


def title_named(name):
    return Title.objects.get_or_create(name=name)[0]


def make_movement(parent, n, **kwargs):
    values = {
        "title": f"Phong trào thi đua số {n}",
        "slug": f"phong-trao-{n}",
        "kind": "thematic",
        "launched_by": "sector",
        "start_date": datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        **kwargs,
    }
    return parent.add_child(instance=MovementPage(**values))


def rich_exemplar(n, **kwargs):
    """An exemplar with everything a card shows: photo, fields of work, titles."""
    exemplar = ExemplarPageFactory(photo=make_image(f"Ảnh {n}"), **kwargs)
    exemplar.fields_of_work.set([field_of_work("Thu BHXH, BHYT, BHTN"), field_of_work("Kiểm tra")])
    exemplar.save()
    ExemplarTitleAward.objects.create(
        page=exemplar, title=title_named("Chiến sĩ thi đua cơ sở"), year=2024
    )
    return exemplar


def rich_initiative(n, author=None, **kwargs):
    initiative = InitiativePageFactory(**kwargs)
    initiative.fields_of_work.set([field_of_work("Giao dịch điện tử")])
    initiative.save()
    if author is not None:
        InitiativeAuthor.objects.create(page=initiative, exemplar=author)
    return initiative


def rich_story(n, **kwargs):
    return StoryPageFactory(cover=make_image(f"Ảnh bìa {n}"), **kwargs)


# --- each page type --------------------------------------------------------------------------
def test_home_page_shows_navigation_featured_exemplars_and_latest_content(client, site_structure):
    exemplar = ExemplarPageFactory(
        title="Nguyễn Thị Hoa", unit=UnitFactory(name="BHXH tỉnh Nghệ An")
    )
    FeaturedExemplar.objects.create(page=site_structure.home, exemplar=exemplar)
    InitiativePageFactory(title="Một cửa liên thông điện tử")
    StoryPageFactory(title="Lan tỏa cách làm hay ở cơ sở")
    ConferencePageFactory(title="Hội nghị điển hình tiên tiến tỉnh Nghệ An")

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert 'href="#main"' in html
    for index in ("Điển hình tiên tiến", "Sáng kiến, mô hình hay", "Tin bài", "Phong trào thi đua"):
        assert index in html
    assert 'href="/dien-hinh/"' in html
    assert "Nguyễn Thị Hoa" in html
    assert "BHXH tỉnh Nghệ An" in html
    assert "Một cửa liên thông điện tử" in html
    assert "Lan tỏa cách làm hay ở cơ sở" in html
    assert "Hội nghị điển hình tiên tiến tỉnh Nghệ An" in html
    assert 'action="/search/"' in html


def test_exemplar_profile_shows_unit_kind_fields_titles_initiatives_and_stories(
    client, site_structure
):
    unit = UnitFactory(name="BHXH huyện Quỳnh Lưu")
    exemplar = ExemplarPageFactory(
        title="Trần Văn Bình",
        unit=unit,
        kind="individual",
        position="Tổ trưởng tổ thu",
        summary="Mười năm liền hoàn thành xuất sắc nhiệm vụ.",
        good_deed=True,
        photo=make_image(),
        body=[("quote", {"text": "Mỗi hồ sơ là một người dân.", "attribution": "Trần Văn Bình"})],
    )
    exemplar.fields_of_work.set([field_of_work("Thu BHXH, BHYT, BHTN")])
    exemplar.save()
    ExemplarTitleAward.objects.create(
        page=exemplar, title=title_named("Chiến sĩ thi đua cơ sở"), year=2023, decision="123/QĐ"
    )
    ExemplarTitleAward.objects.create(
        page=exemplar, title=title_named("Chiến sĩ thi đua ngành BHXH"), year=2024
    )
    rich_initiative(1, author=exemplar, title="Thu hộ qua ứng dụng VssID")
    story = StoryPageFactory(title="Người giữ sổ của cả xã")
    story.exemplars.set([exemplar])
    story.save_revision().publish()

    response = client.get(exemplar.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Trần Văn Bình" in html
    assert "BHXH huyện Quỳnh Lưu" in html
    assert "Cá nhân" in html
    assert "Người tốt – Việc tốt" in html
    assert "Thu BHXH, BHYT, BHTN" in html
    assert "Chiến sĩ thi đua cơ sở" in html and "2023" in html and "123/QĐ" in html
    assert "Chiến sĩ thi đua ngành BHXH" in html and "2024" in html
    assert html.index("Chiến sĩ thi đua ngành BHXH") < html.index("Chiến sĩ thi đua cơ sở")
    assert "Thu hộ qua ứng dụng VssID" in html
    assert "Người giữ sổ của cả xã" in html
    assert "Mỗi hồ sơ là một người dân." in html
    assert ".webp" in html  # the photo's rendition
    assert 'aria-current="page"' in html  # breadcrumbs and navigation mark where we are


def test_initiative_page_reads_problem_solution_results_with_authors(client, site_structure):
    author = ExemplarPageFactory(title="Lê Thị Mai")
    initiative = InitiativePageFactory(
        title="Số hóa hồ sơ hưởng chế độ",
        unit=UnitFactory(name="BHXH tỉnh Thanh Hóa"),
        year=2024,
        scope="sector",
        problem="<p>Hồ sơ giấy chờ lâu.</p>",
        solution="<p>Quét và ký số ngay tại bộ phận một cửa.</p>",
        results="<p>Thời gian giải quyết giảm 40%.</p>",
    )
    InitiativeAuthor.objects.create(page=initiative, exemplar=author)

    response = client.get(initiative.url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Số hóa hồ sơ hưởng chế độ",
        "BHXH tỉnh Thanh Hóa",
        "2024",
        "Toàn ngành",
        "Lê Thị Mai",
        "Hồ sơ giấy chờ lâu.",
        "Quét và ký số ngay tại bộ phận một cửa.",
        "Thời gian giải quyết giảm 40%.",
    ):
        assert text in html
    assert html.index("Vấn đề đặt ra") < html.index("Giải pháp") < html.index("Kết quả, hiệu quả")


def test_story_page_shows_body_and_what_it_tells_about(client, site_structure):
    exemplar = ExemplarPageFactory(title="Phạm Văn Cường")
    story = StoryPageFactory(
        title="Một ngày ở bộ phận một cửa",
        author="Ban Tuyên truyền",
        cover=make_image(),
        body=[
            ("paragraph", "<p>Từ sáng sớm, hàng người đã chờ.</p>"),
            (
                "key_figures",
                {"heading": "Kết quả", "figures": [{"value": "98,5%", "label": "hồ sơ đúng hạn"}]},
            ),
        ],
    )
    story.exemplars.set([exemplar])
    story.save_revision().publish()

    response = client.get(story.url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Một ngày ở bộ phận một cửa",
        "Ban Tuyên truyền",
        "01/05/2025",
        "Từ sáng sớm, hàng người đã chờ.",
        "98,5%",
        "hồ sơ đúng hạn",
        "Phạm Văn Cường",
    ):
        assert text in html


def test_movement_page_shows_slogan_period_and_targets(client, site_structure):
    movement = make_movement(
        site_structure.movements,
        1,
        title="Thi đua cải cách thủ tục hành chính",
        slogan="Người dân là trung tâm",
        targets="<p>100% hồ sơ được giải quyết đúng hạn.</p>",
        end_date=datetime.date(2025, 12, 31),
    )

    response = client.get(movement.url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Thi đua cải cách thủ tục hành chính",
        "Người dân là trung tâm",
        "Chuyên đề",
        "BHXH Việt Nam",
        "31/12/2025",
        "100% hồ sơ được giải quyết đúng hạn.",
    ):
        assert text in html


def test_conference_page_lists_its_published_reports(client, site_structure):
    conference = ConferencePageFactory(
        title="Hội nghị điển hình tiên tiến BHXH tỉnh Hà Tĩnh",
        unit=UnitFactory(name="BHXH tỉnh Hà Tĩnh"),
        location="Hội trường BHXH tỉnh",
        capacity=300,
    )
    ReportPageFactory(parent=conference, title="Báo cáo tổng kết phong trào", kind="summary")
    ReportPageFactory(parent=conference, title="Tham luận chưa duyệt", live=False)

    response = client.get(conference.url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Hội nghị điển hình tiên tiến BHXH tỉnh Hà Tĩnh",
        "BHXH tỉnh Hà Tĩnh",
        "Hội trường BHXH tỉnh",
        "300",
        "Báo cáo tổng kết phong trào",
        "20/04/2025",
    ):
        assert text in html
    assert "Tham luận chưa duyệt" not in html


def test_report_page_shows_its_conference_and_presenters(client, site_structure):
    presenter = ExemplarPageFactory(title="Đỗ Thị Lan", unit=UnitFactory(name="BHXH huyện Can Lộc"))
    report = ReportPageFactory(title="Tham luận về thu BHXH tự nguyện")
    ReportAuthor.objects.create(page=report, exemplar=presenter)

    response = client.get(report.url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Tham luận về thu BHXH tự nguyện",
        "Tham luận",
        report.get_parent().title,
        "Đỗ Thị Lan",
        "BHXH huyện Can Lộc",
        "Nội dung tham luận.",
    ):
        assert text in html


def preview(admin_client, url, data):
    """Post an edit form to Wagtail's preview and render the preview like an editor does."""
    response = admin_client.post(url, nested_form_data(data))
    assert response.json()["is_valid"] is True, response.json()
    response = admin_client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_preview_of_a_changed_exemplar_renders(admin_client, site_structure):
    exemplar = rich_exemplar(1, title="Hoàng Văn Đức")
    url = f"/admin/pages/{exemplar.pk}/edit/preview/"

    html = preview(
        admin_client,
        url,
        {
            "title": "Hoàng Văn Đức (bản nháp)",
            "slug": exemplar.slug,
            "kind": "collective",
            "unit": exemplar.unit_id,
            "summary": "Tóm tắt mới.",
            "body": streamfield([]),
            "titles": inline_formset(
                [{"title": title_named("Lao động tiên tiến").pk, "year": 2025, "decision": ""}]
            ),
            "key": exemplar.key,
        },
    )

    assert "Hoàng Văn Đức (bản nháp)" in html
    assert "Lao động tiên tiến" in html


def test_preview_of_new_pages_renders_before_they_are_saved(admin_client, site_structure):
    unit = UnitFactory(name="BHXH tỉnh Lào Cai")
    author = ExemplarPageFactory(title="Vàng Thị Sao")
    structure = site_structure

    exemplar_html = preview(
        admin_client,
        f"/admin/pages/add/exemplars/exemplarpage/{structure.exemplars.pk}/preview/",
        {
            "title": "Điển hình mới chưa lưu",
            "slug": "dien-hinh-moi",
            "kind": "individual",
            "unit": unit.pk,
            "summary": "Chưa lưu.",
            "body": streamfield([]),
            "titles": inline_formset(
                [{"title": title_named("Chiến sĩ thi đua cơ sở").pk, "year": 2025, "decision": ""}]
            ),
        },
    )
    initiative_html = preview(
        admin_client,
        f"/admin/pages/add/initiatives/initiativepage/{structure.initiatives.pk}/preview/",
        {
            "title": "Sáng kiến mới chưa lưu",
            "slug": "sang-kien-moi",
            "unit": unit.pk,
            "summary": "Chưa lưu.",
            "solution": rich_text("<p>Giải pháp chưa lưu.</p>"),
            "authors": inline_formset([{"exemplar": author.pk}]),
        },
    )

    assert "Điển hình mới chưa lưu" in exemplar_html
    assert "BHXH tỉnh Lào Cai" in exemplar_html
    assert "Chiến sĩ thi đua cơ sở" in exemplar_html
    assert "Sáng kiến mới chưa lưu" in initiative_html
    assert "Giải pháp chưa lưu." in initiative_html
    assert "Vàng Thị Sao" in initiative_html


# --- listings --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("section", "make"),
    [
        ("exemplars", lambda n: ExemplarPageFactory(title=f"Điển hình thứ {n:02d}")),
        ("initiatives", lambda n: InitiativePageFactory(title=f"Sáng kiến thứ {n:02d}")),
        ("stories", lambda n: StoryPageFactory(title=f"Bài viết thứ {n:02d}")),
        ("conferences", lambda n: ConferencePageFactory(title=f"Hội nghị thứ {n:02d}")),
    ],
)
def test_index_page_lists_published_children_and_paginates(client, site_structure, section, make):
    for n in range(1, 26):
        make(n)
    hidden = make(99)
    hidden.unpublish()
    index = getattr(site_structure, section)

    first = client.get(index.url)
    second = client.get(index.url, {"page": 2})

    assert first.status_code == second.status_code == 200
    listed = first.context["page_obj"].object_list
    assert len(listed) == 24
    assert len(second.context["page_obj"].object_list) == 1
    assert first.context["page_obj"].paginator.count == 25
    html = first.content.decode() + second.content.decode()
    assert "thứ 99" not in html
    assert all(f"thứ {n:02d}" in html for n in range(1, 26))
    assert 'rel="next"' in first.content.decode()
    assert "?page=2" in first.content.decode()


def test_movement_index_lists_published_movements(client, site_structure):
    make_movement(site_structure.movements, 1, title="Phong trào đã phát động")
    draft = make_movement(site_structure.movements, 2, title="Phong trào đang soạn", live=False)
    assert not draft.live

    response = client.get(site_structure.movements.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Phong trào đã phát động" in html
    assert "Phong trào đang soạn" not in html


def test_unpublished_exemplar_is_neither_listed_nor_reachable(client, site_structure):
    ExemplarPageFactory(title="Điển hình đã công bố")
    draft = ExemplarPageFactory(title="Điển hình đang bồi dưỡng", live=False)

    listing = client.get(site_structure.exemplars.url).content.decode()

    assert "Điển hình đã công bố" in listing
    assert "Điển hình đang bồi dưỡng" not in listing
    assert client.get(f"/dien-hinh/{draft.slug}/").status_code == 404


def test_empty_index_page_says_there_is_nothing_yet(client, site_structure):
    response = client.get(site_structure.exemplars.url)
    assert response.status_code == 200
    assert "Chưa có điển hình nào được xuất bản." in response.content.decode()


# How to make one fully dressed item of each listing: (n, an exemplar, the site structure).
LISTINGS = {
    "exemplars": lambda n, author, site: rich_exemplar(n),
    "initiatives": lambda n, author, site: rich_initiative(n, author=author),
    "stories": lambda n, author, site: rich_story(n),
    "movements": lambda n, author, site: make_movement(site.movements, n, unit=UnitFactory()),
    "conferences": lambda n, author, site: ConferencePageFactory(),
}


def listing_queries(client, url):
    client.get(url)  # warm up: renditions are made on the first view
    cache.clear()  # renditions found in the cache would hide a missing prefetch
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("section", list(LISTINGS))
def test_index_page_queries_do_not_grow_with_the_number_of_items(client, site_structure, section):
    author = ExemplarPageFactory()
    index = getattr(site_structure, section)
    make = LISTINGS[section]
    for n in range(5):
        make(n, author, site_structure)
    with_5 = listing_queries(client, index.url)
    for n in range(5, 25):
        make(n, author, site_structure)
    with_25 = listing_queries(client, index.url)

    assert with_5 == with_25
    assert with_25 <= 20  # routing, the page, the filter form's option lists (4), the page of rows


def test_home_page_queries_stay_bounded(client, site_structure, django_assert_max_num_queries):
    for n in range(6):
        FeaturedExemplar.objects.create(
            page=site_structure.home, exemplar=ExemplarPageFactory(title=f"Nổi bật {n}")
        )
        InitiativePageFactory()
        StoryPageFactory()
        ConferencePageFactory()
    client.get("/")
    with django_assert_max_num_queries(26):
        assert client.get("/").status_code == 200


# --- search and errors -----------------------------------------------------------------------
def test_search_finds_a_page_by_a_word_of_its_title(
    client, site_structure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the index is updated on commit
        initiative = InitiativePageFactory(title="Chatbot giải đáp chính sách bảo hiểm")
        ExemplarPageFactory(title="Điển hình không liên quan")

    response = client.get("/search/", {"q": "Chatbot"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Chatbot</mark> giải đáp chính sách bảo hiểm" in html
    assert f'href="{initiative.url}"' in html
    assert "Sáng kiến, mô hình" in html  # the type of the result
    assert "Điển hình không liên quan" not in html


def test_search_without_a_query_invites_one(client, site_structure):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Nhập tên điển hình" in response.content.decode()


def test_search_with_no_results_says_so(client, site_structure):
    response = client.get("/search/", {"q": "khôngcótừnàyđâu"})
    assert response.status_code == 200
    assert "Không tìm thấy nội dung phù hợp" in response.content.decode()


def test_missing_page_renders_the_404_template(client, site_structure):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/dien-hinh/"' in html  # the navigation is there to find a way back


def test_500_template_renders_without_context():
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "Hệ thống đang gặp sự cố" in html
    assert '<html lang="vi">' in html

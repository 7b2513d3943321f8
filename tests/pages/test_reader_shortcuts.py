"""The reader site's shortcuts change how pages are found, not what readers see.

- Private sections are read once per change of content (kb/core/visibility.py): a page put
  behind a view restriction leaves every list at once, and comes back when it is lifted.
- Deep URLs are routed by their path in one query (kb.core.models.route_by_url_path): moves,
  drafts and unknown slugs answer as Wagtail's own walk does.
- CSP headers of nonce-less responses are replayed (kb/ops/csp.py), and follow the settings.
- The page-cache generation is bumped again once an editor's transaction commits.
"""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from kb.core import pagecache
from kb.exemplars.models import ExemplarPage
from tests.factories import ExemplarPageFactory, StoryPageFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_pair(site_structure):
    unit = UnitFactory(code="HN", name="BHXH thành phố Hà Nội")
    shown = ExemplarPageFactory(title="Chị Lan thu BHXH", unit=unit)
    other = ExemplarPageFactory(title="Anh Minh tin học", unit=unit)
    return shown, other


def test_a_restricted_exemplar_leaves_every_list_and_comes_back(client, unit_pair):
    shown, other = unit_pair
    assert "Anh Minh tin học" in client.get(shown.url).content.decode()  # a related exemplar
    assert "Anh Minh tin học" in client.get("/").content.decode()
    restriction = PageViewRestriction.objects.create(page=other, restriction_type="login")

    profile = client.get(shown.url).content.decode()
    assert "Anh Minh tin học" not in profile
    assert "Anh Minh tin học" not in client.get("/").content.decode()
    listing = client.get(shown.get_parent().url).content.decode()
    assert "Anh Minh tin học" not in listing and "Chị Lan thu BHXH" in listing
    assert client.get(other.url).status_code == 302  # to the login page

    restriction.delete()
    assert "Anh Minh tin học" in client.get(shown.url).content.decode()
    assert "Anh Minh tin học" in client.get(shown.get_parent().url).content.decode()


def test_a_restricted_section_hides_its_pages_and_its_menu_entry(client, site_structure):
    StoryPageFactory(title="Câu chuyện nội bộ")
    assert "Câu chuyện nội bộ" in client.get("/").content.decode()
    stories = site_structure.stories
    menu_link = f'href="{stories.url}"'
    assert menu_link in client.get("/").content.decode()

    PageViewRestriction.objects.create(page=stories, restriction_type="login")
    home = client.get("/").content.decode()
    assert "Câu chuyện nội bộ" not in home
    assert menu_link not in home


def test_deep_urls_follow_moves_drafts_and_unknown_slugs(client, unit_pair, site_structure):
    shown, other = unit_pair
    old_url = shown.url
    assert client.get(old_url).status_code == 200

    shown.move(site_structure.stories, pos="last-child")
    shown.refresh_from_db()
    assert shown.url.startswith(site_structure.stories.url)
    assert client.get(shown.url).status_code == 200
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the old page
    assert moved.status_code == 301 and moved["Location"] == shown.url

    other.unpublish()
    assert client.get(other.url).status_code == 404
    assert client.get(f"{site_structure.exemplars.url}khong-co-trang-nay/").status_code == 404
    assert client.get(f"{site_structure.initiatives.url}{other.slug}/").status_code == 404


def test_a_deep_url_serves_the_specific_page(client, unit_pair):
    shown, _ = unit_pair
    response = client.get(shown.url)
    assert isinstance(response.context["page"], ExemplarPage)
    assert response.context["page"].pk == shown.pk


def test_csp_headers_are_the_same_on_every_response_and_follow_the_settings(client, unit_pair):
    from django.conf import settings

    shown, _ = unit_pair
    first = client.get(shown.url)["Content-Security-Policy"]
    assert "script-src" in first
    assert client.get(shown.url)["Content-Security-Policy"] == first
    assert client.get("/")["Content-Security-Policy"] == first

    policy = {**settings.CONTENT_SECURITY_POLICY}
    policy["DIRECTIVES"] = {**policy["DIRECTIVES"], "img-src": ["'self'", "https://anh.example"]}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        changed = client.get(shown.url)["Content-Security-Policy"]
    assert "https://anh.example" in changed
    assert client.get(shown.url)["Content-Security-Policy"] == first


def test_admin_pages_keep_their_own_script_policy(admin_client, client, unit_pair):
    admin = admin_client.get("/admin/")["Content-Security-Policy"]
    reader = client.get("/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in reader.split("script-src", 1)[1].split(";", 1)[0]


def test_the_generation_moves_again_when_the_editors_transaction_commits(
    unit_pair, django_capture_on_commit_callbacks
):
    shown, _ = unit_pair
    before = pagecache.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        shown.title = "Chị Lan thu BHXH, BHYT"
        shown.save_revision().publish()
        during = pagecache.generation()
    assert during > before  # readers in the same process see the change at once
    for callback in callbacks:
        callback()
    assert pagecache.generation() > during  # and whatever was stored meanwhile is dropped


@override_settings(KB_PAGE_CACHE_SECONDS=300)
def test_a_page_rendered_while_a_change_is_published_is_not_served_afterwards(rf):
    from django.core.cache import cache
    from django.http import HttpResponse

    cache.clear()
    renders = []

    def render(request, bump: bool):
        renders.append(request.path)
        if bump:  # an editor publishes while this page is being rendered
            pagecache.invalidate()
        setattr(request, pagecache.CACHEABLE_ATTR, True)
        return HttpResponse(f"render {len(renders)}")

    def get(bump=False):
        middleware = pagecache.PageCacheMiddleware(lambda request: render(request, bump))
        return middleware(rf.get("/dien-hinh/"))

    assert get(bump=True)["X-KB-Cache"] == "miss"
    second = get()  # stored under the old generation: rendered again, not served stale
    assert second["X-KB-Cache"] == "miss" and second.content == b"render 2"
    third = get()
    assert third["X-KB-Cache"] == "hit" and third.content == b"render 2"
    assert len(renders) == 2

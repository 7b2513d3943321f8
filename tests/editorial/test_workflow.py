"""Moderation of stories and profiles, the editors' dashboard panel and scheduled publishing."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, WorkflowPage, WorkflowState

from kb.editorial.scheduling import publish_scheduled_pages
from kb.editorial.workflow import TASK_NAME, WORKFLOW_NAME
from kb.exemplars.models import ExemplarTitleAward
from kb.stories.models import StoryPage
from kb.taxonomy.models import Title
from kb.users import roles
from tests.factories import ExemplarPageFactory, StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_structure):
    unit_officer = UserFactory(username="thidua", roles=[roles.UNIT_OFFICER])
    return {
        "editor": UserFactory(username="bientap", roles=[roles.EDITOR]),
        "moderator": UserFactory(username="kiemduyet", roles=[roles.MODERATOR]),
        "officer": unit_officer,
    }


def submit(page, user) -> WorkflowState:
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_stories_and_profiles_use_the_vietnamese_moderation_workflow(site_structure):
    for index in (site_structure.stories, site_structure.exemplars):
        workflow = WorkflowPage.objects.get(page=index).workflow
        assert workflow.name == WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks.all()]
    assert [task.name for task in tasks] == [TASK_NAME]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [roles.MODERATOR]
    # Wagtail's English default is renamed, not left beside ours.
    assert not GroupApprovalTask.objects.filter(name="Moderators approval").exists()
    assert StoryPageFactory().get_workflow() == workflow
    assert ExemplarPageFactory().get_workflow() == workflow


def test_editor_can_only_submit_while_moderator_can_publish(client, people):
    story = StoryPageFactory(title="Bản nháp chờ duyệt", live=False)
    client.force_login(people["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    assert not story.permissions_for_user(people["editor"]).can_publish()

    client.force_login(people["moderator"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert 'name="action-publish"' in html


def test_moderator_approves_one_story_and_asks_for_changes_on_another(client, people):
    approved = StoryPageFactory(title="Bài được duyệt", live=False)
    rejected = StoryPageFactory(title="Bài cần sửa", live=False)
    states = {page.pk: submit(page, people["editor"]) for page in (approved, rejected)}
    client.force_login(people["moderator"])

    for page, action in ((approved, "approve"), (rejected, "reject")):
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, states[page.pk].current_task_state.pk],
        )
        response = client.post(url, {"comment": "Đã xem."})
        assert response.status_code in (200, 302)

    approved.refresh_from_db()
    rejected.refresh_from_db()
    assert approved.live
    assert not rejected.live
    assert WorkflowState.objects.get(pk=states[rejected.pk].pk).status == "needs_changes"


def test_editor_cannot_approve_what_they_submitted(client, people):
    story = StoryPageFactory(title="Tự duyệt", live=False)
    state = submit(story, people["editor"])
    client.force_login(people["editor"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[story.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {"comment": ""})
    story.refresh_from_db()
    assert not story.live


@pytest.fixture
def recognised(site_structure):
    year = timezone.localdate().year
    title = Title.objects.first()
    pages = {
        name: ExemplarPageFactory(title=name)
        for name in ("Chị Chưa Có Bài", "Anh Đã Có Bài", "Bà Năm Ngoái", "Ông Chưa Đăng")
    }
    for name, award_year in (
        ("Chị Chưa Có Bài", year),
        ("Anh Đã Có Bài", year),
        ("Bà Năm Ngoái", year - 1),
        ("Ông Chưa Đăng", year),
    ):
        ExemplarTitleAward.objects.create(page=pages[name], title=title, year=award_year)
    pages["Ông Chưa Đăng"].unpublish()
    told = StoryPageFactory(title="Chuyện về anh")
    told.exemplars.set([pages["Anh Đã Có Bài"]])
    told.save()  # parental relations reach the database with the page
    return pages


def test_dashboard_shows_the_desk_to_editors_only(client, people, recognised):
    waiting = StoryPageFactory(title="Bài đang chờ duyệt", live=False)
    submit(waiting, people["editor"])

    client.force_login(people["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bàn biên tập" in html
    assert "Bài đang chờ duyệt" in html
    assert TASK_NAME in html
    assert "Chị Chưa Có Bài" in html
    for name in ("Anh Đã Có Bài", "Bà Năm Ngoái", "Ông Chưa Đăng"):
        assert name not in html
    assert reverse("kb_editorial_write_story", args=[recognised["Chị Chưa Có Bài"].pk]) in html

    client.force_login(people["officer"])
    assert "Bàn biên tập" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_write_story_starts_a_draft_about_the_exemplar(client, people, recognised):
    exemplar = recognised["Chị Chưa Có Bài"]
    url = reverse("kb_editorial_write_story", args=[exemplar.pk])

    client.force_login(people["officer"])  # no right to add stories: sent back, told why
    response = client.post(url)
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert not StoryPage.objects.filter(exemplars=exemplar).exists()

    client.force_login(people["editor"])
    assert client.get(url).status_code == 405  # nothing is created by following a link
    response = client.post(url)
    story = StoryPage.objects.get(exemplars=exemplar)
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert not story.live
    assert story.title == "Bài viết về Chị Chưa Có Bài"
    assert story.owner == people["editor"]
    assert story.get_latest_revision().user == people["editor"]


def test_write_story_refuses_an_unpublished_exemplar(client, people, recognised):
    client.force_login(people["editor"])
    url = reverse("kb_editorial_write_story", args=[recognised["Ông Chưa Đăng"].pk])
    assert client.post(url).status_code == 404


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_scheduled_story_goes_live_when_its_deferred_task_runs(
    site_structure, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    story = StoryPageFactory(title="Bài hẹn giờ", live=False)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    story.go_live_at = go_live
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    story.refresh_from_db()
    assert not story.live
    [queued] = [
        result
        for result in default_task_backend.results
        if result.task.func is publish_scheduled_pages.func
    ]
    assert go_live < queued.task.run_after < go_live + datetime.timedelta(seconds=5)

    # Running the task early publishes nothing; once the time has come it publishes.
    publish_scheduled_pages.call()
    assert not Page.objects.get(pk=story.pk).live
    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        publish_scheduled_pages.call()
    assert Page.objects.get(pk=story.pk).live


def test_editors_hold_no_publish_permission_anywhere():
    editors = Group.objects.get(name=roles.EDITOR)
    assert not editors.page_permissions.filter(permission__codename="publish_page").exists()
    assert not Permission.objects.filter(group=editors, codename="publish_page").exists()

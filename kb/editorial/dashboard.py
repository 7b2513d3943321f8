"""The propaganda staff's panel on the admin dashboard.

Wagtail's own panels show a moderator what awaits *their* review and an editor what *they*
submitted; this one shows the whole desk: every story and profile waiting for moderation, and
the exemplars recognised this year that no published story tells yet, with a button that
starts the story.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from kb.exemplars.models import ExemplarPage, ExemplarTitleAward
from kb.stories.models import StoryIndexPage, StoryPage
from kb.users import roles

LIMIT = 15


def is_editorial_staff(user) -> bool:
    return (
        user.is_superuser or user.groups.filter(name__in=[roles.EDITOR, roles.MODERATOR]).exists()
    )


def waiting_for_moderation() -> list[dict]:
    """Stories and profiles in an active workflow, oldest request first."""
    types = ContentType.objects.get_for_models(StoryPage, ExemplarPage).values()
    states = list(
        WorkflowState.objects.active()
        .filter(content_type__in=types)
        .select_related("current_task_state__task", "requested_by", "content_type")
        .order_by("created_at")[:LIMIT]
    )
    titles = dict(
        Page.objects.filter(pk__in=[int(s.object_id) for s in states]).values_list("pk", "title")
    )
    return [
        {
            "page_id": int(state.object_id),
            "title": titles.get(int(state.object_id), ""),
            "type": state.content_type.model_class()._meta.verbose_name,
            "task": state.current_task_state.task.name if state.current_task_state else "",
            "requested_by": state.requested_by,
            "since": state.created_at,
        }
        for state in states
        if int(state.object_id) in titles
    ]


def recognised_without_story(year: int):
    """Live exemplars holding a title of `year` that no live story is about."""
    awarded = ExemplarTitleAward.objects.filter(page=OuterRef("pk"), year=year)
    told = StoryPage.objects.live().filter(exemplars=OuterRef("pk"))
    return (
        ExemplarPage.objects.live()
        .filter(Exists(awarded))
        .exclude(Exists(told))
        .select_related("unit")
        .order_by("title")
    )


class EditorialPanel(Component):
    name = "kb_editorial"
    template_name = "editorial/dashboard_panel.html"
    order = 205  # just before Wagtail's own moderation panels

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        year = timezone.localdate().year
        missing = recognised_without_story(year)
        story_index = StoryIndexPage.objects.first()
        can_write = bool(
            story_index and story_index.permissions_for_user(self.request.user).can_add_subpage()
        )
        return {
            "request": self.request,
            "csrf_token": (parent_context or {}).get("csrf_token"),
            "waiting": waiting_for_moderation(),
            "year": year,
            "missing": missing[:LIMIT],
            "missing_count": missing.count(),
            "can_write": can_write,
        }

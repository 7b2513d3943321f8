"""Admin view: start a story about an exemplar from the dashboard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kb.exemplars.models import ExemplarPage
from kb.stories.models import StoryIndexPage, StoryPage


@require_POST
def write_story(request, exemplar_id: int):
    """Create a draft story about the exemplar (never published) and open it in the editor."""
    exemplar = get_object_or_404(ExemplarPage.objects.live(), pk=exemplar_id)
    index = StoryIndexPage.objects.first()
    if index is None:
        raise Http404(_("Chưa có trang danh sách bài viết."))
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    opening = exemplar.summary or exemplar.title
    with transaction.atomic():
        story = StoryPage(
            title=_("Bài viết về %(name)s") % {"name": exemplar.title},
            summary="",
            body=[("paragraph", f"<p>{escape(opening)}</p>")],
            live=False,
            owner=request.user,
        )
        story.exemplars.set([exemplar])  # a parental relation: saved with the page
        index.add_child(instance=story)
        story.save_revision(user=request.user, log_action=True)
    messages.success(request, _("Đã tạo bản nháp bài viết về %(name)s.") % {"name": exemplar.title})
    return redirect("wagtailadmin_pages:edit", story.pk)

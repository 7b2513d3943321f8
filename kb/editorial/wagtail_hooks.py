from django.urls import path
from wagtail import hooks

from . import views
from .dashboard import EditorialPanel, is_editorial_staff


@hooks.register("construct_homepage_panels")
def add_editorial_panel(request, panels) -> None:
    if is_editorial_staff(request.user):
        panels.append(EditorialPanel(request))


@hooks.register("register_admin_urls")
def editorial_admin_urls():
    return [
        path(
            "editorial/write-story/<int:exemplar_id>/",
            views.write_story,
            name="kb_editorial_write_story",
        )
    ]

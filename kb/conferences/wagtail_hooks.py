"""Admin entry points to delegate planning: a menu item, the URLs, and a "Kế hoạch đại biểu"
button on conference pages (the page listing's "more" menu and the page header)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import access, views
from .models import ConferencePage

app_name = "conference_plans"
urlpatterns = [
    path("", views.ConferenceIndexView.as_view(), name="index"),
    path("<int:pk>/", views.plan, name="plan"),
    path("<int:pk>/capacity/", views.set_capacity, name="capacity"),
    path("<int:pk>/allocate/", views.run_allocation, name="allocate"),
    path("<int:pk>/delegates/", views.add_invited, name="add_invited"),
    path("<int:pk>/delegates/<int:delegate_pk>/", views.edit_delegate, name="edit_delegate"),
    path(
        "<int:pk>/delegates/<int:delegate_pk>/delete/",
        views.delete_delegate,
        name="delete_delegate",
    ),
    path("<int:pk>/units/<int:unit_pk>/", views.unit_list, name="unit"),
    path(
        "<int:pk>/units/<int:unit_pk>/candidates/<int:candidate_pk>/",
        views.pick_candidate,
        name="pick",
    ),
    path(
        "<int:pk>/export/allocation.xlsx",
        views.export_allocation,
        {"fmt": "xlsx"},
        name="export_allocation_xlsx",
    ),
    path(
        "<int:pk>/export/allocation.pdf",
        views.export_allocation,
        {"fmt": "pdf"},
        name="export_allocation_pdf",
    ),
    path(
        "<int:pk>/export/delegates.xlsx",
        views.export_delegates,
        {"fmt": "xlsx"},
        name="export_delegates_xlsx",
    ),
    path(
        "<int:pk>/export/delegates.pdf",
        views.export_delegates,
        {"fmt": "pdf"},
        name="export_delegates_pdf",
    ),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("conference-plans/", include((urlpatterns, app_name), namespace=app_name))]


class PlanningMenuItem(MenuItem):
    def is_shown(self, request):
        return access.uses_planning(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PlanningMenuItem(
        "Hội nghị & đại biểu",
        reverse("conference_plans:index"),
        name="conference-plans",
        icon_name="group",
        order=230,
    )


class PlanButton(PageMenuItem):
    label = "Kế hoạch đại biểu"
    icon_name = "group"

    def is_shown(self, user):
        return access.can_view_plan(user, self.page)


def _plan_url(conference) -> str:
    return reverse("conference_plans:plan", args=[conference.pk])


def _conference(page):
    if page.specific_class is not ConferencePage:
        return None
    return page.specific_deferred if not isinstance(page, ConferencePage) else page


@hooks.register("register_page_listing_more_buttons")
def page_listing_plan_button(page, user, next_url=None):
    conference = _conference(page)
    if conference is not None:
        yield PlanButton(page=conference, url=_plan_url(conference), priority=25)


@hooks.register("register_page_header_buttons")
def page_header_plan_button(page, user, view_name, next_url=None):
    conference = _conference(page)
    if conference is not None:
        yield PlanButton(page=conference, url=_plan_url(conference), priority=40)

"""Admin menu, URLs and the dashboard panel "waiting for me" of the nomination pipeline."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access, views
from .models import RuleSetRecord

app_name = "nominations"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("new/", views.NominationFormView.as_view(), name="create"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.NominationFormView.as_view(), name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/pdf/", views.dossier_pdf, name="pdf"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_file, name="evidence"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/delete/",
        views.evidence_delete,
        name="evidence_delete",
    ),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("nominations/", include((urlpatterns, app_name), namespace=app_name))]


class NominationsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.uses_nominations(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return NominationsMenuItem(
        "Đề nghị khen thưởng",
        reverse("nominations:index"),
        name="nominations",
        icon_name="doc-full",
        order=220,
    )


class WaitingForMePanel(Component):
    name = "nominations_waiting"
    template_name = "nominations/admin/panel.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = access.waiting_for(self.user).select_related("title", "proposing_unit")
        days = views.deadline_days()
        context["rows"] = [(n, views.clock_for(n, days)) for n in waiting.order_by("pk")[:10]]
        context["count"] = waiting.count()
        return context


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    if access.uses_nominations(request.user):
        panels.append(WaitingForMePanel(request.user))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("kb.nominations.submit", "Trình hồ sơ đề nghị", "Trình hồ sơ đề nghị")
    actions.register_action("kb.nominations.approve", "Đồng ý hồ sơ đề nghị", "Đồng ý")
    actions.register_action("kb.nominations.return", "Trả lại hồ sơ để bổ sung", "Trả lại")
    actions.register_action("kb.nominations.decline", "Không đồng ý hồ sơ đề nghị", "Không đồng ý")


class RuleSetViewSet(SnippetViewSet):
    """The rules, one row per legal basis and period: next year's decree is a new row."""

    model = RuleSetRecord
    icon = "clipboard-list"
    menu_label = "Quy tắc xét khen thưởng"
    add_to_settings_menu = True
    list_display = ["name", "basis", "effective_from", "effective_to"]
    panels = [
        FieldPanel("name"),
        FieldPanel("basis"),
        FieldPanel("effective_from"),
        FieldPanel("effective_to"),
        FieldPanel("rules"),
    ]


register_snippet(RuleSetViewSet)

"""Admin registration: the groups and the pacts as snippets, the scoring screens' URLs and
menu item, and the audit-log actions of scoring."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import access, views
from .models import EmulationGroup, Pact


class EmulationGroupViewSet(SnippetViewSet):
    model = EmulationGroup
    icon = "group"
    menu_label = "Khối, cụm thi đua"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "kind", "year", "leader", "deputy"]
    list_filter = ["kind", "year"]
    list_export = ["name", "kind", "year", "leader", "deputy"]
    export_filename = "khoi-cum-thi-dua"


class PactViewSet(SnippetViewSet):
    """The pact of a group's year: sections and their criteria, edited inline."""

    model = Pact
    icon = "list-ol"
    menu_label = "Giao ước thi đua"
    list_display = ["__str__", "self_score_deadline", "bonus_cap", "deduction_cap", "locked_at"]
    list_filter = ["group__year"]


register_snippet(EmulationGroupViewSet)
register_snippet(PactViewSet)

app_name = "emulation_scores"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<int:pk>/", views.GroupView.as_view(), name="group"),
    path("<int:pk>/lock/", views.lock, name="lock"),
    path("<int:pk>/nominate/", views.nominate, name="nominate"),
    path("<int:pk>/ranking.xlsx", views.export_ranking, name="ranking_xlsx"),
    path("<int:pk>/units/<int:unit_pk>/", views.SheetView.as_view(), name="sheet"),
    path("<int:pk>/units/<int:unit_pk>/evidence/", views.add_evidence, name="evidence"),
    path(
        "<int:pk>/units/<int:unit_pk>/evidence/<int:evidence_pk>/",
        views.evidence_file,
        name="evidence_file",
    ),
    path("<int:pk>/units/<int:unit_pk>/sheet.xlsx", views.export_sheet, name="sheet_xlsx"),
    path("<int:pk>/units/<int:unit_pk>/import/", views.import_sheet, name="sheet_import"),
    path("<int:pk>/units/<int:unit_pk>/history/", views.HistoryView.as_view(), name="history"),
    path("<int:pk>/meetings/add/", views.MeetingAddView.as_view(), name="meeting_add"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.MeetingView.as_view(), name="meeting"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("emulation-scores/", include((urlpatterns, app_name), namespace=app_name))]


class ScoringMenuItem(MenuItem):
    def is_shown(self, request):
        return access.uses_scoring(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ScoringMenuItem(
        "Chấm điểm thi đua",
        reverse("emulation_scores:index"),
        name="emulation-scores",
        icon_name="tasks",
        order=225,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in views.ACTION_LABELS.items():
        actions.register_action(action, label, label)

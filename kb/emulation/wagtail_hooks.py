from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EmulationGroup


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


register_snippet(EmulationGroupViewSet)

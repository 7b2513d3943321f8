"""Admin screens for the unit tree (a Wagtail snippet viewset with filters and Excel export)."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Unit


class UnitFilterSet(WagtailFilterSet):
    class Meta:
        model = Unit
        fields = ["level", "is_active", "parent"]


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "site"
    menu_label = "Đơn vị"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "code", "level", "parent", "staff_count"]
    list_export = ["code", "name", "level", "parent", "staff_count", "is_active"]
    export_filename = "don-vi"
    list_per_page = 50
    filterset_class = UnitFilterSet
    ordering = ["path"]
    search_fields = ["name", "code"]

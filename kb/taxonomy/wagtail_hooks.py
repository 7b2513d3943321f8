from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FieldOfWork, Title


class FieldOfWorkViewSet(SnippetViewSet):
    model = FieldOfWork
    icon = "tag"
    menu_label = "Lĩnh vực công tác"
    list_display = ["name", "slug", "sort_order"]
    list_export = ["name", "slug", "sort_order"]
    export_filename = "linh-vuc-cong-tac"


class TitleViewSet(SnippetViewSet):
    model = Title
    icon = "success"
    menu_label = "Danh hiệu, khen thưởng"
    list_display = ["name", "kind", "recipient", "level", "is_active"]
    list_filter = ["kind", "recipient", "level", "is_active"]
    list_export = ["name", "kind", "recipient", "level", "is_active"]
    export_filename = "danh-hieu"


class TaxonomyGroup(SnippetViewSetGroup):
    items = (FieldOfWorkViewSet, TitleViewSet)
    menu_icon = "list-ul"
    menu_label = "Danh mục"
    menu_name = "taxonomy"
    menu_order = 210


register_snippet(TaxonomyGroup)

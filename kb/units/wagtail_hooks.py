from wagtail.snippets.models import register_snippet

from .views import UnitViewSet

register_snippet(UnitViewSet)

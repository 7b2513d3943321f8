"""The read-only JSON API of published content, at /api/v2/ (Wagtail API v2).

Pages: Wagtail already limits the endpoint to live pages that have no view restriction.
Documents: files in a collection with a view restriction are left out, since the API would
otherwise hand out their download links.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values("collection")
        return super().get_queryset().exclude(collection__in=restricted)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

"""Fields of the read-only API (wagtail.api.v2) that need more than the raw column.

Kept free of model imports so the page models can name them in their `api_fields`.
"""

from rest_framework import serializers


class NamesField(serializers.Field):
    """A many-to-many relation as a list of {id, name} (fields of work, exemplars…)."""

    def to_representation(self, value):
        return [{"id": obj.pk, "name": str(obj)} for obj in value.all()]


class UnitField(serializers.Field):
    """The unit an exemplar or initiative belongs to, by code and name."""

    def to_representation(self, value):
        return {"id": value.pk, "code": value.code, "name": value.name}


class TitleField(serializers.Field):
    """A title of the catalogue, by name."""

    def to_representation(self, value):
        return str(value)


class PageLinkField(serializers.Field):
    """A related page (an initiative's author) as {id, title}, or None when it is not live."""

    def to_representation(self, value):
        return {"id": value.pk, "title": value.title} if value.live else None


class LivePagesField(serializers.Field):
    """Related pages as a list of {id, title}, leaving out those not published."""

    def to_representation(self, value):
        return [{"id": page.pk, "title": page.title} for page in value.all() if page.live]

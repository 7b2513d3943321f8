"""Load the starting fields of work and titles/awards; existing rows are left as edited."""

from django.db import migrations

from kb.core.vietnamese import slugify_vi
from kb.taxonomy.defaults import FIELDS_OF_WORK, TITLES


def load(apps, schema_editor):
    FieldOfWork = apps.get_model("taxonomy", "FieldOfWork")
    Title = apps.get_model("taxonomy", "Title")
    for order, name in enumerate(FIELDS_OF_WORK, start=1):
        FieldOfWork.objects.get_or_create(
            name=name, defaults={"slug": slugify_vi(name), "sort_order": order * 10}
        )
    for order, (name, kind, recipient, level) in enumerate(TITLES, start=1):
        Title.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "recipient": recipient, "level": level, "sort_order": order * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""Name the moderation workflow in Vietnamese and bind it to stories and exemplar profiles.

On a fresh database the index pages do not exist yet (they are made by `kb_setup`); the
signal in kb/editorial/signals.py assigns the workflow when they are created.
"""

from django.db import migrations

from kb.editorial.workflow import assign_to_moderated_indexes


def forwards(apps, schema_editor):
    assign_to_moderated_indexes(apps)
    # The workflow exists even when no index page does yet.
    from kb.editorial.workflow import ensure_moderation_workflow

    ensure_moderation_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("stories", "0001_initial"),
        ("exemplars", "0002_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

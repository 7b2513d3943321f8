"""The ministry's emulation office edits the groups and their pacts in the admin."""

from django.db import migrations

OFFICE = "Vụ Thi đua - Khen thưởng"
CODENAMES = [
    f"{verb}_{model}"
    for model in ("emulationgroup", "pact")
    for verb in ("add", "change", "view")
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("emulation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=OFFICE).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="emulation", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0002_pact_scores_meetings"),
        ("users", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

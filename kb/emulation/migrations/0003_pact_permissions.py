"""The ministry's emulation office edits the groups and their pacts in the admin."""

from django.db import migrations

OFFICE = "Vụ Thi đua - Khen thưởng"
MODELS = {"emulationgroup": "khối, cụm thi đua", "pact": "giao ước thi đua"}
VERBS = ("add", "change", "view")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name=OFFICE).first()
    if group is None:
        return
    for model, name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="emulation", model=model)
        for verb in VERBS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{verb}_{model}",
                defaults={"name": f"Can {verb} {name}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0002_pact_scores_meetings"),
        ("users", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""The ministry's emulation office edits the rules (a new row per decree)."""

from django.db import migrations

OFFICE = "Vụ Thi đua - Khen thưởng"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="nominations", model="rulesetrecord"
    )
    group, _ = Group.objects.get_or_create(name=OFFICE)
    for action, label in (("add", "Can add"), ("change", "Can change"), ("view", "Can view")):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_rulesetrecord",
            defaults={"name": f"{label} bộ quy tắc xét khen thưởng"},
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("nominations", "0002_route_and_rules"), ("users", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

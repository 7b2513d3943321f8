"""Let the ministry office and administrators edit the conference rules (a setting)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from kb.users import roles


def grant(apps, schema_editor):
    app_config = apps.get_app_config("conferences")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="conferences", content_type__model="conferencerules"
    )
    for group in Group.objects.filter(name=roles.MINISTRY_OFFICE):
        group.permissions.add(*permissions.filter(codename="change_conferencerules"))
    for group in Group.objects.filter(name=roles.ADMINISTRATOR):
        # Administrators hold every permission; these models came after the roles.
        group.permissions.add(*Permission.objects.filter(content_type__app_label="conferences"))


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0003_rules_delegates_allocations"),
        ("users", "0002_roles"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

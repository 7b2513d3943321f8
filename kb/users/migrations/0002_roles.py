"""Create the product's roles as groups.

Wagtail's own "Editors" and "Moderators" groups are renamed rather than duplicated, so their
page, image and document permissions (and the default moderation workflow bound to
Moderators) carry over. Model permissions are created here first because Django normally
creates them only after all migrations have run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from kb.users import roles

MODEL_PERMS = {
    roles.MINISTRY_OFFICE: {
        "units": ["unit"],
        "taxonomy": ["fieldofwork", "title"],
        "emulation": ["emulationgroup", "emulationmembership"],
    },
    roles.UNIT_OFFICER: {},
    roles.COUNCIL_MEMBER: {},
}
VIEW_ONLY = {
    roles.UNIT_OFFICER: {"units": ["unit"], "taxonomy": ["fieldofwork", "title"]},
    roles.COUNCIL_MEMBER: {"units": ["unit"], "taxonomy": ["fieldofwork", "title"]},
}
ADMIN_ROLES = [
    roles.EDITOR,
    roles.MODERATOR,
    roles.UNIT_OFFICER,
    roles.COUNCIL_MEMBER,
    roles.MINISTRY_OFFICE,
    roles.ADMINISTRATOR,
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    for old, new in (("Editors", roles.EDITOR), ("Moderators", roles.MODERATOR)):
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL_ROLES}

    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        for name in ADMIN_ROLES:
            groups[name].permissions.add(access_admin)

    for name, per_app in MODEL_PERMS.items():
        for app_label, models in per_app.items():
            for model in models:
                groups[name].permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, content_type__model=model
                    )
                )
    for name, per_app in VIEW_ONLY.items():
        for app_label, models in per_app.items():
            groups[name].permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model__in=models,
                    codename__startswith="view_",
                )
            )
    groups[roles.ADMINISTRATOR].permissions.add(*Permission.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("taxonomy", "0002_default_catalogue"),
        ("units", "0001_initial"),
        ("emulation", "0001_initial"),
        ("exemplars", "0002_initial"),
        ("initiatives", "0001_initial"),
        ("stories", "0001_initial"),
        ("movements", "0001_initial"),
        ("conferences", "0002_initial"),
        ("home", "0001_initial"),
        ("images", "0002_initial"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]

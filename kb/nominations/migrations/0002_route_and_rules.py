"""The route of a dossier as a Wagtail workflow, and the rules in force, as starting data.

Both stay editable: the workflow under Settings → Workflows (its steps and their deadlines),
the rules as rows of RuleSetRecord, one per legal basis and period.
"""

from django.db import migrations

STEPS = [
    (1, "Hội đồng TĐKT đơn vị xét", 10),
    (2, "BHXH tỉnh / khối, cụm thi đua xét", 10),
    (3, "BHXH Việt Nam thẩm định, quyết định", 20),
    (4, "Trình Chính phủ, Thủ tướng", 30),
]


def create_route(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    LevelReviewTask = apps.get_model("nominations", "LevelReviewTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="nominations", model="levelreviewtask"
    )
    nomination_type, _ = ContentType.objects.get_or_create(
        app_label="nominations", model="nomination"
    )
    workflow = Workflow.objects.create(name="Quy trình xét đề nghị khen thưởng", active=True)
    for order, (level, name, days) in enumerate(STEPS):
        task = LevelReviewTask.objects.create(
            name=name, level=level, working_days=days, active=True, content_type=task_type
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowContentType.objects.create(workflow=workflow, content_type=nomination_type)


def load_rules(apps, schema_editor):
    from kb.nominations.default_rules import default_ruleset_dicts

    RuleSetRecord = apps.get_model("nominations", "RuleSetRecord")
    for data in default_ruleset_dicts():
        RuleSetRecord.objects.create(
            name=data["name"],
            basis=data["basis"],
            effective_from=data["effective_from"],
            effective_to=data.get("effective_to"),
            rules=data["rules"],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0001_initial"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.RunPython(create_route, migrations.RunPython.noop),
        migrations.RunPython(load_rules, migrations.RunPython.noop),
    ]

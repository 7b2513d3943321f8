"""The moderation workflow of stories and exemplar profiles.

Wagtail's migrations create a workflow "Moderators approval" with one group approval task bound
to the "Moderators" group, and assign it to the root page; the roles migration renamed that
group to "Kiểm duyệt viên", so the task already waits for our moderators. Here the workflow
and its task get Vietnamese names, and the workflow is also assigned explicitly to the story
and exemplar index pages: their children stay moderated even if an administrator later changes
what the root page uses. Editors ("Biên tập viên") hold add/change permissions but not publish,
so they can only submit; moderators approve (publishing) or ask for changes.

The functions take an `apps` registry so the data migration and the running site (signals,
tests after a flush) share one idempotent implementation.
"""

from django.apps import apps as global_apps

from kb.users import roles

WORKFLOW_NAME = "Duyệt tin bài và hồ sơ điển hình"
TASK_NAME = "Kiểm duyệt viên duyệt"
WAGTAIL_DEFAULT_NAME = "Moderators approval"
MODERATED_INDEXES = [("stories", "StoryIndexPage"), ("exemplars", "ExemplarIndexPage")]


def ensure_moderation_workflow(apps=global_apps):
    """Find (renaming Wagtail's default) or create the workflow; return it."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")

    moderators, _ = Group.objects.get_or_create(name=roles.MODERATOR)

    workflow = (
        Workflow.objects.filter(name=WORKFLOW_NAME).first()
        or Workflow.objects.filter(name=WAGTAIL_DEFAULT_NAME).first()
    )
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif workflow.name != WORKFLOW_NAME or not workflow.active:
        workflow.name = WORKFLOW_NAME
        workflow.active = True
        workflow.save(update_fields=["name", "active"])

    task = (
        GroupApprovalTask.objects.filter(name__in=[TASK_NAME, WAGTAIL_DEFAULT_NAME])
        .order_by("pk")
        .first()
    )
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=task_type)
    elif task.name != TASK_NAME:
        task.name = TASK_NAME
        task.save(update_fields=["name"])
    task.groups.add(moderators)
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        last = WorkflowTask.objects.filter(workflow=workflow).count()
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=last)
    return workflow


def assign_to_page(page_id: int, apps=global_apps) -> None:
    """Make the page (and its subtree) use the moderation workflow."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = ensure_moderation_workflow(apps)
    WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})


def assign_to_moderated_indexes(apps=global_apps) -> None:
    for app_label, model_name in MODERATED_INDEXES:
        for page_id in apps.get_model(app_label, model_name).objects.values_list("pk", flat=True):
            assign_to_page(page_id, apps)

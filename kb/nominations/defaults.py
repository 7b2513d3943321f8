"""Put back the starting route and rules when they are missing (a database emptied by a
test's flush, or an administrator who deleted them). The migration loads the same data."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from .default_rules import default_ruleset_dicts
from .models import LevelReviewTask, Nomination, RuleSetRecord

STEPS = [
    (1, "Hội đồng TĐKT đơn vị xét", 10),
    (2, "BHXH tỉnh / khối, cụm thi đua xét", 10),
    (3, "BHXH Việt Nam thẩm định, quyết định", 20),
    (4, "Trình Chính phủ, Thủ tướng", 30),
]


@transaction.atomic
def ensure_route_and_rules() -> Workflow:
    from kb.taxonomy.defaults import TITLE_CODES, TITLES
    from kb.taxonomy.models import Title

    for order, (name, kind, recipient, level) in enumerate(TITLES, start=1):
        title, _ = Title.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "recipient": recipient,
                "level": level,
                "sort_order": order * 10,
            },
        )
        if not title.code:
            title.code = TITLE_CODES.get(name)
            title.save(update_fields=["code"])
    if not RuleSetRecord.objects.exists():
        for data in default_ruleset_dicts():
            RuleSetRecord.objects.create(
                name=data["name"],
                basis=data["basis"],
                effective_from=data["effective_from"],
                effective_to=data.get("effective_to"),
                rules=data["rules"],
            )
    content_type = ContentType.objects.get_for_model(Nomination)
    link = WorkflowContentType.objects.filter(content_type=content_type).first()
    if link is not None:
        return link.workflow
    workflow = Workflow.objects.create(name="Quy trình xét đề nghị khen thưởng", active=True)
    for order, (level, name, days) in enumerate(STEPS):
        task = LevelReviewTask.objects.create(name=name, level=level, working_days=days)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowContentType.objects.create(workflow=workflow, content_type=content_type)
    return workflow

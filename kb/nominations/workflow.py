"""The action run when a workflow finishes (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail imports this while it builds its own models, so everything is imported lazily."""


def finish_workflow(workflow_state, user=None):
    """Pages publish as Wagtail does; a dossier's final approval publishes its approved
    version without a model-wide publish permission, because who may decide was checked per
    dossier (``kb.nominations.access.can_decide``)."""
    from wagtail.workflows import publish_workflow_state

    from .models import Nomination

    obj = workflow_state.content_object
    if isinstance(obj, Nomination):
        obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
        return
    publish_workflow_state(workflow_state, user=user)

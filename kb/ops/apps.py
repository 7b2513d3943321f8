from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site in production: health endpoint, security headers, login throttling,
    the background worker's heartbeat and the reaper that re-queues tasks of dead workers."""

    name = "kb.ops"
    label = "ops"
    verbose_name = "Vận hành"
    default_auto_field = "django.db.models.BigAutoField"

"""Signal handlers: workflow for new index pages, deferred runs for scheduled publishing."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Revision
from wagtail.signals import page_published

from kb.exemplars.models import ExemplarIndexPage
from kb.stories.models import StoryIndexPage

from .scheduling import run_publish_scheduled_at
from .workflow import assign_to_page


@receiver(post_save, sender=StoryIndexPage)
@receiver(post_save, sender=ExemplarIndexPage)
def moderate_new_index(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        assign_to_page(instance.pk)


@receiver(post_save, sender=Revision)
def schedule_go_live(sender, instance: Revision, raw: bool = False, **kwargs) -> None:
    """A revision approved to go live later: run publish_scheduled when it is due."""
    when = instance.approved_go_live_at
    if raw or when is None or when <= timezone.now():
        return
    transaction.on_commit(lambda: run_publish_scheduled_at(when))


@receiver(page_published)
def schedule_expiry(sender, instance, **kwargs) -> None:
    """A page published with an expiry time: run publish_scheduled when it expires."""
    when = instance.expire_at
    if when is None or when <= timezone.now():
        return
    transaction.on_commit(lambda: run_publish_scheduled_at(when))

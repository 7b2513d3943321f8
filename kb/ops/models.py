from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A background worker (`manage.py kb_worker`) says it is alive every few seconds.

    A task left "running" by a worker that stopped beating (killed, machine lost) is put back
    in the queue by the reaper (`kb.ops.worker.reap`), so it is run again instead of lost.
    """

    worker_id = models.CharField(_("mã tiến trình xử lý nền"), max_length=64, primary_key=True)
    hostname = models.CharField(_("máy chủ"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("PID"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    seen_at = models.DateTimeField(_("báo còn chạy lúc"), db_index=True)

    class Meta:
        verbose_name = _("tiến trình xử lý nền")
        verbose_name_plural = _("tiến trình xử lý nền")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"

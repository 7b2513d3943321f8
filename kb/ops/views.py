from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_checks


@never_cache
@require_GET
def healthz(request):
    """For the load balancer and monitoring: 200 while the app can serve (also when search has
    fallen back on the embedded index: "degraded"), 503 when the database or the cache fails."""
    status, checks = run_checks()
    body = {"status": status, "checks": {name: c.as_dict() for name, c in checks.items()}}
    return JsonResponse(body, status=503 if status == "error" else 200)

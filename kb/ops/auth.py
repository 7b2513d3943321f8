"""Login throttling (django-axes) for every login form that passes the request."""

from axes.backends import AxesStandaloneBackend


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' backend, which refuses a locked-out user or address before the password is
    even checked.

    Axes needs the request to know who is trying; a call without one (a management command,
    the test client's `login()`) does not come from a login form, so it is not throttled here
    and the next backend (ModelBackend) decides as usual. Every web login in the site —
    Wagtail's admin login, Django's admin login — passes the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address for throttling, also behind the reverse proxy.

    Behind nginx every request comes from the proxy's address, which would lock everyone out
    together; nginx appends the real client to X-Forwarded-For, so when the request comes
    from a trusted proxy (`KB_TRUSTED_PROXIES`) the last address it appended is the client.
    A client cannot forge it: what it sends itself stands before that last entry.
    """
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR")
    trusted = getattr(settings, "KB_TRUSTED_PROXIES", [])
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in trusted and forwarded:
        return forwarded.split(",")[-1].strip() or remote
    return remote


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form once the limit is reached (HTTP 429)."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.conf import settings
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_timedelta": cool_off,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "ops/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)

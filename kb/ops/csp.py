"""Content Security Policy: strict (nonces) on the reader site, looser in the admin.

The reader site's policy allows scripts only from our own origin or carrying the request's
nonce (`nonce="{{ request.csp_nonce }}"` on an inline script). Wagtail's admin renders inline
scripts of its own (date pickers, inline panels) that cannot carry our nonce, so under
/admin/ and /django-admin/ inline scripts are allowed — and a nonce must then be left out,
since a browser that sees a nonce ignores 'unsafe-inline'. Everything else (no plugins, no
framing by other sites, forms posting only to us) holds there too.
"""

from __future__ import annotations

import http.client

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_SCRIPT_SRC = ("'self'", "'unsafe-inline'")
# What a view can set on its response to change its policy (csp.decorators).
RESPONSE_OVERRIDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


_policies: list = [None]


def policy_settings() -> tuple:
    """The two policy settings, as one object that stays the same while they do."""
    current = (
        getattr(settings, "CONTENT_SECURITY_POLICY", None),
        getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
    )
    known = _policies[0]
    if known is None or known[0] is not current[0] or known[1] is not current[1]:
        _policies[0] = known = current
    return known


def _excluded(path: str, setting: str) -> bool:
    policy = getattr(settings, setting, None) or {}
    return path.startswith(tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ()))


class KBCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's looser script policy, and the headers of
    nonce-less responses built once.

    django-csp rebuilds both headers from the settings for every response, which is about a
    third of what serving a cached page costs (kb/core/pagecache.py). A response without a
    nonce and without a view's own policy gets the same headers as any other with the same
    flags (admin or not, exempt or not, excluded prefix or not, settings unchanged), so the
    headers django-csp set on the first such response are replayed on the next ones.
    """

    _replay: dict[tuple, tuple[tuple, dict[str, str]]] = {}

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in RESPONSE_OVERRIDES
        ):
            return super().process_response(request, response)
        path = request.path_info
        key = (
            path.startswith(tuple(getattr(settings, "KB_CSP_ADMIN_PREFIXES", ADMIN_PREFIXES))),
            getattr(response, "_csp_exempt", False),
            getattr(response, "_csp_exempt_ro", False),
            HEADER in response,
            HEADER_REPORT_ONLY in response,
            settings.DEBUG
            and response.status_code in (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND),
            _excluded(path, "CONTENT_SECURITY_POLICY"),
            _excluded(path, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
            # The policies (a test's override_settings is a new entry): by identity, and
            # the entry keeps them alive, so an id is never reused for another policy.
            id(policies := policy_settings()),
        )
        entry = self._replay.get(key)
        headers = entry[1] if entry is not None and entry[0] is policies else None
        if headers is None:
            before = {name for name in (HEADER, HEADER_REPORT_ONLY) if name in response}
            response = super().process_response(request, response)
            headers = {
                name: response[name]
                for name in (HEADER, HEADER_REPORT_ONLY)
                if name in response and name not in before
            }
            if getattr(request, "_csp_nonce", None) is None:  # no nonce slipped in meanwhile
                self._replay[key] = (policies, headers)
            return response
        for name, value in headers.items():
            response[name] = value
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        prefixes = getattr(settings, "KB_CSP_ADMIN_PREFIXES", ADMIN_PREFIXES)
        if request.path_info.startswith(tuple(prefixes)):
            parts.nonce = None
            parts.replace = {**(parts.replace or {}), "script-src": list(ADMIN_SCRIPT_SRC)}
        return parts

"""Content Security Policy: strict (nonces) on the reader site, looser in the admin.

The reader site's policy allows scripts only from our own origin or carrying the request's
nonce (`nonce="{{ request.csp_nonce }}"` on an inline script). Wagtail's admin renders inline
scripts of its own (date pickers, inline panels) that cannot carry our nonce, so under
/admin/ and /django-admin/ inline scripts are allowed — and a nonce must then be left out,
since a browser that sees a nonce ignores 'unsafe-inline'. Everything else (no plugins, no
framing by other sites, forms posting only to us) holds there too.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_SCRIPT_SRC = ("'self'", "'unsafe-inline'")


class KBCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        prefixes = getattr(settings, "KB_CSP_ADMIN_PREFIXES", ADMIN_PREFIXES)
        if request.path_info.startswith(tuple(prefixes)):
            parts.nonce = None
            parts.replace = {**(parts.replace or {}), "script-src": list(ADMIN_SCRIPT_SRC)}
        return parts

import logging

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.shortcuts import render

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
# SQLSTATE classes of a lost server: connection exception (08), operator intervention
# (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
OUTAGE_SQLSTATES = ("08", "57P")


def database_answers() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        # Inside a transaction (ATOMIC_REQUESTS, a test) the server has been answering this
        # request's statements: closing or probing here would only break that transaction.
        # A server lost under it shows in the error's SQLSTATE, checked before this.
        return True
    connection.close_if_unusable_or_obsolete()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except (OperationalError, InterfaceError):
        connection.close()
        return False


def is_outage(exception: BaseException) -> bool:
    """Whether the database server itself was lost (restart, crash, network), as opposed to a
    query that failed on a server that answers (a bug, a lock): only the first is a 503."""
    sqlstate = getattr(exception.__cause__, "sqlstate", None) or ""
    if sqlstate.startswith(OUTAGE_SQLSTATES):
        connections[DEFAULT_DB_ALIAS].close()
        return True
    return not database_answers()


class DatabaseUnavailableMiddleware:
    """While the database is restarting or unreachable, answer 503 with a Vietnamese page
    and Retry-After instead of a server error; the next request reconnects
    (CONN_HEALTH_CHECKS), so the app recovers without being restarted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if not is_outage(exception):
            return None
        logger.warning("Database unavailable, answering 503: %s", exception)
        response = render(request, "ops/unavailable.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

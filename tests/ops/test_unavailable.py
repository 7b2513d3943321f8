import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.http import HttpResponse

from kb.ops.middleware import DatabaseUnavailableMiddleware


class AdminShutdown(Exception):
    sqlstate = "57P01"  # what psycopg raises when PostgreSQL is restarted under a query


def _middleware():
    return DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))


@pytest.mark.django_db
def test_a_lost_database_server_is_a_503_in_vietnamese(rf, monkeypatch):
    # The middleware drops the lost connection; here it is the test's own, inside the test's
    # transaction, and closing it would break the next test on PostgreSQL.
    monkeypatch.setattr(connections[DEFAULT_DB_ALIAS], "close", lambda: None)
    error = OperationalError("terminating connection due to administrator command")
    error.__cause__ = AdminShutdown()
    response = _middleware().process_exception(rf.get("/"), error)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()


@pytest.mark.django_db
def test_a_failing_query_on_a_database_that_answers_stays_a_server_error(rf):
    """A bug must not hide behind "try again later": the database answers, so Django's own
    500 handling (and its error report) goes ahead."""
    error = OperationalError("no such column: exemplars_exemplarpage.nickname")
    assert _middleware().process_exception(rf.get("/"), error) is None
    assert _middleware().process_exception(rf.get("/"), ValueError("x")) is None

"""Domain errors carry their HTTP status and a stable code; one handler renders them.

Body shape, everywhere: ``{"error": {"code": "...", "message": "..."}}``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError

from flowsmith.db.engine import database_unreachable
from flowsmith.text import api_text


class FlowsmithError(Exception):
    status_code: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


class Unauthorized(FlowsmithError):
    status_code = 401
    code = "unauthorized"


class NotFound(FlowsmithError):
    status_code = 404
    code = "not_found"


class SessionNotFound(NotFound):
    code = "session_not_found"


class WorkflowNotFound(NotFound):
    code = "workflow_not_found"


class VersionNotFound(NotFound):
    code = "version_not_found"


class Conflict(FlowsmithError):
    status_code = 409
    code = "conflict"


class WorkflowGone(Conflict):
    code = "workflow_deleted"


class InvalidInput(FlowsmithError):
    status_code = 422
    code = "invalid_input"


class PayloadTooLarge(FlowsmithError):
    status_code = 413
    code = "payload_too_large"


class RateLimited(FlowsmithError):
    status_code = 429
    code = "rate_limited"


class ServiceUnavailable(FlowsmithError):
    status_code = 503
    code = "service_unavailable"


class EmptyMessage(InvalidInput):
    code = "empty_message"


class MessageTooLong(PayloadTooLarge):
    code = "message_too_long"


class InvalidLastEventId(InvalidInput):
    code = "invalid_last_event_id"


class EventNotFound(NotFound):
    code = "event_not_found"


class InvalidWorkflow(InvalidInput):
    code = "invalid_workflow"


class WorkflowTooLarge(PayloadTooLarge):
    code = "workflow_too_large"


class WorkflowTooDeep(InvalidInput):
    code = "workflow_too_deep"


class InvalidText(InvalidInput):
    """Text no database can store: a NUL character or an unpaired surrogate."""

    code = "invalid_text"


class InlineSecret(InvalidInput):
    code = "inline_secret"


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response (documented in the OpenAPI schema)."""

    error: ErrorDetail


_ERROR_DESCRIPTIONS = {
    401: "No token, or an invalid, expired or ambiguous one",
    404: "Not found, or not the caller's",
    409: "Conflicts with the current state",
    413: "Request body, query string, message or workflow too large",
    422: "Malformed input",
    429: "Rate limited, or too many open streams (see Retry-After)",
    503: "A dependency (sign-in keys, database) is unavailable right now (see Retry-After)",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for these error statuses, all with ``ErrorBody``."""
    return {
        status: {"model": ErrorBody, "description": _ERROR_DESCRIPTIONS[status]}
        for status in statuses
    }


# what any authenticated route can answer: the size limits run before every route, sign-in
# may be unavailable (JWKS mode), and FastAPI validates every declared parameter
AUTHENTICATED_ERRORS = error_responses(401, 413, 422, 503)


def dependency_failure(exc: BaseException) -> tuple[str, str] | None:
    """(code, message) when ``exc`` says a dependency is unavailable, else None."""
    if isinstance(exc, RedisConnectionError | RedisTimeoutError):
        return "event_bus_unavailable", api_text("error.event_bus_unavailable")
    if isinstance(exc, DBAPIError) and "disk is full" in str(exc.orig).lower():
        return "storage_full", api_text("error.storage_full")
    if database_unreachable(exc):
        return "database_unavailable", api_text("error.database_unavailable")
    return None


def public_failure(exc: BaseException, default_code: str) -> tuple[str, str | None]:
    """The stable code (and message, if it has one fit to show) a failure is reported with.

    Only our own exceptions choose their code: third-party ones carry ``code`` attributes
    of their own (SQLAlchemy's ``gkpj``, HTTP libraries' numbers) that mean nothing to a
    client and would leak internals; a dependency outage gets its own code; anything else
    is ``default_code`` with no message (the caller has a generic one).
    """
    code = getattr(exc, "code", None)
    if type(exc).__module__.startswith("flowsmith.") and isinstance(code, str):
        message = getattr(exc, "message", None)
        return code, message if isinstance(message, str) else None
    # after our own: an LLM error caused by a refused connection is still the model's
    outage = dependency_failure(exc)
    if outage is not None:
        return outage
    return default_code, None

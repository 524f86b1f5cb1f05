"""Domain errors carry their HTTP status and a stable code; one handler renders them.

Body shape, everywhere: ``{"error": {"code": "...", "message": "..."}}``.
"""

from __future__ import annotations

from typing import Any, ClassVar


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

"""The stable error codes of the n8n integration (all in the ``{"error": {code, message}}``
shape). n8n's own failures keep their code whatever the call; when the call is *connecting*
(the URL and key are the user's input), they answer 422 instead of 502/504."""

from __future__ import annotations

from flowsmith.errors import Conflict, FlowsmithError, InvalidInput, NotFound


class N8nFailure(FlowsmithError):
    """n8n did not do what was asked; ``code`` says why."""

    status_code = 502
    code = "n8n_error"


class N8nUnreachable(N8nFailure):
    code = "n8n_unreachable"


class N8nTimeout(N8nFailure):
    status_code = 504
    code = "n8n_timeout"


class N8nUnauthorized(N8nFailure):
    code = "n8n_unauthorized"


class N8nForbidden(N8nFailure):
    code = "n8n_forbidden"


class N8nNotN8n(N8nFailure):
    code = "n8n_not_n8n"


class N8nRateLimited(N8nFailure):
    status_code = 429
    code = "n8n_rate_limited"


class N8nBusy(N8nFailure):
    """n8n answered 409 "try again in a few moments" (a workflow still being published or
    unpublished) for longer than we waited."""

    status_code = 409
    code = "n8n_busy"


class N8nRejected(N8nFailure):
    """n8n refused the request's content (a workflow it cannot store, an activation it
    refuses: missing credentials, a webhook path already in use)."""

    status_code = 422
    code = "n8n_rejected"


class N8nNotFound(N8nFailure):
    """The n8n workflow (or execution) is not there: deleted or archived in n8n."""

    status_code = 409
    code = "n8n_workflow_missing"


class InvalidN8nUrl(InvalidInput):
    code = "invalid_n8n_url"


class InvalidN8nApiKey(InvalidInput):
    code = "invalid_n8n_api_key"


class N8nNotConnected(Conflict):
    code = "n8n_not_connected"


class NotDeployed(Conflict):
    code = "workflow_not_deployed"


class ConnectionNotFound(NotFound):
    code = "n8n_connection_not_found"


def as_input_error(error: N8nFailure) -> N8nFailure:
    """The same failure, answered as the user's input being wrong (422), for a connect."""
    if isinstance(error, N8nRateLimited):
        return error
    error.status_code = 422  # type: ignore[misc]
    return error

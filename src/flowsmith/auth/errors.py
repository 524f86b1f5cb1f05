"""Authentication errors: each a stable ``code``, a plain message, and no token in either.

Every 401 carries ``WWW-Authenticate: Bearer`` (RFC 6750 §3) so generic HTTP clients know
which scheme to retry with. The codes are part of the public contract; never rename one.
"""

from __future__ import annotations

from typing import ClassVar

from flowsmith.errors import ServiceUnavailable, Unauthorized
from flowsmith.text import api_text


class AuthError(Unauthorized):
    """Base of the 401s raised by ``flowsmith.auth``; subclasses only set code and message."""

    default_message: ClassVar[str] = api_text("error.auth.failed")
    # RFC 6750 §3.1 error attribute: "invalid_request" for a malformed request, else
    # "invalid_token"; None for a request without credentials (a bare challenge)
    bearer_error: ClassVar[str | None] = "invalid_token"

    def __init__(self, message: str | None = None) -> None:
        challenge = f'Bearer error="{self.bearer_error}"' if self.bearer_error else "Bearer"
        super().__init__(message or self.default_message, headers={"WWW-Authenticate": challenge})


class MissingToken(AuthError):
    code = "missing_token"
    default_message = api_text("error.auth.missing_token")
    bearer_error = None


class InvalidToken(AuthError):
    code = "invalid_token"
    default_message = api_text("error.auth.invalid_token")


class TokenExpired(AuthError):
    code = "token_expired"
    default_message = api_text("error.auth.token_expired")


class InvalidAudience(AuthError):
    code = "invalid_audience"
    default_message = api_text("error.auth.invalid_audience")


class InvalidIssuer(AuthError):
    code = "invalid_issuer"
    default_message = api_text("error.auth.invalid_issuer")


class AmbiguousToken(AuthError):
    code = "ambiguous_token"
    default_message = api_text("error.auth.ambiguous_token")
    bearer_error = "invalid_request"


class TokenTooLarge(AuthError):
    code = "token_too_large"
    default_message = api_text("error.auth.token_too_large")
    bearer_error = "invalid_request"


class AuthUnavailable(ServiceUnavailable):
    """The signing keys cannot be obtained right now; the token may well be valid (retry)."""

    code = "auth_unavailable"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or api_text("error.auth.unavailable"),
            headers={"Retry-After": "5"},
        )

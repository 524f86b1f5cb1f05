"""Authentication errors: each a stable ``code``, a plain message, and no token in either.

Every 401 carries ``WWW-Authenticate: Bearer`` (RFC 6750 §3) so generic HTTP clients know
which scheme to retry with. The codes are part of the public contract; never rename one.
"""

from __future__ import annotations

from typing import ClassVar

from flowsmith.errors import ServiceUnavailable, Unauthorized


class AuthError(Unauthorized):
    """Base of the 401s raised by ``flowsmith.auth``; subclasses only set code and message."""

    default_message: ClassVar[str] = "authentication failed"
    # RFC 6750 §3.1 error attribute: "invalid_request" for a malformed request, else
    # "invalid_token"; None for a request without credentials (a bare challenge)
    bearer_error: ClassVar[str | None] = "invalid_token"

    def __init__(self, message: str | None = None) -> None:
        challenge = f'Bearer error="{self.bearer_error}"' if self.bearer_error else "Bearer"
        super().__init__(message or self.default_message, headers={"WWW-Authenticate": challenge})


class MissingToken(AuthError):
    code = "missing_token"
    default_message = "sign-in required: no access token was sent"
    bearer_error = None


class InvalidToken(AuthError):
    code = "invalid_token"
    default_message = "the access token is invalid"


class TokenExpired(AuthError):
    code = "token_expired"
    default_message = "the access token has expired; sign in again"


class InvalidAudience(AuthError):
    code = "invalid_audience"
    default_message = "the access token was not issued for this service"


class InvalidIssuer(AuthError):
    code = "invalid_issuer"
    default_message = "the access token was not issued by the expected authority"


class AmbiguousToken(AuthError):
    code = "ambiguous_token"
    default_message = (
        "different access tokens were sent in the header, cookie or query; send only one"
    )
    bearer_error = "invalid_request"


class TokenTooLarge(AuthError):
    code = "token_too_large"
    default_message = "the access token is too large"
    bearer_error = "invalid_request"


class AuthUnavailable(ServiceUnavailable):
    """The signing keys cannot be obtained right now; the token may well be valid (retry)."""

    code = "auth_unavailable"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or "sign-in cannot be checked right now; try again shortly",
            headers={"Retry-After": "5"},
        )

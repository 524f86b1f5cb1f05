"""FastAPI dependency: the signed-in caller of a request, or a 401 with a stable code.

The app puts one ``TokenVerifier`` on ``app.state.verifier`` at startup (and awaits its
``aclose()`` at shutdown); routes take ``user: CurrentUser``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Request, Security
from fastapi.security import APIKeyCookie, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer

from flowsmith.auth.errors import MissingToken
from flowsmith.auth.principal import Principal
from flowsmith.auth.tokens import COOKIE_NAME, QUERY_PARAM, extract_token
from flowsmith.auth.verifier import TokenVerifier

# Documentation only (the OpenAPI security schemes, so the schema says which routes need a
# token and where it may travel); the token is read and checked by ``extract_token`` below.
_BEARER = HTTPBearer(auto_error=False, description="Supabase access token (JWT)")
_COOKIE = APIKeyCookie(name=COOKIE_NAME, auto_error=False, description="The same token")
_QUERY = APIKeyQuery(
    name=QUERY_PARAM, auto_error=False, description="The same token, for EventSource"
)


async def get_current_user(
    request: Request,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)] = None,
    _cookie: Annotated[str | None, Security(_COOKIE)] = None,
    _query: Annotated[str | None, Security(_QUERY)] = None,
) -> Principal:
    """The verified caller; raises ``AuthError`` (401) or ``AuthUnavailable`` (503)."""
    token = extract_token(request.headers, request.cookies, request.query_params)
    if token is None:
        raise MissingToken()
    return await _verifier(request).verify(token)


def _verifier(request: Request) -> TokenVerifier:
    verifier = getattr(request.app.state, "verifier", None)
    if not isinstance(verifier, TokenVerifier):
        # a wiring bug, not the caller's fault: a 500, never an open door
        raise RuntimeError("app.state.verifier is not set to a TokenVerifier")
    return verifier


CurrentUser = Annotated[Principal, Security(get_current_user)]

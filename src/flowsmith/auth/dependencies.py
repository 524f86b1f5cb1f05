"""FastAPI dependency: the signed-in caller of a request, or a 401 with a stable code.

The app puts one ``TokenVerifier`` on ``app.state.verifier`` at startup (and awaits its
``aclose()`` at shutdown); routes take ``user: CurrentUser``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from flowsmith.auth.errors import MissingToken
from flowsmith.auth.principal import Principal
from flowsmith.auth.tokens import extract_token
from flowsmith.auth.verifier import TokenVerifier


async def get_current_user(request: Request) -> Principal:
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


CurrentUser = Annotated[Principal, Depends(get_current_user)]

"""Dev-only sign-in for the web page: a token for any user id, on loopback, in dev mode.

It does not exist (404) unless auth is in dev mode (no Supabase settings) *and* the caller
connects from a loopback address, so a server exposed beyond the machine never mints tokens.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from flowsmith.auth.dev import mint_dev_token
from flowsmith.deps import SettingsDep
from flowsmith.errors import NotFound, error_responses
from flowsmith.text import api_text

router = APIRouter(prefix="/api/v1/dev", tags=["dev"], responses=error_responses(404, 413, 422))
DEV_TOKEN_TTL_S = 12 * 3600


class DevTokenRequest(BaseModel):
    sub: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")] = (
        "dev-user"
    )


class DevToken(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    sub: str


def _from_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@router.post("/token")
async def dev_token(
    request: Request, settings: SettingsDep, body: DevTokenRequest | None = None
) -> DevToken:
    if settings.auth_mode != "dev" or not _from_loopback(request):
        raise NotFound(api_text("error.not_found"))
    sub = (body or DevTokenRequest()).sub
    token = mint_dev_token(settings, sub, ttl_s=DEV_TOKEN_TTL_S)
    return DevToken(access_token=token, expires_in=DEV_TOKEN_TTL_S, sub=sub)

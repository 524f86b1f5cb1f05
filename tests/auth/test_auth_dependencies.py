"""get_current_user / CurrentUser in a small FastAPI app: status, code, headers, body."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import jwt
import pytest
from auth_support import HS_SECRET, SettingsFactory, claims
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.auth.verifier import TokenVerifier
from flowsmith.errors import FlowsmithError


def build_app(verifier: TokenVerifier | None) -> FastAPI:
    app = FastAPI()
    if verifier is not None:
        app.state.verifier = verifier

    @app.exception_handler(FlowsmithError)
    async def domain_error(_request: Request, exc: FlowsmithError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status_code, headers=exc.headers)

    @app.get("/me")
    async def me(user: CurrentUser) -> dict[str, str]:
        return {"user_id": user.user_id}

    return app


@pytest.fixture
async def client(make_settings: SettingsFactory) -> AsyncIterator[httpx.AsyncClient]:
    verifier = TokenVerifier.from_settings(make_settings(supabase_jwt_secret=HS_SECRET))
    transport = httpx.ASGITransport(app=build_app(verifier))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def token(sub: str = "user-123", **overrides: object) -> str:
    return jwt.encode(claims(sub=sub, **overrides), HS_SECRET, algorithm="HS256")


async def test_bearer_header(client: httpx.AsyncClient) -> None:
    response = await client.get("/me", headers={"Authorization": f"Bearer {token()}"})
    assert response.status_code == 200
    assert response.json() == {"user_id": "user-123"}


async def test_cookie(client: httpx.AsyncClient) -> None:
    response = await client.get("/me", headers={"Cookie": f"sb-access-token={token('c')}"})
    assert response.json() == {"user_id": "c"}


async def test_query_parameter_for_event_source(client: httpx.AsyncClient) -> None:
    response = await client.get("/me", params={"access_token": token("q")})
    assert response.json() == {"user_id": "q"}


async def test_missing_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_token"
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_ambiguous_token(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/me",
        headers={"Authorization": f"Bearer {token('a')}"},
        params={"access_token": token("b")},
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "ambiguous_token"


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (token(exp=int(time.time()) - 120), "token_expired"),
        (token(aud="anon"), "invalid_audience"),
        (jwt.encode(claims(), "x" * 64, algorithm="HS256"), "invalid_token"),
        ("not-a-jwt", "invalid_token"),
        ("x" * 9000, "token_too_large"),
    ],
)
async def test_refusals_have_stable_codes_and_never_echo_the_token(
    client: httpx.AsyncClient, bad: str, code: str
) -> None:
    response = await client.get("/me", headers={"Authorization": f"Bearer {bad}"})
    assert response.status_code == 401
    body = response.json()
    assert body["error"]["code"] == code
    assert bad not in response.text and "Traceback" not in response.text
    assert body["error"]["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer error=")


async def test_missing_verifier_is_a_server_error_not_an_open_door() -> None:
    transport = httpx.ASGITransport(app=build_app(None), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/me", headers={"Authorization": f"Bearer {token()}"})
    assert response.status_code == 500

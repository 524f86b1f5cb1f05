"""What every terminal command shares to talk to the server: errors, tokens, HTTP and SSE.

Holds the common options (``--url``, ``--token``, ``--sub``), :class:`ApiError` /
:class:`ClientError`, :func:`resolve_token` / :func:`mint_local_token`, :func:`sse_events`
(a text/event-stream followed to its terminal event, resumed with ``Last-Event-ID``) and the
helpers each command reports failures through (``_fail``: one line on stderr, exit code 1).
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.markup import escape

DEFAULT_URL = "http://127.0.0.1:8000"
RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})

UrlOption = Annotated[
    str, typer.Option("--url", envvar="FLOWSMITH_URL", help="The flowsmith server.")
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="FLOWSMITH_TOKEN",
        help="Access token (default: a dev token for --sub).",
        show_default=False,
    ),
]
SubOption = Annotated[str, typer.Option("--sub", help="User id for a dev token.")]


class ApiError(Exception):
    """An error answer from the server: its status and ``{"error": {code, message}}``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message

    @classmethod
    def from_response(cls, response: httpx.Response) -> ApiError:
        try:
            body = response.json()
            error = body.get("error", {}) if isinstance(body, dict) else {}
        except ValueError:
            error = {}
        return cls(
            response.status_code,
            str(error.get("code") or "http_error"),
            str(error.get("message") or response.reason_phrase or "error"),
        )


class ClientError(Exception):
    """Something the user can act on, printed as one line."""


# what a request to the server can fail with; each command reports it through _fail
_REQUEST_ERRORS = (ApiError, ClientError, httpx.HTTPError)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


# ---------------------------------------------------------------------------------------
# tokens


def resolve_token(
    url: str, token: str | None, sub: str, transport: httpx.BaseTransport | None = None
) -> str:
    """``token`` if given; else a dev token from the server; else one minted locally."""
    if token:
        return token.strip().removeprefix("Bearer ").strip()
    try:
        with httpx.Client(base_url=url, timeout=10, transport=transport) as client:
            response = client.post("/api/v1/dev/token", json={"sub": sub})
        if response.status_code == 200:
            return str(response.json()["access_token"])
    except httpx.HTTPError:
        pass
    minted = mint_local_token(sub)
    if minted:
        return minted
    raise ClientError(
        f"no token: {url} gives no dev tokens (it is not in dev mode, or not on loopback) "
        "and this machine has no dev secret; set FLOWSMITH_TOKEN to an access token"
    )


def mint_local_token(sub: str) -> str | None:
    """A dev token signed with the local dev secret, when the data folder
    (``FLOWSMITH_DATA_DIR``, default ``./data``) already holds one and auth is in dev mode."""
    from pydantic import ValidationError

    from flowsmith.auth.dev import dev_secret_path, mint_dev_token
    from flowsmith.config import Settings

    try:
        settings = Settings()
    except ValidationError:
        return None
    if settings.auth_mode != "dev" or not dev_secret_path(settings.data_dir).exists():
        return None
    return mint_dev_token(settings, sub)


# ---------------------------------------------------------------------------------------
# HTTP and server-sent events


def _check(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        raise ApiError.from_response(response)
    return response


async def sse_events(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    *,
    params: dict[str, str] | None = None,
    body: dict[str, Any] | None = None,
    is_terminal: Callable[[dict[str, Any]], bool],
    last_event_id: str = "",
    retry_first: bool = True,
    max_retries: int = 6,
    on_reconnect: Callable[[int], None] | None = None,
) -> AsyncIterator[dict[str, Any]]:
    """The JSON payloads of a text/event-stream, following it to its terminal event.

    A stream that ends or breaks early is resumed with ``Last-Event-ID`` after a jittered
    exponential backoff; HTTP 204 ends it; other HTTP errors raise ``ApiError``. With
    ``retry_first=False`` a failure before the first event is final (the POST that starts a
    chat turn must not be repeated blindly).
    """
    last = last_event_id
    failures = 0
    while True:
        headers = {"Accept": "text/event-stream"}
        if last:
            headers["Last-Event-ID"] = last
        received = False
        try:
            async with client.stream(
                method, path, params=params, json=body, headers=headers
            ) as response:
                if response.status_code == 204:
                    return
                if response.status_code >= 400:
                    await response.aread()
                    error = ApiError.from_response(response)
                    if response.status_code not in RETRYABLE:
                        raise error
                    raise httpx.TransportError(str(error))
                event_id, data = last, list[str]()
                async for line in response.aiter_lines():
                    if line == "":
                        if data:
                            last = event_id
                            received = True
                            try:
                                payload = json.loads("\n".join(data))
                            except ValueError:
                                payload = None
                            data = []
                            if isinstance(payload, dict):
                                yield payload
                                if is_terminal(payload):
                                    return
                        continue
                    if line.startswith(":"):
                        continue
                    name, _, value = line.partition(":")
                    value = value.removeprefix(" ")
                    if name == "data":
                        data.append(value)
                    elif name == "id" and "\0" not in value:
                        event_id = value
        except httpx.TransportError:
            if not last and not retry_first:
                raise
        else:
            if not last and not retry_first:
                raise ClientError("the stream ended before it started")
        failures = 1 if received else failures + 1
        if failures > max_retries:
            raise ClientError(f"lost the stream {path} and could not resume it")
        if on_reconnect:
            on_reconnect(failures)
        delay = min(10.0, 0.5 * 2 ** (failures - 1)) * (0.5 + random.random() / 2)
        await asyncio.sleep(delay)


def _fail(console: Console, url: str, error: Exception) -> None:
    if isinstance(error, httpx.ConnectError):
        text = f"cannot reach {url}: is `flowsmith serve` running?"
    elif isinstance(error, ApiError):
        text = f"{error.status} {error.code}: {error.message}"
    else:
        text = str(error) or type(error).__name__
    Console(stderr=True, highlight=False).print(f"[bold red]error:[/] {escape(text)}")
    raise typer.Exit(code=1)


__all__ = [
    "DEFAULT_URL",
    "RETRYABLE",
    "ApiError",
    "ClientError",
    "SubOption",
    "TokenOption",
    "UrlOption",
    "mint_local_token",
    "resolve_token",
    "sse_events",
]

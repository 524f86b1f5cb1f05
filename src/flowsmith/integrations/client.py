"""A small client of n8n's public REST API (``/api/v1``, header ``X-N8N-API-KEY``).

Every failure becomes one of ``integrations.errors``: a refused connection or DNS failure
``n8n_unreachable``, a timeout ``n8n_timeout``, 401 ``n8n_unauthorized``, 403
``n8n_forbidden`` (the key lacks a scope), 404 ``n8n_workflow_missing`` (or ``n8n_not_n8n``
when the API itself is not there), 429 ``n8n_rate_limited`` (with n8n's Retry-After),
other 4xx ``n8n_rejected`` with n8n's message, 5xx ``n8n_error``, and an answer that is not
n8n's JSON ``n8n_not_n8n``. The API key is sent only in its header: it is never in a URL,
a log line or an error message.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import re
import socket
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import httpx

from flowsmith.integrations.errors import (
    InvalidN8nUrl,
    N8nBusy,
    N8nFailure,
    N8nForbidden,
    N8nNotFound,
    N8nNotN8n,
    N8nRateLimited,
    N8nRejected,
    N8nTimeout,
    N8nUnauthorized,
    N8nUnreachable,
)
from flowsmith.text import api_text

API = "/api/v1"
MAX_MESSAGE = 500
BUSY_BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 3.0)
# what a user may paste besides the instance's root: the API's or the editor's address
_TRAILERS = re.compile(r"(/api/v1|/home/workflows|/home|/workflows|/signin)/*$", re.IGNORECASE)


def normalize_base_url(raw: str) -> str:
    """The instance's root URL (scheme, host, port, path prefix), or ``InvalidN8nUrl``."""
    text = raw.strip()
    if not text:
        raise InvalidN8nUrl(api_text("error.n8n.url_empty"))
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise InvalidN8nUrl(api_text("error.n8n.url_invalid")) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidN8nUrl(api_text("error.n8n.url_scheme"))
    if parts.username or parts.password:
        raise InvalidN8nUrl(api_text("error.n8n.url_credentials"))
    path = _TRAILERS.sub("", parts.path.rstrip("/")).rstrip("/")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    base = urlunsplit((parts.scheme.lower(), netloc, path, "", ""))
    if any(c.isspace() or not c.isprintable() for c in base):
        raise InvalidN8nUrl(api_text("error.n8n.url_characters"))
    try:
        # the host must be one a client can call (valid IDNA, or an IP address)
        if not httpx.URL(base + API).host:
            raise ValueError("no host")
    except (httpx.InvalidURL, ValueError):  # IDNAError is a UnicodeError, a ValueError
        raise InvalidN8nUrl(api_text("error.n8n.url_host")) from None
    return base


async def check_public_address(base_url: str) -> None:
    """Refuse an instance on a loopback, private, link-local or reserved address (for a
    server that must not reach its own network on a user's behalf)."""
    host = urlsplit(base_url).hostname or ""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        raise N8nUnreachable(api_text("error.n8n.unresolved", host=host)) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InvalidN8nUrl(api_text("error.n8n.private_network", host=host))


def editor_url(base_url: str, n8n_workflow_id: str) -> str:
    return f"{base_url}/workflow/{quote(n8n_workflow_id, safe='')}"


class N8nClient:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout_s: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url
        self._client = httpx.AsyncClient(
            base_url=base_url + API,
            headers={"X-N8N-API-KEY": api_key, "Accept": "application/json"},
            timeout=httpx.Timeout(timeout_s),
            transport=transport,
            follow_redirects=False,
            trust_env=False,
        )

    async def __aenter__(self) -> N8nClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # --- the calls ------------------------------------------------------------------

    async def check(self) -> None:
        """The URL is an n8n instance and the key opens its public API."""
        body = await self._call("GET", "/workflows", params={"limit": 1}, probing=True)
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise N8nNotN8n(api_text("error.n8n.not_n8n_api", base_url=self.base_url))

    async def get_workflow(self, workflow_id: str) -> dict[str, Any]:
        return _object(await self._call("GET", f"/workflows/{_seg(workflow_id)}"))

    async def list_workflows(self, name: str, limit: int = 50) -> list[dict[str, Any]]:
        body = _object(await self._call("GET", "/workflows", params={"name": name, "limit": limit}))
        return [w for w in body.get("data") or [] if isinstance(w, dict)]

    async def create_workflow(self, body: dict[str, Any]) -> dict[str, Any]:
        return _object(await self._call("POST", "/workflows", json_body=body))

    async def update_workflow(self, workflow_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return _object(await self._call("PUT", f"/workflows/{_seg(workflow_id)}", json_body=body))

    async def activate(self, workflow_id: str) -> dict[str, Any]:
        return _object(await self._call("POST", f"/workflows/{_seg(workflow_id)}/activate"))

    async def deactivate(self, workflow_id: str) -> dict[str, Any]:
        return _object(await self._call("POST", f"/workflows/{_seg(workflow_id)}/deactivate"))

    async def list_executions(
        self, workflow_id: str, limit: int, cursor: str | None = None
    ) -> dict[str, Any]:
        params: dict[str, Any] = {"workflowId": workflow_id, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        return _object(await self._call("GET", "/executions", params=params))

    async def get_execution(self, execution_id: str) -> dict[str, Any]:
        return _object(
            await self._call(
                "GET", f"/executions/{_seg(execution_id)}", params={"includeData": "true"}
            )
        )

    # --- transport and errors -------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        probing: bool = False,
    ) -> Any:
        # n8n answers 409 "try again in a few moments" while it publishes or unpublishes a
        # workflow (seconds after an activate or deactivate): wait that out, briefly
        for delay in BUSY_BACKOFF_S:
            try:
                return await self._call_once(method, path, params, json_body, probing)
            except N8nBusy:
                await asyncio.sleep(delay)
        return await self._call_once(method, path, params, json_body, probing)

    async def _call_once(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        json_body: Any,
        probing: bool,
    ) -> Any:
        try:
            response = await self._client.request(method, path, params=params, json=json_body)
        except httpx.TimeoutException:
            raise N8nTimeout(api_text("error.n8n.timeout", base_url=self.base_url)) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError):
            raise InvalidN8nUrl(api_text("error.n8n.url_uncallable")) from None
        except httpx.TransportError as exc:
            raise N8nUnreachable(
                api_text(
                    "error.n8n.unreachable", base_url=self.base_url, detail=_transport_reason(exc)
                )
            ) from None
        return _answer(self.base_url, response, probing)


def _seg(value: str) -> str:
    return quote(value, safe="")


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise N8nNotN8n(api_text("error.n8n.not_json_object"))
    return body


def _transport_reason(exc: httpx.TransportError) -> str:
    text = str(exc).lower()
    if (
        "name or service not known" in text
        or "nodename nor servname" in text
        or ("getaddrinfo" in text or "name resolution" in text)
    ):
        return "the host name does not resolve"
    if "refused" in text:
        return "connection refused"
    if "ssl" in text or "certificate" in text:
        return "TLS failed: " + str(exc)[:120]
    return type(exc).__name__


def _answer(base_url: str, response: httpx.Response, probing: bool) -> Any:
    status = response.status_code
    body: Any = None
    is_json = "json" in response.headers.get("content-type", "")
    if is_json:
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError):
            body = None
    message = _message(body)
    if 200 <= status < 300:
        if body is None and status != 204:
            raise N8nNotN8n(api_text("error.n8n.not_json", base_url=base_url))
        return body
    if 300 <= status < 400:
        where = response.headers.get("location", "")
        raise N8nNotN8n(
            api_text(
                "error.n8n.redirects",
                base_url=base_url,
                status=status,
                detail=" to " + where[:200] if where else "",
            )
        )
    if status == 401:
        if not is_json:
            raise N8nNotN8n(api_text("error.n8n.foreign_sign_in", base_url=base_url))
        raise N8nUnauthorized(api_text("error.n8n.unauthorized"))
    if status == 403:
        raise N8nForbidden(
            "the n8n API key lacks a scope this needs"
            + (f" ({message})" if message and message != "Forbidden" else "")
            + "; create a key with workflow and execution scopes"
        )
    if status == 429:
        retry = response.headers.get("retry-after")
        headers = {"Retry-After": retry} if retry and retry.strip().isdigit() else None
        raise N8nRateLimited(api_text("error.n8n.rate_limited"), headers=headers)
    if status == 404:
        if probing or body is None:
            raise N8nNotN8n(api_text("error.n8n.no_public_api", base_url=base_url))
        raise N8nNotFound(message or api_text("error.n8n.not_found"))
    if status == 409 and "try again" in message.lower():
        raise N8nBusy(api_text("error.n8n.busy", message=message), headers={"Retry-After": "5"})
    if 400 <= status < 500:
        if body is None:
            raise N8nNotN8n(
                api_text("error.n8n.unexpected_status", base_url=base_url, status=status)
            )
        raise N8nRejected(api_text("error.n8n.rejected", detail=message or f"HTTP {status}"))
    raise N8nFailure(
        api_text("error.n8n.failed", status=status, detail=": " + message if message else "")
    )


def _message(body: Any) -> str:
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"])[:MAX_MESSAGE]
    return ""

"""A small SSE client for the tests, over a real socket (httpx + httpx-sse)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import aconnect_sse


@dataclass
class Event:
    id: str
    data: dict[str, Any]

    @property
    def type(self) -> str:
        return str(self.data.get("type"))


def chat_done(event: Event) -> bool:
    return event.type == "message" and bool(event.data.get("is_complete"))


def generation_done(event: Event) -> bool:
    return event.type in ("complete", "error")


async def read_events(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    until: Any = None,
    limit: int | None = None,
    tolerate_cut: bool = False,
    timeout: float = 20.0,  # noqa: ASYNC109 - one deadline for the whole connection
    **kwargs: Any,
) -> tuple[int, list[Event]]:
    """Events of one connection until ``until(event)`` is true, ``limit`` events, or the end."""
    events: list[Event] = []

    async def consume() -> int:
        async with aconnect_sse(client, method, url, **kwargs) as source:
            if source.response.status_code != 200:
                await source.response.aread()
                return source.response.status_code
            async for sse in source.aiter_sse():
                if not sse.data:
                    # a keepalive comment; httpx-sse reports it as an empty event, which a
                    # browser (per the SSE spec) does not dispatch
                    continue
                assert sse.event == "message", "events must be unnamed for onmessage"
                events.append(Event(sse.id, json.loads(sse.data)))
                if (until and until(events[-1])) or (limit and len(events) >= limit):
                    break
            return 200

    try:
        status = await asyncio.wait_for(consume(), timeout)
    except httpx.RemoteProtocolError:
        if not tolerate_cut:
            raise
        status = 200  # the server closed the connection mid-stream (shutdown)
    return status, events


def text_of(events: list[Event]) -> str:
    return "".join(e.data["delta"] for e in events if e.type == "message")


async def create_session(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    action: str = "create",
    workflow_id: str | None = None,
) -> str:
    response = await client.post(
        "/api/v1/session", json={"action": action, "workflow_id": workflow_id}, headers=headers
    )
    assert response.status_code == 200, response.text
    return str(response.json()["session_id"])

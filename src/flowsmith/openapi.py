"""What the OpenAPI document says that FastAPI cannot infer from the routes' signatures:
the two event streams (``text/event-stream``, each event's ``id`` and JSON ``data``), the
error responses every route can give, and the limits that come from the settings.

``tests/contract`` runs schemathesis against the document a live server serves: every
request the document allows must be accepted, every one it forbids refused, and every
response must be one it describes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flowsmith.chat.schemas import USER_MESSAGE_SCHEMA
from flowsmith.errors import error_responses

if TYPE_CHECKING:
    from fastapi import FastAPI

    from flowsmith.config import Settings

_ERROR = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
}

CHAT_EVENT: dict[str, Any] = {
    "title": "ChatEvent",
    "description": (
        "A chat turn's event: the reply's text as it streams (``message``; the last one has "
        "``is_complete: true``), the turn's progress (``status``), or why it failed (``error``)."
    ),
    "oneOf": [
        {
            "type": "object",
            "required": ["type", "delta", "is_complete"],
            "properties": {
                "type": {"const": "message"},
                "delta": {"type": "string"},
                "is_complete": {"type": "boolean"},
                "interrupted": {"type": "boolean"},
            },
        },
        {
            "type": "object",
            "required": ["type", "status"],
            "properties": {
                "type": {"const": "status"},
                "status": {"type": "string"},
                "turn_id": {"type": "string"},
                "generation_id": {"type": "string"},
            },
        },
        {
            "type": "object",
            "required": ["type", "error"],
            "properties": {"type": {"const": "error"}, "error": _ERROR},
        },
    ],
}

GENERATION_EVENT: dict[str, Any] = {
    "title": "GenerationEvent",
    "description": (
        "A stage of the session's workflow generation: waiting → start → draft → debugging → "
        "complete, or error. ``data`` holds the stage's message and, from ``draft`` on, the "
        "workflow."
    ),
    "type": "object",
    "required": ["type", "workflow_id", "data", "timestamp"],
    "properties": {
        "type": {"enum": ["waiting", "start", "draft", "debugging", "complete", "error"]},
        "workflow_id": {"type": ["string", "null"]},
        "data": {"type": "object"},
        "timestamp": {"type": "string", "format": "date-time"},
    },
}


def _event(kinds: str, data: dict[str, Any]) -> dict[str, Any]:
    """One server-sent event as schemathesis and OpenAPI 3.2's ``itemSchema`` read it."""
    return {
        "type": "object",
        "required": ["id", "data"],
        "properties": {
            "id": {"type": "string", "pattern": rf"^[{kinds}]\.[0-9a-f]{{32}}\.[0-9]{{1,9}}$"},
            "event": {"const": "message"},
            "data": {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": data,
            },
        },
    }


def _stream_responses(kinds: str, data: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "description": (
                "Server-sent events: each has an ``id:`` (send it back as Last-Event-ID to "
                "resume) and one JSON ``data:`` line, and no ``event:`` field; ``: keepalive`` "
                "comments in between."
            ),
            "content": {
                "text/event-stream": {
                    "itemSchema": _event(kinds, data),
                }
            },
        },
        204: {"description": "Last-Event-ID names the end of a finished stream: nothing to resume"},
        **error_responses(404, 409, 429),
    }


def chat_stream_responses() -> dict[int | str, dict[str, Any]]:
    return _stream_responses("t", CHAT_EVENT)


def generation_stream_responses() -> dict[int | str, dict[str, Any]]:
    return _stream_responses("gs", GENERATION_EVENT)


# every route: the size limits run before any of them (413), and so does the check that a
# query string is UTF-8 (422)
EVERY_ROUTE = error_responses(413, 422)
# the same for a route whose own responses are not JSON (FastAPI would document its errors
# under the route's media type)
EVERY_ROUTE_JSON: dict[int | str, dict[str, Any]] = {
    status: {
        "description": response["description"],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }
    for status, response in EVERY_ROUTE.items()
}


def install(app: FastAPI, settings: Settings) -> None:
    """Serve the document with the limits ``settings`` set (checked by the routes
    themselves, so that they keep their own error codes)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = original()
        _apply_settings(schema, settings)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _apply_settings(schema: dict[str, Any], settings: Settings) -> None:
    limit = settings.max_message_chars
    chat = schema.get("components", {}).get("schemas", {}).get("ChatRequest")
    if chat is not None:
        chat["properties"]["user_message"]["maxLength"] = limit
    for parameter in (
        schema["paths"].get("/api/v1/chat/stream", {}).get("get", {}).get("parameters", [])
    ):
        if parameter["name"] == "user_message":
            # a new turn needs it: the document asks for it always (a reconnect with
            # Last-Event-ID, which repeats the URL, resumes the turn and does not read it)
            parameter["required"] = True
            parameter["schema"] = {**USER_MESSAGE_SCHEMA, "maxLength": limit}

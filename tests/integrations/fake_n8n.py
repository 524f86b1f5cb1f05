"""A fake n8n public API for the failure tests: an ``httpx.MockTransport`` that answers as
n8n 2.41.1 did when we tried it (bodies copied from the real server, see
``data/execution_error.json``), with switches for the failures n8n can have."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import httpx

DATA = Path(__file__).parent / "data"
READ_ONLY = ("id", "active", "tags", "meta", "pinData", "isArchived", "versionId")
SETTINGS = {
    "saveExecutionProgress",
    "saveManualExecutions",
    "saveDataErrorExecution",
    "saveDataSuccessExecution",
    "executionTimeout",
    "errorWorkflow",
    "timezone",
    "executionOrder",
    "callerPolicy",
    "callerIds",
    "timeSavedPerExecution",
}


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"content-type": "application/json; charset=utf-8", **(headers or {})},
    )


class FakeN8n:
    URL = "http://n8n.test:5678"

    def __init__(self, api_key: str = "n8n_api_fake-key-0123456789") -> None:
        self.api_key = api_key
        self.workflows: dict[str, dict[str, Any]] = {}
        self.executions: list[dict[str, Any]] = []
        self.details: dict[str, dict[str, Any]] = {}
        self.requests: list[httpx.Request] = []
        # switches
        self.fail: str | None = None  # refused | timeout | 500 | 429 | html | dns
        self.fail_after_create: bool = False  # store the workflow, then time out
        self.refuse: set[str] = set()  # top-level keys refused as unknown
        self.activation_error: str | None = None
        self.delay_s = 0.0  # every answer this late (widens races)
        self.busy = 0  # the next n activations / updates answer 409 "try again" (as n8n does)
        self._ids = (f"wf{n:014d}" for n in itertools.count(1))
        self.transport = httpx.MockTransport(self.handle)

    # --- the API ------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> Any:
        if self.delay_s:
            return self._later(request)
        return self._handle(request)

    async def _later(self, request: httpx.Request) -> httpx.Response:
        import asyncio

        await asyncio.sleep(self.delay_s)
        return self._handle(request)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.fail == "refused":
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        if self.fail == "dns":
            raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)
        if self.fail == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if self.fail == "html":
            return httpx.Response(
                200,
                content=b"<!doctype html><title>Hi</title>",
                headers={"content-type": "text/html"},
            )
        if self.fail == "500":
            return _json(500, {"message": "Internal Server Error"})
        if self.fail == "429":
            return _json(429, {"message": "Too many requests"}, {"retry-after": "7"})
        path = request.url.path
        if not path.startswith("/api/v1/"):
            return _json(404, {"message": "not found"})
        if request.headers.get("x-n8n-api-key") != self.api_key:
            return _json(401, {"message": "Unauthorized"})
        parts = path.removeprefix("/api/v1/").strip("/").split("/")
        method = request.method
        if parts == ["workflows"] and method == "GET":
            name = request.url.params.get("name")
            data = [w for w in self.workflows.values() if name is None or w["name"] == name]
            return _json(200, {"data": data, "nextCursor": None})
        if parts == ["workflows"] and method == "POST":
            return self._create(json.loads(request.content))
        if len(parts) >= 2 and parts[0] == "workflows":
            found = self.workflows.get(parts[1])
            if found is None:
                verb = {"PUT": "update", "POST": parts[-1]}.get(method, "read")
                return _json(
                    404,
                    {
                        "message": f"You do not have permission to {verb} this workflow. "
                        "Ask the owner to share it with you."
                    }
                    if method != "GET"
                    else {"message": "Not Found"},
                )
            if len(parts) == 2 and method == "GET":
                return _json(200, found)
            if self.busy and method in ("PUT", "POST"):
                self.busy -= 1
                return _json(
                    409,
                    {
                        "message": "Workflow is still being unpublished. "
                        "Please try again in a few moments."
                    },
                )
            if len(parts) == 2 and method == "PUT":
                if found.get("isArchived"):
                    return _json(400, {"message": "Cannot update an archived workflow."})
                return self._update(found, json.loads(request.content))
            if parts[2:] == ["activate"]:
                if self.activation_error:
                    return _json(400, {"message": self.activation_error})
                found.update(active=True, activeVersionId=found["versionId"])
                return _json(200, found)
            if parts[2:] == ["deactivate"]:
                found.update(active=False, activeVersionId=None)
                return _json(200, found)
        if parts == ["executions"] and method == "GET":
            wanted = request.url.params.get("workflowId")
            limit = int(request.url.params.get("limit", "100"))
            cursor = request.url.params.get("cursor") or "0"
            if not cursor.isdigit():
                return _json(400, {"message": "An invalid cursor was provided"})
            start = int(cursor)
            rows = [e for e in self.executions if e["workflowId"] == wanted]
            page = rows[start : start + limit]
            more = start + limit < len(rows)
            return _json(200, {"data": page, "nextCursor": str(start + limit) if more else None})
        if len(parts) == 2 and parts[0] == "executions" and method == "GET":
            detail = self.details.get(parts[1])
            return _json(200, detail) if detail else _json(404, {"message": "Not Found"})
        return _json(404, {"message": "not found"})

    def _validate(self, body: dict[str, Any]) -> httpx.Response | None:
        for key in READ_ONLY:
            if key in body:
                return _json(400, {"message": f"request/body/{key} is read-only"})
        if "description" in body:  # as n8n 2.41.1 answers, its OpenAPI document aside
            return _json(
                400, {"message": "request/body Unrecognized key(s) in object: 'description'"}
            )
        extra = [k for k in body if k in self.refuse]
        if extra:
            keys = ", ".join(f"'{k}'" for k in extra)
            return _json(400, {"message": f"request/body Unrecognized key(s) in object: {keys}"})
        unknown = [k for k in body.get("settings", {}) if k not in SETTINGS]
        if unknown:
            keys = ", ".join(f"'{k}'" for k in unknown)
            return _json(
                400, {"message": f"request/body/settings Unrecognized key(s) in object: {keys}"}
            )
        for required in ("name", "nodes", "connections", "settings"):
            if required not in body:
                return _json(
                    400, {"message": f"request/body must have required property '{required}'"}
                )
        return None

    def _create(self, body: dict[str, Any]) -> httpx.Response:
        refused = self._validate(body)
        if refused:
            return refused
        workflow_id = next(self._ids)
        stored = {
            **copy.deepcopy(body),
            "id": workflow_id,
            "active": False,
            "activeVersionId": None,
            "isArchived": False,
            "versionId": f"v-{workflow_id}-1",
        }
        self.workflows[workflow_id] = stored
        if self.fail_after_create:
            raise httpx.ReadTimeout("timed out")
        return _json(200, stored)

    def _update(self, found: dict[str, Any], body: dict[str, Any]) -> httpx.Response:
        refused = self._validate(body)
        if refused:
            return refused
        found.update(copy.deepcopy(body))
        version = int(found["versionId"].rsplit("-", 1)[1]) + 1
        found["versionId"] = f"v-{found['id']}-{version}"
        if found["active"]:
            found["activeVersionId"] = found["versionId"]  # n8n 2 republishes on update
        return _json(200, found)

    # --- helpers for tests ---------------------------------------------------------------

    def add_run(self, workflow_id: str, status: str, detail: dict[str, Any] | None = None) -> str:
        execution_id = str(len(self.executions) + 1)
        self.executions.insert(
            0,
            {
                "id": execution_id,
                "finished": status == "success",
                "mode": "webhook",
                "retryOf": None,
                "retrySuccessId": None,
                "status": status,
                "startedAt": "2026-12-06T10:22:40.889Z",
                "stoppedAt": "2026-12-06T10:22:41.109Z",
                "workflowId": workflow_id,
                "waitTill": None,
            },
        )
        if detail is not None:
            self.details[execution_id] = {**detail, "id": execution_id, "workflowId": workflow_id}
        return execution_id


def real_error_execution(rename: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """The record n8n 2.41.1 gave for a webhook run whose Code node threw; ``rename`` maps
    its node names to (new name, new id)."""
    text = (DATA / "execution_error.json").read_text(encoding="utf-8")
    detail: dict[str, Any] = json.loads(text)
    for old, (name, node_id) in (rename or {}).items():
        result = detail["data"]["resultData"]
        if result.get("lastNodeExecuted") == old:
            result["lastNodeExecuted"] = name
        if old in result["runData"]:
            result["runData"][name] = result["runData"].pop(old)
        for node in detail["workflowData"]["nodes"]:
            if node["name"] == old:
                node["name"], node["id"] = name, node_id
    return detail

"""Shared by the integration tests: a test workflow, storing versions on the live server,
and a real n8n started as a server (opt-in through ``N8N_ROOT``)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.core.models import Workflow
from flowsmith.db.engine import create_engine, create_sessionmaker, session_scope
from flowsmith.workflows import service
from tests.conftest import LiveServer, free_port

SCOPES = [
    "workflow:create",
    "workflow:read",
    "workflow:update",
    "workflow:list",
    "workflow:activate",
    "workflow:deactivate",
    "workflow:delete",
    "execution:list",
    "execution:read",
]


def hook_workflow(path: str, *, fail: bool = True, with_mail: bool = False) -> Workflow:
    """Webhook → Set → Code (throws when ``fail``) [→ Send email, which needs SMTP]."""
    code = 'throw new Error("kaboom")' if fail else "return $input.all();"
    nodes: list[dict[str, Any]] = [
        {
            "id": "hook",
            "position": [0, 0],
            "name": "Incoming order",
            "type": "TRIGGER",
            "subtype": "webhook_trigger",
            "parameters": {"path": path, "method": "POST"},
        },
        {
            "id": "shape",
            "position": [280, 0],
            "name": "Shape it",
            "type": "ACTION",
            "subtype": "set_fields",
            "parameters": {"fields": {"status": "new"}},
        },
        {
            "id": "check",
            "position": [560, 0],
            "name": "Check stock",
            "type": "ACTION",
            "subtype": "code",
            "parameters": {"language": "javascript", "code": code},
        },
    ]
    connections = [
        {"from_node": "hook", "to_node": "shape"},
        {"from_node": "shape", "to_node": "check"},
    ]
    if with_mail:
        nodes.append(
            {
                "id": "mail",
                "position": [840, 0],
                "name": "Email me",
                "type": "EXTERNAL_ACTION",
                "subtype": "send_email",
                "parameters": {"to": "me@example.com", "subject": "Order", "body": "New order"},
            }
        )
        connections.append({"from_node": "check", "to_node": "mail"})
    return Workflow.model_validate(
        {"name": f"Orders {path}", "nodes": nodes, "connections": connections}
    )


def _on_database(server: LiveServer, work: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    """``work`` in a transaction on the live server's database, from this thread."""

    async def run() -> Any:
        engine = create_engine(server.settings)
        try:
            async with session_scope(create_sessionmaker(engine)) as db:
                return await work(db)
        finally:
            await engine.dispose()

    # in a thread of its own: the caller may be inside a running loop (Playwright's)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result(timeout=60)


def store_workflow(server: LiveServer, user: str, workflow: Workflow) -> str:
    async def store(db: AsyncSession) -> str:
        return (await service.create_workflow(db, user, workflow, summary="test")).id

    return str(_on_database(server, store))


def add_version(server: LiveServer, workflow_id: str, workflow: Workflow) -> int:
    async def store(db: AsyncSession) -> int:
        return (await service.add_version(db, workflow_id, workflow, summary="edit")).version

    return int(_on_database(server, store))


def n8n_root() -> Path | None:
    env = os.environ.get("N8N_ROOT")
    if env and (Path(env) / "env.sh").is_file():
        return Path(env)
    return None


class RealN8n:
    """``n8n start`` on free ports in a fresh user folder, with an owner and an API key."""

    def __init__(self, root: Path, home: Path) -> None:
        self.root, self.home = root, home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api_key = ""
        self.log = home / "n8n.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 180) -> RealN8n:
        broker = free_port()
        script = (
            f". {self.root}/env.sh && export N8N_USER_FOLDER={self.home} "
            f"N8N_PORT={self.port} N8N_RUNNERS_BROKER_PORT={broker} N8N_SECURE_COOKIE=false "
            "N8N_LISTEN_ADDRESS=127.0.0.1 && exec n8n start"
        )
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                ["bash", "-c", script], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=self.url, timeout=5) as client:
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError(f"n8n exited: {self.log.read_text()[-2000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"n8n did not start: {self.log.read_text()[-2000:]}")
                try:
                    # /healthz answers first; the REST API says "starting up" for a while
                    ready = client.get("/rest/settings")
                    if ready.status_code == 200 and "data" in ready.json():
                        break
                except (httpx.HTTPError, ValueError):
                    pass
                time.sleep(1)
            setup = client.post(
                "/rest/owner/setup",
                json={
                    "email": "owner@example.com",
                    "firstName": "Test",
                    "lastName": "Owner",
                    "password": "Test-passw0rd-long",
                },
            )
            setup.raise_for_status()
            created = client.post(
                "/rest/api-keys",
                json={"label": "flowsmith", "scopes": SCOPES, "expiresAt": None},
            )
            created.raise_for_status()
            self.api_key = str(created.json()["data"]["rawApiKey"])
        return self

    def api(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url + "/api/v1", headers={"X-N8N-API-KEY": self.api_key}, timeout=30
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def dump(data: Any) -> str:
    return json.dumps(data, indent=1, default=str)[:3000]


def stored_api_key_ciphertext(server: LiveServer, user: str) -> str:
    """The stored (encrypted) API key of ``user``'s n8n connection, as the database has it."""
    from flowsmith.integrations import repository

    async def read(db: AsyncSession) -> str:
        row = await repository.get_connection(db, user)
        assert row is not None
        return row.api_key_encrypted

    return str(_on_database(server, read))

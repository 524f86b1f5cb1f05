"""The terminal client: ``flowsmith chat`` and ``flowsmith workflows list|show|export``.

It talks to a running server over the same HTTP API as the web page (``--url``, default
http://127.0.0.1:8000). The token is ``--token`` / ``FLOWSMITH_TOKEN`` (a Supabase access
token, or any token the server accepts); without one, a dev token for ``--sub`` from the
server's ``POST /api/v1/dev/token`` (dev mode, loopback only), or, when that is not
available and this machine holds the server's dev secret (``FLOWSMITH_DATA_DIR``), one
minted locally.

``flowsmith chat`` streams the reply as it arrives, shows the generation's stages as a live
display, then prints the workflow as a tree. Messages come from ``--message`` (repeatable),
else from standard input (one per line), with a prompt when that is a terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console, Group
from rich.live import Live
from rich.markup import escape
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

DEFAULT_URL = "http://127.0.0.1:8000"
STAGES = ("waiting", "start", "draft", "debugging", "complete")
STAGE_NAMES = {
    "waiting": "Waiting",
    "start": "Started",
    "draft": "Draft",
    "debugging": "Checking",
    "complete": "Complete",
}
FAMILY_STYLES = {
    "TRIGGER": "bold yellow",
    "ACTION": "bold blue",
    "EXTERNAL_ACTION": "bold magenta",
    "AI_AGENT": "bold bright_magenta",
    "FLOW": "bold green",
    "HUMAN_IN_THE_LOOP": "bold red",
    "TOOL": "bold white",
    "MEMORY": "bold cyan",
}
RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})

workflows_app = typer.Typer(help="Your workflows on a flowsmith server.", no_args_is_help=True)

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


# ---------------------------------------------------------------------------------------
# the workflow as a tree


def _node_text(node: dict[str, Any], prefix: str = "") -> Text:
    family = str(node.get("type", ""))
    text = Text()
    if prefix:
        text.append(f"[{prefix}] ", style="bold cyan")
    text.append(str(node.get("name") or node.get("id")), style=FAMILY_STYLES.get(family, "bold"))
    text.append(f"  {family.lower()} · {node.get('subtype', '')}", style="dim")
    return text


def workflow_tree(workflow: dict[str, Any], version: int | None = None) -> Tree:
    """The workflow from its triggers: each node under the one it follows, branches
    (``[true]``, ``[approved]``…) labelled, tools and memory under their agent."""
    nodes: list[dict[str, Any]] = list(workflow.get("nodes") or [])
    by_id = {str(n.get("id")): n for n in nodes}
    outgoing: dict[str, list[tuple[str, str]]] = {}
    incoming: set[str] = set()
    for conn in workflow.get("connections") or []:
        source, target = str(conn.get("from_node")), str(conn.get("to_node"))
        if source in by_id and target in by_id:
            outgoing.setdefault(source, []).append((str(conn.get("from_output") or "main"), target))
            incoming.add(target)
    attached = {str(ref) for n in nodes for ref in n.get("attached_nodes") or []}
    title = Text(str(workflow.get("name") or "workflow"), style="bold")
    shown_version = version if version is not None else workflow.get("version")
    if shown_version:
        title.append(f"  v{shown_version}", style="dim")
    title.append(f"  · {len(nodes)} nodes", style="dim")
    tree = Tree(title)
    seen: set[str] = set()

    def add(branch: Tree, node_id: str, prefix: str) -> None:
        node = by_id[node_id]
        if node_id in seen:
            again = _node_text(node, prefix)
            again.append("  (see above)", style="dim italic")
            branch.add(again)
            return
        seen.add(node_id)
        child = branch.add(_node_text(node, prefix))
        for ref in node.get("attached_nodes") or []:
            if str(ref) in by_id:
                seen.add(str(ref))
                child.add(_node_text(by_id[str(ref)], "uses"))
        for output, target in outgoing.get(node_id, []):
            add(child, target, "" if output == "main" else output)

    roots = [
        str(n.get("id"))
        for n in nodes
        if n.get("type") == "TRIGGER"
        or (str(n.get("id")) not in incoming and str(n.get("id")) not in attached)
    ]
    for root in roots:
        if root not in seen:
            add(tree, root, "")
    for node in nodes:  # anything left (a cycle with no way in)
        if str(node.get("id")) not in seen:
            add(tree, str(node.get("id")), "")
    return tree


# ---------------------------------------------------------------------------------------
# the live progress display


@dataclass
class Progress:
    events: list[dict[str, Any]] = field(default_factory=list)
    reached: str | None = None
    message: str = ""
    failed: bool = False
    findings: list[dict[str, Any]] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    started: asyncio.Event = field(default_factory=asyncio.Event)
    end: dict[str, Any] | None = None
    simulation: dict[str, Any] | None = None
    changed: Callable[[], None] | None = None

    def add(self, event: dict[str, Any]) -> None:
        kind = str(event.get("type"))
        data = event.get("data") or {}
        self.events.append(event)
        self.message = str(data.get("message") or kind)
        if kind in ("start", "draft", "debugging", "complete"):
            self.started.set()
        if kind == "debugging" or kind in ("complete", "error"):
            self.findings = list(data.get("findings") or [])
        if kind == "debugging" and isinstance(data.get("simulation"), dict):
            self.simulation = data["simulation"]
        if kind == "error":
            self.failed = True
            self.end = event
            self.done.set()
        elif kind in STAGES:
            self.reached = kind
            if kind == "complete":
                self.end = event
                self.done.set()
        if self.changed:
            self.changed()

    def render(self) -> Group:
        row = Table.grid(padding=(0, 2))
        cells: list[Any] = []
        reached = STAGES.index(self.reached) if self.reached else -1
        failed_at = -1
        if self.failed:
            failed_at = reached if self.reached == "debugging" else min(reached + 1, 4)
        for index, stage in enumerate(STAGES):
            name = STAGE_NAMES[stage]
            if self.failed and index == failed_at:
                cells.append(Text(f"✗ {name}", style="bold red"))
            elif index < reached or (index == reached and stage == "complete"):
                cells.append(Text(f"✓ {name}", style="green"))
            elif index == reached and not self.failed:
                cells.append(Spinner("dots", text=Text(name, style="bold")))
            else:
                cells.append(Text(f"· {name}", style="dim"))
            row.add_column()
        row.add_row(*cells)
        parts: list[Any] = [row, Text(self.message, style="red" if self.failed else "")]
        sim = self.simulation
        if sim and isinstance(sim.get("runs"), int):
            parts.append(
                Text(
                    f"dry run: {sim['runs']} run(s), {sim.get('nodes_run', '?')} of "
                    f"{sim.get('nodes_total', '?')} nodes ran, {sim.get('steps', '?')} steps",
                    style="dim",
                )
            )
        for finding in self.findings[:8]:
            severity = str(finding.get("severity", "error"))
            style = {"error": "red", "warning": "yellow"}.get(severity, "cyan")
            where = f" ({finding['node_id']})" if finding.get("node_id") else ""
            parts.append(Text(f"  {severity}: {finding.get('message', '')}{where}", style=style))
        return Group(*parts)


# ---------------------------------------------------------------------------------------
# chat


class ChatClient:
    def __init__(self, console: Console, client: httpx.AsyncClient) -> None:
        self.console = console
        self.client = client
        self.session_id = ""

    def _flush(self) -> None:
        self.console.file.flush()

    async def open_session(self, session: str | None, edit: str | None, copy: str | None) -> None:
        if session:
            detail = _check(await self.client.get(f"/api/v1/sessions/{session}")).json()
            self.session_id = session
            self.console.print(
                f"[dim]session {escape(session)} ({detail['action']}), "
                f"{len(detail['messages'])} messages so far[/]"
            )
            return
        action, workflow_id = (
            ("edit", edit) if edit else ("copy", copy) if copy else ("create", None)
        )
        created = _check(
            await self.client.post(
                "/api/v1/session", json={"action": action, "workflow_id": workflow_id}
            )
        ).json()
        self.session_id = str(created["session_id"])
        what = f" of {created['workflow_id']}" if created.get("workflow_id") else ""
        self.console.print(f"[dim]session {self.session_id} ({action}{escape(what)})[/]")

    async def _listen(self, progress: Progress) -> None:
        async for event in sse_events(
            self.client,
            "GET",
            "/api/v1/workflow_generation",
            params={"session_id": self.session_id},
            is_terminal=lambda e: e.get("type") in ("complete", "error"),
        ):
            progress.add(event)

    async def turn(self, message: str) -> dict[str, Any] | None:
        """Sends one message; streams the reply; follows the generation it starts."""
        progress = Progress()
        listener = asyncio.create_task(self._listen(progress))
        generating = False
        self.console.print(Text.assemble(("you › ", "bold cyan"), message))
        self.console.print(Text("flowsmith › ", style="bold magenta"), end="")
        self._flush()
        failed: dict[str, Any] | None = None
        try:
            async for event in sse_events(
                self.client,
                "POST",
                "/api/v1/chat/stream",
                body={"session_id": self.session_id, "user_message": message},
                is_terminal=lambda e: e.get("type") == "message" and e.get("is_complete") is True,
                retry_first=False,
                on_reconnect=lambda n: None,
            ):
                kind = event.get("type")
                if kind == "message":
                    delta = str(event.get("delta") or "")
                    if delta:
                        self.console.print(Text(delta), end="")
                        self._flush()
                elif kind == "status" and event.get("status") == "generating":
                    generating = True
                elif kind == "error":
                    failed = dict(event.get("error") or {})
            self.console.print()
            if failed:
                self.console.print(f"[red]the reply failed: {escape(str(failed.get('code')))}[/]")
            if not generating and not progress.started.is_set():
                return None
            return await self._follow(progress, listener)
        finally:
            if not listener.done():
                listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)

    async def _follow(self, progress: Progress, listener: asyncio.Task[None]) -> dict[str, Any]:
        with Live(
            progress.render(), console=self.console, refresh_per_second=12, transient=False
        ) as live:
            progress.changed = lambda: live.update(progress.render())
            done = asyncio.create_task(progress.done.wait())
            await asyncio.wait({done, listener}, return_when=asyncio.FIRST_COMPLETED)
            if not done.done():
                done.cancel()
            if listener.done() and listener.exception() and not progress.done.is_set():
                raise listener.exception()  # type: ignore[misc]
            live.update(progress.render())
        if not self.console.is_terminal:
            self.console.print()  # Live leaves the last line open when it cannot redraw
        assert progress.end is not None
        end = progress.end
        data = end.get("data") or {}
        if end.get("type") == "complete" and data.get("workflow"):
            self.console.print(workflow_tree(data["workflow"], data.get("version")))
            self.console.print(f"[dim]workflow id: {end.get('workflow_id')}[/]")
        return end


def _messages(messages: list[str] | None, console: Console) -> AsyncIterator[str]:
    async def from_options() -> AsyncIterator[str]:
        for message in messages or []:
            yield message

    async def from_stdin() -> AsyncIterator[str]:
        interactive = sys.stdin.isatty()
        while True:
            if interactive:
                try:
                    line = await asyncio.to_thread(console.input, "[bold cyan]you ›[/] ")
                except EOFError:
                    return
            else:
                line = await asyncio.to_thread(sys.stdin.readline)
                if not line:
                    return
            line = line.strip()
            if line in ("/quit", "/exit"):
                return
            if line:
                yield line

    return from_options() if messages else from_stdin()


async def _chat(
    url: str,
    token: str,
    session: str | None,
    edit: str | None,
    copy: str | None,
    messages: list[str] | None,
    console: Console,
) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    timeout = httpx.Timeout(15.0, read=90.0)
    status = 0
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=timeout) as client:
        chat = ChatClient(console, client)
        await chat.open_session(session, edit, copy)
        async for message in _messages(messages, console):
            end = await chat.turn(message)
            if end is not None and end.get("type") == "error":
                status = 1
    return status


def chat(
    url: UrlOption = DEFAULT_URL,
    session: Annotated[
        str | None, typer.Option("--session", help="Continue this session.", show_default=False)
    ] = None,
    edit: Annotated[
        str | None,
        typer.Option("--edit", help="Edit this workflow by chat.", show_default=False),
    ] = None,
    copy: Annotated[
        str | None,
        typer.Option("--copy", help="Copy this workflow and edit the copy.", show_default=False),
    ] = None,
    message: Annotated[
        list[str] | None,
        typer.Option(
            "--message",
            "-m",
            help="A message to send (repeatable); without it, lines from standard input.",
            show_default=False,
        ),
    ] = None,
    token: TokenOption = None,
    sub: SubOption = "dev-user",
) -> None:
    """Chat with flowsmith: streams the reply, shows the generation live, prints the workflow."""
    console = _console()
    try:
        bearer = resolve_token(url, token, sub)
        status = asyncio.run(_chat(url, bearer, session, edit, copy, message, console))
    except KeyboardInterrupt:
        raise typer.Exit(code=130) from None
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
    raise typer.Exit(code=status)


def _fail(console: Console, url: str, error: Exception) -> None:
    if isinstance(error, httpx.ConnectError):
        text = f"cannot reach {url}: is `flowsmith serve` running?"
    elif isinstance(error, ApiError):
        text = f"{error.status} {error.code}: {error.message}"
    else:
        text = str(error) or type(error).__name__
    Console(stderr=True, highlight=False).print(f"[bold red]error:[/] {escape(text)}")
    raise typer.Exit(code=1)


# ---------------------------------------------------------------------------------------
# workflows


def _client(url: str, token: str | None, sub: str) -> httpx.Client:
    bearer = resolve_token(url, token, sub)
    return httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {bearer}"}, timeout=httpx.Timeout(30.0)
    )


@workflows_app.command("list")
def list_workflows(
    url: UrlOption = DEFAULT_URL,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON answer.")] = False,
    token: TokenOption = None,
    sub: SubOption = "dev-user",
) -> None:
    """List your workflows."""
    console = _console()
    try:
        with _client(url, token, sub) as client:
            items = _check(client.get("/api/v1/workflows", params={"limit": 200})).json()["items"]
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    if as_json:
        console.print_json(data=items)
        return
    if not items:
        console.print("[dim]no workflows yet: create one with `flowsmith chat`[/]")
        return
    table = Table(title="Your workflows", title_justify="left")
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("name", style="bold", min_width=24)
    table.add_column("version", justify="right")
    table.add_column("updated", style="dim", no_wrap=True)
    for item in items:
        name = escape(str(item["name"])) + (" [dim](copy)[/]" if item.get("copied_from") else "")
        table.add_row(item["id"], name, str(item["version"]), str(item["updated_at"])[:19])
    console.print(table)


@workflows_app.command("show")
def show_workflow(
    workflow_id: Annotated[str, typer.Argument(help="The workflow id.")],
    url: UrlOption = DEFAULT_URL,
    version: Annotated[
        int | None, typer.Option("--version", help="This version (default: the current).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the workflow's JSON.")] = False,
    token: TokenOption = None,
    sub: SubOption = "dev-user",
) -> None:
    """Show a workflow as a tree, with its versions."""
    console = _console()
    try:
        with _client(url, token, sub) as client:
            base = f"/api/v1/workflows/{workflow_id}"
            detail = _check(client.get(base)).json()
            versions = _check(client.get(f"{base}/versions")).json()["items"]
            shown = version or int(detail["version"])
            workflow = (
                _check(client.get(f"{base}/versions/{version}")).json()["workflow"]
                if version
                else detail["workflow"]
            )
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    if as_json:
        console.print_json(data=workflow)
        return
    console.print(workflow_tree(workflow, shown))
    if workflow.get("description"):
        console.print(Text(str(workflow["description"]), style="dim"))
    listed = ", ".join(f"v{v['version']}" for v in sorted(versions, key=lambda v: v["version"]))
    console.print(f"[dim]id {escape(workflow_id)} · versions: {listed}[/]")


@workflows_app.command("export")
def export_workflow(
    workflow_id: Annotated[str, typer.Argument(help="The workflow id.")],
    url: UrlOption = DEFAULT_URL,
    fmt: Annotated[str, typer.Option("--format", help="n8n, or flowsmith (ours).")] = "n8n",
    version: Annotated[
        int | None, typer.Option("--version", help="This version (default: the current).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (default: stdout).", show_default=False
        ),
    ] = None,
    token: TokenOption = None,
    sub: SubOption = "dev-user",
) -> None:
    """Export a workflow (to n8n's workflow JSON)."""
    console = _console()
    try:
        with _client(url, token, sub) as client:
            params: dict[str, str | int] = {"format": fmt}
            if version:
                params["version"] = version
            response = client.get(f"/api/v1/workflows/{workflow_id}/export", params=params)
            if response.status_code == 404:
                error = ApiError.from_response(response)
                if error.code != "workflow_not_found":
                    raise ClientError(f"export to {fmt} is not available on {url} (404)")
            _check(response)
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    text = response.text
    with contextlib.suppress(ValueError):
        text = json.dumps(response.json(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")
        Console(stderr=True).print(f"wrote {escape(str(output))}")


# ---------------------------------------------------------------------------------------
# n8n: connect, deploy, executions

n8n_app = typer.Typer(help="Your n8n instance: connect, status, disconnect.", no_args_is_help=True)

EXECUTION_STYLES = {
    "success": "green",
    "error": "bold red",
    "crashed": "bold red",
    "canceled": "yellow",
    "running": "cyan",
    "waiting": "cyan",
}


@n8n_app.command("connect")
def n8n_connect(
    instance: Annotated[str, typer.Argument(help="The n8n instance's URL.")],
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            envvar="N8N_API_KEY",
            help="An n8n API key (n8n: Settings → n8n API); asked for when not given.",
            show_default=False,
        ),
    ] = None,
    url: UrlOption = DEFAULT_URL,
    token: TokenOption = None,
    sub: SubOption = "dev-user",
) -> None:
    """Connect your n8n instance (the key is checked there, then stored encrypted)."""
    console = _console()
    key = api_key or typer.prompt("n8n API key", hide_input=True)
    try:
        with _client(url, token, sub) as client:
            info = _check(
                client.post("/api/v1/integrations/n8n", json={"url": instance, "api_key": key})
            ).json()
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    console.print(
        f"[green]connected[/] {escape(str(info['url']))} [dim](key {info['api_key_hint']})[/]"
    )


@n8n_app.command("status")
def n8n_status(
    url: UrlOption = DEFAULT_URL, token: TokenOption = None, sub: SubOption = "dev-user"
) -> None:
    """Show which n8n instance is connected."""
    console = _console()
    try:
        with _client(url, token, sub) as client:
            info = _check(client.get("/api/v1/integrations/n8n")).json()
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    if not info.get("connected"):
        console.print("[dim]no n8n instance connected: `flowsmith n8n connect <url>`[/]")
        return
    console.print(f"{escape(str(info['url']))} [dim](key {info['api_key_hint']})[/]")


@n8n_app.command("disconnect")
def n8n_disconnect(
    url: UrlOption = DEFAULT_URL, token: TokenOption = None, sub: SubOption = "dev-user"
) -> None:
    """Forget the n8n instance and its key (deployed workflows stay in n8n)."""
    console = _console()
    try:
        with _client(url, token, sub) as client:
            _check(client.delete("/api/v1/integrations/n8n"))
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    console.print("disconnected")


def render_deploy(console: Console, result: dict[str, Any]) -> None:
    """What a deploy did, and what the user still has to set up in n8n."""
    what = "created" if result.get("created") else "updated"
    if result.get("recreated"):
        what = "created again (the one deployed before is gone from n8n)"
    console.print(
        f"[green]deployed[/] v{result['version']} · {what} · "
        + ("[green]active[/]" if result.get("active") else "[dim]inactive[/]")
    )
    console.print(f"  {escape(str(result['url']))}")
    if result.get("activation_error"):
        console.print(
            f"[yellow]n8n kept the workflow inactive: {escape(result['activation_error'])}[/]"
        )
    todo = [c for c in result.get("credentials_needed") or [] if not c.get("chosen_in_n8n")]
    done = [c for c in result.get("credentials_needed") or [] if c.get("chosen_in_n8n")]
    if todo:
        console.print("[bold]still to set up in n8n[/] (choose or create a credential):")
        for item in todo:
            types = " or ".join(item["credential_types"])
            console.print(f"  · {escape(item['n8n_node'])}: {escape(types)}")
    for item in done:
        console.print(f"  [dim]✓ {escape(item['n8n_node'])}: credential chosen in n8n[/]")


def deploy(
    workflow_id: Annotated[str, typer.Argument(help="The workflow id.")],
    version: Annotated[
        int | None, typer.Option("--version", help="This version (default: the latest).")
    ] = None,
    activate: Annotated[
        bool, typer.Option("--activate", help="Activate it in n8n after deploying.")
    ] = False,
    deactivate: Annotated[
        bool, typer.Option("--deactivate", help="Deactivate it in n8n (no deploy).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON answer.")] = False,
    url: UrlOption = DEFAULT_URL,
    token: TokenOption = None,
    sub: SubOption = "dev-user",
) -> None:
    """Deploy a workflow to your n8n (creates it the first time, updates it after)."""
    console = _console()
    base = f"/api/v1/workflows/{workflow_id}"
    try:
        with _client(url, token, sub) as client:
            if deactivate:
                state = _check(client.post(f"{base}/deactivate")).json()
                console.print(f"deactivated in n8n: {escape(str(state['url']))}")
                return
            body = {"version": version} if version else {}
            result = _check(client.post(f"{base}/deploy", json=body)).json()
            if activate and not result.get("active"):
                state = _check(client.post(f"{base}/activate")).json()
                result["active"] = state["active"]
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    if as_json:
        console.print_json(data=result)
        return
    render_deploy(console, result)


def executions(
    workflow_id: Annotated[str, typer.Argument(help="The workflow id.")],
    limit: Annotated[int, typer.Option("--limit", help="How many (1-100).")] = 20,
    cursor: Annotated[
        str | None, typer.Option("--cursor", help="The next page's cursor.", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON answer.")] = False,
    url: UrlOption = DEFAULT_URL,
    token: TokenOption = None,
    sub: SubOption = "dev-user",
) -> None:
    """The deployed workflow's runs in n8n, newest first, with the node that failed."""
    console = _console()
    params: dict[str, str | int] = {"limit": limit}
    if cursor:
        params["cursor"] = cursor
    try:
        with _client(url, token, sub) as client:
            page = _check(
                client.get(f"/api/v1/workflows/{workflow_id}/executions", params=params)
            ).json()
    except _REQUEST_ERRORS as error:
        _fail(console, url, error)
        return
    if as_json:
        console.print_json(data=page)
        return
    if not page["items"]:
        console.print(f"[dim]no runs yet in n8n: {escape(str(page['url']))}[/]")
        return
    table = Table(title=f"Runs in n8n · {page['url']}", title_justify="left")
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("started", style="dim", no_wrap=True)
    table.add_column("took", justify="right", style="dim")
    table.add_column("failed at")
    table.add_column("error", overflow="fold")
    for item in page["items"]:
        status = str(item["status"])
        failed = item.get("failed_node") or {}
        where = ""
        if failed:
            where = str(failed.get("name") or failed.get("n8n_name"))
            if failed.get("id"):
                where += f" [dim]({failed['id']})[/]"
        table.add_row(
            str(item["id"]),
            f"[{EXECUTION_STYLES.get(status, 'white')}]{escape(status)}[/]",
            str(item.get("started_at") or "")[:19].replace("T", " "),
            _took(item.get("started_at"), item.get("stopped_at")),
            where,
            escape(str(item.get("error_message") or "")),
        )
    console.print(table)
    if page.get("next_cursor"):
        console.print(f"[dim]more: --cursor {escape(str(page['next_cursor']))}[/]")


def _took(started: Any, stopped: Any) -> str:
    from datetime import datetime

    try:
        seconds = (
            datetime.fromisoformat(str(stopped)) - datetime.fromisoformat(str(started))
        ).total_seconds()
    except ValueError:
        return ""
    return f"{seconds:.1f}s" if seconds < 600 else f"{seconds / 60:.0f}m"


__all__ = [
    "ApiError",
    "chat",
    "deploy",
    "executions",
    "mint_local_token",
    "n8n_app",
    "resolve_token",
    "sse_events",
    "workflow_tree",
    "workflows_app",
]

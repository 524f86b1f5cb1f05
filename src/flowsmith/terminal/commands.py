"""The terminal's one-shot commands: ``flowsmith workflows list|show|export``,
``flowsmith n8n connect|status|disconnect``, ``flowsmith deploy`` and ``flowsmith executions``.

Each makes its requests to the server with a bearer token (:func:`_client`), prints the
answer (``--json``: as JSON) and reports a failure through ``_fail`` (exit code 1).
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from flowsmith.terminal.client import (
    _REQUEST_ERRORS,
    DEFAULT_URL,
    ApiError,
    ClientError,
    SubOption,
    TokenOption,
    UrlOption,
    _check,
    _console,
    _fail,
    resolve_token,
)
from flowsmith.terminal.display import workflow_tree

# ---------------------------------------------------------------------------------------
# workflows

workflows_app = typer.Typer(help="Your workflows on a flowsmith server.", no_args_is_help=True)


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
    "EXECUTION_STYLES",
    "deploy",
    "executions",
    "export_workflow",
    "list_workflows",
    "n8n_app",
    "render_deploy",
    "show_workflow",
    "workflows_app",
]

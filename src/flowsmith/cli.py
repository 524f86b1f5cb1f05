"""The ``flowsmith`` command: serve, mint a dev token, run migrations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from flowsmith.config import Settings, describe_settings_error

app = typer.Typer(help="flowsmith: chat-to-workflow builder.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.")
app.add_typer(db_app, name="db")


def load_settings() -> Settings:
    """The settings, or exit with one line naming the bad one."""
    try:
        return Settings()
    except ValidationError as error:
        typer.echo(describe_settings_error(error), err=True)
        raise typer.Exit(code=2) from None


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (FLOWSMITH_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (FLOWSMITH_PORT).")] = None,
) -> None:
    """Run the HTTP server."""
    import uvicorn

    from flowsmith.app import create_app
    from flowsmith.limits import server_options
    from flowsmith.logs import configure_logging

    settings = load_settings()
    settings = settings.model_copy(
        update={"host": host or settings.host, "port": port or settings.port}
    )
    configure_logging(settings.log_level, settings.log_format)
    if settings.auth_mode == "dev":
        typer.echo(
            f"flowsmith on http://{settings.host}:{settings.port} (dev auth). Get a token with:\n"
            "  .venv/bin/flowsmith token --sub alice",
            err=True,
        )
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        # open streams end at once on shutdown; this bounds the rest of the requests
        timeout_graceful_shutdown=int(settings.shutdown_grace_s) + 5,
        # an HTTP protocol whose request-line limit is above FLOWSMITH_MAX_QUERY_BYTES
        **server_options(settings),
    )


@app.command()
def token(
    sub: Annotated[str, typer.Option(help="The user id (JWT sub).")] = "dev-user",
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.")] = 86400,
) -> None:
    """Print a dev-mode token (only without SUPABASE_JWT_SECRET / SUPABASE_URL)."""
    from flowsmith.auth.dev import mint_dev_token

    settings = load_settings()
    if settings.auth_mode != "dev":
        typer.echo("flowsmith token works in dev auth mode only (no Supabase settings)", err=True)
        raise typer.Exit(code=2)
    typer.echo(mint_dev_token(settings, sub, ttl_s=ttl))


@app.command()
def catalog(
    fmt: Annotated[str, typer.Option("--format", help="md or json.")] = "md",
) -> None:
    """Print the node catalog (docs/catalog.md is this, in markdown)."""
    from flowsmith.core.catalog_doc import render_json, render_markdown

    if fmt not in ("md", "json"):
        typer.echo("--format must be md or json", err=True)
        raise typer.Exit(code=2)
    typer.echo(render_markdown() if fmt == "md" else render_json(), nl=False)


@app.command("export")
def export_cmd(
    source: Annotated[Path, typer.Argument(help="A flowsmith workflow JSON file ('-': stdin).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout.")] = None,
) -> None:
    """Convert a flowsmith workflow to n8n workflow JSON (for `n8n import:workflow`)."""
    from flowsmith.core.models import Workflow
    from flowsmith.n8n.convert import to_n8n

    workflow = Workflow.model_validate(_read_json(source))
    _write_json(to_n8n(workflow), out)


@app.command("import")
def import_cmd(
    source: Annotated[Path, typer.Argument(help="An n8n workflow JSON file ('-': stdin).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout.")] = None,
) -> None:
    """Convert n8n workflow JSON to a flowsmith workflow; notes on the conversion go to stderr."""
    from flowsmith.n8n.convert import N8nImportError, from_n8n

    try:
        workflow, notes = from_n8n(_read_json(source))
    except N8nImportError as error:
        typer.echo(f"not an n8n workflow: {error}", err=True)
        raise typer.Exit(code=2) from None
    for note in notes:
        typer.echo(f"{note.severity}: {note.code}: {note.message}", err=True)
    _write_json(workflow.model_dump(mode="json"), out)


def _read_json(source: Path) -> Any:
    text = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        typer.echo(f"{source}: not JSON ({error})", err=True)
        raise typer.Exit(code=2) from None


def _write_json(data: Any, out: Path | None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply database migrations."""
    from flowsmith.db.migrate import upgrade

    upgrade(load_settings(), revision)
    typer.echo("database is up to date")


# the terminal client: `flowsmith chat`, `flowsmith workflows list|show|export`
from flowsmith.terminal import chat, commands  # noqa: E402

app.command("chat")(chat.chat)
app.add_typer(commands.workflows_app, name="workflows")
app.command("deploy")(commands.deploy)
app.command("executions")(commands.executions)
app.add_typer(commands.n8n_app, name="n8n")


def main() -> None:  # pragma: no cover
    sys.exit(app())

"""``flowsmith chat``: a chat session with the server, in the terminal.

The reply streams as it arrives; a generation the turn starts is followed live
(:class:`~flowsmith.terminal.display.Progress`), then the workflow is printed as a tree.
Messages come from ``--message`` (repeatable), else from standard input (one per line),
with a prompt when that is a terminal. The exit code is 1 when a generation failed.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.text import Text

from flowsmith.terminal.client import (
    _REQUEST_ERRORS,
    DEFAULT_URL,
    SubOption,
    TokenOption,
    UrlOption,
    _check,
    _console,
    _fail,
    resolve_token,
    sse_events,
)
from flowsmith.terminal.display import Progress, workflow_tree


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


__all__ = ["ChatClient", "chat"]

"""What the terminal draws: the workflow as a tree and the generation's live progress.

Holds :func:`workflow_tree` (a workflow's JSON as a ``rich`` tree) and :class:`Progress`
(the generation events received so far, rendered as a stage row, the message, the dry run
and the findings). Pure rendering: no I/O; callers print what these return.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.console import Group
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

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


__all__ = ["FAMILY_STYLES", "STAGES", "STAGE_NAMES", "Progress", "workflow_tree"]

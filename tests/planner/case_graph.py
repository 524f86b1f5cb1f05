"""The graph questions the create-path case tests ask: which condition a step sits behind,
on which output, comparing which field (shared by test_create_cases*.py)."""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.parse import parse_condition, parse_request
from flowsmith.planner.parse_context import Context
from flowsmith.planner.services import index_of
from tests.planner._graph import reachable

CATALOG = load_catalog()
GATES = ("if", "switch", "filter")


class G:
    """A compiled graph and the questions the tests ask of it."""

    def __init__(self, text: str) -> None:
        frame = parse_request(text, CATALOG)
        assert frame is not None
        wf, _ = compile_frame(frame, catalog=CATALOG)
        self.nodes = {n.id: n for n in wf.nodes}
        self.edges = [(c.from_node, c.from_output or "main", c.to_node) for c in wf.connections]

    def find(self, what: str) -> list[str]:
        return [
            i
            for i, n in self.nodes.items()
            if what in (n.subtype, n.parameters.get("app")) and n.subtype not in GATES
        ]

    def _below(self, start: str) -> set[str]:
        return reachable(self.edges, start)

    def sides(self, what: str) -> dict[str, set[str]]:
        """gate id -> the outputs of that gate the step ``what`` is reached from (only)."""
        ids = set(self.find(what))
        assert ids, f"no {what} in {list(self.nodes)}"
        out: dict[str, set[str]] = {}
        for gid, n in self.nodes.items():
            if n.subtype not in ("if", "switch"):
                continue
            below: dict[str, set[str]] = {}
            for s, o, t in self.edges:
                if s == gid:
                    below[o] = below.get(o, set()) | self._below(t)
            for o, reach in below.items():
                others = set().union(*(r for p, r in below.items() if p != o))
                if ids & reach and not ids & others:
                    out.setdefault(gid, set()).add(o)
        return out

    def field(self, gid: str) -> str:
        p = self.nodes[gid].parameters
        if "field" in p:
            return str(p["field"])
        return " ".join(str(c.get("left")) for c in p.get("conditions", []))

    def filtered(self) -> list[str]:
        return [self.field(i) for i, n in self.nodes.items() if n.subtype in ("filter", "if")]


def split(text: str, x: str, y: str, field: str) -> None:
    """``x`` and ``y`` sit on different outputs of one condition comparing ``field``."""
    g = G(text)
    sx, sy = g.sides(x), g.sides(y)
    both = [i for i in sx if i in sy and sx[i] != sy[i] and field in g.field(i)]
    assert both, (sx, sy, {i: g.field(i) for i in sx | sy})


def guarded(text: str, x: str, field: str) -> None:
    """``x`` runs only behind a condition on ``field``."""
    g = G(text)
    assert any(field in g.field(i) for i in g.sides(x)), (g.sides(x), g.edges)


def cond_of(text: str) -> tuple[str, str, Any] | None:
    c = parse_condition(text, Context(index=index_of(CATALOG), urls=[], mails=[]))
    return None if c is None else (c.field, c.op, c.value)

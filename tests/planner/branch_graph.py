"""Graph questions the decision bank (test_branch_bank*.py) asks: which output of which IF or
Switch a step sits on, what that condition compares and how its rules combine, which steps
every path reaches, and that no condition can never hold."""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.satisfy import never_true
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.parse import parse_request
from tests.planner._graph import reachable

CATALOG = load_catalog()
GATES = ("if", "switch", "filter")
YES = ("true", "output_0", "output_1", "output_2", "output_3")
NO = ("false", "fallback")


class Graph:
    """A request compiled to a workflow, as nodes and edges."""

    def __init__(self, text: str) -> None:
        frame = parse_request(text, CATALOG)
        assert frame is not None, text
        self.wf, _ = compile_frame(frame, catalog=CATALOG)
        self.nodes = {n.id: n for n in self.wf.nodes}
        self.edges = [
            (c.from_node, c.from_output or "main", c.to_node) for c in self.wf.connections
        ]

    def find(self, what: str) -> set[str]:
        ids = {
            i
            for i, n in self.nodes.items()
            if what in (n.subtype, n.parameters.get("app")) and n.subtype not in GATES
        }
        assert ids, f"no {what} in {sorted(self.nodes)}"
        return ids

    def below(self, start: str) -> set[str]:
        return reachable(self.edges, start)

    def outputs(self, gid: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for s, o, t in self.edges:
            if s == gid:
                out[o] = out.get(o, set()) | self.below(t)
        return out

    def sides(self, what: str) -> dict[str, str]:
        """gate id -> the one output of that gate the step ``what`` is reached from only."""
        ids = self.find(what)
        found: dict[str, str] = {}
        for gid, n in self.nodes.items():
            if n.subtype not in ("if", "switch"):
                continue
            outs = self.outputs(gid)
            hit = [o for o, reach in outs.items() if ids & reach]
            if len(hit) == 1:
                found[gid] = hit[0]
        return found

    def compares(self, gid: str) -> str:
        p = self.nodes[gid].parameters
        if "field" in p:
            return str(p["field"])
        return " ".join(str(c.get("left")) for c in p.get("conditions", []))

    def trigger(self) -> Any:
        targets = {t for _, _, t in self.edges}
        return next(n for i, n in self.nodes.items() if i not in targets)


def _names(field: str | tuple[str, ...]) -> tuple[str, ...]:
    return (field,) if isinstance(field, str) else field


def _on(g: Graph, gid: str, field: str | tuple[str, ...]) -> bool:
    return any(f in g.compares(gid) for f in _names(field))


def sound(g: Graph, trigger: str) -> None:
    """The trigger is the one named and no condition of the graph can never hold."""
    t = g.trigger()
    assert trigger in t.subtype or trigger == t.parameters.get("app"), t.subtype
    assert never_true(g.wf) == [], never_true(g.wf)


def split(g: Graph, yes: str, no: str, field: str | tuple[str, ...] | None) -> None:
    """``yes`` on the passing output and ``no`` on the other of one gate comparing ``field``."""
    sy, sn = g.sides(yes), g.sides(no)
    gates = [
        i
        for i in sy
        if i in sn and sy[i] != sn[i] and (field is None or _on(g, i, field)) and sy[i] in YES
    ]
    assert gates, (sy, sn, {i: g.compares(i) for i in sy | sn})


def ways(g: Graph, steps: list[str], field: str | tuple[str, ...] | None) -> None:
    """Each step behind a gate comparing ``field``, every two of them on different outputs."""
    for i, x in enumerate(steps):
        for y in steps[i + 1 :]:
            sx, sy = g.sides(x), g.sides(y)
            apart = [
                k for k in sx if k in sy and sx[k] != sy[k] and (field is None or _on(g, k, field))
            ]
            assert apart, (x, y, sx, sy)


def combined(
    g: Graph, fields: list[str | tuple[str, ...]], how: str, yes: str, no: str | None = None
) -> None:
    """One IF compares every field of ``fields``, its rules combined by ``how``; ``yes`` sits
    on its true output, ``no`` (if given) on its false one."""
    gates = [
        i
        for i, n in g.nodes.items()
        if n.subtype == "if"
        and all(_on(g, i, f) for f in fields)
        and n.parameters.get("combine") == how
    ]
    assert gates, {i: (g.compares(i), n.parameters.get("combine")) for i, n in g.nodes.items()}
    gid = gates[0]
    assert g.sides(yes).get(gid) == "true", g.sides(yes)
    if no is not None:
        assert g.sides(no).get(gid) == "false", g.sides(no)


def joins(g: Graph, step: str, after: str) -> None:
    """``step`` runs on every path of the decision the step ``after`` (a step of one case)
    sits behind: no gate output alone leads to it, and every output of that gate reaches it."""
    assert g.sides(step) == {}, g.sides(step)
    gates = g.sides(after)
    assert gates, after
    ids = g.find(step)
    for gid in gates:
        for out, reach in g.outputs(gid).items():
            assert ids & reach, (step, gid, out)

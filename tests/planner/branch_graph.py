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
        """Steps of a subtype or app; ``"<subtype>:<word>"`` keeps those whose parameters
        say ``word`` (a status code, a host)."""
        kind, _, word = what.partition(":")
        ids = {
            i
            for i, n in self.nodes.items()
            if kind in (n.subtype, n.parameters.get("app"))
            and n.subtype not in GATES
            and word in str(n.parameters)
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
        return self.sides_of(self.find(what))

    def sides_of(self, ids: set[str]) -> dict[str, str]:
        """gate id -> the one output of that gate the nodes ``ids`` are reached from only."""
        found: dict[str, str] = {}
        for gid, n in self.nodes.items():
            if n.subtype not in ("if", "switch"):
                continue
            outs = self.outputs(gid)
            hit = [o for o, reach in outs.items() if ids & reach]
            if len(hit) == 1:
                found[gid] = hit[0]
        return found

    def beside(self, gid: str) -> set[str]:
        """Nodes reached from the trigger without passing the gate ``gid``."""
        edges = [e for e in self.edges if e[0] != gid]
        return reachable(edges, self.trigger().id)

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
    sits behind: no gate output alone leads to it, and every output of that gate reaches it,
    or it runs beside that gate (reached from the trigger without passing it)."""
    assert g.sides(step) == {}, g.sides(step)
    gates = g.sides(after)
    assert gates, after
    ids = g.find(step)
    for gid in gates:
        if ids & g.beside(gid):
            continue
        for out, reach in g.outputs(gid).items():
            assert ids & reach, (step, gid, out)


APPROVALS = ("approval_email", "approval_slack", "form_review")
THINKERS = ("text_classifier", "llm_chat", "ai_agent", "sentiment_analysis")


def _kind(g: Graph, kinds: tuple[str, ...]) -> set[str]:
    return {i for i, n in g.nodes.items() if n.subtype in kinds}


def vetted(
    g: Graph, approved: str, rejected: str | None, field: str | tuple[str, ...] | None
) -> None:
    """An approval behind a gate comparing ``field`` (one output only); ``approved`` on its
    approved output alone, ``rejected`` (if given) on its rejected output alone."""
    asks = _kind(g, APPROVALS)
    assert asks, sorted(g.nodes)
    gates = g.sides_of(asks)
    assert any(field is None or _on(g, k, field) for k in gates), gates
    yes = g.find(approved)
    for aid in asks:
        outs = g.outputs(aid)
        ok = yes & outs.get("approved", set()) and not yes & outs.get("rejected", set())
        if rejected is not None:
            no = g.find(rejected)
            ok = ok and no & outs.get("rejected", set()) and not no & outs.get("approved", set())
        if ok:
            return
    raise AssertionError({aid: g.outputs(aid) for aid in asks})


def bypasses(g: Graph, step: str) -> None:
    """Some path from the trigger reaches ``step`` through no approval."""
    asks = _kind(g, APPROVALS)
    edges = [(s, o, t) for s, o, t in g.edges if s not in asks and t not in asks]
    start = next(i for i, n in g.nodes.items() if n is g.trigger())
    assert g.find(step) & reachable(edges, start), (step, g.edges)


def routed(
    g: Graph,
    steps: list[str],
    fallback: str,
    field: str | tuple[str, ...] | None,
    after: bool = False,
) -> None:
    """One Switch (comparing ``field``; after an AI judgement when ``after``) with each step
    of ``steps`` on an output of its own and ``fallback`` on its fallback output alone."""
    thinkers = _kind(g, THINKERS)
    for sid, n in g.nodes.items():
        if n.subtype != "switch" or (field is not None and not _on(g, sid, field)):
            continue
        if after and not any(sid in g.below(t) for t in thinkers):
            continue
        got = [g.sides(s).get(sid) for s in steps]
        if (
            None not in got
            and "fallback" not in got
            and len(set(got)) == len(got)
            and g.sides(fallback).get(sid) == "fallback"
        ):
            return
    raise AssertionError(
        {s: g.sides(s) for s in [*steps, fallback]} | {"edges": g.edges}  # type: ignore[dict-item]
    )


def answers(g: Graph, yes: int, no: int, field: str | tuple[str, ...] | None) -> None:
    """A webhook trigger answering by response node: statuses ``yes`` and ``no`` on different
    outputs of a gate comparing ``field``."""
    assert g.trigger().parameters.get("response_mode") == "response_node", g.trigger()
    ways(g, [f"webhook_response:{yes}", f"webhook_response:{no}"], field)


PLUMBING = (*GATES, *APPROVALS, *THINKERS, "merge", "set", "noop", "no_op")


def only(g: Graph, steps: list[str]) -> None:
    """Every step of the graph past the trigger that does something (not a gate, an approval,
    an AI judgement or plumbing) is one of ``steps``: no placeholder for "otherwise do
    nothing", no action for a case the sentence leaves alone, no invented step."""
    start = next(i for i, n in g.nodes.items() if n is g.trigger())
    named: set[str] = set()
    for s in steps:
        named |= g.find(s)
    extra = {
        i: n.subtype
        for i, n in g.nodes.items()
        if i != start and i not in named and n.subtype not in PLUMBING
    }
    assert not extra, extra


def under(g: Graph, step: str, above: str) -> None:
    """Some node of ``step`` runs after (is reached from) a node of ``above``."""
    assert any(g.find(step) & g.below(a) for a in g.find(above)), (step, above, g.edges)


def decided_after(
    g: Graph, step: str, field: str | tuple[str, ...], rules: int | None = None
) -> None:
    """A gate comparing ``field`` runs after ``step`` (it decides on what ``step`` gave);
    with ``rules``, that gate has exactly that many rules."""
    ids = g.find(step)
    for gid, n in g.nodes.items():
        if n.subtype not in ("if", "switch") or not _on(g, gid, field):
            continue
        if not any(gid in g.below(i) for i in ids):
            continue
        p = n.parameters
        count = len(p.get("conditions", p.get("rules", [])))
        if rules is None or count == rules:
            return
    raise AssertionError({i: (g.compares(i), n.parameters) for i, n in g.nodes.items()})


def behind(g: Graph, step: str, field: str | tuple[str, ...] | None) -> None:
    """``step`` sits on the passing output of a gate comparing ``field``."""
    sides = g.sides(step)
    assert any(o in YES and (field is None or _on(g, k, field)) for k, o in sides.items()), {
        k: (o, g.compares(k)) for k, o in sides.items()
    }

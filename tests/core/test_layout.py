"""Auto layout: deterministic, no overlaps, every forward connection runs left to right."""

from __future__ import annotations

from collections.abc import Collection

from hypothesis import given, settings
from hypothesis import strategies as st

from flowsmith.core.layout import X_SPACING, Y_SPACING, auto_layout
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow

FAMILY = {
    "manual_trigger": NodeFamily.TRIGGER,
    "http_request": NodeFamily.ACTION,
    "if": NodeFamily.FLOW,
    "loop": NodeFamily.FLOW,
    "ai_agent": NodeFamily.AI_AGENT,
    "calculator_tool": NodeFamily.TOOL,
    "buffer_memory": NodeFamily.MEMORY,
}


def node(node_id: str, subtype: str = "http_request", attached: list[str] | None = None) -> Node:
    return Node(
        id=node_id,
        name=node_id,
        type=FAMILY[subtype],
        subtype=subtype,
        attached_nodes=attached or [],
    )


def conn(a: str, b: str, out: str = "main") -> Connection:
    return Connection(from_node=a, to_node=b, from_output=out)


def pos(wf: Workflow) -> dict[str, tuple[float, float]]:
    return {n.id: n.position for n in wf.nodes}


def assert_no_overlap(wf: Workflow) -> None:
    """Nodes are on a grid, so 'no overlap' means no two share a grid cell."""
    cells = [(round(x / X_SPACING), round(y / (Y_SPACING / 2))) for x, y in pos(wf).values()]
    assert len(cells) == len(set(cells))
    for x, y in pos(wf).values():
        assert x % X_SPACING == 0
        assert (y / Y_SPACING * 2) == int(y / Y_SPACING * 2)  # centred stacks: half steps


def assert_left_to_right(wf: Workflow, except_edges: Collection[tuple[str, str]] = ()) -> None:
    p = pos(wf)
    for c in wf.connections:
        if (c.from_node, c.to_node) not in except_edges:
            assert p[c.from_node][0] < p[c.to_node][0], (c.from_node, c.to_node)


def test_chain_runs_left_to_right_with_fixed_spacing() -> None:
    wf = Workflow(
        nodes=[node("t", "manual_trigger"), node("a"), node("b")],
        connections=[conn("t", "a"), conn("a", "b")],
    )
    laid = auto_layout(wf)
    assert pos(laid) == {"t": (0.0, 0.0), "a": (280.0, 0.0), "b": (560.0, 0.0)}
    assert pos(wf) == {"t": (0.0, 0.0), "a": (0.0, 0.0), "b": (0.0, 0.0)}  # input untouched


def test_longest_path_layering_and_centred_branches() -> None:
    wf = Workflow(
        nodes=[node("t", "manual_trigger"), node("i", "if"), node("yes"), node("no"), node("end")],
        connections=[
            conn("t", "i"),
            conn("i", "yes", "true"),
            conn("i", "no", "false"),
            conn("yes", "end"),
            conn("t", "end"),  # short cut: end still goes after 'yes'
        ],
    )
    p = pos(auto_layout(wf))
    assert p["yes"][0] == p["no"][0] == 2 * X_SPACING
    assert p["end"][0] == 3 * X_SPACING
    assert p["yes"][1] + p["no"][1] == 0  # spread around the centre
    assert abs(p["yes"][1] - p["no"][1]) == Y_SPACING
    assert_no_overlap(auto_layout(wf))


def test_loop_back_edge_is_ignored() -> None:
    wf = Workflow(
        nodes=[
            node("t", "manual_trigger"),
            node("loop", "loop"),
            node("body"),
            node("body2"),
            node("done"),
        ],
        connections=[
            conn("t", "loop"),
            conn("loop", "body", "loop"),
            conn("body", "body2"),
            conn("body2", "loop"),
            conn("loop", "done", "done"),
        ],
    )
    laid = auto_layout(wf)
    assert_left_to_right(laid, {("body2", "loop")})
    assert_no_overlap(laid)


def test_loop_back_edge_is_chosen_by_dominance_not_list_order() -> None:
    # No trigger and the body listed first: a depth-first walk in list order would start at
    # the body and break loop -> body instead. The loop dominates the body, so body -> loop
    # is the back-edge.
    wf = Workflow(
        nodes=[node("body"), node("loop", "loop"), node("src")],
        connections=[conn("src", "loop"), conn("loop", "body", "loop"), conn("body", "loop")],
    )
    laid = auto_layout(wf)
    assert_left_to_right(laid, {("body", "loop")})
    assert_no_overlap(laid)


def test_nested_loops() -> None:
    wf = Workflow(
        nodes=[
            node("t", "manual_trigger"),
            node("outer", "loop"),
            node("inner", "loop"),
            node("work"),
            node("after_inner"),
            node("end"),
        ],
        connections=[
            conn("t", "outer"),
            conn("outer", "inner", "loop"),
            conn("inner", "work", "loop"),
            conn("work", "inner"),
            conn("inner", "after_inner", "done"),
            conn("after_inner", "outer"),
            conn("outer", "end", "done"),
        ],
    )
    laid = auto_layout(wf)
    assert_left_to_right(laid, {("work", "inner"), ("after_inner", "outer")})
    assert_no_overlap(laid)


def test_attached_tools_sit_below_their_agent() -> None:
    wf = Workflow(
        nodes=[
            node("t", "manual_trigger"),
            node("agent", "ai_agent", attached=["calc", "mem"]),
            node("other"),
            node("calc", "calculator_tool"),
            node("mem", "buffer_memory"),
            node("out"),
        ],
        connections=[conn("t", "agent"), conn("t", "other"), conn("agent", "out")],
    )
    laid = auto_layout(wf)
    p = pos(laid)
    assert p["calc"][0] == p["mem"][0] == p["agent"][0]
    assert p["agent"][1] < p["calc"][1] < p["mem"][1]
    assert p["calc"][1] - p["agent"][1] == Y_SPACING
    assert_no_overlap(laid)
    assert_left_to_right(laid)


def test_duplicate_ids_and_dangling_connections_still_lay_out() -> None:
    wf = Workflow(
        nodes=[node("t", "manual_trigger"), node("a"), node("a"), node("lone")],
        connections=[conn("t", "a"), conn("a", "ghost"), conn("lone", "lone")],
    )
    assert_no_overlap(auto_layout(wf))


@st.composite
def random_workflows(draw: st.DrawFn) -> tuple[Workflow, set[tuple[str, str]]]:
    """A random DAG (edges i -> j with i < j) plus back-edges into loop nodes from nodes
    that only that loop can reach; returns the workflow and its back-edges."""
    n = draw(st.integers(min_value=1, max_value=25))
    loops = set(draw(st.lists(st.integers(1, max(1, n - 1)), max_size=3))) if n > 1 else set()
    nodes = [node("n0", "manual_trigger")]
    nodes += [node(f"n{i}", "loop" if i in loops else "http_request") for i in range(1, n)]
    edges = draw(
        st.sets(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] < e[1]),
            max_size=3 * n,
        )
    )
    conns = [conn(f"n{a}", f"n{b}") for a, b in sorted(edges)]
    back: set[tuple[str, str]] = set()
    for loop in sorted(loops):
        # a private body only the loop reaches, returning to it
        body = f"body{loop}"
        nodes.append(node(body))
        conns += [conn(f"n{loop}", body, "loop"), conn(body, f"n{loop}")]
        back.add((body, f"n{loop}"))
    return Workflow(nodes=nodes, connections=conns), back


@settings(max_examples=150, deadline=None)
@given(random_workflows())
def test_random_graphs(case: tuple[Workflow, set[tuple[str, str]]]) -> None:
    wf, back = case
    laid = auto_layout(wf)
    assert_no_overlap(laid)
    assert_left_to_right(laid, back)
    assert auto_layout(wf) == laid  # deterministic


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 12), st.data())
def test_arbitrary_cyclic_graphs_never_overlap(n: int, data: st.DataObject) -> None:
    nodes = [node(f"n{i}", "manual_trigger" if i == 0 else "http_request") for i in range(n)]
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    wf = Workflow(nodes=nodes, connections=[conn(f"n{a}", f"n{b}") for a, b in pairs])
    assert_no_overlap(auto_layout(wf))

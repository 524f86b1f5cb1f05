"""A 200-node workflow for timing the validator and the simulator.

A schedule trigger, then a long main chain: HTTP requests whose parameters are
expressions over the item and over an upstream node, a ``set_fields`` every few nodes, an
IF every tenth node whose false branch sends an email, and one AI agent with a tool and a
memory attached. It is valid (no error findings) and every node runs in the dry run.
"""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, Workflow


def _node(node_id: str, subtype: str, **kw: Any) -> Node:
    spec = load_catalog().get(subtype)
    assert spec is not None, subtype
    return Node(id=node_id, name=node_id.upper(), type=spec.family, subtype=subtype, **kw)


def _conn(a: str, b: str, out: str = "main") -> Connection:
    return Connection(from_node=a, to_node=b, from_output=out)


def workflow_200(size: int = 200) -> Workflow:
    nodes = [_node("t", "schedule_trigger", parameters={"interval": "hours", "every": 1})]
    conns: list[Connection] = []
    last, last_out, k = "t", "main", 0
    agent_done = False
    while len(nodes) < size:
        k += 1
        room = size - len(nodes)
        if not agent_done and k == 50 and room >= 3:
            tool = _node("tool", "calculator_tool")
            memory = _node("memory", "buffer_memory", parameters={"window_size": 5})
            agent = _node(
                "agent",
                "ai_agent",
                parameters={"prompt": "Summarise {{ $json.status_code }}"},
                attached_nodes=["tool", "memory"],
            )
            nodes += [agent, tool, memory]
            conns.append(_conn(last, "agent", last_out))
            last, last_out, agent_done = "agent", "main", True
        elif k % 10 == 0 and room >= 2:
            gate = _node(
                f"i{k}",
                "if",
                parameters={
                    "conditions": [
                        {"left": "{{ $json.status_code }}", "operator": "equals", "right": 200}
                    ]
                },
            )
            side = _node(
                f"s{k}",
                "send_email",
                parameters={
                    "to": "ops@example.com",
                    "subject": "Check {{ $json.status_code }}",
                    "body": "{{ $json.status_code }} from {{ $node.n1.json.status_code }}",
                },
            )
            nodes += [gate, side]
            conns += [_conn(last, gate.id, last_out), _conn(gate.id, side.id, "false")]
            last, last_out = gate.id, "true"
        elif k % 7 == 0:
            step = _node(
                f"f{k}",
                "set_fields",
                parameters={"fields": {"status_code": "{{ $json.status_code }}", "k": k}},
            )
            nodes.append(step)
            conns.append(_conn(last, step.id, last_out))
            last, last_out = step.id, "main"
        else:
            step = _node(
                f"n{k}",
                "http_request",
                parameters={
                    "url": "https://example.com/items",
                    "method": "POST",
                    "timeout_seconds": "{{ $json.status_code }}",
                },
            )
            nodes.append(step)
            conns.append(_conn(last, step.id, last_out))
            last, last_out = step.id, "main"
    return Workflow(id="w200", name="Two hundred nodes", nodes=nodes, connections=conns)

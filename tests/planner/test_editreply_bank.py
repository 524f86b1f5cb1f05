"""Failure-reply bank: "if <step> fails (an aside) respond with <status>" on a webhook flow,
written with the fix (other words, services and codes than the diagnostic failure).

* the reply verb (respond, reply, return, answer) starts the action even with no comma
  before it ("if the insert fails (duplicate key etc.) reply with a 409");
* the reply is a new ``webhook_response`` with that status behind a failure check placed
  after the step said to fail.
"""

from __future__ import annotations

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner._graph import reachable


def _signup() -> Workflow:
    """A webhook: insert into Postgres, add to Mailchimp, answer 200."""
    return f.wf(
        [
            f.node("t", "webhook_trigger", "Signup", {"path": "s", "method": "POST"}),
            f.node(
                "p",
                "postgres_query",
                "Save user",
                {"query": "insert into users(email) values ($1)"},
            ),
            f.node("m", "mailchimp", "Add to list", {"resource": "member", "operation": "create"}),
            f.node(
                "r", "webhook_response", "Respond", {"respond_with": "json", "status_code": 200}
            ),
        ],
        [("t", "main", "p"), ("p", "main", "m"), ("m", "main", "r")],
    )


BANK = [
    ("if the Postgres insert fails (say a duplicate key) reply with a 409", 409),
    ("if saving to Postgres fails (bad data etc.) return a 422 to the caller", 422),
    ("when the Postgres step fails (timeouts and such) answer with a 503", 503),
    ("if the Postgres insert fails, respond with 500", 500),
    ("如果Postgres插入失败（比如邮箱重复），就返回409", 409),
    ("Postgres写入失败的话，回复500", 500),
]


@pytest.mark.parametrize(("text", "status"), BANK, ids=[r[0][:50] for r in BANK])
def test_failure_reply(text: str, status: int) -> None:
    before = _signup()
    after = f.edit(_signup(), text)
    f.kept(before, after, ["t", "p", "m", "r"])
    replies = [
        x
        for x in f.new_nodes(before, after)
        if x.subtype == "webhook_response" and x.parameters.get("status_code") == status
    ]
    assert len(replies) == 1, after.nodes
    gate, out = f.gate_of(after, replies[0].id)
    assert out == "true", out
    edges = [(c.from_node, c.from_output, c.to_node) for c in after.connections]
    assert gate.id in reachable(edges, "p"), edges

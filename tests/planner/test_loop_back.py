"""A loop's body returns to the loop, and "After that, …" in the next sentence runs after it.

Regressions: a body that ends on writes ("for each row send an email") handed back no end, so
the loop never took its next item in n8n; a step said "After that" in the sentence after the
loop went into the loop's body."""

from __future__ import annotations

import pytest

from tests.planner.branch_graph import Graph


def _edges(text: str) -> set[tuple[str, str, str]]:
    wf = Graph(text).wf
    sub = {n.id: n.subtype for n in wf.nodes}
    return {(sub[c.from_node], c.from_output, sub[c.to_node]) for c in wf.connections}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Every day at 9 read the rows of my Google Sheet 'Leads' and for each row send an email",
            "send_email",
        ),
        (
            "Every day at 9 GET https://x.example.com/items and for each item POST https://y.example.com/in",
            "http_request",
        ),
        ("每天早上8点读取Airtable的订单，逐个发邮件给客户", "send_email"),
    ],
)
def test_a_body_of_writes_returns_to_the_loop(text: str, body: str) -> None:
    edges = _edges(text)
    assert ("loop", "loop", body) in edges
    assert (body, "main", "loop") in edges


def test_after_that_in_the_next_sentence_runs_after_the_loop() -> None:
    edges = _edges(
        "Each night at 1:30, GET https://shop.example.com/api/orders, then for each order call "
        "POST https://ops.example/retry with its id. After that, post in Slack how many got retried."
    )
    assert ("loop", "done", "aggregate") in edges
    assert ("aggregate", "main", "slack") in edges
    assert not any(src == "aggregate" and dst == "loop" for src, _, dst in edges)

"""An HTTP method said in capitals before an address is the method built (regression: "create a
customs declaration with POST https://…" was a GET, "PUT 到 https://…" a POST)."""

from __future__ import annotations

import pytest

from tests.planner.branch_graph import Graph

ROWS = [
    ("New WooCommerce order: create a declaration with POST https://api.c.example/decl", "POST"),
    ("every hour send a PATCH to https://api.example.com/z with the status", "PATCH"),
    ("When a Stripe refund happens, DELETE https://api.example.com/holds/{{id}}", "DELETE"),
    ("每天9点拿到数据后 PUT 到 https://api.example.com/y", "PUT"),
    ("收到新订单就用POST请求 https://erp.example.cn/orders 推给ERP", "POST"),
    ("每小时用GET请求 https://api.example.cn/stock 查库存，然后发到Slack", "GET"),
]


@pytest.mark.parametrize(("text", "method"), ROWS)
def test_said_method_is_built(text: str, method: str) -> None:
    wf = Graph(text).wf
    https = [n for n in wf.nodes if n.subtype == "http_request"]
    assert https, text
    assert https[0].parameters.get("method") == method


def test_no_method_said_keeps_the_direction_rule() -> None:
    wf = Graph("post every new Typeform answer to https://hooks.example.com/x").wf
    assert [n.parameters.get("method") for n in wf.nodes if n.subtype == "http_request"] == ["POST"]

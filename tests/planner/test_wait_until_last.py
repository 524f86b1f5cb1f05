"""最后一天 is "the last day", not "one day after": no wait until an item's time comes of it
(regression: "每月最后一天下午5点，从Harvest导出…" built a wait on a made-up field, and n8n refused
the run: "dateTime parameter is not a valid date")."""

from __future__ import annotations

import pytest

from tests.planner.branch_graph import Graph


def _waits(text: str) -> list[str]:
    return [n.subtype for n in Graph(text).wf.nodes if n.subtype == "wait"]


@pytest.mark.parametrize(
    "text",
    [
        "每月最后一天下午5点，从Harvest导出本月的工时，在Xero里生成发票，然后用邮件发给客户",
        "每周最后一天晚上8点把Airtable的订单汇总发到Slack",
    ],
)
def test_the_last_day_is_no_wait(text: str) -> None:
    assert _waits(text) == []


def test_the_day_before_the_item_is_still_a_wait() -> None:
    assert _waits("有人在Cal.com预约后，等到预约的前一天给他发短信提醒") == ["wait"]

"""Data said to come "from the <Name> sheet" is read there, even beside another named app
(regression: "email me the sales report from the Sales sheet" built a Sheets append and no
email; "post the rows from the Orders sheet to Slack" read nothing)."""

from __future__ import annotations

import pytest

from tests.planner.branch_graph import Graph


def _kinds(text: str) -> list[tuple[str, str]]:
    return [
        (n.subtype, str(n.parameters.get("operation", "")))
        for n in Graph(text).wf.nodes
        if n.type != "TRIGGER"
    ]


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("Every Monday at 9am, email me the sales report from the Sales sheet", "send_email"),
        ("Every Monday at 9am, email me the report from the 'Sales' Google Sheet", "send_email"),
        ("Every morning, post the rows from the Orders sheet to Slack #sales", "slack"),
        ("Every Friday at 4pm send the numbers from our Budget sheet to Telegram", "telegram"),
    ],
)
def test_the_named_sheet_is_read_before_the_send(text: str, tail: str) -> None:
    kinds = _kinds(text)
    assert kinds[0] == ("google_sheets", "read"), kinds
    assert kinds[-1][0] == tail, kinds


def test_a_sheet_written_to_beside_another_app_is_still_written() -> None:
    kinds = _kinds("When a Typeform is submitted, add it to the Leads sheet and ping Slack")
    assert ("google_sheets", "append") in kinds and kinds[-1][0] == "slack"

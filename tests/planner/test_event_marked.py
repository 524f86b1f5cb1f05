"""A state the trigger's item is put in, said without "to"/"as" ("a deal is marked won",
"a book gets status Finished", "被标记为赢单"), guards the steps on that state; a state the
event itself names ("a ticket is marked solved" on the ticket-solved event) adds no check.
Sentences of our own."""

from __future__ import annotations

import pytest

from tests.planner._graph import graph, guarded_by, nodes, one, trigger


@pytest.mark.parametrize(
    "text,app,step,field,value",
    [
        (
            "Once a deal in Pipedrive is marked won, create an invoice in Xero",
            "pipedrive",
            "xero",
            "status",
            "won",
        ),
        (
            "When a book in my Notion 'Reading' database gets status Finished, send me a Telegram "
            "message",
            "notion",
            "telegram",
            "status",
            "Finished",
        ),
        (
            "When a lead in HubSpot reaches stage 'Qualified', add a task in Asana",
            "hubspot",
            "asana",
            "stage",
            "Qualified",
        ),
        (
            "Notion阅读清单里的书状态变成已读完时，给我发Telegram消息",
            "notion",
            "telegram",
            "status",
            "已读完",
        ),
        (
            "Pipedrive里的交易被标记为赢单时，在Xero里开一张发票",
            "pipedrive",
            "xero",
            "status",
            "赢单",
        ),
    ],
)
def test_a_marked_state_guards_the_steps(
    text: str, app: str, step: str, field: str, value: str
) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == f"{app}_trigger", [n.subtype for n in wf.nodes]
    gates = guarded_by(wf, one(wf, step))
    rules = [c for gate, _ in gates for c in gate.parameters.get("conditions", [])]
    assert any(field in str(c.get("left")) and str(c.get("right")) == value for c in rules), rules


def test_a_state_the_event_names_adds_no_check() -> None:
    wf = graph("When a Zendesk ticket is marked solved, send the customer a survey email")
    assert trigger(wf).parameters.get("event") == "ticket_solved"
    assert not nodes(wf, "if") and not nodes(wf, "filter"), [n.subtype for n in wf.nodes]

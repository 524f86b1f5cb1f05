"""Regression (real n8n, fresh10 q071): a Teams message with no channel said got "#general" in
its ``channel_id``; n8n rejects an id with "#" before it calls Teams. An id field with no
channel said keeps a placeholder; a channel the user said is kept as said."""

from __future__ import annotations

from flowsmith.planner.offline import build, decide


def _params(text: str, subtype: str) -> dict[str, object]:
    decision = decide(text, [], None)
    assert decision.request is not None
    [node] = [n for n in build(decision.request, None).nodes if n.subtype == subtype]
    return node.parameters


def test_an_id_field_with_no_channel_said_keeps_a_placeholder() -> None:
    text = "新员工入职表单提交后，在Microsoft Teams里发欢迎消息"
    assert _params(text, "microsoft_teams")["channel_id"] == "YOUR_CHANNEL_ID"


def test_a_channel_said_is_kept_and_a_name_field_still_defaults() -> None:
    said = "when a new Stripe payment succeeds, post it to #sales in Microsoft Teams"
    assert _params(said, "microsoft_teams")["channel_id"] == "#sales"
    assert (
        _params("when a new Stripe payment succeeds, post it to Slack", "slack")["channel"]
        == "#general"
    )

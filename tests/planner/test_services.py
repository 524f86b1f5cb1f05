"""Field filling and operation choice of :mod:`flowsmith.planner.services`."""

from __future__ import annotations

from flowsmith.core.catalog import load_catalog
from flowsmith.planner.services import field_value, index_of

INDEX = index_of(load_catalog())


def test_a_recipient_address_takes_an_email_never_a_phone_number() -> None:
    text = "When a GitHub issue is opened, send a Gmail message to oncall@example.com"
    params, _ = INDEX.fill("gmail", "message", "send", text, "m", "L")
    assert params["to"] == "oncall@example.com"
    gmail_to = {"type": "string", "description": "Recipient address(es), comma-separated."}
    assert field_value("to", gmail_to, "no address here", "m", "L") == ("you@example.com", True)
    sms_to = {"type": "string", "description": "Recipient number, e.g. +15558675310."}
    assert field_value("to", sms_to, "text +14155550123", "m", "L") == ("+14155550123", False)


def test_a_delivery_verb_picks_the_message_resource() -> None:
    for text in (
        "forward them to our Microsoft Teams channel",
        "notify the team in Microsoft Teams",
        "在Teams里通知销售",
    ):
        choice = INDEX.operation("microsoft_teams", text, "create")
        assert (choice.resource, choice.operation) == ("channelMessage", "create"), text
    choice = INDEX.operation("microsoft_teams", "create a channel in Teams", "create")
    assert choice.resource == "channel"


def test_a_placeholder_is_the_fields_own_example_when_it_has_one() -> None:
    params, held = INDEX.fill("notion", "page", "create", "save it as a Notion page", "m", "L")
    assert params["parent_page_id"].startswith("https://www.notion.so/")
    assert "parent_page_id" in held

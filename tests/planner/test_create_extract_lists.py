"""What an extraction takes when the request lists several things ("extract the amount and
due date with AI"), and mail that starts a workflow by arriving ("a resume arrives by
email"): sentences of our own, with the frame's structure asserted."""

from __future__ import annotations

import pytest

from flowsmith.planner.frame import Frame, ServiceStep, Think
from flowsmith.planner.parse import parse_request


def _frame(text: str) -> Frame:
    frame = parse_request(text)
    assert frame is not None
    return frame


@pytest.mark.parametrize(
    ("text", "fields", "app"),
    [
        (
            "Once a day, check my Gmail for invoices, extract the amount and due date with AI, "
            "and add them to QuickBooks",
            ["amount", "due_date"],
            "quickbooks",
        ),
        (
            "When a new message arrives in Gmail, extract the name, company and phone with AI, "
            "then create a contact in HubSpot",
            ["name", "company", "phone"],
            "hubspot",
        ),
        (
            "extract the name, email and the phone number from the message and add to HubSpot",
            ["name", "email", "phone_number"],
            "hubspot",
        ),
        (
            "Every morning read new Gmail messages, extract the sender and order number using "
            "AI, then save to Airtable",
            ["sender", "order_number"],
            "airtable",
        ),
    ],
)
def test_a_listed_extraction_is_one_step_with_every_field(
    text: str, fields: list[str], app: str
) -> None:
    """Regression: "and due date with AI" became a free AI prompt step of its own, and an
    "email" in the list became a send-email step."""
    steps = _frame(text).steps
    thinks = [s for s in steps if isinstance(s, Think)]
    assert [t.kind for t in thinks] == ["extract"]
    assert thinks[0].params["fields"] == fields
    services = [s for s in steps if isinstance(s, ServiceStep)]
    assert services[-1].app == app
    assert steps.index(thinks[0]) < steps.index(services[-1])


def test_a_step_after_an_extraction_stays_a_step() -> None:
    steps = _frame("Extract the order id, then email the customer").steps
    assert [type(s).__name__ for s in steps] == ["Think", "CoreStep"]


@pytest.mark.parametrize(
    "text",
    [
        "When a resume arrives by email, pull out the name and phone number and add a row to "
        "Google Sheets",
        "When an invoice comes in via email, extract the total and log it in Google Sheets",
        "当通过邮件收到发票时，提取金额并添加到Airtable",
        "Whenever a purchase order is sent to us by email, forward the attachment to Dropbox",
    ],
)
def test_an_item_arriving_by_email_starts_on_mail(text: str) -> None:
    frame = _frame(text)
    assert frame.trigger.kind == "email"
    assert not any(getattr(s, "subtype", None) == "send_email" for s in frame.steps)

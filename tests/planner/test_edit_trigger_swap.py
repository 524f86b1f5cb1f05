"""Replacing the trigger by naming it ("replace the webhook with a Typeform trigger", "swap
the form for a Typeform", "use Outlook instead of the mailbox trigger", "把触发器换成…"):
the trigger node is replaced, every step keeps its id, name and parameters, and the new
trigger feeds the old trigger's first step. A word that also names a step is not read as
the trigger."""

from __future__ import annotations

import pytest

from flowsmith.core.models import NodeFamily, Workflow
from tests.planner.edit_fixtures import edit, into, kept, node, wf


def hooked() -> Workflow:
    """A webhook feeding an Airtable record and a Slack message."""
    return wf(
        [
            node("w", "webhook_trigger", "Hook", {"path": "p", "method": "POST"}),
            node("a", "airtable_create_record", "Row", {"base_id": "b", "table": "t"}),
            node("s", "slack_message", "Ping", {"channel": "#x", "text": "x"}),
        ],
        [("w", "main", "a"), ("a", "main", "s")],
    )


def formed() -> Workflow:
    """A built-in form feeding an email."""
    return wf(
        [
            node("f", "form_trigger", "Form", {"title": "t", "fields": []}),
            node("e", "send_email", "Mail", {"to": "a@b.io", "subject": "s", "body": "b"}),
        ],
        [("f", "main", "e")],
    )


def _starts(after: Workflow, first: str) -> str:
    ((src, _),) = into(after, first)
    trig = after.node(src)
    assert trig is not None and trig.type == NodeFamily.TRIGGER
    return trig.subtype


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("replace the webhook with a Typeform trigger", "typeform"),
        ("swap the webhook for Typeform", "typeform"),
        ("use Outlook as the trigger instead of the webhook", "outlook"),
        ("change the trigger to a new Shopify order", "shopify"),
        ("把触发器换成Typeform", "typeform"),
        ("用Outlook代替webhook触发", "outlook"),
    ],
)
def test_named_trigger_is_replaced(text: str, app: str) -> None:
    before = hooked()
    after = edit(before, text)
    assert after.node("w") is None
    assert _starts(after, "a").startswith(app)
    kept(before, after, ["a", "s"])


@pytest.mark.parametrize(
    "text", ["swap the form for a Typeform", "replace the form trigger with Typeform"]
)
def test_form_swapped_for_an_app_form(text: str) -> None:
    before = formed()
    after = edit(before, text)
    assert after.node("f") is None and _starts(after, "e").startswith("typeform")
    kept(before, after, ["e"])


def test_a_step_word_is_not_the_trigger() -> None:
    """ "email" names the email step here: replacing it swaps the step, not the trigger."""
    before = wf(
        [
            node("t", "email_trigger", "Inbox", {"mailbox": "INBOX"}),
            node("e", "send_email", "Mail", {"to": "a@b.io", "subject": "s", "body": "b"}),
        ],
        [("t", "main", "e")],
    )
    after = edit(before, "replace the email with Slack")
    assert after.node("t") is not None

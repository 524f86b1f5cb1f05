"""An address written against Chinese text ("发邮件给ops@acme.cn", "抄送给boss@acme.cn") is
the address alone: the characters before it are not part of it."""

from __future__ import annotations

import pytest

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import edit, leads, node, wf


def graded() -> Workflow:
    """A webhook, a score check, a Slack message for high scores."""
    return wf(
        [
            node("w", "webhook_trigger", "Hook", {"path": "p", "method": "POST"}),
            node(
                "i",
                "if",
                "High?",
                {
                    "conditions": [
                        {"left": "{{ $json.score }}", "operator": "greater_than", "right": 5}
                    ]
                },
            ),
            node("s", "slack_message", "Ping", {"channel": "#x", "text": "x"}),
        ],
        [("w", "main", "i"), ("i", "true", "s")],
    )


@pytest.mark.parametrize(
    "text",
    [
        "高分的也发一封邮件给ops@acme.cn",
        "再发邮件给ops@acme.cn",
        "同时转发给ops@acme.cn",
        "also email ops@acme.cn",
    ],
)
def test_the_address_alone(text: str) -> None:
    after = edit(graded(), text)
    mails = [x for x in after.nodes if "to" in x.parameters and "@" in str(x.parameters["to"])]
    assert [x.parameters["to"] for x in mails] == ["ops@acme.cn"]


@pytest.mark.parametrize("text", ["收件人改成boss@acme.cn", "邮件改为发给boss@acme.cn"])
def test_a_new_recipient_after_chinese_words(text: str) -> None:
    after = edit(leads(), text)
    mail = after.node("e")
    assert mail is not None and mail.parameters["to"] == "boss@acme.cn"


def test_a_copy_after_chinese_words() -> None:
    after = edit(leads(), "邮件抄送给boss@acme.cn")
    mail = after.node("e")
    assert mail is not None and "boss@acme.cn" in str(mail.parameters)
    assert "给boss" not in str(mail.parameters)


@pytest.mark.parametrize(
    "text",
    [
        "send the email from noreply@acme.io",
        "change the sender to noreply@acme.io",
        "the sender address is noreply@acme.io",
        "发件人改成noreply@acme.io",
        "用noreply@acme.io发邮件",
    ],
)
def test_a_sender_is_not_a_recipient(text: str) -> None:
    before = leads()
    after = edit(before, text)
    mail = after.node("e")
    assert mail is not None and mail.parameters["from"] == "noreply@acme.io"
    assert mail.parameters["to"] == "sales@acme.io"

"""Edit constructions in any wording (issue 14): replace, remove, add after or before a named
step, several changes in one message, each said several ways in both languages, on workflows
of other services. Assertions are on the graph's structure and on untouched nodes keeping
their ids, names and parameters."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import parse_edits
from tests.planner import edit_fixtures as f

# --- replace -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("改成发到飞书", "feishu"),
        ("换成钉钉", "dingtalk"),
        ("改用Slack发送", "slack"),
        ("switch to Slack", "slack"),
        ("send it to Discord instead", "discord"),
        ("use Telegram instead", "telegram"),
        ("make it Discord", "discord"),
        ("Let's use Discord for the notifications", "discord"),
        ("swap Teams for Slack", "slack"),
    ],
)
def test_a_new_channel_alone_replaces_the_one_channel(text: str, app: str) -> None:
    wf = f.edit(f.teams(), text)
    (new,) = f.app(wf, app)
    assert wf.node("m") is None
    assert f.into(wf, new.id) == [("t", "main")]


@pytest.mark.parametrize("text", ["改成发到飞书", "switch to Slack", "改成发短信"])
def test_a_new_channel_alone_replaces_the_message_not_the_record(text: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    assert wf.node("e") is None
    f.kept(before, wf, ["t", "a"])


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("send it to my email instead of Slack", "send_email"),
        ("email me instead of posting to Slack", "send_email"),
        ("text me rather than Slack", "twilio_sms"),
        ("用邮件代替Slack", "send_email"),
        ("把Slack换成邮件", "send_email"),
        ("switch Slack to email", "send_email"),
    ],
)
def test_a_core_step_replaces_the_named_service(text: str, subtype: str) -> None:
    before = f.digest()
    wf = f.edit(before, text)
    assert wf.node("m") is None
    assert not [x for x in wf.nodes if x.subtype == "slack_message" or f.app(wf, "slack")]
    (new,) = [x for x in wf.nodes if x.subtype == subtype]
    assert f.into(wf, new.id) == [("s", "main")]
    f.kept(before, wf, ["t", "s"])


# --- remove ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "text", "gone"),
    [
        (f.leads, "drop the email", "e"),
        (f.leads, "get rid of the Airtable step", "a"),
        (f.leads, "no more emails to sales", "e"),
        (f.leads, "don't email sales anymore", "e"),
        (f.leads, "邮件不要了", "e"),
        (f.leads, "不要再给销售发邮件了", "e"),
        (f.leads, "remove the record step", "a"),
        (f.leads, "去掉记录线索这一步", "a"),
        (f.tickets, "stop paging the on-call", "c"),
        (f.tickets, "no more Teams posts", "m"),
        (f.tickets, "不要发短信了", "c"),
        (f.digest, "no need to summarise anymore, just post the whole article", "s"),
        (f.digest, "we don't need the summary", "s"),
        (f.digest, "不用总结了，直接发原文", "s"),
    ],
)
def test_removal_said_many_ways(make: Any, text: str, gone: str) -> None:
    before = make()
    wf = f.edit(before, text)
    assert wf.node(gone) is None
    f.kept(before, wf, [x.id for x in before.nodes if x.id != gone])


# --- add after / before a named step -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("线索记录后发钉钉消息给我", "dingtalk"),
        ("记录到Airtable后再发飞书通知", "feishu"),
        ("after saving to Airtable, also post to Slack #sales", "slack"),
        ("after recording the lead, ping the team on Discord", "discord"),
    ],
)
def test_a_step_added_after_the_step_its_words_name(text: str, app: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    (new,) = f.app(wf, app)
    assert f.into(wf, new.id) == [("a", "main")]  # after the record step, not the trigger
    f.kept(before, wf, ["t", "a", "e"])
    assert len(f.app(wf, "airtable")) == 1


@pytest.mark.parametrize("text", ["also notify #sales on Slack", "也在飞书群里通知一下"])
def test_a_message_added_too_goes_beside_the_existing_message(text: str) -> None:
    wf = f.edit(f.leads(), text)
    new = next(x for x in wf.nodes if x.id not in ("t", "a", "e"))
    assert f.into(wf, new.id) == f.into(wf, "e")


# --- where a new step goes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Teams too", "also send it to Teams", "钉钉也发一份", "也在飞书群里通知一下"]
)
def test_a_message_said_with_too_goes_beside_the_existing_message(text: str) -> None:
    wf = f.edit(f.leads(), text)
    (new,) = [x for x in wf.nodes if x.id not in ("t", "a", "e")]
    assert f.into(wf, new.id) == f.into(wf, "e") == [("a", "main")]


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("post it to Slack as well, after the email", "e"),
        ("也发到钉钉，在发邮件之后", "e"),
        ("also create a Trello card, right after the Airtable step", "a"),
    ],
)
def test_a_place_said_in_the_next_clause(text: str, anchor: str) -> None:
    wf = f.edit(f.leads(), text)
    (new,) = [x for x in wf.nodes if x.id not in ("t", "a", "e")]
    assert f.into(wf, new.id) == [(anchor, "main")]


@pytest.mark.parametrize(
    "text",
    ["add a 5 minute wait before the email", "wait 10 minutes before emailing", "发邮件前等10分钟"],
)
def test_a_wait_goes_in_front_of_the_step_named(text: str) -> None:
    wf = f.edit(f.leads(), text)
    (wait,) = [x for x in wf.nodes if x.subtype == "wait"]
    assert f.into(wf, "e") == [(wait.id, "main")]
    assert f.into(wf, wait.id) == [("a", "main")]


# --- several changes in one message ------------------------------------------------------------


def test_a_new_time_and_a_new_channel_in_one_message() -> None:
    before = f.price()
    wf = f.edit(before, "change the schedule to 9am and send it to Slack #deals instead")
    assert "9" in str(wf.node("t").parameters)  # type: ignore[union-attr]
    (slack,) = f.app(wf, "slack")
    assert wf.node("m") is None and f.into(wf, slack.id) == [("i", "true")]
    f.kept(before, wf, ["h", "i"])


def test_a_new_time_and_a_new_threshold_in_one_message() -> None:
    wf = f.edit(f.price(), "move it to 7am and raise the threshold to 150")
    assert "7" in str(wf.node("t").parameters)  # type: ignore[union-attr]
    assert wf.node("i").parameters["conditions"][0]["right"] == 150  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "gone", "app"),
    [
        ("remove the email and add a Slack message to #sales", "e", "slack"),
        ("去掉邮件，加一个钉钉通知", "e", "dingtalk"),
        ("get rid of the Airtable step and add a Notion page instead", "a", "notion"),
        ("drop the email and send it to Teams instead", "e", "microsoft_teams"),
    ],
)
def test_removing_one_step_and_adding_one_of_its_kind_replaces_it(
    text: str, gone: str, app: str
) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    assert wf.node(gone) is None
    new = [x for x in wf.nodes if x.subtype == f"{app}_message"] or f.app(wf, app)
    assert len(new) == 1
    assert f.into(wf, new[0].id) == f.into(before, gone)


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("cc boss@acme.io on the email", "cc", "boss@acme.io"),
        ("邮件抄送给boss@acme.cn", "cc", "boss@acme.cn"),
        ("also bcc audit@acme.io", "bcc", "audit@acme.io"),
        ("also email boss@acme.io", "to", "sales@acme.io, boss@acme.io"),
        ("也发给boss@acme.cn", "to", "sales@acme.io, boss@acme.cn"),
    ],
)
def test_another_recipient_joins_the_email_step(text: str, key: str, value: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    assert [x.id for x in wf.nodes] == ["t", "a", "e"]
    email = wf.node("e")
    assert email is not None and email.parameters[key] == value
    if key != "to":
        assert email.parameters["to"] == "sales@acme.io"


# --- a new start -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "text", "subtype"),
    [
        (f.price, "trigger it from a webhook instead of the schedule", "webhook_trigger"),
        (
            f.price,
            "run it when a new row is added to my Google Sheet instead",
            "google_sheets_trigger",
        ),
        (f.price, "改成手动运行", "manual_trigger"),
        (f.price, "run it manually instead", "manual_trigger"),
        (
            f.leads,
            "instead of the webhook, start it when a Typeform is submitted",
            "typeform_trigger",
        ),
        (f.leads, "改成收到新邮件时触发", "email_trigger"),
    ],
)
def test_a_new_trigger_takes_the_old_ones_place(make: Any, text: str, subtype: str) -> None:
    before = make()
    wf = f.edit(before, text)
    assert wf.node("t") is None
    (trigger,) = [x for x in wf.nodes if x.subtype == subtype]
    first = [c.to_node for c in before.connections if c.from_node == "t"]
    assert [c.to_node for c in wf.connections if c.from_node == trigger.id] == first
    f.kept(before, wf, [x.id for x in before.nodes if x.id != "t"])


def test_a_new_time_keeps_the_schedule_node() -> None:
    wf = f.edit(f.price(), "run it every 12 hours")
    assert wf.node("t") is not None and wf.node("t").subtype == "schedule_trigger"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "send the email first, then save to Airtable",
        "先发邮件再记录到Airtable",
        "first email sales, then record the lead in Airtable",
        "move the email before the Airtable step",
    ],
)
def test_a_new_order_of_two_existing_steps(text: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    assert f.into(wf, "e") == [("t", "main")] and f.into(wf, "a") == [("e", "main")]
    f.kept(before, wf, ["t", "a", "e"])


@pytest.mark.parametrize(
    "text", ["ask my manager to approve before emailing sales", "发邮件前需要我审批"]
)
def test_an_approval_before_the_step_named(text: str) -> None:
    wf = f.edit(f.leads(), text)
    (approval,) = [x for x in wf.nodes if x.subtype == "approval_email"]
    assert f.into(wf, "e") == [(approval.id, "approved")]
    assert f.into(wf, "a") == [("t", "main")]


@pytest.mark.parametrize(
    ("text", "gone", "app"),
    [
        ("Let's use Outlook for the emails", "e", "outlook"),
        ("邮件改用Outlook发送", "e", "outlook"),
        ("把记录改存到Notion", "a", "notion"),
    ],
)
def test_the_step_named_by_its_kind_is_replaced(text: str, gone: str, app: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    (new,) = f.app(wf, app)
    assert wf.node(gone) is None and f.into(wf, new.id) == f.into(before, gone)
    assert not [x for x in wf.nodes if x.subtype == "send_email" and x.id != "e"]


@pytest.mark.parametrize(
    "text",
    [
        "post the title to Slack instead of the full summary",
        "use the article title as the Slack message instead of the summary",
    ],
)
def test_a_service_already_used_never_replaces_another_kind_of_step(text: str) -> None:
    before = f.digest()
    result = apply_edits(before, parse_edits(text, before), "en")
    assert result.workflow.node("s") is not None  # the summary step stays
    assert len(f.app(result.workflow, "slack")) == 1

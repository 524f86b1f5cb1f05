"""More sentences of our own for the start and its conditions (written after the first bank
passed, to check the rules carry over), and what must not be read as a window or as a
comparison with the last run."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_changes import change_condition
from flowsmith.planner.parse_windows import read_window
from tests.planner._graph import graph
from tests.planner.test_create_start_windows import Want, check

MORE = [
    Want(
        "Whenever a Trello card gets moved, log it in Google Sheets",
        "trello_trigger",
        "google_sheets",
        ("action_move_card_from_list_to_list",),
    ),
    Want(
        "当Trello看板上新建卡片时，在Slack #design 发消息",
        "trello_trigger",
        "slack",
        ("createCard",),
    ),
    Want(
        "When an Asana task gets completed, post a message to Microsoft Teams",
        "asana_trigger",
        "microsoft_teams",
        ("completed",),
    ),
    Want("Asana里有人完成任务时发短信给我", "asana_trigger", "twilio", ("completed",)),
    Want(
        "When a Linear issue is updated, send a Slack message to #eng",
        "linear_trigger",
        "slack",
        ("update",),
    ),
    Want(
        "当有新的WooCommerce订单并且金额大于200时，在钉钉通知我",
        "woocommerce_trigger",
        "dingtalk",
        ("greater_than", "200"),
    ),
    Want(
        "When a Calendly meeting is booked, only on weekdays, text me via Twilio",
        "calendly_trigger",
        "twilio",
        ("$now.weekday",),
    ),
    Want(
        "收到新的Typeform回复时，非工作时间发邮件给我",
        "typeform_trigger",
        "send_email",
        ("$now.hour",),
    ),
    Want("每天晚上8点把Airtable的记录发到Slack，周末除外", "schedule_trigger", "slack", cron="1-5"),
    Want(
        "Every 15 minutes during working hours, check https://example.com/status and "
        "post it to Slack",
        "schedule_trigger",
        "slack",
        cron="9-16",
    ),
    Want(
        "周末有新的Stripe付款时，发Telegram消息给我",
        "stripe_trigger",
        "telegram",
        ("$now.weekday", "5"),
    ),
    Want(
        "Every hour fetch https://example.com/btc and when the price goes up, post to Discord",
        "schedule_trigger",
        "discord",
        ("price", "previous"),
        remembers=True,
    ),
    Want(
        "每天检查 https://example.com/followers 的粉丝数，粉丝数增加时在钉钉通知我",
        "schedule_trigger",
        "dingtalk",
        ("previous",),
        remembers=True,
    ),
    Want(
        "每两小时读取 https://example.com/temp 的温度，如果温度和上次相比变化了就发邮件",
        "schedule_trigger",
        "send_email",
        ("temperature", "previous"),
        remembers=True,
    ),
    Want(
        "Check https://example.com/score every day and if the score is lower than last "
        "time, email me",
        "schedule_trigger",
        "send_email",
        ("previous",),
        remembers=True,
    ),
    Want(
        "每小时获取一次 https://example.com/api/orders 的订单数，订单数比上次多时发Slack",
        "schedule_trigger",
        "slack",
        ("previous",),
        remembers=True,
    ),
]


@pytest.mark.parametrize("want", MORE, ids=[w.text[:40] for w in MORE])
def test_more_starts_and_conditions(want: Want) -> None:
    check(want)


@pytest.mark.parametrize(
    "text",
    [
        "Every Friday at 5pm, get my working hours from Harvest and email them to me",
        "每周末发送周报到钉钉",
        "每个工作日早上9点在Slack提醒我写日报",
        "Summarise the weekend sales report and email it",
    ],
)
def test_words_about_hours_or_days_that_are_no_window(text: str) -> None:
    window = read_window(text)
    assert window is None, window


@pytest.mark.parametrize(
    "text",
    [
        "the price drops below 100",
        "价格降到100以下",
        "the status changes to Done",
        "it moves to Won",
    ],
)
def test_a_change_to_a_value_is_no_comparison_with_the_last_run(text: str) -> None:
    assert change_condition(text, text, None) is None


def test_every_weekday_schedule_keeps_its_days_and_gets_no_if() -> None:
    wf = graph("每个工作日早上9点在Slack提醒我写日报")
    assert wf.nodes[0].parameters.get("cron") == "0 9 * * 1-5"
    assert not [n for n in wf.nodes if n.subtype == "if"]


POLLED = [
    "每当MySQL有新记录时，发消息到钉钉",
    "Whenever new rows show up in Redis, email me",
    "每当MongoDB有新文档时，发邮件给我",
    "每当Redis里有新数据时，发邮件给我",
]


@pytest.mark.parametrize("text", POLLED)
def test_a_polled_new_item_start_keeps_only_what_the_last_run_did_not_see(text: str) -> None:
    wf = graph(text)
    assert wf.nodes[0].subtype == "schedule_trigger"
    code = [n for n in wf.nodes if n.subtype == "code"]
    assert code and "getWorkflowStaticData" in str(code[0].parameters["code"])
    reads = [n for n in wf.nodes if n.subtype not in ("schedule_trigger", "code")]
    order = [n.id for n in wf.nodes]
    # the keep-new step sits between the read and the action
    assert order.index(reads[0].id) < order.index(code[0].id) < order.index(reads[-1].id)


def test_a_polled_start_whose_first_step_is_no_read_gets_no_keep_new_step() -> None:
    # "a new record in MySQL" is still read as an insert (the operation choice, not the
    # start): a write is no read of what is new, so nothing filters it
    wf = graph("When there is a new record in MySQL, post it to Slack")
    assert wf.nodes[0].subtype == "schedule_trigger"
    assert not [n for n in wf.nodes if n.subtype == "code"]

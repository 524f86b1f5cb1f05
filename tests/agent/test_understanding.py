"""Reading requests: language, schedules, triggers, sources, conditions, destinations."""

from __future__ import annotations

import pytest

from flowsmith.planner.intent import understand
from flowsmith.planner.nodes import schedule_from_params, schedule_params
from flowsmith.planner.schedule import Schedule, describe, parse_schedule
from flowsmith.planner.text import detect_lang, zh_number


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon", "zh"),
        ("请创建一个数据分析的workflow", "zh"),
        ("monitor 亚马逊 price and email me", "en"),
        ("create a workflow", "en"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every hour", Schedule(kind="interval", minutes=60)),
        ("hourly", Schedule(kind="interval", minutes=60)),
        ("every 15 minutes", Schedule(kind="interval", minutes=15)),
        ("every half hour", Schedule(kind="interval", minutes=30)),
        ("every 2 hours", Schedule(kind="interval", minutes=120)),
        ("daily at 9", Schedule(kind="cron", cron="0 9 * * *")),
        ("every morning at 9", Schedule(kind="cron", cron="0 9 * * *")),
        ("every day at 6:30pm", Schedule(kind="cron", cron="30 18 * * *")),
        ("every Monday at 8am", Schedule(kind="cron", cron="0 8 * * 1")),
        ("every weekday at 9:30am", Schedule(kind="cron", cron="30 9 * * 1-5")),
        ("monthly", Schedule(kind="cron", cron="0 9 1 * *")),
        ("cron 0 */2 * * *", Schedule(kind="cron", cron="0 */2 * * *")),
        ("每小时", Schedule(kind="interval", minutes=60)),
        ("每15分钟", Schedule(kind="interval", minutes=15)),
        ("每半小时", Schedule(kind="interval", minutes=30)),
        ("每两小时", Schedule(kind="interval", minutes=120)),
        ("每天 9点", Schedule(kind="cron", cron="0 9 * * *")),
        ("每天晚上10点", Schedule(kind="cron", cron="0 22 * * *")),
        ("每天下午3点半", Schedule(kind="cron", cron="30 15 * * *")),
        ("每周一早上8点", Schedule(kind="cron", cron="0 8 * * 1")),
        ("每个工作日", Schedule(kind="cron", cron="0 9 * * 1-5")),
    ],
)
def test_schedules(text: str, expected: Schedule) -> None:
    assert parse_schedule(text) == expected


def test_no_schedule() -> None:
    assert parse_schedule("when a webhook receives an order") is None
    assert parse_schedule("监控BestBuy和Amazon") is None


@pytest.mark.parametrize(
    "schedule",
    [
        Schedule(kind="interval", minutes=30),
        Schedule(kind="interval", minutes=60),
        Schedule(kind="interval", minutes=2880),
        Schedule(kind="cron", cron="0 9 * * *"),
        Schedule(kind="cron", cron="15 8 * * 1"),
        Schedule(kind="cron", cron="0 9 * * 1-5"),
    ],
)
def test_schedule_parameters_round_trip(schedule: Schedule) -> None:
    back = schedule_from_params(schedule_params(schedule))
    assert back is not None
    assert schedule_params(back) == schedule_params(schedule)
    assert describe(back, "en") == describe(schedule, "en")


def test_zh_numbers() -> None:
    assert [zh_number(t) for t in ("15", "十五", "两", "二十", "十", "三十五")] == [
        15,
        15,
        2,
        20,
        10,
        35,
    ]
    assert zh_number("半") is None


def test_incoming_email_is_a_trigger_and_classify_survives() -> None:
    u = understand("classify incoming support emails and route urgent ones to Slack")
    assert u.trigger is not None and u.trigger.kind == "email"
    assert [s.kind for s in u.ai] == ["classify"]
    assert [a.kind for a in u.actions] == ["slack"]
    assert u.actions[0].qualifier == "urgent"


def test_email_as_a_data_field_is_not_a_destination() -> None:
    u = understand("when a form is submitted, extract the name and email and add them to Airtable")
    assert [a.kind for a in u.actions] == ["airtable"]


def test_stores_keep_the_order_they_were_named_in() -> None:
    u = understand("请监控百思买和亚马逊的库存")
    assert [s.store for s in u.sources] == ["bestbuy", "amazon"]
    assert [c.kind for c in u.conditions] == ["in_stock"]


def test_sheets_direction() -> None:
    read = understand("read orders from Google Sheets and email me")
    assert [s.kind for s in read.sources] == ["sheets"]
    write = understand("when a webhook receives an order, add a row to Google Sheets")
    assert [a.kind for a in write.actions] == ["sheets_append"]
    assert write.sources == []


def test_price_threshold_zh() -> None:
    u = understand("监控京东的商品价格，低于500元时发短信提醒我")
    assert [(c.kind, c.value) for c in u.conditions] == [("price_below", 500.0)]
    assert [a.kind for a in u.actions] == ["sms"]


def test_numbers_without_a_numeric_field_are_not_conditions() -> None:
    u = understand("send more than 3 reminders to Slack")
    assert u.conditions == []


def test_otherwise_branch() -> None:
    u = understand("紧急的发到Slack，其他的存到Notion")
    by_kind = {a.kind: a for a in u.actions}
    assert by_kind["slack"].qualifier == "urgent"
    assert by_kind["notion"].otherwise


def test_vague_text_has_no_substance() -> None:
    for text in ("create a workflow", "你好，请帮我创建一个workflow", "help me automate something"):
        assert not understand(text).substance

"""Day restrictions of an existing workflow ("only on weekdays", "周末不用", "only at
weekends"): a schedule keeps its time or interval and gets the days; an event-started
workflow keeps its trigger and gets a day-of-week check in front of its steps."""

from __future__ import annotations

import pytest

from flowsmith.core.models import Workflow
from tests.planner.edit_fixtures import edit, into, kept, node, wf


def daily() -> Workflow:
    """Every day at 07:30 read a Notion database and post to Telegram."""
    return wf(
        [
            node(
                "s",
                "schedule_trigger",
                "Morning",
                {"interval": "days", "every": 1, "at_time": "07:30"},
            ),
            node("r", "notion", "Read tasks", {"resource": "databasePage", "operation": "getAll"}),
            node("t", "telegram_message", "Tell me", {"chat_id": "1", "text": "hi"}),
        ],
        [("s", "main", "r"), ("r", "main", "t")],
    )


def every(minutes: int) -> Workflow:
    """Every ``minutes`` minutes fetch a URL and email the result."""
    return wf(
        [
            node("s", "schedule_trigger", "Poll", {"interval": "minutes", "every": minutes}),
            node("h", "http_request", "Fetch", {"method": "GET", "url": "https://x.io"}),
            node("e", "send_email", "Mail", {"to": "a@b.io", "subject": "s", "body": "b"}),
        ],
        [("s", "main", "h"), ("h", "main", "e")],
    )


def hooked() -> Workflow:
    """A webhook feeding a Discord message and a Sheets row."""
    return wf(
        [
            node("w", "webhook_trigger", "Hook", {"path": "p", "method": "POST"}),
            node("d", "discord_message", "Ping", {"channel_id": "1", "content": "x"}),
            node("g", "google_sheets_append", "Row", {"spreadsheet_id": "1", "sheet_name": "S"}),
        ],
        [("w", "main", "d"), ("d", "main", "g")],
    )


def _cron(after: Workflow) -> str:
    trig = after.node("s")
    assert trig is not None and trig.parameters.get("interval") == "cron", trig
    return str(trig.parameters["cron"])


@pytest.mark.parametrize(
    "text",
    [
        "only on weekdays",
        "don't run it at weekends",
        "skip weekends please",
        "周末不用运行",
        "只在工作日发",
        "周一到周五才需要",
        "Monday to Friday only",
        "business days only",
    ],
)
def test_weekdays_keep_the_time(text: str) -> None:
    before = daily()
    after = edit(before, text)
    assert _cron(after) == "30 7 * * 1-5"
    kept(before, after, ["r", "t"])


@pytest.mark.parametrize("text", ["only on weekends", "只在周末运行", "just run it at the weekend"])
def test_weekends_keep_the_time(text: str) -> None:
    assert _cron(edit(daily(), text)) == "30 7 * * 0,6"


@pytest.mark.parametrize(
    ("text", "cron"),
    [
        ("not at weekends", "*/15 * * * 1-5"),
        ("工作日每30分钟检查一次", "*/30 * * * 1-5"),
        ("weekdays, every 5 minutes", "*/5 * * * 1-5"),
        ("改成工作日早上9点", "0 9 * * 1-5"),
        ("run at 6pm on weekdays only", "0 18 * * 1-5"),
    ],
)
def test_interval_or_new_time_on_days(text: str, cron: str) -> None:
    before = every(15)
    after = edit(before, text)
    assert _cron(after) == cron
    kept(before, after, ["h", "e"])


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("only on weekdays", "d"),
        ("周末不用处理", "d"),
        ("only add the sheet row on weekdays", "g"),
        ("只在工作日发Discord消息", "d"),
    ],
)
def test_event_trigger_gets_a_day_check(text: str, guarded: str) -> None:
    before = hooked()
    after = edit(before, text)
    assert after.node("w") is not None and after.node("w").subtype == "webhook_trigger"  # type: ignore[union-attr]
    kept(before, after, ["w", "d", "g"])
    ((gate, out),) = into(after, guarded)
    check = after.node(gate)
    assert check is not None and check.subtype == "if" and out == "true"
    assert "$now.weekday" in str(check.parameters)


def test_weekend_check_on_an_event_trigger() -> None:
    after = edit(hooked(), "only ping Discord at weekends")
    ((gate, out),) = into(after, "d")
    check = after.node(gate)
    assert check is not None and out == "true"
    assert check.parameters["conditions"][0]["operator"] == "greater_than"


@pytest.mark.parametrize(
    ("text", "cron"),
    [
        ("run it on Mondays and Fridays", "30 7 * * 1,5"),
        ("only Mon, Wed and Fri", "30 7 * * 1,3,5"),
        ("每周一和周五都发", "30 7 * * 1,5"),
        ("改成周二、周四运行", "30 7 * * 2,4"),
    ],
)
def test_named_days_keep_the_time(text: str, cron: str) -> None:
    before = daily()
    after = edit(before, text)
    assert _cron(after) == cron
    kept(before, after, ["r", "t"])

"""Edit-schedule and edit-transform bank, written before the planner was changed (other
words, days, fields and numbers than the diagnostic failures).

Schedules changed by an edit:

* the old schedule said after "instead of" / "rather than" / "而不是" / "不要…了" is the one
  being replaced, not the new one ("on the 15th of every month at 7 instead of every day");
* "every other Tuesday", "every second Thursday", "隔周五", "每隔一周的周三": every two weeks
  on that day;
* a new schedule that says no clock time keeps the old trigger's time ("same time",
  "时间不变", or nothing said).

Transforms added by an edit:

* "排个序", "排一下序": a sort, on the field "按X" names, in the order said;
* "前三个", "top three", "the first two": a limit, the count said in words or digits;
* both go in front of the message step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases

Check = Callable[[Workflow, Workflow], None]

_OPEN: dict[str, str] = {}


def _daily() -> Workflow:
    """Every day at 16:30: fetch over HTTP, post to Slack."""
    return f.wf(
        [
            f.node(
                "t",
                "schedule_trigger",
                "Daily",
                {"interval": "days", "every": 1, "at_time": "16:30"},
            ),
            f.node("h", "http_request", "Get stats", {"method": "GET", "url": "https://x.test/s"}),
            f.node("m", "slack_message", "Post stats", {"channel": "#ops", "text": "x"}),
        ],
        [("t", "main", "h"), ("h", "main", "m")],
    )


def _weekly() -> Workflow:
    """Fridays at 16:00: query Postgres, post to Slack."""
    params = {"interval": "weeks", "every": 1, "weekday": "friday", "at_time": "16:00"}
    return f.wf(
        [
            f.node("t", "schedule_trigger", "Fridays", params),
            f.node("q", "postgres_query", "Query", {"query": "select * from t"}),
            f.node("m", "slack_message", "Post", {"channel": "#ops", "text": "x"}),
        ],
        [("t", "main", "q"), ("q", "main", "m")],
    )


def _ding() -> Workflow:
    """Every day at 9: query Postgres, send to DingTalk."""
    return f.wf(
        [
            f.node(
                "t",
                "schedule_trigger",
                "每天",
                {"interval": "days", "every": 1, "at_time": "09:00"},
            ),
            f.node("q", "postgres_query", "查询", {"query": "select region, amount from t"}),
            f.node(
                "d", "dingtalk", "发钉钉", {"resource": "message", "operation": "send", "text": "x"}
            ),
        ],
        [("t", "main", "q"), ("q", "main", "d")],
    )


def schedule(**want: Any) -> Check:
    """The trigger's parameters hold ``want``."""

    def run(before: Workflow, after: Workflow) -> None:
        trig = after.node("t")
        assert trig is not None and trig.subtype == "schedule_trigger", after.nodes
        got = {k: trig.parameters.get(k) for k in want}
        assert got == want, trig.parameters

    return run


def feeds(last: str, *kinds: tuple[str, dict[str, Any]]) -> Check:
    """New nodes of ``kinds`` (subtype, parameters that must be held) run, in that order,
    right before ``last``; the old steps stay."""

    def run(before: Workflow, after: Workflow) -> None:
        f.kept(before, after, [x.id for x in before.nodes])
        chain: list[str] = []
        at = last
        for _ in kinds:
            ((src, _out),) = f.into(after, at)
            chain.insert(0, src)
            at = src
        for nid, (subtype, params) in zip(chain, kinds, strict=True):
            x = after.node(nid)
            assert x is not None and x.subtype == subtype, (nid, subtype, after.nodes)
            for key, val in params.items():
                assert x.parameters.get(key) == val, (key, x.parameters)

    return run


def sort(field: str, order: str) -> tuple[str, dict[str, Any]]:
    return "sort", {"fields": [{"field": field, "order": order}]}


def limit(count: int) -> tuple[str, dict[str, Any]]:
    return "limit", {"max_items": count}


def every_two(day: str, at: str) -> Check:
    return schedule(interval="weeks", every=2, weekday=day, at_time=at)


def cron(expr: str) -> Check:
    return schedule(interval="cron", cron=expr)


BANK: list[tuple[str, Callable[[], Workflow], Check]] = [
    # the replaced schedule is not the new one
    ("run it on the 15th of every month at 7 instead of every day", _daily, cron("0 7 15 * *")),
    ("have it fire on day 20 of each month at 6pm instead of weekly", _weekly, cron("0 18 20 * *")),
    (
        "switch it to Mondays at 8am rather than every day",
        _daily,
        schedule(interval="weeks", every=1, weekday="monday", at_time="08:00"),
    ),
    ("改成每月5号上午8点跑，不要每天跑了", _daily, cron("0 8 5 * *")),
    ("每个月1号早上7点跑，而不是每天", _daily, cron("0 7 1 * *")),
    ("不要每周五了，改成每月10号下午两点", _weekly, cron("0 14 10 * *")),
    # every other weekday
    ("make it every other tuesday, same time", _weekly, every_two("tuesday", "16:00")),
    ("change it to every other Wednesday at 9:30", _weekly, every_two("wednesday", "09:30")),
    ("run it every second Thursday at 11am", _daily, every_two("thursday", "11:00")),
    ("每隔一周的周三跑一次，时间不变", _weekly, every_two("wednesday", "16:00")),
    ("改成隔周五下午三点", _daily, every_two("friday", "15:00")),
    ("改为每两周的周四上午10点", _daily, every_two("thursday", "10:00")),
    # no clock said: the old time stays
    (
        "run it every Monday instead of every day",
        _daily,
        schedule(interval="weeks", every=1, weekday="monday", at_time="16:30"),
    ),
    ("make it monthly on the 3rd, keep the time", _daily, cron("30 16 3 * *")),
    (
        "改成每周一，时间不变",
        _daily,
        schedule(interval="weeks", every=1, weekday="monday", at_time="16:30"),
    ),
    # sorts and limits in words
    ("发钉钉之前先按金额从高到低排个序", _ding, feeds("d", sort("amount", "desc"))),
    (
        "发钉钉前先按金额从低到高排一下序，只留前五个",
        _ding,
        feeds("d", sort("amount", "asc"), limit(5)),
    ),
    ("发钉钉前只留前三条", _ding, feeds("d", limit(3))),
    ("按金额降序排个序，取前两名再发钉钉", _ding, feeds("d", sort("amount", "desc"), limit(2))),
    (
        "before posting to Slack, sort by amount, highest first, and keep only the top three",
        _weekly,
        feeds("m", sort("amount", "desc"), limit(3)),
    ),
    (
        "sort them by amount and keep the first two before posting to Slack",
        _weekly,
        feeds("m", sort("amount", "desc"), limit(2)),
    ),
    ("limit it to ten rows before it goes to Slack", _weekly, feeds("m", limit(10))),
]


@pytest.mark.parametrize(("text", "prior", "check"), bank_cases(BANK, _OPEN, 60))
def test_edit_schedule_and_transform(
    text: str, prior: Callable[[], Workflow], check: Check
) -> None:
    before = prior()
    after = f.edit(prior(), text)
    check(before, after)

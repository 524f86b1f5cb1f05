"""Removals, replacements and delays in edits (edit_read / edit_apply / edit_ops)."""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import parse_edits


def _node(nid: str, subtype: str, name: str, params: dict[str, Any] | None = None) -> Node:
    family = load_catalog().get(subtype)
    kind = family.family if family is not None else NodeFamily.ACTION
    return Node(id=nid, name=name, type=kind, subtype=subtype, parameters=params or {})


def _wf(nodes: list[Node], edges: list[tuple[str, str, str]]) -> Workflow:
    conns = [Connection(from_node=a, from_output=o, to_node=b) for a, o, b in edges]
    return Workflow(id="w", name="Test", nodes=nodes, connections=conns)


def _edit(wf: Workflow, text: str, lang: str = "en") -> Workflow:
    result = apply_edits(wf, parse_edits(text, wf), lang)  # type: ignore[arg-type]
    assert result.changed, result.notes
    return result.workflow


def _alerts() -> Workflow:
    return _wf(
        [
            _node("t", "webhook_trigger", "Hook"),
            _node("s", "twilio_sms", "Page me", {"to": "+1", "message": "x"}),
            _node("f", "feishu", "飞书通知", {"resource": "webhook", "operation": "send"}),
            _node("g", "google_sheets_append", "Log it", {"sheet_name": "Log"}),
        ],
        [("t", "main", "s"), ("t", "main", "f"), ("t", "main", "g")],
    )


def test_stop_texting_removes_the_sms_step() -> None:
    wf = _edit(_alerts(), "please stop texting me about these")
    assert "s" not in {x.id for x in wf.nodes}
    assert {"f", "g"} <= {x.id for x in wf.nodes}


def test_chinese_removal_after_its_subject() -> None:
    wf = _edit(_alerts(), "飞书通知就不用了", "zh")
    assert "f" not in {x.id for x in wf.nodes}
    assert {"s", "g"} <= {x.id for x in wf.nodes}


def test_instead_of_x_comma_y_replaces_x() -> None:
    wf = _edit(_alerts(), "instead of the Google Sheet, keep a record in Airtable")
    subtypes = {x.subtype for x in wf.nodes}
    assert "google_sheets_append" not in subtypes and "airtable" in subtypes


def test_removing_an_ai_step_drops_the_check_on_its_field() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Reviews"),
            _node("a", "sentiment_analysis", "Mood", {"input_text": "x"}),
            _node(
                "i",
                "if",
                "Angry?",
                {
                    "conditions": [
                        {"left": "{{ $json.sentiment }}", "operator": "equals", "right": "negative"}
                    ]
                },
            ),
            _node("m", "slack_message", "Warn", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "a"), ("a", "main", "i"), ("i", "true", "m")],
    )
    wf = _edit(wf, "remove the sentiment analysis")
    assert {x.id for x in wf.nodes} == {"t", "m"}
    assert [(c.from_node, c.to_node) for c in wf.connections] == [("t", "m")]


def test_approval_channel_switch_keeps_both_paths() -> None:
    wf = _wf(
        [
            _node("t", "form_trigger", "Leave form"),
            _node("p", "approval_email", "Boss", {"to": "b@x.io"}),
            _node("ok", "send_email", "Yes", {"to": "a@x.io"}),
            _node("no", "send_email", "No", {"to": "a@x.io"}),
        ],
        [("t", "main", "p"), ("p", "approved", "ok"), ("p", "rejected", "no")],
    )
    wf = _edit(wf, "get the approval through Slack instead of by email")
    new = next(x for x in wf.nodes if x.subtype == "approval_slack")
    outs = {(c.from_output, c.to_node) for c in wf.connections if c.from_node == new.id}
    assert outs == {("approved", "ok"), ("rejected", "no")}
    assert "p" not in {x.id for x in wf.nodes}


def test_later_delivery_puts_a_wait_before_that_step() -> None:
    wf = _wf(
        [
            _node("t", "form_trigger", "Signup"),
            _node("e", "send_email", "Welcome mail", {"to": "x@y.io"}),
        ],
        [("t", "main", "e")],
    )
    wf = _edit(wf, "send the welcome email 3 hours later")
    wait = next(x for x in wf.nodes if x.subtype == "wait")
    assert wait.parameters["amount"] == 3 and wait.parameters["unit"] == "hours"
    assert [(c.from_node, c.to_node) for c in wf.connections if c.to_node == "e"] == [
        (wait.id, "e")
    ]


def _weekly() -> Workflow:
    return _wf(
        [
            _node(
                "t",
                "schedule_trigger",
                "Thursdays 3pm",
                {"interval": "weeks", "every": 1, "weekday": "thursday", "at_time": "15:00"},
            ),
            _node("r", "http_request", "Fetch tickets", {"method": "GET", "url": "https://x.io"}),
            _node("m", "slack_message", "Post", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "r"), ("r", "main", "m")],
    )


def test_reschedule_without_every() -> None:
    ops = parse_edits("push it to Wednesday 8am", _weekly())
    assert [(o.kind, o.schedule.cron if o.schedule else None) for o in ops] == [
        ("set_schedule", "0 8 * * 3")
    ]


def test_new_time_alone_keeps_the_weekday() -> None:
    ops = parse_edits("改到下午5点", _weekly())
    assert [o.schedule.cron for o in ops if o.schedule] == ["0 17 * * 4"]


def test_after_the_work_is_done_means_after_the_last_step() -> None:
    wf = _edit(_weekly(), "同步完成后发一封邮件给我", "zh")
    mail = next(x for x in wf.nodes if x.subtype == "send_email")
    assert [c.from_node for c in wf.connections if c.to_node == mail.id] == ["m"]


def test_sort_goes_before_the_result_step() -> None:
    wf = _edit(_weekly(), "sort them by priority, lowest first")
    sort = next(x for x in wf.nodes if x.subtype == "sort")
    assert sort.parameters["fields"] == [{"field": "priority", "order": "asc"}]
    assert [c.from_node for c in wf.connections if c.to_node == "m"] == [sort.id]


def test_whole_flow_guard_on_a_timed_start_checks_the_fetched_items() -> None:
    wf = _edit(_weekly(), "只处理状态为open的工单", "zh")
    gate = next(x for x in wf.nodes if x.subtype == "if")
    assert [c.from_node for c in wf.connections if c.to_node == gate.id] == ["r"]


def test_the_sheet_names_the_sheets_step() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Hook"),
            _node("g", "google_sheets_append", "Log row", {"sheet_name": "Log"}),
            _node("m", "slack_message", "Tell", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "g"), ("g", "main", "m")],
    )
    moved = _edit(wf, "move the Slack message before the sheet")
    assert {(c.from_node, c.to_node) for c in moved.connections} == {("t", "m"), ("m", "g")}
    gone = _edit(wf, "stop writing to the sheet")
    assert "g" not in {x.id for x in gone.nodes}


def _approval_flow() -> Workflow:
    return _wf(
        [
            _node("t", "form_trigger", "Leave form"),
            _node("p", "approval_email", "Boss", {"to": "b@x.io"}),
            _node("ok", "airtable_create_record", "Book leave"),
            _node("no", "send_email", "Sorry", {"to": "a@x.io"}),
        ],
        [("t", "main", "p"), ("p", "approved", "ok"), ("p", "rejected", "no")],
    )


def test_if_rejected_goes_on_the_rejected_output() -> None:
    wf = _edit(_approval_flow(), "if it is declined, also ping the team on Slack")
    new = next(x for x in wf.nodes if x.id not in ("t", "p", "ok", "no"))
    assert [(c.from_node, c.from_output) for c in wf.connections if c.to_node == new.id] == [
        ("p", "rejected")
    ]


def test_after_approval_a_second_email_is_added_there() -> None:
    wf = _edit(_approval_flow(), "审批通过后也发邮件给财务", "zh")
    mails = [x for x in wf.nodes if x.subtype == "send_email" and x.id != "no"]
    assert len(mails) == 1
    feeds = [(c.from_node, c.from_output) for c in wf.connections if c.to_node == mails[0].id]
    assert feeds == [("p", "approved")]


def test_change_the_approver() -> None:
    wf = _edit(_approval_flow(), "switch the approver to hr@x.io")
    assert wf.node("p").parameters["to"] == "hr@x.io"  # type: ignore[union-attr]


def test_a_time_with_a_service_is_not_a_reschedule() -> None:
    ops = parse_edits("post it to Discord at 6pm too", _weekly())
    assert [op.kind for op in ops] == ["add_step"]
    ops = parse_edits("deliver it at 6pm instead", _weekly())
    assert [(op.kind, op.schedule.cron if op.schedule else "") for op in ops] == [
        ("set_schedule", "0 18 * * 4")
    ]


def test_polling_trigger_keeps_itself_and_changes_its_interval() -> None:
    wf = _wf(
        [
            _node("t", "rss_trigger", "Feed", {"url": "https://x.io/feed", "poll_minutes": 60}),
            _node("m", "slack_message", "Post", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "m")],
    )
    after = _edit(wf, "check the feed every 20 minutes")
    assert [x.id for x in after.nodes] == ["t", "m"]
    assert after.node("t").parameters["poll_minutes"] == 20  # type: ignore[union-attr]


def test_a_channel_named_for_a_new_step_is_its_channel() -> None:
    after = _edit(_alerts(), "also post it in #ops on Discord and in #team on Slack")
    slack = next(x for x in after.nodes if x.subtype == "slack")
    assert slack.parameters["channel"] == "#team"


def test_more_ways_to_say_replace() -> None:
    for text in (
        "rather than the sheet, store it in Airtable",
        "move from Google Sheets to Airtable",
        "I'd prefer Airtable over Google Sheets",
        "use Airtable for these, not Google Sheets",
        "Google Sheets -> Airtable",
    ):
        after = _edit(_alerts(), text)
        subtypes = {x.subtype for x in after.nodes}
        assert "google_sheets_append" not in subtypes and "airtable" in subtypes, text


def test_an_anchor_named_by_the_words_of_a_step_name() -> None:
    wf = _edit(_weekly(), "after fetching the tickets, create a Jira issue")
    jira = next(x for x in wf.nodes if x.subtype == "jira")
    assert [c.from_node for c in wf.connections if c.to_node == jira.id] == ["r"]


def test_an_ai_step_goes_before_the_step_named() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Hook"),
            _node("g", "google_sheets_append", "Log row", {"sheet_name": "Log"}),
            _node("m", "slack_message", "Tell", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "g"), ("g", "main", "m")],
    )
    after = _edit(wf, "在发Slack之前，先用AI总结一下", "zh")
    ai = next(x for x in after.nodes if x.subtype == "summarizer")
    assert [c.from_node for c in after.connections if c.to_node == "m"] == [ai.id]
    assert [c.from_node for c in after.connections if c.to_node == "g"] == ["t"]


def test_when_done_means_after_the_last_step() -> None:
    for text in ("also notify me on Discord when it's done", "once finished, post to Discord"):
        wf = _edit(_weekly(), text)
        new = next(x for x in wf.nodes if x.subtype == "discord")
        assert [c.from_node for c in wf.connections if c.to_node == new.id] == ["m"], text


def test_removing_the_approval_drops_its_rejected_only_path() -> None:
    for text in ("we no longer need the approval", "no approval needed", "不需要审批了"):
        wf = _edit(_approval_flow(), text, "zh" if "审批" in text else "en")
        assert {x.id for x in wf.nodes} == {"t", "ok"}, text
        assert [(c.from_node, c.to_node) for c in wf.connections] == [("t", "ok")]


def _looped() -> Workflow:
    return _wf(
        [
            _node("t", "schedule_trigger", "Daily", {"interval": "days", "every": 1}),
            _node("r", "google_sheets_read", "Read rows", {"sheet_name": "x"}),
            _node("l", "loop", "Each row", {}),
            _node("h", "http_request", "Call API", {"method": "GET", "url": "https://x.io"}),
            _node("a", "airtable_create_record", "Save", {}),
            _node("m", "slack_message", "Summary", {"channel": "#x", "text": "done"}),
        ],
        [
            ("t", "main", "r"),
            ("r", "main", "l"),
            ("l", "loop", "h"),
            ("h", "main", "a"),
            ("a", "main", "l"),
            ("l", "done", "m"),
        ],
    )


def _edges(wf: Workflow) -> set[tuple[str, str, str]]:
    return {(c.from_node, c.from_output, c.to_node) for c in wf.connections}


def test_a_wait_said_inside_the_loop_starts_each_pass() -> None:
    wf = _edit(_looped(), "在循环里每次调用接口前等待2秒", "zh")
    wait = next(x for x in wf.nodes if x.subtype == "wait")
    assert {("l", "loop", wait.id), (wait.id, "main", "h")} <= _edges(wf)


def test_a_guard_before_a_loop_keeps_its_way_back() -> None:
    wf = _edit(_looped(), "跳过状态为closed的行", "zh")
    gate = next(x for x in wf.nodes if x.subtype == "if")
    assert {("r", "main", gate.id), (gate.id, "false", "l"), ("a", "main", "l")} <= _edges(wf)


def test_a_guard_inside_a_loop_on_the_step_its_verb_names() -> None:
    wf = _edit(_looped(), "only save rows whose state is open")
    gate = next(x for x in wf.nodes if x.subtype == "if")
    assert {("h", "main", gate.id), (gate.id, "true", "a")} <= _edges(wf)


def test_remove_one_service_and_add_another_of_its_kind_is_a_replacement() -> None:
    wf = _edit(_weekly(), "改为发到钉钉，不要Slack了", "zh")
    new = next(x for x in wf.nodes if x.subtype == "dingtalk")
    assert "m" not in {x.id for x in wf.nodes}
    assert [c.from_node for c in wf.connections if c.to_node == new.id] == ["r"]


def test_a_trigger_is_not_replaced_by_an_action() -> None:
    wf = _wf(
        [
            _node("t", "hubspot_trigger", "New contact", {"event": "contact_created"}),
            _node("m", "slack_message", "Tell", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "m")],
    )
    result = apply_edits(wf, parse_edits("replace HubSpot with Pipedrive", wf), "en")
    assert not result.changed
    assert [x.id for x in result.workflow.nodes] == ["t", "m"]


def test_more_ways_to_say_remove() -> None:
    for text in ("never text me again", "turn off the SMS", "kill the text messages"):
        wf = _edit(_alerts(), text)
        assert "s" not in {x.id for x in wf.nodes}, text

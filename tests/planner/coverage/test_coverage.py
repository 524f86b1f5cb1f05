"""The request check, code by code: each has a workflow that triggers it and a near-identical
one that does not. Frames and workflows are built by hand (no parser involved)."""

from __future__ import annotations

from flowsmith.core.models import Finding, Workflow
from flowsmith.planner.coverage import (
    CONDITION_NOT_APPLIED,
    NO_DATA_SOURCE,
    ORDER_MISMATCH,
    REQUEST_NOT_COVERED,
    TRIGGER_MISMATCH,
    check_request,
)
from flowsmith.planner.frame import (
    Approval,
    Branch,
    Case,
    Condition,
    CoreStep,
    Frame,
    ServiceStep,
    Think,
    Transform,
    Trigger,
)
from tests.planner.coverage.support import chain, edges, node, wf

HOURLY = Trigger(kind="schedule", params={"kind": "interval", "minutes": 60}, phrase="every hour")
SCHEDULE = node("schedule_trigger:schedule", interval="hours", every=1)
FETCH = node("http_request:fetch", url="https://example.com/items.json", method="GET")
MAIL = node("send_email:mail", to="me@example.com", subject="Hi", body="{{ $json.title }}")
SLACK = node("slack:post", resource="message", operation="post", channel="#x", text="hi")
PRICE_BELOW_100 = node(
    "if:cheap", conditions=[{"left": "{{ $json.price }}", "operator": "less_than", "right": 100}]
)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def check(frame: Frame, workflow: Workflow, *, edit: bool = False) -> list[Finding]:
    findings = check_request(frame, workflow, edit=edit)
    assert all(f.severity == "warning" for f in findings)
    return findings


# --- request_not_covered -------------------------------------------------------------------------


def test_a_named_service_without_a_node_is_not_covered() -> None:
    frame = Frame(
        HOURLY,
        (
            CoreStep("http_request", phrase="fetch the items"),
            ServiceStep("slack", "message", "send", phrase="post them to Slack"),
        ),
    )
    missing = check(frame, chain(SCHEDULE, FETCH, MAIL))
    assert codes(missing) == [REQUEST_NOT_COVERED]
    assert missing[0].path == "request.steps[1]"
    assert "post them to Slack" in missing[0].message and missing[0].node_id is None
    # the same with the Slack app node: "send" and n8n's "post" are one verb group
    assert check(frame, chain(SCHEDULE, FETCH, SLACK)) == []
    # a legacy per-action subtype of the app counts too
    legacy = node("slack_message:post", channel="#x", text="hi")
    assert check(frame, chain(SCHEDULE, FETCH, legacy)) == []


def test_an_operation_of_another_verb_does_not_cover() -> None:
    frame = Frame(HOURLY, (ServiceStep("google_sheets", "sheet", "read", phrase="read the sheet"),))
    writes = node("google_sheets:rows", resource="sheet", operation="append", document_id="d")
    reads = node("google_sheets:rows", resource="sheet", operation="read", document_id="d")
    assert codes(check(frame, chain(SCHEDULE, writes))) == [REQUEST_NOT_COVERED]
    assert check(frame, chain(SCHEDULE, reads)) == []
    legacy_append = node("google_sheets_append:rows", spreadsheet_id="s", sheet="a", values={})
    assert codes(check(frame, chain(SCHEDULE, legacy_append))) == [REQUEST_NOT_COVERED]


def test_transforms_and_ai_steps_need_their_nodes() -> None:
    frame = Frame(
        HOURLY,
        (
            CoreStep("http_request"),
            Think("summarise", phrase="summarise them"),
            CoreStep("send_email"),
        ),
    )
    summary = node("summarizer:sum", text="{{ $json.body }}")
    assert codes(check(frame, chain(SCHEDULE, FETCH, MAIL))) == [REQUEST_NOT_COVERED]
    assert check(frame, chain(SCHEDULE, FETCH, summary, MAIL)) == []
    limited = Frame(HOURLY, (CoreStep("http_request"), Transform("limit", {"max": 5})))
    assert codes(check(limited, chain(SCHEDULE, FETCH))) == [REQUEST_NOT_COVERED]
    assert check(limited, chain(SCHEDULE, FETCH, node("limit", max_items=5))) == []


def test_messages_are_in_the_frames_language() -> None:
    frame = Frame(HOURLY, (ServiceStep("slack", "message", "send", phrase="发到Slack"),), lang="zh")
    [finding] = check(frame, chain(SCHEDULE, MAIL))
    assert "发到Slack" in finding.message and "没有节点" in finding.message


# --- condition_not_applied -----------------------------------------------------------------------


def _cheap_then_mail() -> Frame:
    cond = Condition("price", "lt", 100, phrase="the price is below 100")
    return Frame(
        HOURLY,
        (
            CoreStep("http_request"),
            Branch((Case(cond, (CoreStep("send_email", phrase="email me"),)),)),
        ),
    )


def test_a_conditional_action_that_runs_unguarded() -> None:
    frame = _cheap_then_mail()
    unguarded = check(frame, chain(SCHEDULE, FETCH, MAIL))
    assert codes(unguarded) == [CONDITION_NOT_APPLIED]
    assert (
        unguarded[0].node_id == "mail" and unguarded[0].path == "request.steps[1].cases[0].steps[0]"
    )
    assert "the price is below 100" in unguarded[0].message
    guarded = wf(
        [SCHEDULE, FETCH, PRICE_BELOW_100, MAIL],
        edges("schedule>fetch", "fetch>cheap", "cheap:true>mail"),
    )
    assert check(frame, guarded) == []


def test_a_path_around_the_condition_is_unguarded() -> None:
    frame = _cheap_then_mail()
    around = wf(
        [SCHEDULE, FETCH, PRICE_BELOW_100, MAIL],
        edges("schedule>fetch", "fetch>cheap", "cheap:true>mail", "fetch>mail"),
    )
    assert codes(check(frame, around)) == [CONDITION_NOT_APPLIED]


def test_a_guard_on_another_field_does_not_apply_the_condition() -> None:
    frame = _cheap_then_mail()
    in_stock = node(
        "if:cheap", conditions=[{"left": "{{ $json.in_stock }}", "operator": "is_true"}]
    )
    other = wf(
        [SCHEDULE, FETCH, in_stock, MAIL], edges("schedule>fetch", "fetch>cheap", "cheap:true>mail")
    )
    [finding] = check(frame, other)
    assert finding.code == CONDITION_NOT_APPLIED and "price" in finding.message


def test_approval_outcomes_are_conditions_too() -> None:
    frame = Frame(
        HOURLY,
        (CoreStep("http_request"), Approval("email", approved=(CoreStep("send_email"),))),
    )
    approval = node("approval_email:ok", to="boss@example.com", subject="OK?", message="ok?")
    after = wf(
        [SCHEDULE, FETCH, approval, MAIL], edges("schedule>fetch", "fetch>ok", "ok:approved>mail")
    )
    assert check(frame, after) == []
    beside = wf(
        [SCHEDULE, FETCH, approval, MAIL], edges("schedule>fetch", "fetch>ok", "fetch>mail")
    )
    # not behind the approval, and not after it either
    assert codes(check(frame, beside)) == [CONDITION_NOT_APPLIED, ORDER_MISMATCH]


# --- trigger_mismatch ----------------------------------------------------------------------------


def test_another_trigger_kind_is_a_mismatch() -> None:
    frame = Frame(Trigger(kind="webhook", phrase="when my form posts"), (CoreStep("send_email"),))
    manual = node("manual_trigger:start")
    hook = node("webhook_trigger:start", path="in", method="POST")
    [finding] = check(frame, chain(manual, MAIL))
    assert finding.code == TRIGGER_MISMATCH and finding.node_id == "start"
    assert "when my form posts" in finding.message
    assert check(frame, chain(hook, MAIL)) == []


def test_a_schedule_of_another_period_is_a_mismatch() -> None:
    frame = Frame(HOURLY, (CoreStep("send_email"),))
    daily = node("schedule_trigger:schedule", interval="days", every=1, at_time="09:00")
    assert codes(check(frame, chain(daily, MAIL))) == [TRIGGER_MISMATCH]
    assert check(frame, chain(SCHEDULE, MAIL)) == []
    cron_hourly = node("schedule_trigger:schedule", interval="cron", cron="0 * * * *")
    assert check(frame, chain(cron_hourly, MAIL)) == []


def test_an_unnamed_trigger_is_not_checked() -> None:
    frame = Frame(Trigger(kind="manual"), (CoreStep("send_email"),))
    assert check(frame, chain(SCHEDULE, MAIL)) == []


# --- order_mismatch ------------------------------------------------------------------------------


def test_a_step_not_downstream_of_the_one_before_it() -> None:
    frame = Frame(
        HOURLY,
        (CoreStep("http_request"), Think("summarise"), ServiceStep("slack", "message", "send")),
    )
    summary = node("summarizer:sum", text="{{ $json.body }}")
    beside = wf(
        [SCHEDULE, FETCH, summary, SLACK], edges("schedule>fetch", "fetch>sum", "fetch>post")
    )
    [finding] = check(frame, beside)
    assert finding.code == ORDER_MISMATCH and finding.node_id == "post"
    assert finding.path == "request.steps[2]"
    assert check(frame, chain(SCHEDULE, FETCH, summary, SLACK)) == []


def test_data_sources_may_run_side_by_side_but_the_next_step_needs_all() -> None:
    frame = Frame(
        HOURLY,
        (
            CoreStep("web_page_check", phrase="BestBuy"),
            CoreStep("web_page_check", phrase="Amazon"),
            CoreStep("send_email"),
        ),
    )
    bestbuy = node("web_page_check:bestbuy", url="https://www.bestbuy.com/x")
    amazon = node("web_page_check:amazon", url="https://www.amazon.com/x")
    merge = node("merge:both", mode="append")
    merged = wf(
        [SCHEDULE, bestbuy, amazon, merge, MAIL],
        edges("schedule>bestbuy", "schedule>amazon", "bestbuy>both", "amazon>both", "both>mail"),
    )
    assert check(frame, merged) == []
    one_side = wf(
        [SCHEDULE, bestbuy, amazon, MAIL],
        edges("schedule>bestbuy", "schedule>amazon", "bestbuy>mail"),
    )
    assert codes(check(frame, one_side)) == [ORDER_MISMATCH]


def test_a_branch_after_an_output_may_run_beside_it() -> None:
    """Regression: "log every reading to Sheets; when it is over 70, post to Slack" built as
    fetch -> Sheets and fetch -> IF -> Slack was reported out of order: an output makes
    nothing the steps after it work on, so they need only the data it needed."""
    cheap = Condition("price", "lt", 100)
    frame = Frame(
        HOURLY,
        (
            CoreStep("http_request"),
            ServiceStep("google_sheets", "sheet", "append"),
            Branch((Case(cheap, (ServiceStep("slack", "message", "send"),)),)),
        ),
    )
    sheet = node("google_sheets:log", resource="sheet", operation="append", document="x", sheet="y")
    beside = wf(
        [SCHEDULE, FETCH, sheet, PRICE_BELOW_100, SLACK],
        edges("schedule>fetch", "fetch>log", "fetch>cheap", "cheap:true>post"),
    )
    assert check(frame, beside) == []
    unfed = wf(
        [SCHEDULE, FETCH, sheet, PRICE_BELOW_100, SLACK],
        edges("schedule>fetch", "fetch>log", "schedule>cheap", "cheap:true>post"),
    )
    assert ORDER_MISMATCH in codes(check(frame, unfed))


def test_an_output_after_an_output_needs_only_the_data_before_them() -> None:
    """Regression: "delete the event from Google Calendar and let the host know by email"
    built side by side was reported out of order (a delete made the next step wait on it)."""
    frame = Frame(
        HOURLY,
        (
            CoreStep("http_request"),
            ServiceStep("google_calendar", "event", "delete"),
            CoreStep("send_email"),
        ),
    )
    delete = node("google_calendar:gone", resource="event", operation="delete", eventId="1")
    beside = wf(
        [SCHEDULE, FETCH, delete, MAIL], edges("schedule>fetch", "fetch>gone", "fetch>mail")
    )
    assert check(frame, beside) == []
    before_the_fetch = wf(
        [SCHEDULE, FETCH, delete, MAIL], edges("schedule>fetch", "fetch>gone", "schedule>mail")
    )
    assert ORDER_MISMATCH in codes(check(frame, before_the_fetch))


def test_an_edit_reports_only_what_it_added() -> None:
    """Regression: an edit's sentence read as a request holds the steps it only refers to
    ("the Slack message still goes out for every issue", "不要上传") and conditions read
    wrongly around them; in an edit only a named service with no node at all, and a guard
    missing before a node the edit added, are reported."""
    cheap = Condition("price", "lt", 100)
    frame = Frame(
        HOURLY,
        (
            CoreStep("http_request", phrase="don't upload"),
            Branch(
                (Case(cheap, (CoreStep("send_email"), ServiceStep("slack", "message", "send"))),)
            ),
        ),
    )
    kept = chain(SCHEDULE, FETCH, MAIL, SLACK)
    prior = frozenset({"schedule", "fetch", "mail", "post"})
    assert check_request(frame, kept, edit=True, prior=prior) == []
    # the same workflow, with Slack added by this edit: its missing guard is the edit's
    assert codes(check_request(frame, kept, edit=True, prior=prior - {"post"})) == [
        CONDITION_NOT_APPLIED
    ]
    named = Frame(HOURLY, (ServiceStep("discord", "message", "send", phrase="tell Discord"),))
    assert codes(check_request(named, kept, edit=True, prior=prior)) == [REQUEST_NOT_COVERED]


def test_edits_skip_the_trigger_and_the_order() -> None:
    frame = Frame(
        Trigger(kind="webhook", phrase="on a webhook"),
        (Think("summarise"), CoreStep("http_request")),
    )
    summary = node("summarizer:sum", text="{{ $json.body }}")
    workflow = chain(SCHEDULE, FETCH, summary)
    assert set(codes(check(frame, workflow))) == {TRIGGER_MISMATCH, ORDER_MISMATCH}
    assert check(frame, workflow, edit=True) == []


# --- no_data_source ------------------------------------------------------------------------------


def test_a_transform_right_after_a_schedule_has_no_data() -> None:
    frame = Frame(HOURLY, (Transform("limit"), CoreStep("send_email")))
    limit = node("limit", max_items=5)
    [finding] = check(frame, chain(SCHEDULE, limit, MAIL))
    assert finding.code == NO_DATA_SOURCE and finding.node_id == "limit"
    fed = Frame(HOURLY, (CoreStep("http_request"), Transform("limit"), CoreStep("send_email")))
    assert check(fed, chain(SCHEDULE, FETCH, limit, MAIL)) == []


def test_posting_items_no_step_fetched() -> None:
    frame = Frame(
        HOURLY,
        (
            CoreStep("http_request", phrase="get the top stories"),
            ServiceStep("slack", "message", "send", phrase="post them to Slack"),
        ),
    )
    found = check(frame, chain(SCHEDULE, SLACK))
    assert codes(found) == [REQUEST_NOT_COVERED, NO_DATA_SOURCE]
    assert found[1].node_id == "post" and found[1].path == "request.steps[1]"
    assert check(frame, chain(SCHEDULE, FETCH, SLACK)) == []


def test_a_trigger_that_brings_items_is_a_source() -> None:
    frame = Frame(Trigger(kind="webhook"), (Transform("limit"),))
    hook = node("webhook_trigger:start", path="in", method="POST")
    assert check(frame, chain(hook, node("limit", max_items=5))) == []


def test_mail_through_a_mail_service_is_done_by_the_email_node() -> None:
    frame = Frame(HOURLY, (ServiceStep("gmail", "message", "send", phrase="发邮件给我"),))
    assert check(frame, chain(SCHEDULE, MAIL)) == []
    assert codes(check(frame, chain(SCHEDULE, SLACK))) == [REQUEST_NOT_COVERED]


def test_an_unknown_service_named_with_its_verb_is_found_by_its_name() -> None:
    """Regression: "Watch BestBuy" (verb and store in one phrase) was not found in a node
    named "Check BestBuy", so the seed's monitor was reported as not doing what was asked."""
    from flowsmith.planner.coverage import check_request
    from flowsmith.planner.frame import CoreStep, Frame, ServiceStep, Trigger
    from tests.planner.coverage.support import edges, node, wf

    frame = Frame(
        trigger=Trigger(kind="schedule"),
        steps=(
            ServiceStep(app=None, resource=None, operation="get", service="Watch BestBuy"),
            CoreStep(subtype="send_email"),
        ),
    )
    check = node("web_page_check:check_bestbuy", store="bestbuy", url="https://bestbuy.com/x")
    mail = node("send_email:mail", to="me@example.com", subject="s", body="b")
    ok = wf(
        [node("schedule_trigger:s"), check, mail], edges("s>check_bestbuy", "check_bestbuy>mail")
    )
    assert [f.code for f in check_request(frame, ok)] == []
    other = node("web_page_check:check_walmart", store="walmart", url="https://walmart.com/x")
    missing = wf(
        [node("schedule_trigger:s"), other, mail], edges("s>check_walmart", "check_walmart>mail")
    )
    assert [f.code for f in check_request(frame, missing)] == ["request_not_covered"]

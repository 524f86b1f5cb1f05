"""The third fresh held-out set (fresh3) is well formed, without running the planner.

    .venv/bin/pytest bench/eval_planner/test_fresh3_set.py

Checked like fresh2 (test_fresh_set.py, whose helpers it shares): every check has a kind the
scorer knows and names catalog apps and subtypes, ids and fields, the file is what
build_fresh3.py writes, no request repeats one of requests.jsonl, fresh or fresh2 (compared by
count only: the other sets' sentences are never shown), the composition, hand-written right
workflows for a few requests pass every check, and every edit's prior left as it was fails one.
Nothing here starts a server or calls the planner.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_fresh3  # noqa: E402
import build_set  # noqa: E402
import checks as C  # noqa: E402
from test_fresh_set import (  # noqa: E402
    MAIN,
    SET_ROWS,
    _edited,
    _n,
    _read,
    _texts,
    _wf,
    check_check,
)

FILE = HERE / "requests_fresh3.jsonl"
ROWS = _read(FILE)
BY_ID = {r["id"]: r for r in ROWS}
EDITS = [r for r in ROWS if r.get("prior")]
UNCHANGED = {"unchanged": True}


def test_file_is_what_its_builder_writes() -> None:
    assert json.loads(json.dumps(build_fresh3.build(), ensure_ascii=False)) == ROWS


def test_ids_split_and_fields() -> None:
    assert len(ROWS) == 100
    for i, row in enumerate(ROWS):
        assert row["id"] == f"h{i:03d}"
        assert row["split"] == "fresh3"
        assert row["lang"] in ("en", "zh")
        assert row["request"].strip() and row["checks"]
        assert set(row) <= {"id", "split", "lang", "categories", "request", "checks", "prior",
                            "note"}


def test_ids_unique_across_sets() -> None:
    others = {r["id"] for rows in SET_ROWS.values() for r in rows}
    others |= {r["id"] for r in _read(MAIN)}
    assert not others & set(BY_ID)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_check_is_well_formed(row: dict[str, Any]) -> None:
    for k, check in enumerate(row["checks"]):
        check_check(check, row, f"{row['id']} check {k}")


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_the_scorer_reads_every_check(row: dict[str, Any]) -> None:
    empty = {"workflow": {"name": "x", "nodes": [], "connections": []}, "prior": row.get("prior"),
             "question": None, "generation": "complete", "prior_version": 1, "final_version": 2}
    outcomes = [empty]
    if row.get("prior"):
        outcomes.append({**empty, "workflow": row["prior"]})
    for outcome in outcomes:
        for check in row["checks"]:
            ok, why = C.evaluate(check, outcome)
            assert isinstance(ok, bool) and isinstance(why, str)


def test_no_sentence_repeated() -> None:
    # counts only: the other sets' sentences are never shown by this test
    texts = _texts(ROWS)
    assert len(set(texts)) == len(texts)
    for other in (_read(MAIN), SET_ROWS["fresh"], SET_ROWS["fresh2"]):
        seen = set(_texts(other))
        assert sum(1 for t in texts if t in seen) == 0


def test_composition() -> None:
    comp = build_fresh3.composition(ROWS)
    n = comp["all"]
    assert 0.45 <= comp["zh"] / n <= 0.55
    assert comp["condition"] >= 40
    assert comp["edit"] >= 25
    assert comp["longtail"] >= 40
    assert 4 <= comp["question"] <= 6


def test_questions_and_no_question() -> None:
    for row in ROWS:
        asks = any("asks_about" in c for c in row["checks"])
        unchanged = UNCHANGED in row["checks"]
        assert asks == ("question" in row["categories"])
        assert ({"no_question": True} in row["checks"]) == (not asks and not unchanged), row["id"]


def test_edits_use_every_prior_and_keep_ids() -> None:
    priors = [getattr(build_set, f"P{k}") for k in range(1, 21)]
    used = [next(k for k, p in enumerate(priors) if p == r["prior"]) for r in EDITS]
    assert sorted(set(used)) == list(range(20))
    no_change = [r for r in EDITS if UNCHANGED in r["checks"]]
    assert 1 <= len(no_change) <= 2
    for row in EDITS:
        if row not in no_change:
            assert any("kept_ids" in c for c in row["checks"]), row["id"]


def test_triggers_of_every_kind() -> None:
    kinds = set()
    for row in ROWS:
        for c in row["checks"]:
            if "trigger" in c:
                kinds |= set([c["trigger"]] if isinstance(c["trigger"], str) else c["trigger"])
    assert {"schedule", "webhook", "form", "email", "app_event", "manual", "error"} <= kinds


# right workflows, hand-written from the request alone: every check must pass them
def _if(left: str, op: str, right: Any = None) -> dict[str, Any]:
    cond: dict[str, Any] = {"left": "{{ $json." + left + " }}", "operator": op}
    if right is not None:
        cond["right"] = right
    return {"conditions": [cond]}


def _switch(field: str, *values: str) -> dict[str, Any]:
    return {"field": "{{ $json." + field + " }}",
            "rules": [{"operator": "equals", "value": v} for v in values]}


ACCEPTABLE = {
    # WooCommerce order: over 500 -> Xero invoice, else the Orders sheet
    "h001": _wf([
        _n("t", "woocommerce_trigger", {"event": "order_created"}),
        _n("c", "if", _if("total", "greater_than", 500)),
        _n("x", "xero", {"resource": "invoice", "operation": "create"}),
        _n("s", "google_sheets", {"resource": "sheet", "operation": "append",
                                  "sheet_name": "Orders"}),
    ], [("t", "c"), ("c", "x", "true"), ("c", "s", "false")]),
    # Help Scout: classify -> refund: Mattermost, bug: GitLab, other: nothing
    "h002": _wf([
        _n("t", "help_scout_trigger", {"event": "conversation_created"}),
        _n("a", "text_classifier", {"input_text": "{{ $json.text }}", "categories": [
            {"name": "refund"}, {"name": "bug"}, {"name": "other"}]}),
        _n("s", "switch", _switch("category", "refund", "bug")),
        _n("m", "mattermost", {"resource": "message", "operation": "post", "channel": "billing"}),
        _n("g", "gitlab", {"resource": "issue", "operation": "create"}),
    ], [("t", "a"), ("a", "s"), ("s", "m", "output_0"), ("s", "g", "output_1")]),
    # demo form: >= 200 Salesforce + Slack, 20..199 Pipedrive, < 20 Brevo
    "h016": _wf([
        _n("t", "webhook_trigger", {"path": "demo"}),
        _n("big", "if", _if("company_size", "greater_than", 199)),
        _n("mid", "if", _if("company_size", "greater_than", 19)),
        _n("sf", "salesforce", {"resource": "opportunity", "operation": "create"}),
        _n("sl", "slack", {"resource": "message", "operation": "post", "channel": "#enterprise"}),
        _n("pd", "pipedrive", {"resource": "deal", "operation": "create"}),
        _n("br", "brevo", {"resource": "contact", "operation": "upsert"}),
    ], [("t", "big"), ("big", "sf", "true"), ("big", "sl", "true"), ("big", "mid", "false"),
        ("mid", "pd", "true"), ("mid", "br", "false")]),
    # plan: pro -> Stripe customer, free -> ConvertKit, else 400
    "h028": _wf([
        _n("t", "webhook_trigger", {"path": "signup", "response_mode": "response_node"}),
        _n("s", "switch", _switch("plan", "pro", "free")),
        _n("st", "stripe", {"resource": "customer", "operation": "create"}),
        _n("ck", "convertkit", {"resource": "form", "operation": "addSubscriber"}),
        _n("r", "webhook_response", {"status_code": 400}),
    ], [("t", "s"), ("s", "st", "output_0"), ("s", "ck", "output_1"), ("s", "r", "fallback")]),
    # equipment form: over 2000 -> my approval -> SharePoint; else SharePoint directly
    "h034": _wf([
        _n("t", "google_forms_trigger", {"event": "form_submitted"}),
        _n("c", "if", _if("amount", "greater_than", 2000)),
        _n("a", "approval_email", {"to": "me@acme.io", "subject": "Equipment request"}),
        _n("sp", "sharepoint", {"resource": "item", "operation": "create", "list": "Purchasing"}),
    ], [("t", "c"), ("c", "a", "true"), ("c", "sp", "false"), ("a", "sp", "approved")]),
    # complaint form: classify urgency -> call / Zendesk / sheet
    "h039": _wf([
        _n("t", "form_trigger", {"title": "投诉", "fields": [{"label": "内容"}]}),
        _n("a", "text_classifier", {"input_text": "{{ $json.内容 }}", "categories": [
            {"name": "紧急"}, {"name": "一般"}, {"name": "不紧急"}]}),
        _n("s", "switch", _switch("category", "紧急", "一般")),
        _n("call", "twilio", {"resource": "call", "operation": "make"}),
        _n("z", "zendesk", {"resource": "ticket", "operation": "create"}),
        _n("g", "google_sheets", {"resource": "sheet", "operation": "append"}),
    ], [("t", "a"), ("a", "s"), ("s", "call", "output_0"), ("s", "z", "output_1"),
        ("s", "g", "fallback")]),
    # Typeform: online -> Zoom meeting -> email the link; offline -> SMS the address
    "h055": _wf([
        _n("t", "typeform_trigger", {"event": "form_submitted"}),
        _n("c", "if", _if("参会方式", "equals", "线上")),
        _n("z", "zoom", {"resource": "meeting", "operation": "create"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "会议链接"}),
        _n("sms", "twilio", {"resource": "sms", "operation": "send"}),
    ], [("t", "c"), ("c", "z", "true"), ("z", "e"), ("c", "sms", "false")]),
    # returns: < 100 Stripe refund, > 1000 boss approval, else DingTalk
    "h073": _wf([
        _n("t", "form_trigger", {"title": "退货申请", "fields": [{"label": "amount"}]}),
        _n("lo", "if", _if("amount", "less_than", 100)),
        _n("hi", "if", _if("amount", "greater_than", 1000)),
        _n("rf", "http_request", {"method": "POST", "url": "https://api.stripe.com/v1/refunds"}),
        _n("a", "approval_email", {"to": "boss@acme.cn", "subject": "退货审批"}),
        _n("d", "dingtalk", {"resource": "message", "operation": "send"}),
    ], [("t", "lo"), ("lo", "rf", "true"), ("lo", "hi", "false"), ("hi", "a", "true"),
        ("hi", "d", "false")]),
}

# an edit: (the edited workflow's connections, the nodes it adds to the prior's)
ACCEPTABLE_EDITS = {
    # P1: total under 10000 -> PagerDuty, the Slack summary as before
    "h074": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4"), ("n2", "c"), ("c", "pd", "true")],
             [_n("c", "if", _if("total", "less_than", 10000)),
              _n("pd", "pagerduty", {"resource": "incident", "operation": "create"})]),
    # P5: the switch's fallback ('other') -> Help Scout conversation
    "h080": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "output_0"), ("n3", "n5", "output_1"),
              ("n3", "h", "fallback")],
             [_n("h", "help_scout", {"resource": "conversation", "operation": "create"})]),
    # P9: budget empty -> only the email; else HubSpot -> email
    "h086": ([("n1", "c"), ("c", "n3", "true"), ("c", "n2", "false"), ("n2", "n3")],
             [_n("c", "if", _if("Budget", "is_empty"))]),
    # P15: email looks valid -> as before; else 400
    "h093": ([("n1", "c"), ("c", "n2", "true"), ("n2", "n3"), ("n3", "n4"), ("c", "r", "false")],
             [_n("c", "if", _if("email", "contains", "@")),
              _n("r", "webhook_response", {"status_code": 400, "respond_with": "json"})]),
    # P19: not hot, but over 40 -> Todoist task
    "h099": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n3", "w", "false"),
              ("w", "td", "true")],
             [_n("w", "if", _if("score", "greater_than", 40)),
              _n("td", "todoist", {"resource": "task", "operation": "create"})]),
}


def _failed(row: dict[str, Any], outcome: dict[str, Any]) -> list[tuple[Any, str]]:
    return [(c, why) for c in row["checks"] for ok, why in [C.evaluate(c, outcome)] if not ok]


def test_ten_or_more_right_workflows() -> None:
    assert len(ACCEPTABLE) + len(ACCEPTABLE_EDITS) >= 10


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE))
def test_checks_accept_a_right_workflow(rid: str) -> None:
    outcome = {"workflow": ACCEPTABLE[rid], "prior": None, "question": None,
               "generation": "complete"}
    assert not _failed(BY_ID[rid], outcome)


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE_EDITS))
def test_checks_accept_a_right_edit(rid: str) -> None:
    row = BY_ID[rid]
    outcome = {"workflow": _edited(row, *ACCEPTABLE_EDITS[rid]), "prior": row["prior"],
               "question": None, "generation": "complete"}
    assert not _failed(row, outcome)


@pytest.mark.parametrize("row", EDITS, ids=[r["id"] for r in EDITS])
def test_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check, unless no change is the right answer."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    results = [C.evaluate(c, outcome)[0] for c in row["checks"]]
    if UNCHANGED in row["checks"]:
        assert all(results)
    else:
        assert not all(results)

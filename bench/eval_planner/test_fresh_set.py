"""The fresh held-out set (requests_fresh.jsonl) is well formed, without running the planner.

    .venv/bin/pytest bench/eval_planner/test_fresh_set.py

Every check has a kind the scorer knows, every selector names catalog apps and subtypes,
edits' kept ids exist in their prior, the file is what build_fresh.py writes, and no request
repeats one of requests.jsonl. Nothing here starts a server or calls the planner.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_fresh  # noqa: E402
import checks as C  # noqa: E402

FRESH = HERE / "requests_fresh.jsonl"
MAIN = HERE / "requests.jsonl"

ROWS = [json.loads(line) for line in FRESH.read_text(encoding="utf-8").splitlines() if line.strip()]

SELECTOR_KEYS = {"service", "verb", "text", "core", "ai", "approval", "condition_node",
                 "trigger_node", "any"}
VERBS = {"create", "read", "update", "delete"}
AI_KINDS = {"any", "agent", *C.SPECIFIC_AI}
TRIGGER_KINDS = {*C.TRIGGER_KIND.values(), "app_event"}
# apps the scorer knows without the catalog (checks.DOMAINS / LEGACY), e.g. alias spellings
KNOWN_APPS = set(C.DOMAINS) | {app for app, _ in C.LEGACY.values()}


def _words(x: Any) -> list[str]:
    return [x] if isinstance(x, str) else list(x)


def _app_ok(app: str) -> bool:
    return C._catalog().app(app) is not None or app in KNOWN_APPS


def check_selector(sel: Any, where: str) -> None:
    assert isinstance(sel, dict) and sel, f"{where}: selector must be a non-empty object: {sel!r}"
    extra = set(sel) - SELECTOR_KEYS
    assert not extra, f"{where}: unknown selector keys {extra}"
    if "any" in sel:
        assert isinstance(sel["any"], list) and sel["any"], f"{where}: empty any"
        for s in sel["any"]:
            check_selector(s, where)
    if "service" in sel:
        # alternatives (e.g. ["wecom", "wechat_work"]): at least one is a catalog app
        apps = _words(sel["service"])
        assert apps and any(_app_ok(a) for a in apps), f"{where}: no catalog app in {apps}"
    if "verb" in sel:
        assert "service" in sel, f"{where}: verb without service"
        assert set(_words(sel["verb"])) <= VERBS, f"{where}: verb {sel['verb']!r}"
    if "core" in sel:
        for sub in _words(sel["core"]):
            assert C._spec(sub) is not None, f"{where}: {sub!r} is not a catalog subtype"
    if "ai" in sel:
        assert sel["ai"] in AI_KINDS, f"{where}: ai kind {sel['ai']!r}"
    if "text" in sel:
        assert all(isinstance(w, str) and w for w in _words(sel["text"])), f"{where}: text"


def check_check(check: Any, row: dict[str, Any], where: str) -> None:
    assert isinstance(check, dict) and check, f"{where}: check must be a non-empty object"
    prior = row.get("prior")
    if "any" in check and len(check) == 1:
        # a list of checks (or of selectors used as checks)
        assert check["any"], f"{where}: empty any"
        for sub in check["any"]:
            check_check(sub, row, where)
        return
    if "trigger" in check:
        assert set(check) <= {"trigger", "app", "event_like"}, f"{where}: {check}"
        assert set(_words(check["trigger"])) <= TRIGGER_KINDS, f"{where}: {check['trigger']}"
        apps = _words(check.get("app", []))
        assert not apps or any(_app_ok(a) for a in apps), f"{where}: trigger app {apps}"
        return
    if "schedule" in check:
        s = check["schedule"]
        assert s and set(s) <= {"every_minutes", "at", "weekday"}, f"{where}: {s}"
        if "at" in s:
            assert C._hhmm(s["at"]), f"{where}: at {s['at']!r}"
        if "weekday" in s:
            assert s["weekday"] in C.WEEKDAYS, f"{where}: weekday {s['weekday']!r}"
        return
    if "order" in check:
        assert len(check["order"]) == 2, f"{where}: order needs two selectors"
        for s in check["order"]:
            check_selector(s, where)
        return
    if "guarded" in check:
        assert set(check) <= {"guarded", "by_field"}, f"{where}: {check}"
        check_selector(check["guarded"], where)
        if "by_field" in check:
            assert _words(check["by_field"]), f"{where}: empty by_field"
        return
    for key in ("unguarded", "removed", "absent"):
        if key in check:
            assert len(check) == 1, f"{where}: {check}"
            check_selector(check[key], where)
            if key == "removed":
                assert prior is not None, f"{where}: removed without a prior"
            return
    if "branches" in check:
        assert len(check["branches"]) >= 2, f"{where}: branches needs two or more"
        for s in check["branches"]:
            check_selector(s, where)
        return
    if "branch_count" in check:
        assert int(check["branch_count"]["min"]) >= 2, where
        return
    if "path_avoiding" in check:
        check_selector(check["path_avoiding"]["to"], where)
        check_selector(check["path_avoiding"]["avoid"], where)
        return
    if "kept_ids" in check:
        assert prior is not None, f"{where}: kept_ids without a prior"
        ids = {n["id"] for n in prior["nodes"]}
        assert check["kept_ids"] and set(check["kept_ids"]) <= ids, f"{where}: {check}"
        return
    if "asks_about" in check:
        assert check["asks_about"], where
        return
    if "unchanged" in check:
        assert prior is not None, f"{where}: unchanged without a prior"
        return
    if check in ({"condition_satisfiable": True}, {"no_question": True}):
        return
    check_selector(check, where)  # a selector used as a check: some node matches


def test_file_is_what_build_fresh_writes() -> None:
    assert json.loads(json.dumps(build_fresh.build(), ensure_ascii=False)) == ROWS


def test_ids_split_and_fields() -> None:
    assert len(ROWS) == 90
    for i, row in enumerate(ROWS):
        assert row["id"] == f"f{i:03d}"
        assert row["split"] == "fresh"
        assert row["lang"] in ("en", "zh")
        assert row["request"].strip() and row["checks"]
        assert set(row) <= {"id", "split", "lang", "categories", "request", "checks", "prior",
                            "note"}


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_check_is_well_formed(row: dict[str, Any]) -> None:
    for k, check in enumerate(row["checks"]):
        check_check(check, row, f"{row['id']} check {k}")


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_the_scorer_reads_every_check(row: dict[str, Any]) -> None:
    """Each check scores (pass or fail, never raises) against an empty and a prior outcome."""
    empty = {"workflow": {"name": "x", "nodes": [], "connections": []}, "prior": row.get("prior"),
             "question": None, "generation": "complete", "prior_version": 1, "final_version": 2}
    outcomes = [empty]
    if row.get("prior"):
        outcomes.append({**empty, "workflow": row["prior"]})
    for outcome in outcomes:
        for check in row["checks"]:
            ok, why = C.evaluate(check, outcome)
            assert isinstance(ok, bool) and isinstance(why, str)


def test_new_sentences_not_the_main_set() -> None:
    main = {json.loads(line)["request"].strip().lower()
            for line in MAIN.read_text(encoding="utf-8").splitlines() if line.strip()}
    fresh = [r["request"].strip().lower() for r in ROWS]
    assert len(set(fresh)) == len(fresh)
    assert not set(fresh) & main


def test_composition() -> None:
    comp = build_fresh.composition(ROWS)
    n = comp["all"]
    assert 0.35 <= comp["zh"] / n <= 0.45
    assert comp["condition"] >= n / 3
    assert comp["edit"] >= n / 5
    assert comp["longtail"] >= n / 3
    assert comp["question"] >= 3


# a few workflows a demanding user would accept, hand-written: the checks must pass them
def _n(i: str, subtype: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    spec = C._spec(subtype)
    return {"id": i, "name": i, "type": str(spec.family) if spec else "ACTION",
            "subtype": subtype, "parameters": params or {}}


def _wf(nodes: list[dict[str, Any]], edges: list[tuple[str, ...]]) -> dict[str, Any]:
    return {"name": "t", "nodes": nodes, "connections": [
        {"from_node": e[0], "to_node": e[1], "from_output": e[2] if len(e) > 2 else "main"}
        for e in edges]}


ACCEPTABLE = {
    "f000": _wf([
        _n("t", "woocommerce_trigger", {"event": "order_created"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.total }}", "operator": "greater_than",
                                       "right": 250}]}),
        _n("q", "quickbooks", {"resource": "invoice", "operation": "create"}),
        _n("s", "google_sheets", {"resource": "sheet", "operation": "append"}),
    ], [("t", "c"), ("c", "q", "true"), ("c", "s", "false")]),
    "f007": _wf([
        _n("t", "surveymonkey_trigger", {"event": "response_completed"}),
        _n("d", "deepl", {"resource": "language", "operation": "translate"}),
        _n("a", "airtable", {"resource": "record", "operation": "create"}),
    ], [("t", "d"), ("d", "a")]),
    "f062": _wf([
        _n("t", "keap_trigger", {"event": "contact_added"}),
        _n("z", "zoho_crm", {"resource": "lead", "operation": "create"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.tags }}", "operator": "contains",
                                       "right": "VIP"}]}),
        _n("w", "wecom", {"resource": "webhook", "operation": "send"}),
    ], [("t", "z"), ("z", "c"), ("c", "w", "true")]),
    "f033": _wf([
        _n("t", "shopify_trigger", {"event": "order_paid"}),
        _n("c", "switch", {"field": "{{ $json.shipping_address.country }}", "rules": [
            {"operator": "equals", "value": "CA"}, {"operator": "equals", "value": "US"}]}),
        _n("ca", "http_request", {"method": "POST", "url": "https://api.shipcan.example/v1/shipments"}),
        _n("us", "http_request", {"method": "POST", "url": "https://api.shipus.example/v1/shipments"}),
        _n("e", "send_email", {"to": "me@shop.example", "subject": "Manual shipping"}),
    ], [("t", "c"), ("c", "ca", "output_0"), ("c", "us", "output_1"), ("c", "e", "fallback")]),
    "f055": _wf([
        _n("t", "google_drive_trigger", {"event": "file_created", "folder_id": "contracts"}),
        _n("x", "information_extractor", {"model": "claude-3-5-sonnet",
                                          "input_text": "{{ $json.text }}"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 200000}]}),
        _n("a", "approval_email", {"to": "legal@acme.cn"}),
        _n("s", "smartsheet", {"resource": "row", "operation": "add"}),
    ], [("t", "x"), ("x", "c"), ("c", "a", "true"), ("a", "s", "approved"), ("c", "s", "false")]),
}

CLEARBIT = "https://api.clearbit.example/enrich?email={{ $json.email }}"
# an edit: (the edited workflow's connections, the nodes it adds to the prior's)
ACCEPTABLE_EDITS = {
    # P2: webhook -> [company empty? -> enrich] -> sheet -> gmail
    "f072": ([("n1", "c"), ("c", "h", "true"), ("c", "n2", "false"), ("h", "n2"), ("n2", "n3")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.company }}",
                                             "operator": "is_empty"}]}),
              _n("h", "http_request", {"method": "GET", "url": CLEARBIT})]),
    # P15: webhook -> blocked domain? -> 403 / Postgres -> Mailchimp -> 200
    "f085": ([("n1", "c"), ("c", "r", "true"), ("c", "n2", "false"), ("n2", "n3"), ("n3", "n4")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.email }}", "operator": "contains",
                                             "right": "mailinator.com"}]}),
              _n("r", "webhook_response", {"status_code": 403, "respond_with": "json"})]),
    # P20: nightly -> Notion -> empty? -> email / Dropbox
    "f089": ([("n1", "n2"), ("n2", "c"), ("c", "e", "true"), ("c", "n3", "false")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.id }}", "operator": "is_empty"}]}),
              _n("e", "send_email", {"to": "me@acme.io", "subject": "Notion backup empty"})]),
}


def _edited(row: dict[str, Any], edges: list[tuple[str, ...]],
            added: list[dict[str, Any]]) -> dict[str, Any]:
    """The prior with ``added`` nodes and its connections replaced by ``edges``."""
    prior = row["prior"]
    return {"name": prior["name"], "nodes": [*prior["nodes"], *added], "connections": [
        {"from_node": e[0], "to_node": e[1], "from_output": e[2] if len(e) > 2 else "main"}
        for e in edges]}


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE_EDITS))
def test_checks_accept_a_right_edit(rid: str) -> None:
    row = next(r for r in ROWS if r["id"] == rid)
    outcome = {"workflow": _edited(row, *ACCEPTABLE_EDITS[rid]), "prior": row["prior"],
               "question": None, "generation": "complete"}
    failed = [(c, why) for c in row["checks"] for ok, why in [C.evaluate(c, outcome)] if not ok]
    assert not failed, failed


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE))
def test_checks_accept_a_right_workflow(rid: str) -> None:
    row = next(r for r in ROWS if r["id"] == rid)
    outcome = {"workflow": ACCEPTABLE[rid], "prior": None, "question": None,
               "generation": "complete"}
    failed = [(c, why) for c in row["checks"] for ok, why in [C.evaluate(c, outcome)] if not ok]
    assert not failed, failed

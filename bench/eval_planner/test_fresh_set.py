"""The fresh held-out sets are well formed, without running the planner.

    .venv/bin/pytest bench/eval_planner/test_fresh_set.py

The sets, each checked the same way: ``fresh`` (requests_fresh.jsonl, build_fresh.py),
``fresh2`` (requests_fresh2.jsonl, build_fresh2.py), ``fresh4``, ``fresh5``, ``fresh6``
(requests_fresh6.jsonl, build_fresh6.py), ``fresh8`` (requests_fresh8.jsonl,
build_fresh8.py), ``fresh9`` (requests_fresh9.jsonl, build_fresh9.py; held out),
``fresh10`` (requests_fresh10.jsonl, build_fresh10.py), ``fresh11``
(requests_fresh11.jsonl, build_fresh11.py), ``fresh12``
(requests_fresh12.jsonl, build_fresh12.py), ``fresh13`` (requests_fresh13.jsonl,
build_fresh13.py; held out), ``fresh14`` (requests_fresh14.jsonl, build_fresh14.py),
``fresh15`` (requests_fresh15.jsonl, build_fresh15.py; held out), ``fresh16``
(requests_fresh16.jsonl, build_fresh16.py), ``fresh17`` (requests_fresh17.jsonl,
build_fresh17.py) and ``fresh18`` (requests_fresh18.jsonl, build_fresh18.py; held out; its
brief asks for two vague requests, not three).
Every check has a kind the scorer knows, every selector names catalog apps and subtypes,
edits' kept ids exist in their prior, the file is what its builder writes, and no request
repeats one of requests.jsonl (nor, for fresh2, one of the first fresh set).
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

import build_fresh  # noqa: E402
import build_fresh2  # noqa: E402
import build_fresh4  # noqa: E402
import build_fresh5  # noqa: E402
import build_fresh6  # noqa: E402
import build_fresh8  # noqa: E402
import build_fresh9  # noqa: E402
import build_fresh10  # noqa: E402
import build_fresh11  # noqa: E402
import build_fresh12  # noqa: E402
import build_fresh13  # noqa: E402
import build_fresh14  # noqa: E402
import build_fresh15  # noqa: E402
import build_fresh16  # noqa: E402
import build_fresh17  # noqa: E402
import build_fresh18  # noqa: E402
import checks as C  # noqa: E402

MAIN = HERE / "requests.jsonl"


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


# per set: builder module, file, size, id prefix, split name, share of Chinese (min, max), and
# "questions": the fewest vague requests when not three
SETS: dict[str, dict[str, Any]] = {
    "fresh": {"builder": build_fresh, "file": HERE / "requests_fresh.jsonl", "n": 90,
              "prefix": "f", "zh": (0.35, 0.45)},
    "fresh2": {"builder": build_fresh2, "file": HERE / "requests_fresh2.jsonl", "n": 100,
               "prefix": "g", "zh": (0.45, 0.55)},
    "fresh4": {"builder": build_fresh4, "file": HERE / "requests_fresh4.jsonl", "n": 80,
               "prefix": "i", "zh": (0.45, 0.55)},
    "fresh5": {"builder": build_fresh5, "file": HERE / "requests_fresh5.jsonl", "n": 80,
               "prefix": "j", "zh": (0.45, 0.55)},
    "fresh6": {"builder": build_fresh6, "file": HERE / "requests_fresh6.jsonl", "n": 80,
               "prefix": "k", "zh": (0.45, 0.55)},
    "fresh8": {"builder": build_fresh8, "file": HERE / "requests_fresh8.jsonl", "n": 80,
               "prefix": "n", "zh": (0.45, 0.55)},
    "fresh9": {"builder": build_fresh9, "file": HERE / "requests_fresh9.jsonl", "n": 80,
               "prefix": "p", "zh": (0.45, 0.55)},
    "fresh10": {"builder": build_fresh10, "file": HERE / "requests_fresh10.jsonl", "n": 100,
                "prefix": "q", "zh": (0.45, 0.55)},
    "fresh11": {"builder": build_fresh11, "file": HERE / "requests_fresh11.jsonl", "n": 100,
                "prefix": "r", "zh": (0.35, 0.45)},
    "fresh12": {"builder": build_fresh12, "file": HERE / "requests_fresh12.jsonl", "n": 100,
                "prefix": "s", "zh": (0.45, 0.55)},
    "fresh13": {"builder": build_fresh13, "file": HERE / "requests_fresh13.jsonl", "n": 80,
                "prefix": "t", "zh": (0.45, 0.55)},
    "fresh14": {"builder": build_fresh14, "file": HERE / "requests_fresh14.jsonl", "n": 100,
                "prefix": "u", "zh": (0.45, 0.55)},
    "fresh15": {"builder": build_fresh15, "file": HERE / "requests_fresh15.jsonl", "n": 80,
                "prefix": "w", "zh": (0.45, 0.55)},
    "fresh16": {"builder": build_fresh16, "file": HERE / "requests_fresh16.jsonl", "n": 100,
                "prefix": "x", "zh": (0.45, 0.55)},
    "fresh17": {"builder": build_fresh17, "file": HERE / "requests_fresh17.jsonl", "n": 100,
                "prefix": "v", "zh": (0.45, 0.55)},
    "fresh18": {"builder": build_fresh18, "file": HERE / "requests_fresh18.jsonl", "n": 80,
                "prefix": "y", "zh": (0.45, 0.55), "questions": 2},
}
SET_ROWS: dict[str, list[dict[str, Any]]] = {name: _read(s["file"]) for name, s in SETS.items()}
ALL_ROWS = [row for rows in SET_ROWS.values() for row in rows]

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


@pytest.mark.parametrize("name", sorted(SETS))
def test_file_is_what_its_builder_writes(name: str) -> None:
    built = SETS[name]["builder"].build()
    assert json.loads(json.dumps(built, ensure_ascii=False)) == SET_ROWS[name]


@pytest.mark.parametrize("name", sorted(SETS))
def test_ids_split_and_fields(name: str) -> None:
    rows, spec = SET_ROWS[name], SETS[name]
    assert len(rows) == spec["n"]
    for i, row in enumerate(rows):
        assert row["id"] == f"{spec['prefix']}{i:03d}"
        assert row["split"] == name
        assert row["lang"] in ("en", "zh")
        assert row["request"].strip() and row["checks"]
        assert set(row) <= {"id", "split", "lang", "categories", "request", "checks", "prior",
                            "note"}


def test_ids_unique_across_sets() -> None:
    ids = [r["id"] for r in ALL_ROWS]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("row", ALL_ROWS, ids=[r["id"] for r in ALL_ROWS])
def test_every_check_is_well_formed(row: dict[str, Any]) -> None:
    for k, check in enumerate(row["checks"]):
        check_check(check, row, f"{row['id']} check {k}")


@pytest.mark.parametrize("row", ALL_ROWS, ids=[r["id"] for r in ALL_ROWS])
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


def _texts(rows: list[dict[str, Any]]) -> list[str]:
    return [r["request"].strip().lower() for r in rows]


@pytest.mark.parametrize("name", sorted(SETS))
def test_new_sentences_not_the_main_set(name: str) -> None:
    main = set(_texts(_read(MAIN)))
    texts = _texts(SET_ROWS[name])
    assert len(set(texts)) == len(texts)
    assert not set(texts) & main


def test_fresh2_repeats_no_sentence_of_fresh() -> None:
    # a count only: the first fresh set's sentences are never shown by this test
    fresh = set(_texts(SET_ROWS["fresh"]))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh2"]) if t in fresh)
    assert repeated == 0


def test_fresh4_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: the earlier fresh sets' sentences are never shown by this test
    earlier = set()
    for name in ("fresh", "fresh2", "fresh3"):
        earlier |= set(_texts(_read(HERE / f"requests_{name}.jsonl")))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh4"]) if t in earlier)
    assert repeated == 0


def test_fresh5_repeats_no_sentence_of_fresh_or_fresh2() -> None:
    # a count only: the other sets' sentences are never shown by this test
    others = set(_texts(SET_ROWS["fresh"])) | set(_texts(SET_ROWS["fresh2"]))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh5"]) if t in others)
    assert repeated == 0


def test_fresh6_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: the other sets' sentences are never shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh4", "fresh5"):
        others |= set(_texts(SET_ROWS[name]))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh6"]) if t in others)
    assert repeated == 0


def test_fresh8_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: the other sets' sentences are never shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh4", "fresh5", "fresh6"):
        others |= set(_texts(SET_ROWS[name]))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh8"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("name", sorted(SETS))
def test_composition(name: str) -> None:
    comp = SETS[name]["builder"].composition(SET_ROWS[name])
    lo, hi = SETS[name]["zh"]
    n = comp["all"]
    assert lo <= comp["zh"] / n <= hi
    assert comp["condition"] >= n / 3
    assert comp["edit"] >= n / 5
    assert comp["longtail"] >= n / 3
    assert comp["question"] >= SETS[name].get("questions", 3)


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


RISK = "{{ $json.score > 90 ? 'high' : $json.score >= 60 ? 'mid' : 'low' }}"
DATED = "/backup/notion-{{ $now.toFormat('yyyy-MM-dd') }}.csv"

# fresh2: right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # humidity webhook: > 70 -> Home Assistant, < 30 -> Telegram, else TimescaleDB
    "g010": _wf([
        _n("t", "webhook_trigger", {"path": "humidity"}),
        _n("hi", "if", {"conditions": [{"left": "{{ $json.humidity }}",
                                        "operator": "greater_than", "right": 70}]}),
        _n("lo", "if", {"conditions": [{"left": "{{ $json.humidity }}",
                                        "operator": "less_than", "right": 30}]}),
        _n("ha", "home_assistant", {"resource": "service", "operation": "call",
                                    "domain": "switch", "service": "turn_on"}),
        _n("tg", "telegram", {"resource": "message", "operation": "sendMessage"}),
        _n("db", "timescaledb", {"resource": "database", "operation": "insert"}),
    ], [("t", "hi"), ("hi", "ha", "true"), ("hi", "lo", "false"), ("lo", "tg", "true"),
        ("lo", "db", "false")]),
    # expense claims: > 500 -> approval -> QuickBooks; else QuickBooks directly
    "g013": _wf([
        _n("t", "google_forms_trigger", {"event": "form_submitted"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 500}]}),
        _n("a", "approval_email", {"to": "finance@acme.io", "subject": "Expense",
                                   "message": "{{ $json.amount }}"}),
        _n("q", "quickbooks", {"resource": "bill", "operation": "create"}),
    ], [("t", "c"), ("c", "a", "true"), ("c", "q", "false"), ("a", "q", "approved")]),
    # Redis rate limit: incr -> over 1000? -> 429 / Elasticsearch -> 200
    "g025": _wf([
        _n("t", "webhook_trigger", {"path": "ingest", "response_mode": "response_node"}),
        _n("r", "redis", {"resource": "key", "operation": "incr", "key": "{{ $json.api_key }}"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.count }}", "operator": "greater_than",
                                       "right": 1000}]}),
        _n("no", "webhook_response", {"status_code": 429}),
        _n("es", "elasticsearch", {"resource": "document", "operation": "create"}),
        _n("ok", "webhook_response", {"status_code": 200}),
    ], [("t", "r"), ("r", "c"), ("c", "no", "true"), ("c", "es", "false"), ("es", "ok")]),
    # language routing: AI -> switch: zh -> Feishu, en -> Freshdesk, else translate -> Feishu
    "g039": _wf([
        _n("t", "email_trigger"),
        _n("a", "text_classifier", {"input_text": "{{ $json.text }}", "categories": [
            {"name": "zh"}, {"name": "en"}, {"name": "other"}]}),
        _n("s", "switch", {"field": "{{ $json.category }}", "rules": [
            {"operator": "equals", "value": "zh"}, {"operator": "equals", "value": "en"}]}),
        _n("fs", "feishu", {"resource": "webhook", "operation": "send"}),
        _n("fd", "freshdesk", {"resource": "ticket", "operation": "create"}),
        _n("gt", "google_translate", {"resource": "language", "operation": "translate",
                                      "target": "zh"}),
    ], [("t", "a"), ("a", "s"), ("s", "fs", "output_0"), ("s", "fd", "output_1"),
        ("s", "gt", "fallback"), ("gt", "fs")]),
    # leave request: > 3 days -> Slack approval -> calendar / email; else calendar
    "g042": _wf([
        _n("t", "form_trigger", {"title": "请假申请", "fields": [{"label": "days"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.days }}", "operator": "greater_than",
                                       "right": 3}]}),
        _n("a", "approval_slack", {"channel": "@manager", "message": "请假"}),
        _n("cal", "google_calendar", {"resource": "event", "operation": "create"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "请假未批准"}),
    ], [("t", "c"), ("c", "a", "true"), ("c", "cal", "false"), ("a", "cal", "approved"),
        ("a", "e", "rejected")]),
    # risk scores: > 90 -> WeCom, 60..90 -> Airtable, else nothing
    "g066": _wf([
        _n("t", "schedule_trigger", {"interval": "hours", "every": 1}),
        _n("q", "snowflake", {"resource": "database", "operation": "executeQuery"}),
        _n("s", "switch", {"field": RISK,
                           "rules": [{"operator": "equals", "value": "high"},
                                     {"operator": "equals", "value": "mid"}]}),
        _n("w", "wecom", {"resource": "webhook", "operation": "send"}),
        _n("at", "airtable", {"resource": "record", "operation": "create"}),
    ], [("t", "q"), ("q", "s"), ("s", "w", "output_0"), ("s", "at", "output_1")]),
})

ACCEPTABLE_EDITS.update({
    # P1: Mon-Fri 08:00 cron, summary to Slack and Mattermost
    "g075": ([("t", "n2"), ("n2", "n3"), ("n3", "n4"), ("n3", "m")],
             [_n("t", "schedule_trigger", {"interval": "cron", "cron": "0 8 * * 1-5"}),
              _n("m", "mattermost", {"resource": "message", "operation": "post"})]),
    # P13: approver cfo@, timeout 48h -> the requester is told
    "g091": ([("n1", "a"), ("a", "n3", "approved"), ("a", "n4", "rejected"),
              ("a", "n4", "timeout")],
             [_n("a", "approval_email", {"to": "cfo@acme.io", "subject": "Approve purchase",
                                         "message": "{{ $json.Item }}", "timeout_hours": 48})]),
    # P15: webhook -> lookup -> exists? -> 409 / insert -> Mailchimp -> 200
    "g093": ([("n1", "l"), ("l", "c"), ("c", "r", "true"), ("c", "n2", "false"), ("n2", "n3"),
              ("n3", "n4")],
             [_n("l", "postgres", {"resource": "database", "operation": "select",
                                   "table": "users"}),
              _n("c", "if", {"conditions": [{"left": "{{ $json.id }}",
                                             "operator": "is_not_empty"}]}),
              _n("r", "webhook_response", {"status_code": 409})]),
    # P20: nightly -> Notion -> CSV -> Dropbox with the date in the name
    "g098": ([("n1", "n2"), ("n2", "x"), ("x", "d")],
             [_n("x", "code", {"code": "return toCsv(items)  // csv"}),
              _n("d", "dropbox", {"resource": "file", "operation": "upload",
                                  "path": DATED})]),
})

# fresh5: right workflows for a few requests, hand-written from the request alone
HVAC = "{{ $json.state > 28 ? 'hot' : $json.state < 18 ? 'cold' : 'ok' }}"
ACCEPTABLE.update({
    # doorbell: Gotify always; at night (23-06) also Home Assistant porch light
    "j008": _wf([
        _n("t", "webhook_trigger", {"path": "doorbell"}),
        _n("g", "gotify", {"resource": "message", "operation": "create", "message": "Ding dong"}),
        _n("c", "if", {"combine": "or", "conditions": [
            {"left": "{{ $now.hour }}", "operator": "greater_than", "right": 22},
            {"left": "{{ $now.hour }}", "operator": "less_than", "right": 6}]}),
        _n("ha", "home_assistant", {"resource": "service", "operation": "call",
                                    "domain": "light", "service": "turn_on"}),
    ], [("t", "g"), ("t", "c"), ("c", "ha", "true")]),
    # Travis webhook: failed on main -> PagerDuty, failed elsewhere -> Mattermost
    "j019": _wf([
        _n("t", "webhook_trigger", {"path": "travis"}),
        _n("f", "if", {"conditions": [{"left": "{{ $json.state }}", "operator": "equals",
                                       "right": "failed"}]}),
        _n("b", "if", {"conditions": [{"left": "{{ $json.branch }}", "operator": "equals",
                                       "right": "main"}]}),
        _n("pd", "pagerduty", {"resource": "incident", "operation": "create"}),
        _n("mm", "mattermost", {"resource": "message", "operation": "post"}),
    ], [("t", "f"), ("f", "b", "true"), ("b", "pd", "true"), ("b", "mm", "false")]),
    # living-room temperature: > 28 cool, < 18 heat, via Home Assistant
    "j030": _wf([
        _n("t", "schedule_trigger", {"interval": "minutes", "every": 15}),
        _n("r", "home_assistant", {"resource": "state", "operation": "get",
                                   "entity_id": "sensor.living_room_temperature"}),
        _n("s", "switch", {"field": HVAC,
                           "rules": [{"operator": "equals", "value": "hot"},
                                     {"operator": "equals", "value": "cold"}]}),
        _n("cool", "home_assistant", {"resource": "service", "operation": "call",
                                      "domain": "climate", "service": "set_hvac_mode"}),
        _n("heat", "home_assistant", {"resource": "service", "operation": "call",
                                      "domain": "climate", "service": "set_hvac_mode"}),
    ], [("t", "r"), ("r", "s"), ("s", "cool", "output_0"), ("s", "heat", "output_1")]),
    # PayPal: > 1000 -> QuickBooks invoice + DingTalk; else SeaTable
    "j033": _wf([
        _n("t", "paypal_trigger", {"event": "payment_captured"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 1000}]}),
        _n("q", "quickbooks", {"resource": "invoice", "operation": "create"}),
        _n("d", "dingtalk", {"resource": "message", "operation": "send"}),
        _n("st", "seatable", {"resource": "row", "operation": "create"}),
    ], [("t", "c"), ("c", "q", "true"), ("q", "d"), ("c", "st", "false")]),
    # editor's video: Slack approval -> Notion + tweet / Slack reply with the feedback
    "j052": _wf([
        _n("t", "form_trigger", {"title": "视频提交", "fields": [{"label": "标题"}]}),
        _n("a", "approval_slack", {"channel": "@me", "message": "{{ $json.标题 }}"}),
        _n("n", "notion", {"resource": "databasePage", "operation": "create"}),
        _n("tw", "twitter", {"resource": "tweet", "operation": "create"}),
        _n("s", "slack", {"resource": "message", "operation": "post"}),
    ], [("t", "a"), ("a", "n", "approved"), ("n", "tw"), ("a", "s", "rejected")]),
})

ACCEPTABLE_EDITS.update({
    # P10: webhook -> Redis get -> seen? -> stop / set -> severity IF as before
    "j069": ([("n1", "g"), ("g", "c"), ("c", "s", "false"), ("s", "n2"), ("n2", "n3", "true"),
              ("n2", "n4", "false")],
             [_n("g", "redis", {"resource": "key", "operation": "get", "key": "{{ $json.title }}"}),
              _n("c", "if", {"conditions": [{"left": "{{ $json.value }}",
                                             "operator": "is_not_empty"}]}),
              _n("s", "redis", {"resource": "key", "operation": "set", "key": "{{ $json.title }}",
                                "ttl": 600})]),
    # P13: manager approves -> over 5000? -> finance director approves -> PO; else PO
    "j072": ([("n1", "n2"), ("n2", "c", "approved"), ("n2", "n4", "rejected"), ("c", "f", "true"),
              ("c", "n3", "false"), ("f", "n3", "approved"), ("f", "n4", "rejected")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.Amount }}",
                                             "operator": "greater_than", "right": 5000}]}),
              _n("f", "approval_email", {"to": "finance-director@acme.io",
                                         "subject": "Approve purchase"})]),
    # P18: weekday? -> Slack / LINE
    "j077": ([("n1", "c"), ("c", "n2", "true"), ("c", "l", "false")],
             [_n("c", "if", {"conditions": [{"left": "{{ $now.weekday }}", "operator": "less_than",
                                             "right": 6}]}),
              _n("l", "line", {"resource": "message", "operation": "push"})]),
})


# fresh8: right workflows for a few requests, hand-written from the request alone
WISE_BAND = "{{ $json.balance < 500 ? 'low' : $json.balance > 5000 ? 'high' : 'mid' }}"
ACCEPTABLE.update({
    # Stripe payment: > 500 -> Slack #big-wins, else Airtable
    "n000": _wf([
        _n("t", "stripe_trigger", {"event": "payment_succeeded"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 50000}]}),
        _n("s", "slack", {"resource": "message", "operation": "post", "channel": "#big-wins"}),
        _n("a", "airtable", {"resource": "record", "operation": "create", "table": "Payments"}),
    ], [("t", "c"), ("c", "s", "true"), ("c", "a", "false")]),
    # Wise on the 1st: < 500 Pushover, > 5000 transfer, else Grist
    "n007": _wf([
        _n("t", "schedule_trigger", {"interval": "cron", "cron": "0 9 1 * *"}),
        _n("w", "wise", {"resource": "account", "operation": "getBalances"}),
        _n("s", "switch", {"field": WISE_BAND,
                           "rules": [{"operator": "equals", "value": "low"},
                                     {"operator": "equals", "value": "high"}]}),
        _n("p", "pushover", {"resource": "message", "operation": "push"}),
        _n("x", "wise", {"resource": "transfer", "operation": "create"}),
        _n("g", "grist", {"resource": "row", "operation": "create"}),
    ], [("t", "w"), ("w", "s"), ("s", "p", "output_0"), ("s", "x", "output_1"),
        ("s", "g", "fallback")]),
    # bug webhook: critical -> Jira + 201, else Zammad + 202
    "n012": _wf([
        _n("t", "webhook_trigger", {"path": "bugs", "response_mode": "response_node"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.severity }}", "operator": "equals",
                                       "right": "critical"}]}),
        _n("j", "jira", {"resource": "issue", "operation": "create", "priority": "Highest"}),
        _n("r1", "webhook_response", {"status_code": 201}),
        _n("z", "zammad", {"resource": "ticket", "operation": "create"}),
        _n("r2", "webhook_response", {"status_code": 202}),
    ], [("t", "c"), ("c", "j", "true"), ("j", "r1"), ("c", "z", "false"), ("z", "r2")]),
    # overtime: <= 5h -> Clockify; > 5h -> HR approval -> Clockify / email
    "n014": _wf([
        _n("t", "form_trigger", {"title": "Overtime", "fields": [{"label": "hours"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.hours }}", "operator": "greater_than",
                                       "right": 5}]}),
        _n("a", "approval_email", {"to": "hr@northwind.co", "subject": "Overtime"}),
        _n("k", "clockify", {"resource": "timeEntry", "operation": "create"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Overtime declined"}),
    ], [("t", "c"), ("c", "a", "true"), ("c", "k", "false"), ("a", "k", "approved"),
        ("a", "e", "rejected")]),
    # private room: > 12 people -> Slack approval -> calendar -> SMS / email; else calendar
    "n029": _wf([
        _n("t", "jotform_trigger", {"event": "form_submitted"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.people }}", "operator": "greater_than",
                                       "right": 12}]}),
        _n("a", "approval_slack", {"channel": "@manager", "message": "包间预订"}),
        _n("g", "google_calendar", {"resource": "event", "operation": "create"}),
        _n("s", "twilio", {"resource": "sms", "operation": "send"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "包间已满"}),
    ], [("t", "c"), ("c", "a", "true"), ("c", "g", "false"), ("a", "g", "approved"),
        ("a", "e", "rejected"), ("g", "s")]),
    # expenses: < 1000 bill; else manager; > 5000 also CFO; rejections emailed
    "n041": _wf([
        _n("t", "formio_trigger", {"event": "submission_created"}),
        _n("c1", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "less_than",
                                        "right": 1000}]}),
        _n("m", "approval_email", {"to": "manager@corp.cn", "subject": "报销"}),
        _n("c2", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                        "right": 5000}]}),
        _n("f", "approval_email", {"to": "cfo@corp.cn", "subject": "报销"}),
        _n("q", "quickbooks", {"resource": "bill", "operation": "create"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "报销被拒"}),
    ], [("t", "c1"), ("c1", "q", "true"), ("c1", "m", "false"), ("m", "c2", "approved"),
        ("m", "e", "rejected"), ("c2", "f", "true"), ("c2", "q", "false"), ("f", "q", "approved"),
        ("f", "e", "rejected")]),
    # UptimeRobot: down -> light on -> Pushover; all up -> light off
    "n048": _wf([
        _n("t", "schedule_trigger", {"interval": "minutes", "every": 10}),
        _n("u", "uptime_robot", {"resource": "monitor", "operation": "getAll"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.status }}", "operator": "equals",
                                       "right": "down"}]}),
        _n("on", "home_assistant", {"resource": "service", "operation": "call",
                                    "domain": "light", "service": "turn_on"}),
        _n("p", "pushover", {"resource": "message", "operation": "push"}),
        _n("off", "home_assistant", {"resource": "service", "operation": "call",
                                     "domain": "light", "service": "turn_off"}),
    ], [("t", "u"), ("u", "c"), ("c", "on", "true"), ("on", "p"), ("c", "off", "false")]),
})

ACCEPTABLE_EDITS.update({
    # P1: API empty? -> Slack "no sales data yesterday" / summary as before
    "n060": ([("n1", "n2"), ("n2", "c"), ("c", "n3", "true"), ("c", "s", "false"), ("n3", "n4")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.sales }}",
                                             "operator": "is_not_empty"}]}),
              _n("s", "slack", {"resource": "message", "operation": "post", "channel": "#sales",
                                "text": "no sales data yesterday"})]),
    # P10: not critical -> warning? -> Slack (info dropped)
    "n069": ([("n1", "n2"), ("n2", "n3", "true"), ("n2", "w", "false"), ("w", "n4", "true")],
             [_n("w", "if", {"conditions": [{"left": "{{ $json.severity }}", "operator": "equals",
                                             "right": "warning"}]})]),
    # P13: rejected -> Smartsheet too; approved and > 5000 -> CFO approval -> PO
    "n072": ([("n1", "n2"), ("n2", "c", "approved"), ("c", "f", "true"), ("c", "n3", "false"),
              ("f", "n3", "approved"), ("f", "n4", "rejected"), ("n2", "n4", "rejected"),
              ("n2", "sm", "rejected")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.Amount }}",
                                             "operator": "greater_than", "right": 5000}]}),
              _n("f", "approval_email", {"to": "cfo@acme.io", "subject": "Approve purchase"}),
              _n("sm", "smartsheet", {"resource": "row", "operation": "add"})]),
    # P15: lookup -> exists? -> 409 / insert -> Mailchimp -> 200
    "n074": ([("n1", "l"), ("l", "c"), ("c", "r", "true"), ("c", "n2", "false"), ("n2", "n3"),
              ("n3", "n4")],
             [_n("l", "postgres", {"resource": "database", "operation": "select",
                                   "table": "users"}),
              _n("c", "if", {"conditions": [{"left": "{{ $json.id }}",
                                             "operator": "is_not_empty"}]}),
              _n("r", "webhook_response", {"status_code": 409,
                                           "body": {"error": "exists"}})]),
})


# fresh9: right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    "p006": _wf([
        _n("t", "stripe_trigger", {"event": "payment_failed"}),
        _n("e", "gmail", {"resource": "message", "operation": "send",
                          "to": "{{ $json.customer_email }}",
                          "subject": "Please update your card"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 100000}]}),
        _n("s", "twilio", {"resource": "sms", "operation": "send", "to": "+15550100"}),
    ], [("t", "e"), ("t", "c"), ("c", "s", "true")]),
    "p017": _wf([
        _n("t", "typeform_trigger", {"event": "form_submitted"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.rating }}", "operator": "greater_than",
                                       "right": 3}]}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Would you review us?"}),
        _n("z", "zendesk", {"resource": "ticket", "operation": "create"}),
    ], [("t", "c"), ("c", "e", "true"), ("c", "z", "false")]),
    "p026": _wf([
        _n("t", "pipedrive_trigger", {"event": "deal_updated"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.current.status }}", "operator": "equals",
                                       "right": "won"}]}),
        _n("q", "quickbooks", {"resource": "invoice", "operation": "create"}),
        _n("s", "slack", {"resource": "message", "operation": "post", "channel": "#wins"}),
    ], [("t", "c"), ("c", "q", "true"), ("q", "s")]),
    "p031": _wf([
        _n("t", "form_trigger", {"title": "Vacation request",
                                 "fields": [{"label": "Name"}, {"label": "Dates"}]}),
        _n("a", "approval_email", {"to": "lisa@kettleworks.example", "subject": "Vacation"}),
        _n("g", "google_calendar", {"resource": "event", "operation": "create",
                                    "calendar": "Team vacation"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Vacation declined"}),
    ], [("t", "a"), ("a", "g", "approved"), ("a", "e", "rejected")]),
    "p036": _wf([
        _n("t", "shopify_trigger", {"event": "order_created"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.total_price }}",
                                       "operator": "greater_than", "right": 2000}]}),
        _n("d", "dingtalk", {"resource": "message", "operation": "send"}),
        _n("s", "google_sheets", {"resource": "sheet", "operation": "append"}),
    ], [("t", "c"), ("c", "d", "true"), ("c", "s", "false")]),
    "p060": _wf([
        _n("t", "shopify_trigger", {"event": "refund_created"}),
        _n("a", "airtable", {"resource": "record", "operation": "create", "table": "退款记录"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 200}]}),
        _n("f", "feishu", {"resource": "message", "operation": "send"}),
    ], [("t", "a"), ("a", "c"), ("c", "f", "true")]),
})

ACCEPTABLE_EDITS.update({
    # P2: personal address? -> no email; the sheet row always
    "p065": ([("n1", "n2"), ("n2", "c"), ("c", "n3", "false")],
             [_n("c", "if", {"combine": "or", "conditions": [
                 {"left": "{{ $json.email }}", "operator": "contains", "right": "gmail.com"},
                 {"left": "{{ $json.email }}", "operator": "contains", "right": "qq.com"}]})]),
    # P4: in stock -> email and Telegram
    "p067": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n3", "tg", "true")],
             [_n("tg", "telegram", {"resource": "message", "operation": "sendMessage",
                                    "text": "In stock! {{ $json.url }}"})]),
    # P5: the switch's fallback (other) -> Freshdesk
    "p068": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "output_0"), ("n3", "n5", "output_1"),
              ("n3", "fd", "fallback")],
             [_n("fd", "freshdesk", {"resource": "ticket", "operation": "create"})]),
    # P19: not hot -> score over 40? -> Slack #sales
    "p079": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n3", "c", "false"),
              ("c", "s", "true")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.score }}",
                                             "operator": "greater_than", "right": 39}]}),
              _n("s", "slack", {"resource": "message", "operation": "post",
                                "channel": "#sales"})]),
})


# fresh10: right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # WooCommerce order: total over 200 -> Slack #vip-orders
    "q023": _wf([
        _n("t", "woocommerce_trigger", {"event": "order_created"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.total }}", "operator": "greater_than",
                                       "right": 200}]}),
        _n("s", "slack", {"resource": "message", "operation": "post", "channel": "#vip-orders"}),
    ], [("t", "c"), ("c", "s", "true")]),
    # project brief: under 5k -> price list email; else HubSpot deal -> Slack #new-biz
    "q027": _wf([
        _n("t", "form_trigger", {"title": "Project brief", "fields": [{"label": "Budget"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.Budget }}", "operator": "less_than",
                                       "right": 5000}]}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Small projects"}),
        _n("h", "hubspot", {"resource": "deal", "operation": "create"}),
        _n("s", "slack", {"resource": "message", "operation": "post", "channel": "#new-biz"}),
    ], [("t", "c"), ("c", "e", "true"), ("c", "h", "false"), ("h", "s")]),
    # weekdays 18:00: Dispatch sheet -> not delivered -> Telegram
    "q034": _wf([
        _n("t", "schedule_trigger", {"interval": "cron", "cron": "0 18 * * 1-5"}),
        _n("r", "google_sheets", {"resource": "sheet", "operation": "read",
                                  "sheet_name": "Dispatch"}),
        _n("f", "filter", {"conditions": [{"left": "{{ $json.status }}", "operator": "not_equals",
                                           "right": "delivered"}]}),
        _n("m", "telegram", {"resource": "message", "operation": "sendMessage"}),
    ], [("t", "r"), ("r", "f"), ("f", "m")]),
    # leave form: > 3 days -> HR approval -> sheet / email; else sheet
    "q050": _wf([
        _n("t", "form_trigger", {"title": "请假", "fields": [{"label": "days"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.days }}", "operator": "greater_than",
                                       "right": 3}]}),
        _n("a", "approval_email", {"to": "hr@corp.cn", "subject": "请假审批"}),
        _n("s", "google_sheets", {"resource": "sheet", "operation": "append",
                                  "sheet_name": "请假记录"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "请假未批准"}),
    ], [("t", "c"), ("c", "a", "true"), ("c", "s", "false"), ("a", "s", "approved"),
        ("a", "e", "rejected")]),
    # courier webhook: 200 at once; 已签收 -> WooCommerce completed, 异常 -> WeCom
    "q055": _wf([
        _n("t", "webhook_trigger", {"path": "logistics", "response_mode": "response_node"}),
        _n("r", "webhook_response", {"status_code": 200}),
        _n("s", "switch", {"field": "{{ $json.status }}", "rules": [
            {"operator": "equals", "value": "已签收"}, {"operator": "equals", "value": "异常"}]}),
        _n("w", "woocommerce", {"resource": "order", "operation": "update",
                                "status": "completed"}),
        _n("q", "wecom", {"resource": "webhook", "operation": "send"}),
    ], [("t", "r"), ("t", "s"), ("s", "w", "output_0"), ("s", "q", "output_1")]),
    # cross-border parcels: Supabase; > 30 kg -> Feishu; else quote API -> email; respond
    "q063": _wf([
        _n("t", "webhook_trigger", {"path": "orders", "response_mode": "response_node"}),
        _n("sb", "supabase", {"resource": "row", "operation": "create", "table": "orders"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.weight }}", "operator": "greater_than",
                                       "right": 30}]}),
        _n("f", "feishu", {"resource": "webhook", "operation": "send"}),
        _n("h", "http_request", {"method": "POST", "url": "https://api.kuaiyun.example/quote"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "报价"}),
        _n("r", "webhook_response", {"status_code": 200, "body": {"received": True}}),
    ], [("t", "sb"), ("sb", "c"), ("c", "f", "true"), ("c", "h", "false"), ("h", "e"),
        ("sb", "r")]),
})

ACCEPTABLE_EDITS.update({
    # P5: the switch's fallback forwards to help@acme.io
    "q084": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "output_0"), ("n3", "n5", "output_1"),
              ("n3", "e", "fallback")],
             [_n("e", "send_email", {"to": "help@acme.io", "subject": "{{ $json.subject }}"})]),
    # P8: not negative -> Mailchimp 'Happy customers'
    "q087": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n3", "m", "false")],
             [_n("m", "mailchimp", {"resource": "member", "operation": "create",
                                    "list": "happy-customers"})]),
    # P17: amount over 500k -> WeCom to the head of legal, the sheet row as before
    "q096": ([("n1", "n2"), ("n2", "n3"), ("n2", "c"), ("c", "w", "true")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.amount }}",
                                             "operator": "greater_than", "right": 500000}]}),
              _n("w", "wecom", {"resource": "webhook", "operation": "send"})]),
})

# fresh11: right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # WooCommerce order: total over 200 -> email me
    "r000": _wf([
        _n("t", "woocommerce_trigger", {"event": "order_created"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.total }}", "operator": "greater_than",
                                       "right": 200}]}),
        _n("e", "send_email", {"to": "me@ourco.com", "subject": "Order {{ $json.id }}"}),
    ], [("t", "c"), ("c", "e", "true")]),
    # Stripe payment failed: sheet row always; phone -> Twilio SMS, else email
    "r003": _wf([
        _n("t", "stripe_trigger", {"event": "payment_failed"}),
        _n("s", "google_sheets", {"resource": "sheet", "operation": "append",
                                  "sheet_name": "Failed payments"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.customer.phone }}",
                                       "operator": "is_not_empty"}]}),
        _n("m", "twilio", {"resource": "sms", "operation": "send",
                           "to": "{{ $json.customer.phone }}"}),
        _n("e", "send_email", {"to": "{{ $json.customer.email }}", "subject": "Payment failed"}),
    ], [("t", "s"), ("s", "c"), ("c", "m", "true"), ("c", "e", "false")]),
    # sensor webhook: > 30 -> Pushover, > 25 -> warning row, else TimescaleDB
    "r013": _wf([
        _n("t", "webhook_trigger", {"path": "sensors", "method": "POST"}),
        _n("hi", "if", {"conditions": [{"left": "{{ $json.temperature }}",
                                        "operator": "greater_than", "right": 30}]}),
        _n("mid", "if", {"conditions": [{"left": "{{ $json.temperature }}",
                                         "operator": "greater_than", "right": 25}]}),
        _n("p", "pushover", {"resource": "message", "operation": "push"}),
        _n("s", "google_sheets", {"resource": "sheet", "operation": "append",
                                  "sheet_name": "Warnings"}),
        _n("db", "timescaledb", {"resource": "database", "operation": "insert",
                                 "table": "readings"}),
    ], [("t", "hi"), ("hi", "p", "true"), ("hi", "mid", "false"), ("mid", "s", "true"),
        ("mid", "db", "false")]),
    # receipts webhook: extract -> total over 1000? -> CFO approval -> Xero; else Xero directly
    "r043": _wf([
        _n("t", "webhook_trigger", {"path": "receipts", "method": "POST"}),
        _n("x", "information_extractor", {"input_text": "{{ $json.text }}", "attributes": [
            {"name": "vendor"}, {"name": "total"}, {"name": "date"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.total }}", "operator": "greater_than",
                                       "right": 1000}]}),
        _n("a", "approval_email", {"to": "cfo@ourco.com", "subject": "Approve receipt"}),
        _n("b", "xero", {"resource": "invoice", "operation": "create", "type": "ACCPAY"}),
    ], [("t", "x"), ("x", "c"), ("c", "a", "true"), ("c", "b", "false"),
        ("a", "b", "approved")]),
    # expense form: < 500 Airtable; > 5000 manager then CFO; else manager; approved -> Airtable
    "r056": _wf([
        _n("t", "form_trigger", {"title": "报销申请", "fields": [{"label": "金额"}]}),
        _n("lo", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "less_than",
                                        "right": 500}]}),
        _n("hi", "if", {"conditions": [{"left": "{{ $json.amount }}",
                                        "operator": "greater_than", "right": 5000}]}),
        _n("m1", "approval_email", {"to": "manager@corp.cn", "subject": "报销审批"}),
        _n("cfo", "approval_email", {"to": "cfo@corp.cn", "subject": "报销审批"}),
        _n("m2", "approval_email", {"to": "manager@corp.cn", "subject": "报销审批"}),
        _n("at", "airtable", {"resource": "record", "operation": "create", "table": "报销"}),
    ], [("t", "lo"), ("lo", "at", "true"), ("lo", "hi", "false"), ("hi", "m1", "true"),
        ("m1", "cfo", "approved"), ("cfo", "at", "approved"), ("hi", "m2", "false"),
        ("m2", "at", "approved")]),
})

ACCEPTABLE_EDITS.update({
    # P3: only bugs get a monday item; every issue still reaches #eng
    "r077": ([("n1", "c"), ("c", "n2", "true"), ("c", "n3", "false"), ("n2", "n3")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.fields.issuetype.name }}",
                                             "operator": "equals", "right": "Bug"}]})]),
    # P10: critical -> SMS + PagerDuty + (mentions database? -> Opsgenie)
    "r086": ([("n1", "n2"), ("n2", "n3", "true"), ("n2", "n4", "false"), ("n2", "p", "true"),
              ("n2", "d", "true"), ("d", "o", "true")],
             [_n("p", "pagerduty", {"resource": "incident", "operation": "create",
                                    "title": "{{ $json.title }}"}),
              _n("d", "if", {"conditions": [{"left": "{{ $json.title }}", "operator": "contains",
                                             "right": "database"}]}),
              _n("o", "opsgenie", {"resource": "alert", "operation": "create",
                                   "responders": "dba"})]),
    # P13: rejected -> also a 'Rejected' row; approved and over 5k -> Slack #finance
    "r090": ([("n1", "n2"), ("n2", "n3", "approved"), ("n2", "n4", "rejected"),
              ("n2", "sh", "rejected"), ("n2", "c", "approved"), ("c", "s", "true")],
             [_n("sh", "google_sheets", {"resource": "sheet", "operation": "append",
                                         "sheet_name": "Rejected"}),
              _n("c", "if", {"conditions": [{"left": "{{ $json.Amount }}",
                                             "operator": "greater_than", "right": 5000}]}),
              _n("s", "slack", {"resource": "message", "operation": "post",
                                "channel": "#finance"})]),
})

# fresh12: right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # expense form: over 300 -> email approval -> QuickBooks bill / email back; else QuickBooks
    "s007": _wf([
        _n("t", "form_trigger", {"title": "Expenses", "fields": [
            {"label": "employee"}, {"label": "email"}, {"label": "amount"}, {"label": "receipt"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 300}]}),
        _n("a", "approval_email", {"to": "finance@corp.eu", "subject": "Expense",
                                   "message": "{{ $json.amount }} EUR"}),
        _n("q", "quickbooks", {"resource": "bill", "operation": "create"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Expense declined"}),
    ], [("t", "c"), ("c", "a", "true"), ("c", "q", "false"), ("a", "q", "approved"),
        ("a", "e", "rejected")]),
    # sensor webhook: 200 at once; > 40 Pushover, < 0 Vonage, else TimescaleDB
    "s011": _wf([
        _n("t", "webhook_trigger", {"path": "sensors", "response_mode": "response_node"}),
        _n("r", "webhook_response", {"status_code": 200}),
        _n("hot", "if", {"conditions": [{"left": "{{ $json.temp }}", "operator": "greater_than",
                                         "right": 40}]}),
        _n("cold", "if", {"conditions": [{"left": "{{ $json.temp }}", "operator": "less_than",
                                          "right": 0}]}),
        _n("p", "pushover", {"resource": "message", "operation": "push"}),
        _n("v", "vonage", {"resource": "sms", "operation": "send"}),
        _n("db", "timescaledb", {"resource": "database", "operation": "insert",
                                 "table": "readings"}),
    ], [("t", "r"), ("t", "hot"), ("hot", "p", "true"), ("hot", "cold", "false"),
        ("cold", "v", "true"), ("cold", "db", "false")]),
    # repo access form: @maria approves in Slack -> GitHub membership PUT / decline email
    "s028": _wf([
        _n("t", "form_trigger", {"title": "Repo access", "fields": [{"label": "username"},
                                                                   {"label": "email"}]}),
        _n("a", "approval_slack", {"channel": "@maria", "message": "{{ $json.username }}"}),
        _n("h", "http_request", {"method": "PUT", "url": "https://api.github.com/orgs/acme/"
                                 "memberships/{{ $json.username }}"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Access declined"}),
    ], [("t", "a"), ("a", "h", "approved"), ("a", "e", "rejected")]),
    # weekdays 9:30: Jira bugs -> sort -> top 5 -> summary -> Feishu
    "s038": _wf([
        _n("t", "schedule_trigger", {"interval": "cron", "cron": "30 9 * * 1-5"}),
        _n("j", "jira", {"resource": "issue", "operation": "getAll",
                         "jql": "type = Bug AND created >= -1d"}),
        _n("s", "sort", {"fields": [{"field": "priority", "order": "descending"}]}),
        _n("l", "limit", {"max_items": 5}),
        _n("a", "summarizer", {"input_text": "{{ JSON.stringify($json) }}"}),
        _n("f", "feishu", {"resource": "webhook", "operation": "send"}),
    ], [("t", "j"), ("j", "s"), ("s", "l"), ("l", "a"), ("a", "f")]),
    # order webhook: phone present -> Airtable + {code: 0}; empty -> 400
    "s044": _wf([
        _n("t", "webhook_trigger", {"path": "orders", "response_mode": "response_node"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.phone }}",
                                       "operator": "is_not_empty"}]}),
        _n("a", "airtable", {"resource": "record", "operation": "create", "table": "Orders"}),
        _n("ok", "webhook_response", {"status_code": 200, "body": {"code": 0}}),
        _n("bad", "webhook_response", {"status_code": 400, "body": {"error": "phone"}}),
    ], [("t", "c"), ("c", "a", "true"), ("a", "ok"), ("c", "bad", "false")]),
})

ACCEPTABLE_EDITS.update({
    # P1: filter revenue != 0 and sort before the summariser
    "s075": ([("n1", "n2"), ("n2", "f"), ("f", "s"), ("s", "n3"), ("n3", "n4")],
             [_n("f", "filter", {"conditions": [{"left": "{{ $json.revenue }}",
                                                 "operator": "not_equals", "right": 0}]}),
              _n("s", "sort", {"fields": [{"field": "revenue", "order": "descending"}]})]),
    # P9: the thank-you email a day later; budget over 50k -> Feishu to the sales director
    "s086": ([("n1", "n2"), ("n2", "w"), ("w", "n3"), ("n2", "c"), ("c", "f", "true")],
             [_n("w", "wait", {"mode": "interval", "amount": 1, "unit": "days"}),
              _n("c", "if", {"conditions": [{"left": "{{ $json.Budget }}",
                                             "operator": "greater_than", "right": 50000}]}),
              _n("f", "feishu", {"resource": "webhook", "operation": "send"})]),
    # P17: amount found -> sheet as before; none -> email legal
    "s096": ([("n1", "n2"), ("n2", "c"), ("c", "n3", "true"), ("c", "e", "false")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.amount }}",
                                             "operator": "is_not_empty"}]}),
              _n("e", "send_email", {"to": "legal@acme.io", "subject": "Contract to review"})]),
})

# fresh13 (held out): right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # failed Stripe payment: reminder email always; amount over 500 -> Telegram too
    "t002": _wf([
        _n("t", "stripe_trigger", {"event": "payment_failed"}),
        _n("e", "send_email", {"to": "{{ $json.customer_email }}", "subject": "Payment failed",
                               "body": "Please update your card"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "greater_than",
                                       "right": 500}]}),
        _n("m", "telegram_message", {"chat_id": "1", "text": "Failed: {{ $json.amount }}"}),
    ], [("t", "e"), ("t", "c"), ("c", "m", "true")]),
    # webhook alerts: switch on severity -> Telegram / GitHub issue / Google Sheets
    "t024": _wf([
        _n("t", "webhook_trigger", {"path": "alerts", "method": "POST"}),
        _n("s", "switch", {"field": "{{ $json.severity }}", "rules": [
            {"operator": "equals", "value": "high"}, {"operator": "equals", "value": "medium"},
            {"operator": "equals", "value": "low"}]}),
        _n("tg", "telegram_message", {"chat_id": "1", "text": "{{ $json.title }}"}),
        _n("gh", "github_create_issue", {"owner": "acme", "repo": "ops",
                                         "title": "{{ $json.title }}"}),
        _n("gs", "google_sheets_append", {"spreadsheet_id": "1Al", "sheet_name": "Alerts"}),
    ], [("t", "s"), ("s", "tg", "output_0"), ("s", "gh", "output_1"), ("s", "gs", "output_2")]),
    # leave form -> manager approval -> calendar event / email to the applicant
    "t036": _wf([
        _n("t", "form_trigger", {"title": "请假申请", "fields": [
            {"label": "姓名"}, {"label": "邮箱"}, {"label": "开始日期"}, {"label": "结束日期"}]}),
        _n("a", "approval_email", {"to": "manager@acme.cn", "subject": "请假审批"}),
        _n("g", "google_calendar", {"resource": "event", "operation": "create",
                                    "start": "{{ $json.开始日期 }}"}),
        _n("e", "send_email", {"to": "{{ $json.邮箱 }}", "subject": "请假未通过"}),
    ], [("t", "a"), ("a", "g", "approved"), ("a", "e", "rejected")]),
    # Shopify order: total > 1000 -> WeCom to the sales lead; else Google Sheets
    "t046": _wf([
        _n("t", "shopify_trigger", {"event": "order_created"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.total_price }}",
                                       "operator": "greater_than", "right": 1000}]}),
        _n("w", "wecom", {"resource": "webhook", "operation": "send", "key": "K"}),
        _n("g", "google_sheets_append", {"spreadsheet_id": "1Or", "sheet_name": "订单"}),
    ], [("t", "c"), ("c", "w", "true"), ("c", "g", "false")]),
})

ACCEPTABLE_EDITS.update({
    # P6: log every order; Slack only when the total is over 200
    "t067": ([("n1", "n2"), ("n2", "c"), ("c", "n3", "true")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.total_price }}",
                                             "operator": "greater_than", "right": 200}]})]),
    # P17: after logging, amount over 50000 -> DingTalk to legal
    "t078": ([("n1", "n2"), ("n2", "n3"), ("n3", "c"), ("c", "d", "true")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.amount }}",
                                             "operator": "greater_than", "right": 50000}]}),
              _n("d", "dingtalk", {"resource": "message", "operation": "send",
                                   "text": "合同金额 {{ $json.amount }}"})]),
})


# fresh14: right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # WooCommerce order: total over 200 -> Slack #big-orders, otherwise the Orders sheet
    "u003": _wf([_n("t", "app_event_trigger", {"app": "woocommerce", "event": "order_created"}),
                 _n("c", "if", {"conditions": [{"left": "{{ $json.total }}",
                                                "operator": "greater_than", "right": 200}]}),
                 _n("s", "slack_message", {"channel": "#big-orders", "text": "{{ $json.id }}"}),
                 _n("g", "google_sheets_append", {"spreadsheet_id": "1Ord",
                                                  "sheet_name": "Orders"})],
                [("t", "c"), ("c", "s", "true"), ("c", "g", "false")]),
    # HubSpot ticket: wait an hour, read it again, still no owner -> Slack #support
    "u007": _wf([_n("t", "app_event_trigger", {"app": "hubspot", "event": "ticket_created"}),
                 _n("w", "wait", {"amount": 1, "unit": "hours"}),
                 _n("h", "hubspot", {"resource": "ticket", "operation": "get",
                                     "ticketId": "{{ $json.id }}"}),
                 _n("c", "if", {"conditions": [{"left": "{{ $json.properties.hubspot_owner_id }}",
                                                "operator": "is_empty"}]}),
                 _n("s", "slack_message", {"channel": "#support", "text": "Unassigned ticket"})],
                [("t", "w"), ("w", "h"), ("h", "c"), ("c", "s", "true")]),
    # payment webhook: Telegram when there is a chat id, else email; answer 200 on both sides
    "u018": _wf([_n("t", "webhook_trigger", {"path": "paid", "method": "POST"}),
                 _n("c", "if", {"conditions": [{"left": "{{ $json.telegram_chat_id }}",
                                                "operator": "is_not_empty"}]}),
                 _n("m", "telegram_message", {"chat_id": "{{ $json.telegram_chat_id }}",
                                              "text": "Payment received"}),
                 _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Receipt"}),
                 _n("r1", "webhook_response", {"status_code": 200}),
                 _n("r2", "webhook_response", {"status_code": 200})],
                [("t", "c"), ("c", "m", "true"), ("c", "e", "false"), ("m", "r1"), ("e", "r2")]),
    # expense form: under 500 -> Excel; else email approval -> Excel / email the requester
    "u051": _wf([_n("t", "form_trigger", {"title": "报销申请", "fields": [{"label": "amount"}]}),
                 _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}",
                                                "operator": "less_than", "right": 500}]}),
                 _n("x1", "excel_365", {"resource": "worksheet", "operation": "append"}),
                 _n("a", "approval_email", {"to": "cfo@acme.cn", "subject": "报销审批"}),
                 _n("x2", "excel_365", {"resource": "worksheet", "operation": "append"}),
                 _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "报销未通过"})],
                [("t", "c"), ("c", "x1", "true"), ("c", "a", "false"), ("a", "x2", "approved"),
                 ("a", "e", "rejected")]),
    # Monday 8:30: last week's orders -> totals per product -> AI report -> email the boss
    "u066": _wf([_n("t", "schedule_trigger", {"interval": "weeks", "every": 1, "weekday": "monday",
                                              "at_time": "08:30"}),
                 _n("h", "http_request", {"method": "GET",
                                          "url": "https://api.example.cn/orders?range=last_week"}),
                 _n("g", "aggregate", {"group_by": ["product"],
                                       "operations": [{"field": "qty", "operation": "sum"}]}),
                 _n("l", "llm_chat", {"prompt": "写一段周报: {{ JSON.stringify($json) }}"}),
                 _n("e", "send_email", {"to": "boss@acme.cn", "subject": "周报"})],
                [("t", "h"), ("h", "g"), ("g", "l"), ("l", "e")]),
})

HUNTER = "https://api.hunter.io/v2/email-verifier?email={{ $json.email }}"

ACCEPTABLE_EDITS.update({
    # P4: in stock -> also Pushover; out of stock -> log the check time in a sheet
    "u083": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n3", "p", "true"),
              ("n3", "g", "false")],
             [_n("p", "pushover", {"resource": "message", "operation": "push", "message": "有货"}),
              _n("g", "google_sheets_append", {"spreadsheet_id": "1Chk", "sheet_name": "检查"})]),
    # P15: Hunter.io check before saving; undeliverable -> 422 and nothing saved
    "u094": ([("n1", "h"), ("h", "c"), ("c", "n2", "true"), ("n2", "n3"), ("n3", "n4"),
              ("c", "r", "false")],
             [_n("h", "http_request", {"method": "GET", "url": HUNTER}),
              _n("c", "if", {"conditions": [{"left": "{{ $json.data.result }}",
                                             "operator": "not_equals", "right": "undeliverable"}]}),
              _n("r", "webhook_response", {"status_code": 422,
                                           "body": {"error": "undeliverable"}})]),
    # P17: after logging, amount over 200000 -> email legal, otherwise a Slack note
    "u096": ([("n1", "n2"), ("n2", "n3"), ("n3", "c"), ("c", "e", "true"), ("c", "s", "false")],
             [_n("c", "if", {"conditions": [{"left": "{{ $json.amount }}",
                                             "operator": "greater_than", "right": 200000}]}),
              _n("e", "send_email", {"to": "legal@acme.cn", "subject": "大额合同"}),
              _n("s", "slack_message", {"channel": "#contracts", "text": "新合同已登记"})]),
})




# fresh15 (held out): right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # survey app response: Enterprise plan -> CRM deal, otherwise -> newsletter list
    "w002": _wf([
        _n("t", "app_event_trigger", {"app": "typeform", "event": "form_submitted"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.plan }}", "operator": "equals",
                                       "right": "Enterprise"}]}),
        _n("p", "pipedrive", {"resource": "deal", "operation": "create"}),
        _n("m", "mailchimp", {"resource": "member", "operation": "create"}),
    ], [("t", "c"), ("c", "p", "true"), ("c", "m", "false")]),
    # signup webhook: answer at once; pro -> CRM contact, else -> sheet row
    "w011": _wf([
        _n("t", "webhook_trigger", {"path": "signup", "response_mode": "response_node"}),
        _n("r", "webhook_response", {"status_code": 200}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.plan }}", "operator": "equals",
                                       "right": "pro"}]}),
        _n("h", "hubspot", {"resource": "contact", "operation": "upsert",
                            "email": "{{ $json.email }}"}),
        _n("s", "google_sheets", {"resource": "sheet", "operation": "append"}),
    ], [("t", "r"), ("t", "c"), ("c", "h", "true"), ("c", "s", "false")]),
    # failed payment: email, wait 3 days, look the invoice up, cancel if still unpaid
    "w028": _wf([
        _n("t", "app_event_trigger", {"app": "chargebee", "event": "payment_failed"}),
        _n("e", "send_email", {"to": "{{ $json.customer.email }}", "subject": "Card",
                               "body": "Please update your card"}),
        _n("w", "wait", {"amount": 3, "unit": "days"}),
        _n("g", "chargebee", {"resource": "invoice", "operation": "list"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.status }}", "operator": "not_equals",
                                       "right": "paid"}]}),
        _n("x", "chargebee", {"resource": "subscription", "operation": "cancel"}),
    ], [("t", "e"), ("e", "w"), ("w", "g"), ("g", "c"), ("c", "x", "true")]),
    # booking: CRM contact always; a deal too when the address is not a free mail domain
    "w043": _wf([
        _n("t", "app_event_trigger", {"app": "cal_com", "event": "booking_created"}),
        _n("h", "hubspot", {"resource": "contact", "operation": "upsert",
                            "email": "{{ $json.email }}"}),
        _n("c", "if", {"combine": "and", "conditions": [
            {"left": "{{ $json.email }}", "operator": "not_contains", "right": "@gmail.com"},
            {"left": "{{ $json.email }}", "operator": "not_contains", "right": "@qq.com"},
            {"left": "{{ $json.email }}", "operator": "not_contains", "right": "@163.com"}]}),
        _n("d", "hubspot", {"resource": "deal", "operation": "create"}),
    ], [("t", "h"), ("h", "c"), ("c", "d", "true")]),
    # expenses: under 200 straight to the workbook; else approval -> workbook / email back
    "w061": _wf([
        _n("t", "form_trigger", {"title": "Expenses", "fields": [
            {"label": "email"}, {"label": "amount"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.amount }}", "operator": "less_than",
                                       "right": 200}]}),
        _n("x1", "excel_365", {"resource": "worksheet", "operation": "append"}),
        _n("a", "approval_email", {"to": "finance@acme.cn", "subject": "Expense",
                                   "message": "{{ $json.amount }}"}),
        _n("x2", "excel_365", {"resource": "worksheet", "operation": "append"}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Declined",
                               "body": "Not approved"}),
    ], [("t", "c"), ("c", "x1", "true"), ("c", "a", "false"), ("a", "x2", "approved"),
        ("a", "e", "rejected")]),
})

ACCEPTABLE_EDITS.update({
    # P6: every order to the sheet, only big ones to Slack
    "w066": ([("n1", "n2"), ("n2", "c"), ("c", "n3", "true")], [
        _n("c", "if", {"conditions": [{"left": "{{ $json.total_price }}",
                                       "operator": "greater_than", "right": 300}]})]),
    # P3: High/Highest to monday (then Slack); the rest to Slack only
    "w073": ([("n1", "c"), ("c", "n2", "true"), ("n2", "n3"), ("c", "n3", "false")], [
        _n("c", "if", {"combine": "or", "conditions": [
            {"left": "{{ $json.fields.priority.name }}", "operator": "equals", "right": "High"},
            {"left": "{{ $json.fields.priority.name }}", "operator": "equals",
             "right": "Highest"}]})]),
    # P17: legal approves before the row is logged; a rejection is posted to Slack
    "w078": ([("n1", "n2"), ("n2", "a"), ("a", "n3", "approved"), ("a", "s", "rejected")], [
        _n("a", "approval_email", {"to": "legal@acme.cn", "subject": "Contract",
                                   "message": "{{ $json.party }}"}),
        _n("s", "slack_message", {"channel": "@me", "text": "Contract rejected"})]),
})

# fresh16: right workflows for a few requests, hand-written from the request alone
ACCEPTABLE.update({
    # maintenance form: urgent -> handyman on Telegram, otherwise a Trello card
    "x002": _wf([
        _n("t", "form_trigger", {"title": "Maintenance", "fields": [
            {"label": "unit"}, {"label": "problem"}, {"label": "urgent"}]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.urgent }}", "operator": "is_true"}]}),
        _n("m", "telegram_message", {"chat_id": "dave", "text": "URGENT {{ $json.problem }}"}),
        _n("k", "trello", {"resource": "card", "operation": "create", "list_id": "repairs",
                           "name": "{{ $json.problem }}"}),
    ], [("t", "c"), ("c", "m", "true"), ("c", "k", "false")]),
    # line sensors: store every reading; over the limits -> PagerDuty and Teams
    "x011": _wf([
        _n("t", "webhook_trigger", {"path": "sensors", "method": "POST"}),
        _n("db", "timescaledb", {"resource": "database", "operation": "insert",
                                 "table": "readings"}),
        _n("c", "if", {"combine": "or", "conditions": [
            {"left": "{{ $json.vibration }}", "operator": "greater_than", "right": 7.5},
            {"left": "{{ $json.temperature }}", "operator": "greater_than", "right": 90}]}),
        _n("pd", "pagerduty", {"resource": "incident", "operation": "create",
                               "title": "Line alarm"}),
        _n("tm", "microsoft_teams_message", {"team_id": "t", "channel_id": "maintenance",
                                             "message": "Line alarm"}),
    ], [("t", "db"), ("t", "c"), ("c", "pd", "true"), ("c", "tm", "true")]),
    # keg orders: 10+ kegs need the brewmaster's OK before the production sheet
    "x025": _wf([
        _n("t", "app_event_trigger", {"app": "woocommerce", "event": "order_created"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.keg_quantity }}",
                                       "operator": "greater_than", "right": 9}]}),
        _n("a", "approval_email", {"to": "brewmaster@hopsco.com", "subject": "Big order",
                                   "message": "{{ $json.id }}"}),
        _n("s", "google_sheets_append", {"spreadsheet_id": "1Prod", "sheet_name": "Production",
                                         "columns": {"order": "{{ $json.id }}"}}),
    ], [("t", "c"), ("c", "a", "true"), ("a", "s", "approved"), ("c", "s", "false")]),
    # trainer bookings: a switch on the trainer, three ways
    "x049": _wf([
        _n("t", "webhook_trigger", {"path": "pt-booking", "method": "POST"}),
        _n("sw", "switch", {"field": "{{ $json.coach }}", "rules": [
            {"operator": "equals", "value": "张教练"}, {"operator": "equals", "value": "李教练"}],
            "fallback": True}),
        _n("w1", "wecom", {"resource": "message", "operation": "send", "touser": "zhang",
                           "text": "新预约"}),
        _n("w2", "wecom", {"resource": "message", "operation": "send", "touser": "li",
                           "text": "新预约"}),
        _n("w3", "wecom", {"resource": "webhook", "operation": "send", "key": "FRONT",
                           "text": "新预约"}),
    ], [("t", "sw"), ("sw", "w1", "output_0"), ("sw", "w2", "output_1"),
        ("sw", "w3", "fallback")]),
    # reviews: under 3 stars -> AI apology draft to the manager, the rest to a sheet
    "x056": _wf([
        _n("t", "webhook_trigger", {"path": "meituan-review", "method": "POST"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.rating }}", "operator": "less_than",
                                       "right": 3}]}),
        _n("ai", "llm_chat", {"prompt": "为这条差评写一条道歉回复草稿：{{ $json.content }}"}),
        _n("w", "wecom", {"resource": "webhook", "operation": "send", "key": "BOT",
                          "text": "{{ $json.text }}"}),
        _n("s", "google_sheets_append", {"spreadsheet_id": "1Rev", "sheet_name": "评价",
                                         "columns": {"rating": "{{ $json.rating }}"}}),
    ], [("t", "c"), ("c", "ai", "true"), ("ai", "w"), ("c", "s", "false")]),
})

ACCEPTABLE_EDITS.update({
    # P8: negative -> WeCom, then wait 2h, look the ticket up, page if still open
    "x084": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n4", "w"), ("w", "g"),
              ("g", "c"), ("c", "pd", "true")], [
        _n("w", "wait", {"amount": 2, "unit": "hours"}),
        _n("g", "zendesk", {"resource": "ticket", "operation": "get", "id": "{{ $json.id }}"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.status }}", "operator": "equals",
                                       "right": "open"}]}),
        _n("pd", "pagerduty", {"resource": "incident", "operation": "create",
                               "title": "Negative ticket still open"})]),
    # P13: approved -> PO and Slack; rejected -> email and a 'Rejected' sheet row
    "x086": ([("n1", "n2"), ("n2", "n3", "approved"), ("n3", "s"), ("n2", "n4", "rejected"),
              ("n4", "g")], [
        _n("s", "slack_message", {"channel": "#purchasing", "text": "Approved {{ $json.item }}"}),
        _n("g", "google_sheets_append", {"spreadsheet_id": "1Rej", "sheet_name": "Rejected",
                                         "columns": {"item": "{{ $json.item }}"}})]),
    # P9: a company-size field; over 200 people also tells sales in #enterprise
    "x093": ([("n1", "n2"), ("n2", "n3"), ("n2", "c"), ("c", "s", "true")], [
        _n("c", "if", {"conditions": [{"left": "{{ $json['公司规模'] }}",
                                       "operator": "greater_than", "right": 200}]}),
        _n("s", "slack_message", {"channel": "#enterprise",
                                  "text": "大客户 {{ $json.Email }}"})]),
})


# fresh18 (held out): five creates and three edits, written from the request alone
ACCEPTABLE.update({
    "y002": _wf([
        _n("t", "schedule_trigger", {"interval": "days", "every": 1, "at_time": "06:30"}),
        _n("h", "http_request", {"method": "GET",
                                 "url": "https://api.snowreport.example/resort/42"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.wind_kmh }}",
                                       "operator": "greater_than", "right": 60}]}),
        _n("s", "slack_message", {"channel": "#instructors", "text": "Lessons are off today"}),
        _n("g", "google_sheets_append", {"spreadsheet_id": "1Wx", "sheet_name": "Readings",
                                         "columns": {"wind": "{{ $json.wind_kmh }}"}}),
    ], [("t", "h"), ("h", "c"), ("c", "s", "true"), ("c", "g", "false")]),
    "y011": _wf([
        _n("t", "app_event_trigger", {"app": "square", "event": "payment_created"}),
        _n("a", "airtable_create_record", {"base_id": "appE", "table": "Bookings",
                                           "fields": {"payment": "{{ $json.id }}"}}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.group_size }}",
                                       "operator": "greater_than", "right": 7}]}),
        _n("m", "telegram_message", {"chat_id": "42", "text": "Big group: set up the big room"}),
    ], [("t", "a"), ("a", "c"), ("c", "m", "true")]),
    "y027": _wf([
        _n("t", "form_trigger", {"title": "Marathon sign up",
                                 "fields": [{"label": "Name"}, {"label": "Email"},
                                            {"label": "Distance"}]}),
        _n("w", "switch", {"field": "{{ $json.Distance }}", "rules": [
            {"operator": "equals", "value": "full"}, {"operator": "equals", "value": "half"},
            {"operator": "equals", "value": "fun run"}]}),
        _n("e", "send_email", {"to": "{{ $json.Email }}", "subject": "Medical certificate",
                               "body": "Please send us your medical certificate"}),
        _n("m", "mailchimp", {"resource": "member", "operation": "create", "list": "half",
                              "email": "{{ $json.Email }}", "status": "subscribed"}),
        _n("g", "google_sheets_append", {"spreadsheet_id": "1Run", "sheet_name": "Fun run",
                                         "columns": {"name": "{{ $json.Name }}"}}),
    ], [("t", "w"), ("w", "e", "output_0"), ("w", "m", "output_1"), ("w", "g", "output_2")]),
    "y034": _wf([
        _n("t", "webhook_trigger", {"path": "checkin", "method": "POST",
                                    "response_mode": "response_node"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.guests }}",
                                       "operator": "greater_than", "right": 4}]}),
        _n("e", "send_email", {"to": "owner@example.com", "subject": "加床确认",
                               "body": "{{ $json.name }} 入住 {{ $json.guests }} 人"}),
        _n("r1", "webhook_response", {"respond_with": "json", "status_code": 200,
                                      "body": {"message": "已收到，稍后确认"}}),
        _n("r2", "webhook_response", {"respond_with": "json", "status_code": 200,
                                      "body": {"message": "登记成功"}}),
    ], [("t", "c"), ("c", "e", "true"), ("e", "r1"), ("c", "r2", "false")]),
    "y058": _wf([
        _n("t", "webhook_trigger", {"path": "cleaning", "method": "POST"}),
        _n("w", "switch", {"field": "{{ $json.service_type }}", "rules": [
            {"operator": "equals", "value": "深度保洁"},
            {"operator": "equals", "value": "日常保洁"}]}),
        _n("k", "trello", {"resource": "card", "operation": "create", "list_id": "L1",
                           "name": "{{ $json.address }}"}),
        _n("m", "telegram_message", {"chat_id": "-100",
                                     "text": "新的日常保洁 {{ $json.address }}"}),
        _n("e", "send_email", {"to": "me@example.com", "subject": "其他保洁订单",
                               "body": "{{ JSON.stringify($json) }}"}),
    ], [("t", "w"), ("w", "k", "output_0"), ("w", "m", "output_1"), ("w", "e", "output_2")]),
})

ACCEPTABLE_EDITS.update({
    "y068": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "output_0"), ("n3", "n5", "output_1"),
              ("n3", "s", "output_2")], [
        _n("s", "slack_message", {"channel": "#support", "text": "{{ $json.subject }}"})]),
    "y073": ([("n1", "r"), ("r", "n2"), ("n2", "n3", "true"), ("n2", "n4", "false")], [
        _n("r", "webhook_response", {"respond_with": "json", "status_code": 200,
                                     "body": {"ok": True}})]),
    "y078": ([("n1", "q"), ("q", "c"), ("c", "x", "true"), ("c", "n2", "false"), ("n2", "n3"),
              ("n3", "n4")], [
        _n("q", "postgres_query", {"query": "select count(*) as n from users where email = $1",
                                   "parameters": ["{{ $json.email }}"]}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.n }}", "operator": "greater_than",
                                       "right": 0}]}),
        _n("x", "webhook_response", {"respond_with": "json", "status_code": 409,
                                     "body": {"error": "already registered"}})]),
})


# fresh17: written from the request alone, like the blocks above
ACCEPTABLE.update({
    # milking robot: under 12 litres -> SMS the herd manager, otherwise the Yields sheet
    "v000": _wf([
        _n("t", "webhook_trigger", {"path": "milking", "method": "POST"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.yield_litres }}",
                                       "operator": "less_than", "right": 12}]}),
        _n("m", "twilio_sms", {"to": "+3531555010", "from": "+3531555099",
                               "message": "Low yield: cow {{ $json.cow_id }}"}),
        _n("s", "google_sheets_append", {"spreadsheet_id": "1Milk", "sheet_name": "Yields",
                                         "columns": {"cow": "{{ $json.cow_id }}"}}),
    ], [("t", "c"), ("c", "m", "true"), ("c", "s", "false")]),
    # council complaints: AI sorts into four, a switch routes each to its place
    "v007": _wf([
        _n("t", "app_event_trigger", {"app": "outlook", "event": "message_received"}),
        _n("ai", "text_classifier", {"input_text": "{{ $json.body }}", "categories": [
            {"name": "potholes"}, {"name": "bins"}, {"name": "noise"}, {"name": "other"}]}),
        _n("sw", "switch", {"field": "{{ $json.category }}", "rules": [
            {"operator": "equals", "value": "potholes"}, {"operator": "equals", "value": "bins"},
            {"operator": "equals", "value": "noise"}], "fallback": True}),
        _n("a", "asana", {"resource": "task", "operation": "create", "project": "Roads",
                          "name": "{{ $json.subject }}"}),
        _n("e", "send_email", {"to": "ops@wastecontractor.example", "subject": "Bins complaint",
                               "body": "{{ $json.body }}"}),
        _n("f", "freshdesk", {"resource": "ticket", "operation": "create",
                              "subject": "Noise: {{ $json.subject }}"}),
        _n("s", "google_sheets_append", {"spreadsheet_id": "1Clerk", "sheet_name": "Other",
                                         "columns": {"subject": "{{ $json.subject }}"}}),
    ], [("t", "ai"), ("ai", "sw"), ("sw", "a", "output_0"), ("sw", "e", "output_1"),
        ("sw", "f", "output_2"), ("sw", "s", "fallback")]),
    # claims: look the policy up first; lapsed -> email, else a case and the adjuster on Teams
    "v013": _wf([
        _n("t", "app_event_trigger", {"app": "jotform", "event": "form_submitted"}),
        _n("p", "salesforce", {"resource": "search", "operation": "query",
                               "query": "SELECT Status__c FROM Policy__c WHERE Name = "
                                        "'{{ $json.policy_number }}'"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json.Status__c }}", "operator": "equals",
                                       "right": "Lapsed"}]}),
        _n("e", "send_email", {"to": "{{ $json.email }}", "subject": "Your claim",
                               "body": "Your policy has lapsed, so this claim is not covered."}),
        _n("k", "salesforce", {"resource": "case", "operation": "create",
                               "subject": "Claim {{ $json.policy_number }}"}),
        _n("m", "microsoft_teams_message", {"team_id": "claims", "channel_id": "adjusters",
                                            "message": "New claim case {{ $json.id }}"}),
    ], [("t", "p"), ("p", "c"), ("c", "e", "true"), ("c", "k", "false"), ("k", "m")]),
    # lab results: critical / abnormal / normal on a switch of the flag
    "v046": _wf([
        _n("t", "webhook_trigger", {"path": "lis-results", "method": "POST"}),
        _n("sw", "switch", {"field": "{{ $json.flag }}", "rules": [
            {"operator": "equals", "value": "危急"}, {"operator": "equals", "value": "异常"},
            {"operator": "equals", "value": "正常"}]}),
        _n("call", "twilio", {"resource": "call", "operation": "make", "to": "+861055501",
                              "from": "+861055599", "message": "危急值 {{ $json.patient }}"}),
        _n("w1", "wecom", {"resource": "message", "operation": "send", "touser": "oncall",
                           "text": "危急值 {{ $json.patient }}"}),
        _n("w2", "wecom", {"resource": "webhook", "operation": "send", "key": "LAB",
                           "text": "异常结果 {{ $json.patient }}"}),
        _n("db", "postgres", {"resource": "database", "operation": "insert",
                              "table": "results"}),
    ], [("t", "sw"), ("sw", "call", "output_0"), ("sw", "w1", "output_0"),
        ("sw", "w2", "output_1"), ("sw", "db", "output_2")]),
    # lab orders: empty diagnosis -> 400 and an email to the doctor; else the sheet and 200
    "v077": _wf([
        _n("t", "webhook_trigger", {"path": "his-orders", "method": "POST",
                                    "respond": "using_node"}),
        _n("c", "if", {"conditions": [{"left": "{{ $json['临床诊断'] }}",
                                       "operator": "is_empty"}]}),
        _n("r4", "webhook_response", {"respond_with": "json", "status_code": 400,
                                      "body": {"error": "临床诊断为空"}}),
        _n("e", "send_email", {"to": "{{ $json.doctor_email }}", "subject": "检验申请被退回",
                               "body": "请补填临床诊断"}),
        _n("s", "google_sheets_append", {"spreadsheet_id": "1Lab", "sheet_name": "检验申请",
                                         "columns": {"diagnosis": "{{ $json['临床诊断'] }}"}}),
        _n("r2", "webhook_response", {"respond_with": "json", "status_code": 200,
                                      "body": {"ok": True}}),
    ], [("t", "c"), ("c", "r4", "true"), ("r4", "e"), ("c", "s", "false"), ("s", "r2")]),
})

ACCEPTABLE_EDITS.update({
    # P1: below 10000 also email the director; Slack stays for every day
    "v080": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4"), ("n3", "c"), ("c", "e", "true")], [
        _n("c", "if", {"conditions": [{"left": "{{ $('Get sales').item.json.total }}",
                                       "operator": "less_than", "right": 10000}]}),
        _n("e", "send_email", {"to": "director@acme.io", "subject": "Sales below 10k",
                               "body": "{{ $json.summary }}"})]),
    # P9: China -> WeCom instead of HubSpot, other countries HubSpot, the thank-you for all
    "v088": ([("n1", "c"), ("c", "w", "true"), ("c", "n2", "false"), ("n1", "n3")], [
        _n("c", "if", {"conditions": [{"left": "{{ $json['国家'] }}", "operator": "equals",
                                       "right": "中国"}]}),
        _n("w", "wecom", {"resource": "webhook", "operation": "send", "key": "CN_SALES",
                          "text": "新线索 {{ $json.Email }}"})]),
    # P19: 40-70 -> a HubSpot ticket for follow-up, over 70 Salesforce as before
    "v098": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n3", "m", "false"),
              ("m", "h", "true")], [
        _n("m", "if", {"conditions": [
            {"left": "{{ $json.score }}", "operator": "greater_than", "right": 39},
            {"left": "{{ $json.score }}", "operator": "less_than", "right": 71}]}),
        _n("h", "hubspot", {"resource": "ticket", "operation": "create",
                            "subject": "Follow up {{ $json.email }}"})]),
})


def _edited(row: dict[str, Any], edges: list[tuple[str, ...]],
            added: list[dict[str, Any]]) -> dict[str, Any]:
    """The prior with ``added`` nodes and its connections replaced by ``edges``."""
    prior = row["prior"]
    return {"name": prior["name"], "nodes": [*prior["nodes"], *added], "connections": [
        {"from_node": e[0], "to_node": e[1], "from_output": e[2] if len(e) > 2 else "main"}
        for e in edges]}


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE_EDITS))
def test_checks_accept_a_right_edit(rid: str) -> None:
    row = next(r for r in ALL_ROWS if r["id"] == rid)
    outcome = {"workflow": _edited(row, *ACCEPTABLE_EDITS[rid]), "prior": row["prior"],
               "question": None, "generation": "complete"}
    failed = [(c, why) for c in row["checks"] for ok, why in [C.evaluate(c, outcome)] if not ok]
    assert not failed, failed


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE))
def test_checks_accept_a_right_workflow(rid: str) -> None:
    row = next(r for r in ALL_ROWS if r["id"] == rid)
    outcome = {"workflow": ACCEPTABLE[rid], "prior": None, "question": None,
               "generation": "complete"}
    failed = [(c, why) for c in row["checks"] for ok, why in [C.evaluate(c, outcome)] if not ok]
    assert not failed, failed


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh2"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh2"] if r.get("prior")])
def test_fresh2_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check, unless no change is the right answer."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    results = [C.evaluate(c, outcome)[0] for c in row["checks"]]
    if {"unchanged": True} in row["checks"]:
        assert all(results)
    else:
        assert not all(results)


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh5"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh5"] if r.get("prior")])
def test_fresh5_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check, unless no change is the right answer."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    results = [C.evaluate(c, outcome)[0] for c in row["checks"]]
    if {"unchanged": True} in row["checks"]:
        assert all(results)
    else:
        assert not all(results)


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh6"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh6"] if r.get("prior")])
def test_fresh6_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh6 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh6_edits_each_prior_once() -> None:
    names = [r["prior"]["name"] for r in SET_ROWS["fresh6"] if r.get("prior")]
    assert len(names) == 20 and len(set(names)) == 20


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh8"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh8"] if r.get("prior")])
def test_fresh8_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh8 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh8_edits_each_prior_once() -> None:
    names = [r["prior"]["name"] for r in SET_ROWS["fresh8"] if r.get("prior")]
    assert len(names) == 20 and len(set(names)) == 20


def test_fresh8_composition() -> None:
    """The brief's shares: 40/40 languages, >= 40 with conditions, 20 edits, >= 30 long tail."""
    comp = build_fresh8.composition(SET_ROWS["fresh8"])
    assert comp["en"] == 40 and comp["zh"] == 40
    assert comp["condition"] >= 40 and comp["edit"] == 20 and comp["longtail"] >= 30


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh9"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh9"] if r.get("prior")])
def test_fresh9_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh9 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh9_edits_each_prior_at_most_once() -> None:
    names = [r["prior"]["name"] for r in SET_ROWS["fresh9"] if r.get("prior")]
    assert len(names) == 16 and len(set(names)) == 16
    assert all(any("kept_ids" in c for c in r["checks"])
               for r in SET_ROWS["fresh9"] if r.get("prior"))


def test_fresh9_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8"):
        path = HERE / f"requests_{name}.jsonl"
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh9"]) if t in others)
    assert repeated == 0


def test_fresh9_composition() -> None:
    """The brief's shares: 40/40 languages, about a third with conditions, 16 edits, about a
    third long tail, a few vague requests."""
    comp = build_fresh9.composition(SET_ROWS["fresh9"])
    assert comp["en"] == 40 and comp["zh"] == 40
    assert 27 <= comp["condition"] <= 34 and comp["edit"] == 16
    assert 27 <= comp["longtail"] <= 34 and comp["question"] >= 3


def test_fresh10_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: the other sets' sentences are never shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh4", "fresh5", "fresh6", "fresh8"):
        others |= set(_texts(SET_ROWS[name]))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh10"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh10"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh10"] if r.get("prior")])
def test_fresh10_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh10 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh10_edits_each_prior_once_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh10"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 20 and len(set(names)) == 20
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh10_composition() -> None:
    """The brief's shares: 50/50 languages, about 40% with conditions, 20 edits, >= a third
    long tail, a few vague requests."""
    comp = build_fresh10.composition(SET_ROWS["fresh10"])
    assert comp["en"] == 50 and comp["zh"] == 50
    assert 35 <= comp["condition"] <= 45 and comp["edit"] == 20 and comp["longtail"] >= 34
    assert comp["question"] == 4


def test_fresh11_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: the other sets' sentences are never shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh4", "fresh5", "fresh6", "fresh8", "fresh9", "fresh10"):
        others |= set(_texts(SET_ROWS[name]))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh11"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh11"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh11"] if r.get("prior")])
def test_fresh11_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh11 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh11_edits_cover_every_prior_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh11"] if r.get("prior")]
    names = {r["prior"]["name"] for r in edits}
    assert len(edits) == 25 and len(names) == 20
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh11_composition() -> None:
    """The brief's shares: 60/40 languages, condition-heavy (about 65 in the text; the scorer's
    reading counts those with a condition check outside an ``any`` with a selector), 25 edits,
    about a third long tail, a few vague requests."""
    comp = build_fresh11.composition(SET_ROWS["fresh11"])
    assert comp["en"] == 60 and comp["zh"] == 40
    assert 55 <= comp["condition"] <= 70 and comp["edit"] == 25
    assert 30 <= comp["longtail"] <= 40 and comp["question"] == 3


def test_fresh12_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
                 "fresh9", "fresh10", "fresh11"):
        path = HERE / f"requests_{name}.jsonl"
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh12"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh12"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh12"] if r.get("prior")])
def test_fresh12_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh12 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh12_edits_use_every_prior_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh12"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 25 and len(set(names)) == 20
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh12_composition() -> None:
    """The brief's shares: 50/50 languages, about 40 with conditions, about 25 edits, about a
    third long tail, a few vague requests."""
    comp = build_fresh12.composition(SET_ROWS["fresh12"])
    assert comp["en"] == 50 and comp["zh"] == 50
    assert 35 <= comp["condition"] <= 45 and comp["edit"] == 25
    assert 34 <= comp["longtail"] <= 42 and comp["question"] == 4


def test_fresh13_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
                 "fresh9", "fresh10", "fresh11", "fresh12"):
        path = HERE / f"requests_{name}.jsonl"
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh13"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh13"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh13"] if r.get("prior")])
def test_fresh13_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh13 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh13_edits_each_prior_once_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh13"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 16 and len(set(names)) == 16
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh13_composition() -> None:
    """The brief's shares: 40/40 languages, about a third with conditions, 16 edits, about a
    third long tail, three vague requests."""
    comp = build_fresh13.composition(SET_ROWS["fresh13"])
    assert comp["en"] == 40 and comp["zh"] == 40
    assert 27 <= comp["condition"] <= 34 and comp["edit"] == 16
    assert 27 <= comp["longtail"] <= 34 and comp["question"] == 3


def test_fresh15_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set(_texts(_read(MAIN)))
    for k in range(1, 15):
        path = HERE / ("requests_fresh.jsonl" if k == 1 else f"requests_fresh{k}.jsonl")
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh15"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh15"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh15"] if r.get("prior")])
def test_fresh15_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh15 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh15_edits_each_prior_once_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh15"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 16 and len(set(names)) == 16
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh15_composition() -> None:
    """The brief's shares: 40/40 languages, about a third with conditions, 16 edits, about a
    third long tail, three vague requests."""
    comp = build_fresh15.composition(SET_ROWS["fresh15"])
    assert comp["en"] == 40 and comp["zh"] == 40
    assert 27 <= comp["condition"] <= 34 and comp["edit"] == 16
    assert 27 <= comp["longtail"] <= 34 and comp["question"] == 3


def test_fresh14_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set()
    for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
                 "fresh9", "fresh10", "fresh11", "fresh12", "fresh13"):
        path = HERE / f"requests_{name}.jsonl"
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh14"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh14"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh14"] if r.get("prior")])
def test_fresh14_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh14 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh14_edits_each_prior_once_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh14"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 20 and len(set(names)) == 20
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh14_composition() -> None:
    """The brief's shares: 50/50 languages, about 35 with conditions, 20 edits, about 40 long
    tail, three vague requests."""
    comp = build_fresh14.composition(SET_ROWS["fresh14"])
    assert comp["en"] == 50 and comp["zh"] == 50
    assert 33 <= comp["condition"] <= 40 and comp["edit"] == 20
    assert 38 <= comp["longtail"] <= 44 and comp["question"] == 3


def test_fresh16_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set(_texts(_read(MAIN)))
    for k in range(1, 16):
        path = HERE / ("requests_fresh.jsonl" if k == 1 else f"requests_fresh{k}.jsonl")
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh16"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh16"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh16"] if r.get("prior")])
def test_fresh16_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh16 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh16_edits_each_prior_once_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh16"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 20 and len(set(names)) == 20
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh16_composition() -> None:
    """The brief's shares: 50/50 languages, about a third with conditions, 20 edits, about a
    third long tail, three vague requests."""
    comp = build_fresh16.composition(SET_ROWS["fresh16"])
    assert comp["en"] == 50 and comp["zh"] == 50
    assert 34 <= comp["condition"] <= 40 and comp["edit"] == 20
    assert 34 <= comp["longtail"] <= 40 and comp["question"] == 3


def test_fresh18_repeats_no_sentence_of_earlier_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set(_texts(_read(MAIN)))
    for k in range(1, 18):
        path = HERE / ("requests_fresh.jsonl" if k == 1 else f"requests_fresh{k}.jsonl")
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh18"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh18"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh18"] if r.get("prior")])
def test_fresh18_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh18 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh18_edits_each_prior_once_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh18"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 16 and len(set(names)) == 16
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh18_composition() -> None:
    """The brief's shares: 40/40 languages, about a third with conditions, 16 edits, about a
    third long tail, two vague requests."""
    comp = build_fresh18.composition(SET_ROWS["fresh18"])
    assert comp["en"] == 40 and comp["zh"] == 40
    assert 27 <= comp["condition"] <= 32 and comp["edit"] == 16
    assert 27 <= comp["longtail"] <= 32 and comp["question"] == 2

def test_fresh17_repeats_no_sentence_of_earlier_fresh_sets() -> None:
    # a count only: no sentence of any set is shown by this test
    others = set(_texts(_read(MAIN)))
    for k in range(1, 17):
        path = HERE / ("requests_fresh.jsonl" if k == 1 else f"requests_fresh{k}.jsonl")
        if path.exists():
            others |= set(_texts(_read(path)))
    repeated = sum(1 for t in _texts(SET_ROWS["fresh17"]) if t in others)
    assert repeated == 0


@pytest.mark.parametrize("row", [r for r in SET_ROWS["fresh17"] if r.get("prior")],
                         ids=[r["id"] for r in SET_ROWS["fresh17"] if r.get("prior")])
def test_fresh17_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh17 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


def test_fresh17_edits_each_prior_once_with_kept_ids() -> None:
    edits = [r for r in SET_ROWS["fresh17"] if r.get("prior")]
    names = [r["prior"]["name"] for r in edits]
    assert len(names) == 20 and len(set(names)) == 20
    assert all(any("kept_ids" in c for c in r["checks"]) for r in edits)


def test_fresh17_composition() -> None:
    """The brief's shares: 50/50 languages, about 60 with a condition, 20 edits (at least ten
    of them adding or changing a condition), about 35 long tail, three vague requests."""
    comp = build_fresh17.composition(SET_ROWS["fresh17"])
    assert comp["en"] == 50 and comp["zh"] == 50
    assert 55 <= comp["condition"] <= 68 and comp["edit"] == 20
    assert 34 <= comp["longtail"] <= 40 and comp["question"] == 3
    edits = [r for r in SET_ROWS["fresh17"] if r.get("prior")]
    assert sum("condition" in r["categories"] for r in edits) >= 10


"""The seventh fresh held-out set (``fresh7``) is well formed, without running the planner.

    .venv/bin/pytest bench/eval_planner/test_fresh7_set.py

Kept apart from ``test_fresh_set.py`` so that nobody reading that file sees fresh7's requests.
Every check has a kind the scorer knows, every selector names catalog apps and subtypes, edits'
kept ids exist in their prior, the file is what ``build_fresh7.py`` writes, no request repeats
one of requests.jsonl or of any other fresh set (compared as counts; no other set's text is
printed), each prior P1-P20 is edited at most twice and the prior alone fails its edit's checks,
and a few hand-written right workflows pass their checks. Nothing here starts a server or calls
the planner.
"""

# ruff: noqa: E501
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_fresh7  # noqa: E402
import checks as C  # noqa: E402

FILE = HERE / "requests_fresh7.jsonl"
N, PREFIX, SPLIT = 80, "m", "fresh7"


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


ROWS = _read(FILE)

SELECTOR_KEYS = {"service", "verb", "text", "core", "ai", "approval", "condition_node",
                 "trigger_node", "any"}
VERBS = {"create", "read", "update", "delete"}
AI_KINDS = {"any", "agent", *C.SPECIFIC_AI}
TRIGGER_KINDS = {*C.TRIGGER_KIND.values(), "app_event"}
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
        assert set(check["path_avoiding"]) == {"to", "avoid"}, where
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
    check_selector(check, where)


def test_file_is_what_its_builder_writes() -> None:
    built = build_fresh7.build()
    assert json.loads(json.dumps(built, ensure_ascii=False)) == ROWS


def test_ids_split_and_fields() -> None:
    assert len(ROWS) == N
    for i, row in enumerate(ROWS):
        assert row["id"] == f"{PREFIX}{i:03d}"
        assert row["split"] == SPLIT
        assert row["lang"] in ("en", "zh")
        assert row["request"].strip() and row["checks"]
        assert set(row) <= {"id", "split", "lang", "categories", "request", "checks", "prior",
                            "note"}


def test_ids_unique_across_sets() -> None:
    ids = [r["id"] for r in ROWS]
    assert len(set(ids)) == len(ids)
    others = set()
    for path in sorted(HERE.glob("requests*.jsonl")):
        if path != FILE:
            others |= {r.get("id") for r in _read(path)}
    assert not set(ids) & others


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_check_is_well_formed(row: dict[str, Any]) -> None:
    for k, check in enumerate(row["checks"]):
        check_check(check, row, f"{row['id']} check {k}")


def _verb_selectors(obj: Any) -> list[dict[str, Any]]:
    """Every service selector with a verb inside a check."""
    out: list[dict[str, Any]] = []
    if isinstance(obj, dict):
        if "service" in obj and "verb" in obj:
            out.append(obj)
        for v in obj.values():
            out += _verb_selectors(v)
    elif isinstance(obj, list):
        for v in obj:
            out += _verb_selectors(v)
    return out


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_service_verbs_are_catalog_operations(row: dict[str, Any]) -> None:
    """A selector's verb is the verb of some operation its app has in the catalog."""
    for sel in _verb_selectors(row["checks"]):
        want = set(_words(sel["verb"]))
        ok = False
        for app in _words(sel["service"]):
            a = C._catalog().app(app)
            if a is None:
                ok = ok or app in KNOWN_APPS
                continue
            ops = [op for res in a.resources.values() for op in res.operations]
            ok = ok or any(C._op_verbs(op) & want for op in ops)
        assert ok, f"{row['id']}: no operation of {sel['service']} is a {want}"


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


def _texts(rows: list[dict[str, Any]]) -> list[str]:
    return [r["request"].strip().lower() for r in rows]


def test_no_sentence_repeated_from_other_sets() -> None:
    # a count only: the other sets' sentences are never shown by this test
    texts = _texts(ROWS)
    assert len(set(texts)) == len(texts)
    others: set[str] = set()
    for path in sorted(HERE.glob("requests*.jsonl")):
        if path != FILE:
            others |= set(_texts(_read(path)))
    assert others, "no other set found"
    repeated = sum(1 for t in texts if t in others)
    assert repeated == 0


def test_composition() -> None:
    comp = build_fresh7.composition(ROWS)
    n = comp["all"]
    assert n == N
    assert comp["zh"] == comp["en"] == n // 2
    assert 45 <= comp["condition"] <= 55
    assert comp["edit"] == 20
    assert 55 <= comp["longtail"] <= 68
    assert 3 <= comp["question"] <= 4


def _priors() -> list[dict[str, Any]]:
    return [r for r in ROWS if r.get("prior")]


def test_each_prior_edited_at_most_twice() -> None:
    counts = Counter(r["prior"]["name"] for r in _priors())
    assert counts and max(counts.values()) <= 2


@pytest.mark.parametrize("row", _priors(), ids=[r["id"] for r in _priors()])
def test_prior_alone_does_not_pass(row: dict[str, Any]) -> None:
    """An edit that changed nothing fails some check (fresh7 has no no-change request)."""
    outcome = {"workflow": row["prior"], "prior": row["prior"], "question": None,
               "generation": "complete", "prior_version": 1, "final_version": 1}
    assert not all(C.evaluate(c, outcome)[0] for c in row["checks"])


@pytest.mark.parametrize("row", [r for r in ROWS if any("asks_about" in c for c in r["checks"])],
                         ids=[r["id"] for r in ROWS if any("asks_about" in c for c in r["checks"])])
def test_a_vague_request_is_answered_by_a_question(row: dict[str, Any]) -> None:
    wf = {"name": "x", "nodes": [], "connections": []}
    assert not any(C.evaluate(c, {"workflow": wf, "question": None})[0] for c in row["checks"])


# a few workflows a demanding user would accept, hand-written from the request alone
def _n(i: str, subtype: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    spec = C._spec(subtype)
    return {"id": i, "name": i, "type": str(spec.family) if spec else "ACTION",
            "subtype": subtype, "parameters": params or {}}


def _wf(nodes: list[dict[str, Any]], edges: list[tuple[str, ...]]) -> dict[str, Any]:
    return {"name": "t", "nodes": nodes, "connections": [
        {"from_node": e[0], "to_node": e[1], "from_output": e[2] if len(e) > 2 else "main"}
        for e in edges]}


def _if(left: str, op: str, right: Any = None) -> dict[str, Any]:
    c: dict[str, Any] = {"left": "{{ $json." + left + " }}", "operator": op}
    if right is not None:
        c["right"] = right
    return {"conditions": [c]}


ACCEPTABLE = {
    # carrier webhook: 200 first; switch on status: exception -> Freshservice + WhatsApp,
    # delivered -> WooCommerce update
    "m006": _wf([
        _n("t", "webhook_trigger", {"path": "tracking"}),
        _n("r", "webhook_response", {"status_code": 200}),
        _n("s", "switch", {"field": "{{ $json.status }}", "rules": [
            {"operator": "equals", "value": "exception"}, {"operator": "equals", "value": "delivered"}]}),
        _n("fs", "freshservice", {"resource": "ticket", "operation": "create"}),
        _n("wa", "whatsapp", {"resource": "message", "operation": "send"}),
        _n("wc", "woocommerce", {"resource": "order", "operation": "update", "status": "completed"}),
    ], [("t", "r"), ("r", "s"), ("s", "fs", "output_0"), ("fs", "wa"), ("s", "wc", "output_1")]),
    # GitLab pipeline: failed? -> main? -> Opsgenie / Mattermost
    "m009": _wf([
        _n("t", "gitlab_trigger", {"event": "pipeline"}),
        _n("f", "if", _if("object_attributes.status", "equals", "failed")),
        _n("b", "if", _if("object_attributes.ref", "equals", "main")),
        _n("o", "opsgenie", {"resource": "alert", "operation": "create"}),
        _n("m", "mattermost", {"resource": "message", "operation": "post", "channel": "ci"}),
    ], [("t", "f"), ("f", "b", "true"), ("b", "o", "true"), ("b", "m", "false")]),
    # warehouse webhook: weight > 30 -> Deppon / SF, then one DingTalk message
    "m031": _wf([
        _n("t", "webhook_trigger", {"path": "outbound"}),
        _n("c", "if", _if("weight", "greater_than", 30)),
        _n("d", "http_request", {"method": "POST", "url": "https://api.deppon.example/orders"}),
        _n("s", "http_request", {"method": "POST", "url": "https://api.sf.example/orders"}),
        _n("m", "merge", {}),
        _n("dt", "dingtalk", {"resource": "message", "operation": "send"}),
    ], [("t", "c"), ("c", "d", "true"), ("c", "s", "false"), ("d", "m"), ("s", "m"), ("m", "dt")]),
    # CVs by Gmail: extract -> certificate? -> Baserow + Feishu / reply
    "m033": _wf([
        _n("t", "gmail_trigger", {"event": "message_received"}),
        _n("x", "information_extractor", {"attributes": [{"name": "name"}, {"name": "has_certificate"}]}),
        _n("c", "if", _if("has_certificate", "is_true")),
        _n("b", "baserow", {"resource": "row", "operation": "create"}),
        _n("f", "feishu", {"resource": "webhook", "operation": "send"}),
        _n("r", "gmail", {"resource": "message", "operation": "reply"}),
    ], [("t", "x"), ("x", "c"), ("c", "b", "true"), ("b", "f"), ("c", "r", "false")]),
    # catering form: Airtable always; headcount > 40 -> Discord + Telegram
    "m024": _wf([
        _n("t", "form_trigger", {"fields": [{"label": "headcount"}]}),
        _n("a", "airtable", {"resource": "record", "operation": "create"}),
        _n("c", "if", _if("headcount", "greater_than", 40)),
        _n("d", "discord", {"resource": "message", "operation": "send"}),
        _n("g", "telegram", {"resource": "message", "operation": "sendMessage"}),
    ], [("t", "a"), ("a", "c"), ("c", "d", "true"), ("c", "g", "true")]),
    # new Shopify customer: accepts marketing? -> ActiveCampaign / HubSpot
    "m055": _wf([
        _n("t", "shopify_trigger", {"event": "customer_created"}),
        _n("c", "if", _if("accepts_marketing", "is_true")),
        _n("ac", "activecampaign", {"resource": "contactList", "operation": "add"}),
        _n("h", "hubspot", {"resource": "contact", "operation": "upsert"}),
    ], [("t", "c"), ("c", "ac", "true"), ("c", "h", "false")]),
}

# an edit: (the edited workflow's connections, the nodes it adds to the prior's, nodes replaced)
ACCEPTABLE_EDITS = {
    # P15: webhook -> validate -> valid? -> Postgres -> Mailchimp -> 200 / 400
    "m074": ([("n1", "v"), ("v", "c"), ("c", "n2", "true"), ("c", "r", "false"), ("n2", "n3"),
              ("n3", "n4")],
             [_n("v", "http_request", {"method": "GET",
                                       "url": "https://api.zerobounce.example/validate?email={{ $json.email }}"}),
              _n("c", "if", _if("status", "equals", "valid")),
              _n("r", "webhook_response", {"status_code": 400})], {}),
    # P19: > 85 -> Salesforce; else < 30 -> delete in HubSpot
    "m078": ([("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true"), ("n3", "lo", "false"),
              ("lo", "d", "true")],
             [_n("lo", "if", _if("score", "less_than", 30)),
              _n("d", "hubspot", {"resource": "contact", "operation": "delete"})],
             {"n3": _n("n3", "if", _if("score", "greater_than", 85))}),
    # P20: Notion -> Dropbox (error -> email) and -> SFTP
    "m079": ([("n1", "n2"), ("n2", "n3"), ("n2", "f"), ("n3", "e", "error")],
             [_n("f", "ftp", {"resource": "file", "operation": "upload", "path": "/backups/notion"}),
              _n("e", "send_email", {"to": "me@example.com", "subject": "Dropbox upload failed"})], {}),
}


def _edited(row: dict[str, Any], edges: list[tuple[str, ...]], added: list[dict[str, Any]],
            replaced: dict[str, dict[str, Any]]) -> dict[str, Any]:
    prior = row["prior"]
    nodes = [replaced.get(n["id"], n) for n in prior["nodes"]]
    return {"name": prior["name"], "nodes": [*nodes, *added], "connections": [
        {"from_node": e[0], "to_node": e[1], "from_output": e[2] if len(e) > 2 else "main"}
        for e in edges]}


def _row(rid: str) -> dict[str, Any]:
    return next(r for r in ROWS if r["id"] == rid)


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE))
def test_checks_accept_a_right_workflow(rid: str) -> None:
    outcome = {"workflow": ACCEPTABLE[rid], "prior": None, "question": None,
               "generation": "complete"}
    failed = [(c, why) for c in _row(rid)["checks"] for ok, why in [C.evaluate(c, outcome)]
              if not ok]
    assert not failed, failed


@pytest.mark.parametrize("rid", sorted(ACCEPTABLE_EDITS))
def test_checks_accept_a_right_edit(rid: str) -> None:
    row = _row(rid)
    outcome = {"workflow": _edited(row, *ACCEPTABLE_EDITS[rid]), "prior": row["prior"],
               "question": None, "generation": "complete"}
    failed = [(c, why) for c in row["checks"] for ok, why in [C.evaluate(c, outcome)] if not ok]
    assert not failed, failed

"""The scorer's structural checks: pure functions over a workflow dict (our JSON).

``evaluate(check, outcome)`` returns ``(passed, reason)`` for one check of
``requests.jsonl``; ``outcome`` says what the planner produced:

    {"workflow": {...} | None,      # the workflow after the turn (for an edit: its current version)
     "prior": {...} | None,         # the edited workflow as imported (edits only)
     "question": {"text": "..."} | None,  # the turn answered with a question instead
     "generation": "complete" | "error" | None,   # how the generation ended (None: none ran)
     "prior_version": int | None, "final_version": int | None}

``check_workflow(workflow, check)`` is the same for a workflow alone. Nothing here does I/O
except reading the catalog (to know which service operation a node performs).

The vocabulary (docs/evaluation.md, "Planner evaluation (structural)"):

selectors (a node matches) — ``{"service": app|[apps], "verb": v|[v]}``, ``{"core": subtype|[..]}``,
``{"ai": kind}``, ``{"approval": true}``, ``{"condition_node": true}``, ``{"trigger_node": true}``,
``{"any": [sel, ...]}``; any selector may add ``"text"``: a word (or words, any of) its parameters
must contain. A selector used as a check means "some node matches".

checks — ``trigger``, ``schedule``, ``order``, ``guarded`` (+``by_field``), ``unguarded``,
``branches``, ``branch_count``, ``path_avoiding``, ``condition_satisfiable``, ``no_question``,
``asks_about``, ``kept_ids``, ``removed``/``absent``, ``unchanged``, ``any`` (of checks).
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

Result = tuple[bool, str]

# per-action subtypes the catalog keeps for stored workflows, should it not (yet) name the
# app operation they equal (alias_of); None: any verb (a SQL query may read or write)
LEGACY: dict[str, tuple[str, str | None]] = {
    "slack_message": ("slack", "create"),
    "gmail_send": ("gmail", "create"),
    "telegram_message": ("telegram", "create"),
    "discord_message": ("discord", "create"),
    "microsoft_teams_message": ("microsoft_teams", "create"),
    "twilio_sms": ("twilio", "create"),
    "google_sheets_append": ("google_sheets", "create"),
    "google_sheets_read": ("google_sheets", "read"),
    "notion_create_page": ("notion", "create"),
    "github_create_issue": ("github", "create"),
    "postgres_query": ("postgres", None),
    "mysql_query": ("mysql", None),
    "airtable_create_record": ("airtable", "create"),
}

# an HTTP Request to a service's own API performs that service's operation (by method)
DOMAINS: dict[str, list[str]] = {
    "jira": ["atlassian.net"],
    "hubspot": ["hubapi.com"],
    "salesforce": ["salesforce.com"],
    "asana": ["app.asana.com/api"],
    "trello": ["api.trello.com"],
    "zendesk": ["zendesk.com/api"],
    "servicenow": ["service-now.com"],
    "box": ["api.box.com", "upload.box.com"],
    "dropbox": ["dropboxapi.com"],
    "microsoft_teams": ["webhook.office.com", "graph.microsoft.com/v1.0/teams"],
    "outlook": ["graph.microsoft.com/v1.0/me"],
    "microsoft_outlook": ["graph.microsoft.com/v1.0/me"],
    "shopify": ["myshopify.com"],
    "stripe": ["api.stripe.com"],
    "typeform": ["api.typeform.com"],
    "airtable": ["api.airtable.com"],
    "mailchimp": ["api.mailchimp.com"],
    "pipedrive": ["pipedrive.com"],
    "linear": ["api.linear.app"],
    "clickup": ["api.clickup.com"],
    "monday_com": ["api.monday.com"],
    "monday": ["api.monday.com"],
    "dingtalk": ["oapi.dingtalk.com"],
    "feishu": ["open.feishu.cn", "open.larksuite.com"],
    "lark": ["open.larksuite.com"],
    "wecom": ["qyapi.weixin.qq.com"],
    "twilio": ["api.twilio.com"],
    "openai": ["api.openai.com"],
    "slack": ["slack.com/api", "hooks.slack.com"],
    "telegram": ["api.telegram.org"],
    "discord": ["discord.com/api"],
    "github": ["api.github.com"],
    "notion": ["api.notion.com"],
    "intercom": ["api.intercom.io"],
    "pagerduty": ["pagerduty.com"],
    "mongodb": ["data.mongodb-api.com"],
}
METHOD_VERB = {"POST": {"create"}, "GET": {"read"}, "PUT": {"update", "create"},
               "PATCH": {"update"}, "DELETE": {"delete"}}

PREFIX_VERBS = [
    ("create", ("create", "add", "send", "post", "push", "upload", "make", "publish", "insert",
                "append", "reply", "invite", "write", "broadcast", "upsert")),
    ("read", ("get", "list", "read", "search", "lookup", "download", "find", "query", "select",
              "history", "fetch")),
    ("update", ("update", "edit", "patch", "move", "rename", "mark", "upsert", "set", "close")),
    ("delete", ("delete", "remove", "archive", "clear", "cancel")),
]

GENERIC_AI = {"llm_chat", "ai_agent", "n8n_ai_node"}
SPECIFIC_AI = {
    "summarize": {"summarizer"},
    "classify": {"text_classifier"},
    "extract": {"information_extractor"},
    "sentiment": {"sentiment_analysis", "text_classifier"},
    "translate": set(),
}
CONDITION_SUBTYPES = {"if", "switch", "filter"}
# a loop's body returns into it; those back-edges are no path from one output to another
LOOP_SUBTYPES = {"loop", "split_in_batches"}
ROUTER_SUBTYPES = {"if", "switch"}
TRIGGER_KIND = {
    "schedule_trigger": "schedule", "webhook_trigger": "webhook", "form_trigger": "form",
    "email_trigger": "email", "manual_trigger": "manual", "chat_trigger": "chat",
    "error_trigger": "error", "rss_trigger": "rss",
}
MAIL_APPS = {"gmail", "outlook", "microsoft_outlook"}
WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]


# ---------------------------------------------------------------- catalog access
@lru_cache(maxsize=1)
def _catalog() -> Any:
    from flowsmith.core.catalog import load_catalog

    return load_catalog()


def _spec(subtype: str) -> Any:
    return _catalog().get(subtype)


def _app_has_events(app: str) -> bool:
    a = _catalog().app(app)
    return bool(a is not None and a.triggers)


def _app_category(app: str) -> str | None:
    a = _catalog().app(app)
    return None if a is None else a.category


# ---------------------------------------------------------------- node facts
def _norm(s: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(s).lower())


def _words(x: str | list[Any] | None) -> list[str]:
    """A word or a list of words; a list nested in the list (``asks(["a", "b"])``) is its
    words, the same alternatives."""
    if x is None:
        return []
    return [x] if isinstance(x, str) else [w for part in x for w in _words(part)]


def _ptext(node: dict[str, Any]) -> str:
    return json.dumps(node.get("parameters") or {}, ensure_ascii=False).lower()


def _op_verbs(operation: str | None) -> set[str]:
    if not operation:
        return set()
    from flowsmith.core.services import verb_of

    out = set(verb_of(operation))
    low = operation.lower()
    for verb, prefixes in PREFIX_VERBS:
        if low.startswith(prefixes):
            out.add(verb)
    return out


def service_ops(node: dict[str, Any]) -> list[tuple[str, set[str] | None, bool]]:
    """(app, verbs or None for any, is_trigger) for each service operation ``node`` performs."""
    subtype = str(node.get("subtype", ""))
    params = node.get("parameters") or {}
    out: list[tuple[str, set[str] | None, bool]] = []
    op = None
    try:
        from flowsmith.core.models import Node
        from flowsmith.core.services import node_service

        op = node_service(Node.model_validate(node), _catalog())
    except Exception:
        op = None
    if op is not None:
        out.append((op.app, _op_verbs(op.operation) if not op.trigger else set(), op.trigger))
    elif subtype in LEGACY:
        app, verb = LEGACY[subtype]
        out.append((app, None if verb is None else {verb}, False))
    elif _spec(subtype) is None and "operation" in params:
        # an app the catalog does not hold (yet), in the app-node shape
        out.append((subtype, _op_verbs(str(params.get("operation"))), False))
    if subtype == "app_event_trigger":
        out.append((str(params.get("app", "")), set(), True))
    if subtype == "http_request":
        url = str(params.get("url", "")).lower()
        method = str(params.get("method", "GET")).upper()
        for app, domains in DOMAINS.items():
            if any(d in url for d in domains):
                out.append((app, set(METHOD_VERB.get(method, set())), False))
    return out


def _family(node: dict[str, Any]) -> str:
    fam = node.get("type")
    if fam:
        return str(fam)
    spec = _spec(str(node.get("subtype", "")))
    return str(spec.family) if spec is not None else ""


def _is_trigger(node: dict[str, Any]) -> bool:
    return _family(node) == "TRIGGER"


def _is_approval(node: dict[str, Any]) -> bool:
    if _family(node) == "HUMAN_IN_THE_LOOP":
        return True
    op = str((node.get("parameters") or {}).get("operation", "")).lower()
    return "sendandwait" in op or "approval" in op


def _is_gate(node: dict[str, Any], wf: dict[str, Any]) -> bool:
    if node.get("subtype") in CONDITION_SUBTYPES or _is_approval(node):
        return True
    outs = {c.get("from_output", "main") for c in wf.get("connections", [])
            if c.get("from_node") == node.get("id")} - {"error"}
    return len(outs) >= 2


def _ai_match(node: dict[str, Any], kind: str) -> bool:
    subtype = node.get("subtype")
    apps = [a for a, _, trig in service_ops(node) if not trig]
    generic = subtype in GENERIC_AI or any(a == "openai" or _app_category(a) == "ai" for a in apps)
    if kind == "any":
        return _family(node) == "AI_AGENT" or generic
    if kind == "agent":
        if subtype == "ai_agent":
            return True
        return subtype == "n8n_ai_node" and "agent" in _ptext(node)
    return subtype in SPECIFIC_AI.get(kind, set()) or generic


def matches(node: dict[str, Any], sel: dict[str, Any]) -> bool:
    """Does ``node`` match selector ``sel``?"""
    if "any" in sel and not matches_any(node, sel["any"]):
        return False
    if "service" in sel:
        apps = {_norm(a) for a in _words(sel["service"])}
        verbs = set(_words(sel.get("verb")))
        ok = False
        for app, node_verbs, trig in service_ops(node):
            if trig or _norm(app) not in apps:
                continue
            if not verbs or node_verbs is None or verbs & node_verbs:
                ok = True
        if not ok:
            return False
    if "core" in sel and node.get("subtype") not in _words(sel["core"]):
        return False
    if "ai" in sel and not _ai_match(node, sel["ai"]):
        return False
    if sel.get("approval") and not _is_approval(node):
        return False
    if sel.get("condition_node") and node.get("subtype") not in CONDITION_SUBTYPES:
        return False
    if sel.get("trigger_node") and not _is_trigger(node):
        return False
    if "text" in sel:
        text = _ptext(node)
        if not any(w.lower() in text for w in _words(sel["text"])):
            return False
    return True


def matches_any(node: dict[str, Any], sels: Iterable[dict[str, Any]]) -> bool:
    return any(matches(node, s) for s in sels)


def describe(sel: Any) -> str:
    return json.dumps(sel, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- graph
class Graph:
    def __init__(self, wf: dict[str, Any]) -> None:
        self.wf = wf
        self.nodes: dict[str, dict[str, Any]] = {n["id"]: n for n in wf.get("nodes", [])}
        self.out: dict[str, list[tuple[str, str]]] = {i: [] for i in self.nodes}
        for c in wf.get("connections", []):
            a, b = c.get("from_node"), c.get("to_node")
            if a in self.nodes and b in self.nodes:
                self.out[a].append((b, c.get("from_output", "main")))
        self.triggers = [i for i, n in self.nodes.items() if _is_trigger(n)]
        back = self._back_edges()
        # ``fwd``: ``out`` without the edges returning into a loop from its body (acyclic there)
        self.fwd: dict[str, list[tuple[str, str]]] = {
            i: [(j, o) for j, o in outs if (i, j) not in back] for i, outs in self.out.items()}

    def _back_edges(self) -> set[tuple[str, str]]:
        """(from, loop) for each edge into a loop node from a node the loop reaches: the
        body's return for the next item, not a way forward (a loop that reaches nothing
        returning to it has none)."""
        back: set[tuple[str, str]] = set()
        for lp, n in self.nodes.items():
            if n.get("subtype") not in LOOP_SUBTYPES:
                continue
            body = self.reach((j for j, _ in self.out[lp]), blocked=lambda i, lp=lp: i == lp)
            back |= {(i, lp) for i in body for j, _ in self.out[i] if j == lp}
        return back

    def find(self, sel: dict[str, Any]) -> list[str]:
        return [i for i, n in self.nodes.items() if matches(n, sel)]

    def reach(self, starts: Iterable[str], *, stop: Any = None, blocked: Any = None,
              forward: bool = False) -> set[str]:
        """Nodes reachable from ``starts`` (included); ``stop(id)``: reached but not expanded;
        ``blocked(id)``: never entered; ``forward``: not along a loop's back-edges."""
        edges = self.fwd if forward else self.out
        seen: set[str] = set()
        todo = deque(s for s in starts if not (blocked and blocked(s)))
        while todo:
            i = todo.popleft()
            if i in seen:
                continue
            seen.add(i)
            if stop and stop(i):
                continue
            for j, _ in edges.get(i, []):
                if j not in seen and not (blocked and blocked(j)):
                    todo.append(j)
        return seen

    def gate(self, i: str) -> bool:
        return _is_gate(self.nodes[i], self.wf)

    def free(self) -> set[str]:
        """Nodes reached from a trigger without passing a condition, filter or approval."""
        return self.reach(self.triggers, stop=lambda i: self.gate(i) and i not in self.triggers)

    def outputs(self, i: str, *, forward: bool = False) -> dict[str, list[str]]:
        """output name -> targets of node ``i`` (no error output; ``forward``: no back-edge)."""
        outs: dict[str, list[str]] = {}
        for j, o in (self.fwd if forward else self.out).get(i, []):
            outs.setdefault(o, []).append(j)
        outs.pop("error", None)
        return outs


# ---------------------------------------------------------------- schedules
def _hhmm(s: str) -> str | None:
    m = re.match(r"^\s*(\d{1,2}):(\d{2})", str(s))
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else None


def schedule_facts(node: dict[str, Any]) -> dict[str, Any]:
    """every_minutes, at (HH:MM), weekdays (set of names) of a schedule trigger."""
    p = node.get("parameters") or {}
    facts: dict[str, Any] = {"every_minutes": None, "at": None, "weekdays": set()}
    unit = p.get("interval", "hours")
    every = p.get("every", 1) or 1
    try:
        every = int(every)
    except (TypeError, ValueError):
        every = 1
    if unit == "cron" or (p.get("cron") and unit not in ("minutes", "hours", "days", "weeks")):
        fields = str(p.get("cron", "")).split()
        if len(fields) == 6:  # with seconds
            fields = fields[1:]
        if len(fields) == 5:
            mi, hr, _dom, _mon, dow = fields
            m1 = re.fullmatch(r"\*/(\d+)", mi)
            h1 = re.fullmatch(r"\*/(\d+)", hr)
            if m1 and hr == "*":
                facts["every_minutes"] = int(m1.group(1))
            elif mi == "*" and hr == "*":
                facts["every_minutes"] = 1
            elif mi.isdigit() and h1:
                facts["every_minutes"] = 60 * int(h1.group(1))
            elif mi.isdigit() and hr == "*":
                facts["every_minutes"] = 60
            elif mi.isdigit() and hr.isdigit():
                facts["at"] = f"{int(hr):02d}:{int(mi):02d}"
                facts["every_minutes"] = 1440 if dow == "*" else None
            if dow != "*":
                for part in dow.split(","):
                    if "-" in part:
                        a, _, b = part.partition("-")
                        if a.isdigit() and b.isdigit():
                            for k in range(int(a), int(b) + 1):
                                facts["weekdays"].add(WEEKDAYS[k % 7])
                    elif part.isdigit():
                        facts["weekdays"].add(WEEKDAYS[int(part) % 7])
                    else:
                        for w in WEEKDAYS:
                            if w.startswith(part.lower()[:3]):
                                facts["weekdays"].add(w)
                if len(facts["weekdays"]) == 1:
                    facts["every_minutes"] = 10080
    else:
        mult = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080}.get(unit)
        if mult:
            facts["every_minutes"] = mult * every
        if p.get("at_time"):
            facts["at"] = _hhmm(p["at_time"])
        if p.get("weekday"):
            facts["weekdays"].add(str(p["weekday"]).lower())
    return facts


# ---------------------------------------------------------------- conditions
def _literal(v: Any) -> bool:
    return not (isinstance(v, str) and "{{" in v)


def _num(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        return None


def condition_problems(node: dict[str, Any]) -> list[str]:
    """Why the conditions of an if/filter/switch node can never be met or mean nothing."""
    p = node.get("parameters") or {}
    name = node.get("id")
    if node.get("subtype") == "switch":
        rules = p.get("rules") or []
        field = p.get("field")
        if not rules:
            return [f"{name}: a switch with no rules"]
        if field in (None, "") or _literal(field):
            return [f"{name}: switch field {field!r} is not taken from the data"]
        return []
    conds = p.get("conditions") or []
    if not conds:
        return [f"{name}: no conditions"]
    problems = []
    binary = {"equals", "not_equals", "greater_than", "less_than", "contains"}
    bounds: dict[str, list[float]] = {}
    equals: dict[str, set[str]] = {}
    for c in conds:
        if not isinstance(c, dict):
            problems.append(f"{name}: condition {c!r} is not an object")
            continue
        left, op, right = c.get("left"), c.get("operator"), c.get("right")
        if left in (None, ""):
            problems.append(f"{name}: empty left operand")
            continue
        if op in binary and "right" not in c:
            problems.append(f"{name}: {op} without a right operand")
            continue
        if _literal(left) and (op not in binary or _literal(right)):
            problems.append(f"{name}: {left!r} {op} {right!r} does not depend on the data")
            continue
        if (p.get("combine") or "and") == "and" and isinstance(left, str):
            lo_hi = bounds.setdefault(left, [float("-inf"), float("inf")])
            r = _num(right)
            if op == "greater_than" and r is not None:
                lo_hi[0] = max(lo_hi[0], r)
            elif op == "less_than" and r is not None:
                lo_hi[1] = min(lo_hi[1], r)
            elif op == "equals" and right is not None:
                equals.setdefault(left, set()).add(str(right).lower())
            if op in ("is_true", "is_false"):
                equals.setdefault(left, set()).add(op)
    for left, (lo, hi) in bounds.items():
        if lo >= hi:
            problems.append(f"{name}: {left} > {lo} and < {hi} cannot both hold")
    for left, vals in equals.items():
        if len(vals) > 1:
            problems.append(f"{name}: {left} cannot equal {sorted(vals)} at once")
    return problems


def _leaves(g: Graph, i: str, seen: frozenset[str] = frozenset()) -> int:
    if i in seen:
        return 0
    total = 0
    for _, targets in g.outputs(i).items():
        routed = [t for t in targets if g.nodes[t].get("subtype") in ROUTER_SUBTYPES]
        sub = sum(_leaves(g, t, seen | {i}) for t in routed)
        total += max(1 if len(routed) < len(targets) else 0, sub)
    return total


# ---------------------------------------------------------------- the checks
def _question_text(outcome: dict[str, Any]) -> str:
    q = outcome.get("question") or {}
    return str(q.get("text", "")).lower()


STRUCTURAL_FREE = {"no_question", "asks_about", "unchanged", "any"}


def evaluate(check: dict[str, Any], outcome: dict[str, Any]) -> Result:
    """Score one check against one outcome: (passed, reason)."""
    if "any" in check and len(check) == 1:
        reasons = []
        for sub in check["any"]:
            ok, why = evaluate(sub, outcome)
            if ok:
                return True, f"any: {why}"
            reasons.append(why)
        return False, "none of: " + "; ".join(reasons)
    if "no_question" in check:
        if outcome.get("question") is not None:
            return False, "answered with a question: " + _question_text(outcome)[:160]
        if outcome.get("workflow") is None:
            return False, "no workflow"
        return True, "no question"
    if "asks_about" in check:
        if outcome.get("question") is None:
            return False, "did not ask a question"
        text = _question_text(outcome)
        words = [w for w in _words(check["asks_about"]) if w.lower() in text]
        return (True, f"asks about {words}") if words else (False, "question about none of "
                                                            f"{check['asks_about']}")
    if "unchanged" in check:
        return _unchanged(outcome)
    wf = outcome.get("workflow")
    if wf is None:
        return False, "no workflow"
    return check_workflow(wf, check, prior=outcome.get("prior"))


def _unchanged(outcome: dict[str, Any]) -> Result:
    if outcome.get("generation") == "error":
        return False, "the generation ended in error"
    pv, fv = outcome.get("prior_version"), outcome.get("final_version")
    if pv is None or fv is None:
        return False, "versions unknown"
    if fv != pv:
        return False, f"a new version was stored (v{pv} -> v{fv})"
    wf, prior = outcome.get("workflow"), outcome.get("prior")
    if wf is not None and prior is not None and _shape(wf) != _shape(prior):
        return False, "the workflow differs from the prior"
    return True, "no new version"


def _shape(wf: dict[str, Any]) -> tuple[frozenset[Any], frozenset[Any]]:
    nodes = frozenset((n["id"], n.get("subtype")) for n in wf.get("nodes", []))
    conns = frozenset((c.get("from_node"), c.get("to_node"), c.get("from_output", "main"))
                      for c in wf.get("connections", []))
    return nodes, conns


def check_workflow(wf: dict[str, Any], check: dict[str, Any],
                   prior: dict[str, Any] | None = None) -> Result:
    g = Graph(wf)
    if "any" in check and len(check) == 1:
        return evaluate(check, {"workflow": wf, "prior": prior})
    if "trigger" in check:
        return _trigger(g, check)
    if "schedule" in check:
        return _schedule(g, check["schedule"])
    if "order" in check:
        a_sel, b_sel = check["order"]
        a_ids, b_ids = g.find(a_sel), g.find(b_sel)
        if not a_ids:
            return False, f"no node matches {describe(a_sel)}"
        if not b_ids:
            return False, f"no node matches {describe(b_sel)}"
        for a in a_ids:
            below = g.reach(x for x, _ in g.out[a])
            if any(b in below and b != a for b in b_ids):
                return True, "in order"
        return False, f"{describe(b_sel)} is not downstream of {describe(a_sel)}"
    if "guarded" in check:
        return _guarded(g, check["guarded"], check.get("by_field"))
    if "unguarded" in check:
        ids = g.find(check["unguarded"])
        if not ids:
            return False, f"no node matches {describe(check['unguarded'])}"
        free = g.free()
        if any(i in free for i in ids):
            return True, "runs on every path"
        return False, f"{describe(check['unguarded'])} runs only behind a condition"
    if "branches" in check:
        return _branches(g, check["branches"])
    if "branch_count" in check:
        need = int(check["branch_count"].get("min", 2))
        best = max((_leaves(g, i) for i in g.nodes if g.nodes[i].get("subtype") in ROUTER_SUBTYPES),
                   default=0)
        return (best >= need, f"{best} exclusive branches (need {need})")
    if "path_avoiding" in check:
        spec = check["path_avoiding"]
        ids = g.find(spec["to"])
        if not ids:
            return False, f"no node matches {describe(spec['to'])}"
        avoid = set(g.find(spec["avoid"]))
        reached = g.reach(g.triggers, blocked=lambda i: i in avoid)
        if any(i in reached for i in ids):
            return True, "a path avoids it"
        return False, f"every path to {describe(spec['to'])} passes {describe(spec['avoid'])}"
    if "condition_satisfiable" in check:
        conds = [n for n in g.nodes.values() if n.get("subtype") in CONDITION_SUBTYPES]
        if not conds:
            return False, "no condition node"
        problems = [p for n in conds for p in condition_problems(n)]
        return (not problems, "; ".join(problems) or "conditions can hold")
    if "kept_ids" in check:
        if prior is None:
            return False, "no prior"
        before = {n["id"]: n.get("subtype") for n in prior.get("nodes", [])}
        lost = [i for i in check["kept_ids"]
                if i not in g.nodes or g.nodes[i].get("subtype") != before.get(i)]
        return (not lost, f"lost or changed {lost}" if lost else "kept")
    if "removed" in check or "absent" in check:
        sel = check.get("removed", check.get("absent"))
        ids = g.find(sel)
        return (not ids, f"still there: {ids}" if ids else "absent")
    if "no_question" in check or "asks_about" in check or "unchanged" in check:
        return evaluate(check, {"workflow": wf, "prior": prior})
    # a selector: some node matches
    ids = g.find(check)
    return (bool(ids), f"found {ids}" if ids else f"no node matches {describe(check)}")


def _trigger_kinds(node: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    """(kind, app, event) for a trigger node."""
    sub = str(node.get("subtype", ""))
    p = node.get("parameters") or {}
    if sub in TRIGGER_KIND:
        return [(TRIGGER_KIND[sub], None, "")]
    if sub == "app_event_trigger":
        return [("app_event", str(p.get("app", "")), str(p.get("event", "")))]
    if sub == "n8n_trigger":
        t = str(p.get("n8n_type", "")).split(".")[-1].lower().replace("trigger", "")
        return [("app_event", t, json.dumps(p.get("n8n_parameters") or {}).lower())]
    spec = _spec(sub)
    app = getattr(spec, "app", None) if spec is not None else None
    if app is None and sub.endswith("_trigger"):
        app = sub[: -len("_trigger")]
    if app:
        out = [("app_event", app, str(p.get("event", "")))]
        if app in MAIL_APPS:
            out.append(("email", app, str(p.get("event", ""))))
        return out
    return []


def _trigger(g: Graph, check: dict[str, Any]) -> Result:
    kinds = set(_words(check["trigger"]))
    apps = {_norm(a) for a in _words(check.get("app"))}
    events = [_norm(e) for e in _words(check.get("event_like"))]
    seen = []
    for i in g.triggers:
        for kind, app, event in _trigger_kinds(g.nodes[i]):
            seen.append(f"{kind}:{app or ''}:{event}")
            # a service with no events in the catalog can only call a webhook
            if (kind == "webhook" and "app_event" in kinds and apps and "webhook" not in kinds
                    and not any(_app_has_events(a) for a in _words(check.get("app")))):
                return True, "webhook (the app has no trigger events in the catalog)"
            if kind not in kinds:
                continue
            if kind == "app_event" and apps:
                if _norm(app) not in apps:
                    continue
                if events and not any(e in _norm(event) for e in events):
                    continue
            return True, f"trigger {kind}:{app or ''}:{event}"
    return False, f"triggers {seen or 'none'}; wanted {describe(check)}"


def _schedule(g: Graph, want: dict[str, Any]) -> Result:
    scheds = [g.nodes[i] for i in g.triggers if g.nodes[i].get("subtype") == "schedule_trigger"]
    if not scheds:
        return False, "no schedule trigger"
    got = []
    for n in scheds:
        f = schedule_facts(n)
        got.append(f)
        ok = True
        if "every_minutes" in want and f["every_minutes"] != want["every_minutes"]:
            ok = False
        if "at" in want and f["at"] != _hhmm(want["at"]):
            ok = False
        if "weekday" in want and want["weekday"] not in f["weekdays"]:
            ok = False
        if ok:
            return True, f"schedule {f}"
    return False, f"schedule {got}; wanted {want}"


def _guarded(g: Graph, sel: dict[str, Any], field: Any) -> Result:
    ids = g.find(sel)
    if not ids:
        return False, f"no node matches {describe(sel)}"
    reach = g.reach(g.triggers)
    loose = [i for i in ids if i not in reach]
    if loose:
        return False, f"{loose} not connected to the trigger"
    free = g.free()
    open_ = [i for i in ids if i in free]
    if open_:
        return False, f"{open_} runs on every path (no condition before it)"
    if field:
        # a gate after the step in a loop's body is not before it for returning to the loop
        gates = [i for i in g.nodes if g.gate(i) and any(
            t in g.reach((x for x, _ in g.fwd[i]), forward=True) for t in ids)]
        words = [w.lower() for w in _words(field)]
        if not any(any(w in _ptext(g.nodes[x]) for w in words) for x in gates):
            return False, f"guarded, but no condition before it mentions {words}"
    return True, "guarded"


def _branches(g: Graph, sels: list[dict[str, Any]]) -> Result:
    found = [g.find(s) for s in sels]
    for s, ids in zip(sels, found, strict=True):
        if not ids:
            return False, f"no node matches {describe(s)}"
    for x in range(len(sels)):
        for y in range(x + 1, len(sels)):
            if not _split(g, found[x], found[y]):
                return False, (f"{describe(sels[x])} and {describe(sels[y])} are not on "
                               "different outputs of one condition")
    return True, "on different branches"


def _split(g: Graph, xs: list[str], ys: list[str]) -> bool:
    for i in g.nodes:
        if not g.gate(i):
            continue
        # inside a loop every output returns to the loop for the next item: that return
        # does not put one output's steps on the other
        outs = g.outputs(i, forward=True)
        below = {o: g.reach(t, forward=True) for o, t in outs.items()}
        for o1 in outs:
            for o2 in outs:
                if o1 == o2:
                    continue
                if any(a in below[o1] and a not in below[o2] for a in xs) and any(
                    b in below[o2] and b not in below[o1] for b in ys
                ):
                    return True
    return False

"""Runs the planner evaluation set through a live flowsmith server and scores it.

    .venv/bin/python bench/eval_planner/run.py                      # all requests
    .venv/bin/python bench/eval_planner/run.py --split heldout --verbose
    .venv/bin/python bench/eval_planner/run.py --json out.json
    .venv/bin/python bench/eval_planner/run.py --set fresh          # requests_fresh.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh2         # requests_fresh2.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh3         # requests_fresh3.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh4         # requests_fresh4.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh5         # requests_fresh5.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh7         # held out: counts only
    .venv/bin/python bench/eval_planner/run.py --set fresh9         # held out: counts only
    .venv/bin/python bench/eval_planner/run.py --set fresh10        # requests_fresh10.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh11        # requests_fresh11.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh12        # requests_fresh12.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh13        # held out: counts only
    .venv/bin/python bench/eval_planner/run.py --set fresh14        # requests_fresh14.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh15        # held out: counts only
    .venv/bin/python bench/eval_planner/run.py --set fresh16        # requests_fresh16.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh17        # requests_fresh17.jsonl
    .venv/bin/python bench/eval_planner/run.py --set fresh18        # held out: counts only

It starts ``flowsmith serve`` as a subprocess on a free port with embedded defaults (a temp
FLOWSMITH_DATA_DIR, SQLite, the offline planner unless ``--keep-llm-env``), mints a dev token,
and for each request: (edit) imports the prior through ``POST /api/v1/workflows/import`` (the
prior converted to n8n JSON) and opens an ``edit`` session on it, or opens a ``create``
session; sends the request on ``GET /api/v1/chat/stream``; follows the generation on
``GET /api/v1/workflow_generation`` to ``complete``/``error``; reads the result back through
the API; and scores every check with :mod:`checks` (pure functions).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
from httpx_sse import connect_sse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import checks as C  # noqa: E402

VENV_BIN = Path(sys.executable).parent
REQUESTS = HERE / "requests.jsonl"
SETS = {"main": REQUESTS, "fresh": HERE / "requests_fresh.jsonl",
        "fresh2": HERE / "requests_fresh2.jsonl", "fresh3": HERE / "requests_fresh3.jsonl",
        "fresh4": HERE / "requests_fresh4.jsonl", "fresh5": HERE / "requests_fresh5.jsonl",
        "fresh6": HERE / "requests_fresh6.jsonl", "fresh7": HERE / "requests_fresh7.jsonl",
        "fresh8": HERE / "requests_fresh8.jsonl", "fresh9": HERE / "requests_fresh9.jsonl",
        "fresh10": HERE / "requests_fresh10.jsonl", "fresh11": HERE / "requests_fresh11.jsonl",
        "fresh12": HERE / "requests_fresh12.jsonl", "fresh13": HERE / "requests_fresh13.jsonl",
        "fresh14": HERE / "requests_fresh14.jsonl", "fresh15": HERE / "requests_fresh15.jsonl",
        "fresh16": HERE / "requests_fresh16.jsonl", "fresh17": HERE / "requests_fresh17.jsonl",
        "fresh18": HERE / "requests_fresh18.jsonl"}
# held out: progress lines show neither ids, request text nor per-request outcomes
HELD_OUT_SETS = {"fresh3", "fresh7", "fresh9", "fresh13", "fresh15", "fresh18"}
FRESH_SPLITS = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
                "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15",
                "fresh16", "fresh17", "fresh18")


# ---------------------------------------------------------------- the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, keep_llm_env: bool = False) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="flowsmith-eval-"))
        self.port = free_port()
        drop: tuple[str, ...] = ("FLOWSMITH_", "SUPABASE_", "DATABASE_URL", "REDIS_URL")
        if not keep_llm_env:
            drop += ("OPENAI_", "ANTHROPIC_")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(drop) or (keep_llm_env and k.startswith("FLOWSMITH_LLM_"))}
        if not keep_llm_env:
            env["FLOWSMITH_LLM_PROVIDER"] = "offline"
        env.update({
            "FLOWSMITH_DATA_DIR": str(self.dir),
            "FLOWSMITH_HOST": "127.0.0.1",
            "FLOWSMITH_PORT": str(self.port),
            "FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "0",
            "FLOWSMITH_RATE_SESSIONS_PER_MIN": "0",
            "FLOWSMITH_RATE_TURNS_PER_MIN": "0",
            "FLOWSMITH_LOG_LEVEL": "WARNING",
        })
        self.env = env
        self.log = (self.dir / "server.log").open("wb")
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "flowsmith"), "serve"], env=env, cwd=str(self.dir),
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 300  # a loaded 2-core machine takes minutes to import
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server died:\n" + self.tail())
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("server did not start:\n" + self.tail())
        out = subprocess.run([str(VENV_BIN / "flowsmith"), "token", "--sub", "planner-eval"],
                             env=env, cwd=str(self.dir), capture_output=True, text=True,
                             check=True)
        self.token = out.stdout.strip().splitlines()[-1]

    def tail(self, n: int = 30) -> str:
        try:
            return "\n".join((self.dir / "server.log").read_text(errors="replace")
                             .splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- one request
class Unscorable(Exception):
    """The request could not be put to the planner (e.g. its prior did not import)."""


def _sse(client: httpx.Client, url: str, params: dict[str, Any], until: Any,
         timeout: float) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    with connect_sse(client, "GET", url, params=params, timeout=timeout) as src:
        if src.response.status_code == 204:
            return events
        src.response.raise_for_status()
        for sse in src.iter_sse():
            if not sse.data:
                continue
            ev = json.loads(sse.data)
            events.append(ev)
            if until(ev) or time.monotonic() > deadline:
                break
    return events


def import_prior(client: httpx.Client, prior: dict[str, Any]) -> tuple[str, int]:
    from flowsmith.core.models import Workflow
    from flowsmith.n8n.convert import to_n8n

    try:
        body = to_n8n(Workflow.model_validate(prior))
    except Exception as exc:
        raise Unscorable(f"prior does not convert to n8n: {exc}") from None
    r = client.post("/api/v1/workflows/import", json=body)
    if r.status_code != 201:
        raise Unscorable(f"prior import {r.status_code}: {r.text[:200]}")
    data = r.json()
    errors = [f for f in data.get("findings", []) if f.get("severity", "error") == "error"]
    if errors:
        # an invalid prior is the set's fault, not the planner's
        raise Unscorable(f"prior is invalid: {errors[0].get('message', '')[:200]}")
    got = client.get(f"/api/v1/workflows/{data['workflow_id']}").json()["workflow"]
    before = {n["id"]: n["subtype"] for n in prior["nodes"]}
    after = {n["id"]: n["subtype"] for n in got["nodes"]}
    if before != after:
        raise Unscorable(f"prior changed on import: {before} -> {after}")
    return data["workflow_id"], int(data["version"])


def run_one(client: httpx.Client, req: dict[str, Any], timeout: float) -> dict[str, Any]:
    prior = req.get("prior")
    out: dict[str, Any] = {"workflow": None, "prior": prior, "question": None,
                           "generation": None, "prior_version": None, "final_version": None,
                           "turn": None, "reply": "", "error": None}
    workflow_id = None
    if prior is not None:
        workflow_id, version = import_prior(client, prior)
        out["prior_version"] = version
        r = client.post("/api/v1/session", json={"action": "edit", "workflow_id": workflow_id})
    else:
        r = client.post("/api/v1/session", json={"action": "create"})
    r.raise_for_status()
    session = r.json()["session_id"]
    t0 = time.monotonic()
    chat = _sse(client, "/api/v1/chat/stream",
                {"session_id": session, "user_message": req["request"]},
                lambda e: e.get("type") == "message" and e.get("is_complete"), timeout)
    out["reply"] = "".join(e.get("delta", "") for e in chat if e.get("type") == "message")
    gen_ids = [e["generation_id"] for e in chat
               if e.get("type") == "status" and e.get("status") == "generating"]
    final_event: dict[str, Any] | None = None
    if gen_ids:
        events = _sse(client, "/api/v1/workflow_generation", {"session_id": session},
                      lambda e: e.get("type") in ("complete", "error"), timeout)
        final_event = next((e for e in reversed(events)
                            if e.get("type") in ("complete", "error")), None)
    detail = client.get(f"/api/v1/sessions/{session}").json()
    gens = [g for g in detail.get("generations", []) if not gen_ids or g["id"] in gen_ids]
    if gen_ids:
        # the stream may have been joined late; the session record is the truth
        for _ in range(int(timeout * 10)):
            if gens and gens[-1]["status"] in ("complete", "error"):
                break
            time.sleep(0.1)
            detail = client.get(f"/api/v1/sessions/{session}").json()
            gens = [g for g in detail.get("generations", []) if g["id"] in gen_ids]
        out["generation"] = gens[-1]["status"] if gens else None
        if out["generation"] == "error":
            out["error"] = f"{gens[-1].get('error_code')}: {gens[-1].get('error_message')}"
    assistant = [m for m in detail.get("messages", []) if m.get("role") == "assistant"]
    meta = assistant[-1].get("meta", {}) if assistant else {}
    out["turn"] = {"decision": meta.get("decision"), "status": assistant[-1].get("status")
                   if assistant else None}
    if not gen_ids:
        questions = meta.get("questions") or []
        text = " ".join([out["reply"], str(meta.get("waiting_message") or ""),
                         json.dumps(questions, ensure_ascii=False)])
        if questions or meta.get("decision") in ("ask", "question", "clarify") or \
                "?" in out["reply"] or "？" in out["reply"]:
            out["question"] = {"text": text, "questions": questions}
    wid = workflow_id or detail.get("workflow_id")
    if wid:
        wf = client.get(f"/api/v1/workflows/{wid}")
        if wf.status_code == 200:
            body = wf.json()
            out["workflow"] = body["workflow"]
            out["final_version"] = int(body["workflow"].get("version") or 0) or None
    if final_event is not None and final_event.get("type") == "complete":
        out["uncovered"] = final_event["data"].get("uncovered") or []
        if prior is None:
            out["workflow"] = final_event["data"].get("workflow") or out["workflow"]
    out["seconds"] = round(time.monotonic() - t0, 3)
    return out


# ---------------------------------------------------------------- scoring
# services users name that the catalog may not (yet) hold, besides the catalog's own names
EXTRA_NAMES: dict[str, list[str]] = {
    "postgres": ["postgres", "postgresql"], "mongodb": ["mongodb", "mongo"],
    "mysql": ["mysql"], "openai": ["openai", "chatgpt"], "github": ["github"],
    "notion": ["notion"], "airtable": ["airtable"], "asana": ["asana"], "trello": ["trello"],
    "linear": ["linear"], "clickup": ["clickup"], "monday_com": ["monday.com", "monday"],
    "typeform": ["typeform"], "pagerduty": ["pagerduty"], "youtube": ["youtube"],
    "twitter": ["twitter"], "linkedin": ["linkedin"], "intercom": ["intercom"],
    "reddit": ["reddit"], "servicenow": ["servicenow"],
}


def service_names() -> dict[str, list[str]]:
    names = {k: list(v) for k, v in EXTRA_NAMES.items()}
    for app in C._catalog().apps:
        names.setdefault(app.app, []).extend(n for n in app.names.all() if n not in
                                             names.get(app.app, []))
    return names


def _has_name(name: str, low: str) -> bool:
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name in low
    if len(name) < 3:
        return False
    return re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", low) is not None


def named_services(text: str) -> list[str]:
    """Services the request names (catalog names in English or Chinese, plus a few more)."""
    low = text.lower()
    return [app for app, names in service_names().items() if any(_has_name(n, low) for n in names)]


def score(req: dict[str, Any], outcome: dict[str, Any]) -> dict[str, Any]:
    results = []
    for check in req["checks"]:
        try:
            ok, why = C.evaluate(check, outcome)
        except Exception as exc:
            ok, why = False, f"scorer error: {exc!r}"
        results.append({"check": check, "passed": ok, "reason": why})
    ignored = None
    if outcome.get("question") is not None:
        named = named_services(req["request"])
        qtext = outcome["question"]["text"].lower()
        names = service_names()
        mentioned = [a for a in named if any(_has_name(n, qtext) for n in names.get(a, []))]
        ignored = bool(named) and not mentioned
    return {
        "id": req["id"], "split": req["split"], "lang": req["lang"],
        "categories": req["categories"], "request": req["request"],
        "passed": all(r["passed"] for r in results), "checks": results,
        "question": outcome.get("question") is not None, "question_ignored_service": ignored,
        "generation": outcome.get("generation"), "error": outcome.get("error"),
        "neither": outcome.get("question") is None and outcome.get("generation") != "complete",
        "uncovered": outcome.get("uncovered"),
        "workflow": outcome.get("workflow"), "reply": outcome.get("reply", "")[:400],
        "seconds": outcome.get("seconds"),
    }


def check_kind(check: dict[str, Any]) -> str:
    for k in ("trigger", "schedule", "order", "guarded", "unguarded", "branches", "branch_count",
              "path_avoiding", "condition_satisfiable", "no_question", "asks_about", "kept_ids",
              "removed", "absent", "unchanged"):
        if k in check:
            return k
    if "any" in check and len(check) == 1:
        return "any"
    return "node"


def _warnings(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How often the ``complete`` event told the user what the workflow still does not do:
    on builds the checks find wrong (the warning is deserved) and on builds they find right
    (a false alarm). Questions and failed generations are neither."""
    built = [r for r in rows if not r["question"] and r["generation"] == "complete"]
    wrong = [r for r in built if not r["passed"]]
    right = [r for r in built if r["passed"]]
    return {
        "wrong_builds": len(wrong),
        "wrong_builds_warned": sum(bool(r.get("uncovered")) for r in wrong),
        "right_builds": len(right),
        "right_builds_warned": sum(bool(r.get("uncovered")) for r in right),
    }


def summarize(scored: list[dict[str, Any]]) -> dict[str, Any]:
    def block(rows: list[dict[str, Any]]) -> dict[str, Any]:
        n = len(rows)
        checks = [c for r in rows for c in r["checks"]]
        return {
            "requests": n,
            "fully_right": sum(r["passed"] for r in rows),
            "checks": len(checks),
            "checks_passed": sum(c["passed"] for c in checks),
            "questions": sum(r["question"] for r in rows),
            "questions_ignoring_named_service": sum(bool(r["question_ignored_service"])
                                                    for r in rows),
            "neither_complete_nor_question": sum(r["neither"] for r in rows),
            **_warnings(rows),
        }

    out: dict[str, Any] = {}
    for split in ("dev", "heldout", *FRESH_SPLITS, "all"):
        rows = [r for r in scored if split == "all" or r["split"] == split]
        if not rows:
            continue
        only = {r["split"] for r in rows}
        if split == "all" and len(only) == 1 and only <= set(FRESH_SPLITS):
            continue  # a fresh set alone: its own heading says it all
        entry = {"overall": block(rows), "by_category": {}, "by_check": {}}
        cats = ["condition", "edit", "longtail", "lang:en", "lang:zh"]
        for cat in cats:
            sub = [r for r in rows if (cat.startswith("lang:") and r["lang"] == cat[5:])
                   or cat in r["categories"]]
            if sub:
                entry["by_category"][cat] = block(sub)
        kinds: dict[str, list[bool]] = defaultdict(list)
        for r in rows:
            for c in r["checks"]:
                kinds[check_kind(c["check"])].append(c["passed"])
        entry["by_check"] = {k: {"checks": len(v), "passed": sum(v)}
                             for k, v in sorted(kinds.items())}
        out[split] = entry
    return out


def pct(a: int, b: int) -> str:
    return f"{a / b:.0%} ({a}/{b})" if b else "-"


def render(summary: dict[str, Any], unscorable: list[dict[str, Any]]) -> str:
    lines = []
    for split, entry in summary.items():
        lines.append(f"\n### {split}\n")
        lines.append("| slice | requests | fully right | checks passed | questions "
                     "| questions ignoring a named service | neither complete nor question |")
        lines.append("|---|---|---|---|---|---|---|")
        rows = [("all", entry["overall"]), *entry["by_category"].items()]
        for name, b in rows:
            lines.append(f"| {name} | {b['requests']} | {pct(b['fully_right'], b['requests'])} | "
                         f"{pct(b['checks_passed'], b['checks'])} | {b['questions']} | "
                         f"{b['questions_ignoring_named_service']} | "
                         f"{b['neither_complete_nor_question']} |")
        o = entry["overall"]
        lines.append(f"\nthe user is told what is missing: on wrong builds "
                     f"{pct(o['wrong_builds_warned'], o['wrong_builds'])}, on right builds "
                     f"(false alarms) {pct(o['right_builds_warned'], o['right_builds'])}")
        lines.append("\n| check kind | passed |")
        lines.append("|---|---|")
        for k, v in entry["by_check"].items():
            lines.append(f"| {k} | {pct(v['passed'], v['checks'])} |")
    if unscorable:
        lines.append(f"\n{len(unscorable)} request(s) could not be put to the planner "
                     "(not scored):")
        for u in unscorable:
            lines.append(f"  {u['id']}: {u['reason']}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", dest="set_name", choices=sorted(SETS), default="main",
                    help="main: requests.jsonl (dev + heldout); fresh: requests_fresh.jsonl; "
                         "fresh2: requests_fresh2.jsonl; fresh3: requests_fresh3.jsonl; "
                         "fresh4: requests_fresh4.jsonl; fresh5: requests_fresh5.jsonl; "
                         "fresh9: requests_fresh9.jsonl (held out: counts only); "
                         "fresh10: requests_fresh10.jsonl (diagnostic)")
    ap.add_argument("--split", choices=["dev", "heldout", *FRESH_SPLITS, "all"], default="all")
    ap.add_argument("--json", type=Path, help="write every request's outcome and checks here")
    ap.add_argument("--verbose", action="store_true", help="list failed checks per request")
    ap.add_argument("--only", nargs="*", help="request ids to run")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per stream")
    ap.add_argument("--keep-llm-env", action="store_true",
                    help="keep FLOWSMITH_LLM_* etc. (score a configured model, not offline)")
    args = ap.parse_args()

    reqs = [json.loads(line) for line in SETS[args.set_name].read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    if args.split != "all":
        reqs = [r for r in reqs if r["split"] == args.split]
    if args.only:
        reqs = [r for r in reqs if r["id"] in set(args.only)]

    server = Server(keep_llm_env=args.keep_llm_env)
    scored: list[dict[str, Any]] = []
    unscorable: list[dict[str, Any]] = []
    try:
        headers = {"Authorization": f"Bearer {server.token}"}
        with httpx.Client(base_url=server.base, headers=headers, timeout=args.timeout) as client:
            for i, req in enumerate(reqs, 1):
                try:
                    outcome = run_one(client, req, args.timeout)
                except Unscorable as exc:
                    unscorable.append({"id": req["id"], "reason": str(exc)})
                    continue
                except Exception as exc:
                    outcome = {"workflow": None, "prior": req.get("prior"), "question": None,
                               "generation": None, "error": f"runner: {exc!r}"}
                s = score(req, outcome)
                scored.append(s)
                if args.set_name in HELD_OUT_SETS:
                    print(f"{i:3d}/{len(reqs)}", file=sys.stderr)
                else:
                    mark = "ok " if s["passed"] else "-- "
                    print(f"{i:3d}/{len(reqs)} {mark}{req['id']} {req['request'][:70]}",
                          file=sys.stderr)
    finally:
        ours = server.proc.poll() is None
        server.stop()
    if not ours:
        # it could not bind its port (another run's server took it between free_port() and
        # the bind) and the answers came from that other server: nothing here is ours
        sys.exit("the eval server had exited before the run ended; rerun (figures discarded)")

    summary = summarize(scored)
    print(render(summary, unscorable))
    if args.verbose and args.set_name not in HELD_OUT_SETS:
        print("\n## failed checks")
        for s in scored:
            failed = [c for c in s["checks"] if not c["passed"]]
            if failed:
                print(f"\n{s['id']} [{s['split']}] {s['request']}")
                if s["error"]:
                    print(f"   error: {s['error']}")
                for u in s.get("uncovered") or []:
                    print(f"   told: {u['code']}: {u['message']}")
                for c in failed:
                    print(f"   x {C.describe(c['check'])}: {c['reason']}")
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "unscorable": unscorable,
                                         "requests": scored}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

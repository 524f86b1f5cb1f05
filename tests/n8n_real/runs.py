"""Run our exports in the real n8n and say how each run ended.

A run set is ``{name: Workflow}``: every catalog example (after a manual trigger), and the
workflows the offline planner builds for the seed's request and the evaluation requests. Each
is exported with :func:`flowsmith.n8n.convert.to_n8n`, imported into a fresh n8n with one
``n8n import:workflow --separate`` and executed with one ``n8n execute-batch`` (a single n8n
boot for all of them). ``n8n execute-batch`` starts a workflow only from a manual trigger, so
a workflow's trigger is swapped for a manual trigger of the same id and name before export;
the trigger itself is still checked against n8n's node descriptions elsewhere.

Each run ends as one of:

* ``ran``: n8n finished the execution without an error (or a Stop and Error node raised
  its own message);
* ``network``: it stopped at a node that needs the network, which this machine lacks;
* ``credential``: it stopped at a node whose credential the user has not chosen yet;
* ``input``: it stopped at a node whose input data a manual start cannot give (e.g. a
  Respond to Webhook node that was not started by a webhook, a field the node reads); a
  planned node that wants a file where the workflow's own start (manual, schedule, feed)
  never gives one, and no node makes one, is ``ours`` (a wrong operation);
* ``ours``: anything else — a failure of ours, which the test refuses.

Run ``python -m tests.n8n_real.runs`` to print the table (``--write-doc`` rewrites the
section of docs/n8n.md below ``## Real n8n runs``).
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.n8n.convert import to_n8n
from flowsmith.n8n.convert_shared import GENERIC_SUBTYPES

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "n8n.md"
DOC_MARK = "## Real n8n runs"
SEED_REQUEST = "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"

_NETWORK = re.compile(
    r"ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo|"
    r"connection cannot be established|socket hang up|network|Could not connect|"
    r"connect to (the )?(database|server)|The service refused the connection|"
    r"failed to connect|Connection refused|timed out",
    re.IGNORECASE,
)
# "Node does not require credentials": n8n's words when a node asks for a credential its
# description does not mark required (Discord's webhook) and none is chosen
_CREDENTIAL = re.compile(
    r"does not have any credentials set|Credentials? (not found|of type)|"
    r"no credentials|credentials are not set|Node has no credentials|"
    r"Node does not require credentials",
    re.IGNORECASE,
)
# n8n 2.41.1's Linear node (nodes/Linear/GenericFunctions.js, linearApiRequest) reads
# error.context.data.errors in its catch, so an error without context.data, such as "Node
# does not have any credentials set", surfaces as this TypeError instead
_LINEAR_MASK = "Cannot read properties of undefined (reading 'errors') on node"
# what a node says when the item a manual start hands it lacks what its real trigger would give
_INPUT = re.compile(
    r"No Webhook node found|not started by a webhook|Insert a Webhook node|"
    r"Form Trigger node must be set|previous node outputs a binary file|"
    r"No property named \"?\w+\"? exists|Couldn't find the field|"
    r"field is missing from some input items|try to change the type for the field",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Run:
    name: str
    source: str  # "example" | "planner"
    outcome: str
    detail: str


def classify(status: str, error: str, by_design: Iterable[str] = ()) -> str:
    if status == "success" and not error:
        return "ran"
    if any(error.startswith(message) for message in by_design if message):
        return "ran"  # a Stop and Error node raised its own message: the run did its job
    if _CREDENTIAL.search(error) or error.startswith(_LINEAR_MASK):
        return "credential"
    if _NETWORK.search(error):
        return "network"
    if _INPUT.search(error):
        return "input"
    return "ours"


def manual_start(workflow: Workflow) -> Workflow:
    """The workflow with each trigger replaced by a manual trigger of the same id and name."""
    nodes = [
        Node(id=n.id, name=n.name, type=NodeFamily.TRIGGER, subtype="manual_trigger")
        if n.type == NodeFamily.TRIGGER
        else n
        for n in workflow.nodes
    ]
    return workflow.model_copy(update={"nodes": nodes})


_JSON_FIELD = re.compile(r"\$json\.([A-Za-z_]\w*)")
_SAMPLE_ID = "00000000-0000-4000-8000-000000000000"  # a UUID: it fits every id pattern seen


def _sample_value(field: str) -> str:
    low = field.lower()
    if "email" in low:
        return "someone@example.com"
    if low == "id" or low.endswith("_id") or field.endswith("Id"):
        return _SAMPLE_ID
    if "url" in low or "link" in low:
        return "https://example.com"
    return f"sample {field}"


_TRUTH = frozenset({"is_true", "is_false"})
_ARITHMETIC = re.compile(r"\$json\.(\w+)\s*[-*/+]\s*\d|\d\s*[-*/+]\s*\$json\.(\w+)")


def _typed_fields(value: Any, out: dict[str, Any]) -> None:
    """The fields a condition compares as a boolean or a number (``{{ $json.price }}`` less
    than 500), with a sample of that type; strict type checks refuse a string there."""
    if isinstance(value, list):
        for v in value:
            _typed_fields(v, out)
    if not isinstance(value, dict):
        return
    left, op = value.get("left"), str(value.get("operator", ""))
    if isinstance(left, str) and op:
        _typed_field(left, op, value.get("right"), out)
    # a Switch: one field, each rule an operator and a value
    field, rules = value.get("field"), value.get("rules")
    if isinstance(field, str) and isinstance(rules, list):
        for rule in rules:
            if isinstance(rule, dict):
                _typed_field(field, str(rule.get("operator", "")), rule.get("value"), out)
    for v in value.values():
        _typed_fields(v, out)


def _typed_field(left: str, op: str, right: Any, out: dict[str, Any]) -> None:
    for field in _JSON_FIELD.findall(left):
        if op in _TRUTH:
            out[field] = True
        elif isinstance(right, int | float) and not isinstance(right, bool):
            out[field] = right


def sample_item(workflow: Workflow) -> Workflow:
    """The workflow with a Set node "Sample item" right after its trigger, giving the fields
    its nodes read off the trigger's item (``{{ $json.email }}``): a catalog example is
    written for the item its real trigger hands it, which a manual start lacks."""
    nodes = {n.id: n for n in workflow.nodes}
    fields = sorted(
        {f for n in workflow.nodes for f in _JSON_FIELD.findall(json.dumps(n.parameters))}
    )
    triggers = {n.id for n in workflow.nodes if n.type == NodeFamily.TRIGGER}
    if not fields or len(triggers) != 1 or "sample" in nodes:
        return workflow
    (trigger,) = triggers
    typed: dict[str, Any] = {}
    for n in workflow.nodes:
        _typed_fields(n.parameters, typed)
        for m in _ARITHMETIC.finditer(json.dumps(n.parameters)):
            typed[m.group(1) or m.group(2)] = 2  # {{ $json.qty * 2 }}: a number
    sample = Node(
        id="sample",
        name="Sample item",
        type=NodeFamily.ACTION,
        subtype="set_fields",
        parameters={"fields": {f: typed.get(f, _sample_value(f)) for f in fields}},
    )
    conns = [
        c.model_copy(update={"from_node": "sample"}) if c.from_node == trigger else c
        for c in workflow.connections
    ]
    conns.append(Connection(from_node=trigger, to_node="sample"))
    return workflow.model_copy(update={"nodes": [*workflow.nodes, sample], "connections": conns})


def example_runs() -> dict[str, Workflow]:
    """Every catalog example that is not a trigger, after a manual trigger and the sample
    item its nodes read (:func:`sample_item`)."""
    from tests.core.strategies import example_workflow

    out: dict[str, Workflow] = {}
    for spec in load_catalog():
        if spec.subtype in GENERIC_SUBTYPES or spec.family == NodeFamily.TRIGGER:
            continue
        out[f"example {spec.subtype}"] = sample_item(example_workflow(spec))
    return out


# the blind held-out set: its requests are shown to nobody who works on the planner, and a
# failing run here would print them
HELD_OUT = (
    "requests_fresh3.jsonl",
    "requests_fresh7.jsonl",
    "requests_fresh9.jsonl",
    "requests_fresh13.jsonl",
    "requests_fresh15.jsonl",
    "requests_fresh18.jsonl",
)  # never read

# runs that fail for a reason of ours and are not fixed yet, each with why (strict: a fixed one
# must leave this list)
KNOWN_OURS = {
    "planner 我订的播客RSS https://feeds.example.fm/tech 一出新一期，就用OpenAI把音频转成文字，"
    "总结一下要点，存成一个Google Docs文档": "the episode's audio is never downloaded from the "
    "feed item's enclosure URL before OpenAI transcribes it (a file-consuming step after a feed "
    "start needs an HTTP download first; the planner has no such rule yet)",
}


def planner_requests() -> list[str]:
    """The seed's request, bench/prompts.json and the evaluation sets' create requests (but the
    held-out set's)."""
    texts = [SEED_REQUEST]
    prompts = REPO / "bench" / "prompts.json"
    if prompts.is_file():
        texts += [p["prompt"] for p in json.loads(prompts.read_text(encoding="utf-8"))]
    for path in sorted((REPO / "bench" / "eval_planner").glob("*.jsonl")):
        if path.name in HELD_OUT:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if row and not row.get("prior") and row.get("request"):
                texts.append(row["request"])
    return list(dict.fromkeys(texts))


async def _plan(text: str) -> Workflow | None:
    from flowsmith.agent.interface import Decided
    from flowsmith.agent.offline_agent import OfflineAgent
    from flowsmith.generation.pipeline import GenerationFailed, run_pipeline

    agent = OfflineAgent()
    decision = None
    async for event in agent.respond(text, [], None):
        if isinstance(event, Decided):
            decision = event.decision
    if decision is None or decision.kind != "generate" or decision.request is None:
        return None
    request = {**json.loads(json.dumps(decision.request)), "message": text}

    async def emit(kind: str, data: dict[str, Any]) -> None:
        return None

    try:
        workflow, _ = await run_pipeline(
            agent, request, None, emit, workflow_id="n8n-run", repair_rounds=3
        )
    except GenerationFailed:
        return None
    return workflow


def planner_runs(texts: Iterable[str]) -> dict[str, Workflow]:
    out: dict[str, Workflow] = {}
    for text in texts:
        workflow = asyncio.run(_plan(text))
        if workflow is not None:
            out[f"planner {text}"] = sample_item(workflow)
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _execute_batch(n8n_root: Path, docs: dict[str, dict[str, Any]], home: Path) -> dict[str, Any]:
    folder = home / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs.values():
        (folder / f"{doc['id']}.json").write_text(json.dumps(doc), encoding="utf-8")
    ids = ",".join(doc["id"] for doc in docs.values())
    # a broker port of its own: another n8n on this machine may hold env.sh's 5680
    script = (
        f". {n8n_root}/env.sh && export N8N_USER_FOLDER={home} && "
        f"export N8N_RUNNERS_BROKER_PORT={_free_port()} && "
        f"n8n import:workflow --separate --input={folder} && "
        f"n8n execute-batch --ids={ids} --shortOutput --retries=0 --output={home}/report.json"
    )
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=1800, check=False
    )
    report = home / "report.json"  # stdout is cut at 64 KiB when n8n exits
    if not report.is_file():
        raise RuntimeError(result.stdout[-3000:] + result.stderr[-3000:])
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def run_all(n8n_root: Path, runs: dict[str, tuple[str, Workflow]]) -> list[Run]:
    """Export, import and execute every workflow; one :class:`Run` per name."""
    docs: dict[str, dict[str, Any]] = {}
    for index, (name, (_, workflow)) in enumerate(runs.items()):
        doc = to_n8n(manual_start(workflow))
        doc["id"] = str(100000 + index)  # execute-batch takes numeric ids only
        doc["name"] = name[:120]
        docs[name] = doc
    report = _execute_batch(n8n_root, docs, Path(tempfile.mkdtemp(prefix="n8n-runs-")))
    by_id = {e["workflowId"]: e for e in report.get("executions", [])}
    out: list[Run] = []
    for name, doc in docs.items():
        ex = by_id.get(doc["id"], {})
        status = str(ex.get("executionStatus", "missing"))
        error = str(ex.get("error") or "")
        stops = [
            str(n.parameters.get("message", ""))
            for n in runs[name][1].nodes
            if n.subtype == "stop_and_error"
        ]
        outcome = classify(status, error, stops)
        if outcome == "input" and runs[name][0] == "planner" and _wants_a_file(error):
            outcome = _file_outcome(runs[name][1], error)
        out.append(Run(name, runs[name][0], outcome, error[:300]))
    return out


# starts that never hand over a file: a node of a planned workflow that wants one from such a
# start (YouTube's upload after a schedule or a feed) is a wrong operation of ours, not an
# input a manual start lacks
_FILELESS_STARTS = frozenset({"manual_trigger", "schedule_trigger", "rss_trigger"})


def _wants_a_file(error: str) -> bool:
    return "previous node outputs a binary file" in error


def _file_outcome(workflow: Workflow, error: str) -> str:
    """``ours`` when the planned node that wants a file (``… on node X``) has only starts
    that never hand one over (manual, schedule, feed) and no node that could fetch or make a
    file (an app, an HTTP request, a file read) upstream; else ``input``."""
    name = error.rsplit(" on node ", 1)[-1].strip()
    stopped = next((n for n in workflow.nodes if n.name == name), None)
    if stopped is None:
        return "input"
    into: dict[str, set[str]] = {}
    for c in workflow.connections:
        into.setdefault(c.to_node, set()).add(c.from_node)
    nodes = {n.id: n for n in workflow.nodes}
    seen: set[str] = set()
    todo = list(into.get(stopped.id, ()))
    while todo:
        nid = todo.pop()
        if nid in seen or nid not in nodes:
            continue
        seen.add(nid)
        todo += into.get(nid, ())
    for nid in seen:
        node = nodes[nid]
        if node.type == NodeFamily.TRIGGER and node.subtype not in _FILELESS_STARTS:
            return "input"
        if node.type == NodeFamily.EXTERNAL_ACTION or node.subtype in _FILE_MAKERS:
            return "input"
    return "ours"


_FILE_MAKERS = frozenset({"http_request", "read_file"})


def table(results: list[Run]) -> str:
    counts = Counter((r.source, r.outcome) for r in results)
    outcomes = ["ran", "network", "credential", "input", "ours"]
    head = "| source | " + " | ".join(outcomes) + " | all |\n|---|" + "---|" * 6 + "\n"
    rows = ""
    for source in ("example", "planner"):
        cells = [str(counts[(source, o)]) for o in outcomes]
        total = sum(counts[(source, o)] for o in outcomes)
        rows += f"| {source} | " + " | ".join(cells) + f" | {total} |\n"
    lines = [head + rows, "\n| run | ended | n8n's message |\n|---|---|---|\n"]
    for r in sorted(results, key=lambda r: (r.source, r.outcome, r.name)):
        msg = r.detail.replace("|", "\\|").replace("\n", " ")[:160]
        lines.append(f"| {r.name.replace('|', '/')[:90]} | {r.outcome} | {msg} |\n")
    return "".join(lines)


def collect() -> dict[str, tuple[str, Workflow]]:
    runs: dict[str, tuple[str, Workflow]] = {k: ("example", w) for k, w in example_runs().items()}
    runs.update({k: ("planner", w) for k, w in planner_runs(planner_requests()).items()})
    return runs


def write_doc(results: list[Run]) -> None:
    text = DOC.read_text(encoding="utf-8")
    head = text.split(DOC_MARK)[0].rstrip() + "\n\n"
    body = (
        f"{DOC_MARK}\n\nWritten by `python -m tests.n8n_real.runs --write-doc` against n8n "
        "2.41.1 (`/work/shared/tools/n8n-setup.sh`), with no network and no credentials "
        "chosen. Every catalog example (after a manual trigger) and every workflow the "
        "offline planner builds for the seed's request, `bench/prompts.json` and the "
        "evaluation set's create requests, each started by a manual trigger in place of its "
        "own and followed by a Set node giving the sample item the nodes read, run with one "
        "`n8n execute-batch`. `ran`: finished without error; `network`: "
        "stopped at a node that needs the network; `credential`: stopped at a node whose "
        "credential is not chosen yet; `input`: stopped where a manual start cannot give "
        "the node its input (a webhook response); `ours`: anything else. n8n's Linear node "
        "turns a missing credential into `Cannot read properties of undefined (reading "
        "'errors')` (its `linearApiRequest` reads `error.context.data` in its catch): that "
        "message on a node counts as `credential`.\n\n"
    )
    DOC.write_text(head + body + table(results), encoding="utf-8")


def main(argv: list[str]) -> int:
    root = Path("/tmp/n8n-try")
    results = run_all(root, collect())
    print(table(results))
    if "--write-doc" in argv:
        write_doc(results)
    return 1 if any(r.outcome == "ours" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

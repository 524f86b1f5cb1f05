#!/usr/bin/env python
"""Evaluate chat-to-workflow generation over a prompt set (bench/prompts.json).

For every prompt: one chat turn (``agent.respond``), then, when the agent decides to
generate, the real generation pipeline (draft → validate / dry run → repair rounds), with
no HTTP server and no database. Per provider it prints: the share of prompts that ended
with a valid workflow, recall of the expected node families and key subtypes, mean LLM
calls and tokens per prompt (turn + generation), and p50 / p95 wall time.

    .venv/bin/python bench/eval_generation.py --provider offline
    .venv/bin/python bench/eval_generation.py --provider fake-openai --provider fake-anthropic
    .venv/bin/python bench/eval_generation.py --provider all
    FLOWSMITH_LLM_PROVIDER=openai FLOWSMITH_LLM_MODEL=gpt-4o-mini OPENAI_API_KEY=... \\
        .venv/bin/python bench/eval_generation.py --provider configured

``fake-openai`` / ``fake-anthropic`` start the test suite's fake servers (tests/llm/fakes.py)
and put a scripted "model" behind them: it decides like the offline planner, drafts the
offline planner's workflow, and injects a fault into most drafts (a hallucinated node type,
once or persistently; a dangling connection; a missing required parameter), answering the
repair request with the exact fix. Its numbers measure flowsmith's loop (schema check,
fix-up, validation, repair rounds) and overhead over real HTTP, not a model's quality.
Its token counts are estimates (characters / 4), since a fake has no tokenizer.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import logging
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT / "src", ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from flowsmith.agent.factory import close_agent, create_agent  # noqa: E402
from flowsmith.agent.interface import Agent, Decided  # noqa: E402
from flowsmith.config import Settings  # noqa: E402
from flowsmith.core.catalog import load_catalog  # noqa: E402
from flowsmith.core.validate import is_valid, validate_workflow  # noqa: E402
from flowsmith.generation.pipeline import GenerationFailed, run_pipeline  # noqa: E402
from flowsmith.planner import offline  # noqa: E402
from flowsmith.usage import metering  # noqa: E402

PROVIDERS = ("offline", "fake-openai", "fake-anthropic", "configured")
# which fault the scripted model injects into the i-th prompt's draft
FAULTS: tuple[str | None, ...] = (
    None,
    "hallucinated_once",
    "dangling",
    None,
    "missing_parameter",
    "hallucinated_persistent",
)
FIX_UP_MARKER = "Your previous reply could not be used"


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    prompt: str
    families: list[str]
    subtypes: list[str]


@dataclass
class Outcome:
    case: Case
    decision: str = ""
    valid: bool = False
    families: set[str] = field(default_factory=set)
    subtypes: set[str] = field(default_factory=set)
    calls: int = 0
    tokens: int = 0
    seconds: float = 0.0
    rounds: int = 0
    error: str = ""
    fault: str | None = None

    @property
    def family_recall(self) -> float:
        expected = set(self.case.families)
        return len(expected & self.families) / len(expected) if expected else 1.0

    @property
    def subtype_recall(self) -> float:
        expected = set(self.case.subtypes)
        return len(expected & self.subtypes) / len(expected) if expected else 1.0


def load_cases(path: Path) -> list[Case]:
    return [Case(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


# --- the scripted model behind the fake servers -------------------------------------------------


class ScriptedModel:
    """Answers each request from the fake server by what it asks for: the ``decide`` tool
    (a chat turn), a ``workflow`` (a draft) or a ``workflow_patch`` (a repair)."""

    def __init__(self) -> None:
        self.case: Case | None = None
        self.fault: str | None = None
        self.reference: dict[str, Any] = {}
        self.faulty: dict[str, Any] = {}
        self.fix: list[dict[str, Any]] = []
        self.injected: str | None = None

    def start_case(self, case: Case, index: int) -> None:
        self.case = case
        self.fault = FAULTS[index % len(FAULTS)]
        self.injected = None
        decision = offline.decide(case.prompt, [], None)
        self.reference, self.faulty, self.fix = {}, {}, []
        if decision.kind == "generate" and decision.request is not None:
            built = offline.build(decision.request, None)
            self.reference = _as_draft(built.model_dump(mode="json"))
            self.faulty, self.fix, self.injected = _inject(self.reference, self.fault)

    def reply(self, body: dict[str, Any]) -> Any:
        from tests.llm.fakes import json_body, tool_call

        assert self.case is not None
        name, schema = _requested(body)
        prompt_chars = len(json.dumps(body.get("messages", []), ensure_ascii=False)) + len(
            str(body.get("system", ""))
        )
        if name == "decide":
            args, said = self._decide()
            payload = json.dumps(args, ensure_ascii=False)
            usage = (prompt_chars // 4, (len(payload) + len(said)) // 4)
            return tool_call("decide", args, text=said, usage=usage)
        if name == "workflow":
            fix_up = FIX_UP_MARKER in _last_user_text(body)
            constrained = bool(
                ((schema or {}).get("properties", {}).get("nodes", {}).get("items", {}))
                .get("properties", {})
                .get("subtype", {})
                .get("enum")
            )
            value = self.faulty
            if self.injected == "hallucinated_once" and fix_up:
                value = self.reference
            elif self.injected == "hallucinated_persistent" and not constrained:
                value = self.faulty  # accepted without the enum: the repair loop's turn
            payload = json.dumps(value, ensure_ascii=False)
            return json_body(value, usage=(prompt_chars // 4, len(payload) // 4))
        if name == "workflow_patch":
            value = {"operations": self.fix, "summary": "fix the reported problem"}
            payload = json.dumps(value, ensure_ascii=False)
            return json_body(value, usage=(prompt_chars // 4, len(payload) // 4))
        return json_body({}, usage=(prompt_chars // 4, 1))

    def _decide(self) -> tuple[dict[str, Any], str]:
        assert self.case is not None
        decision = offline.decide(self.case.prompt, [], None)
        zh = self.case.lang == "zh"
        if decision.kind == "generate" and decision.request is not None:
            title = str(decision.request.get("title") or "")
            said = f"好的，我来生成“{title}”。" if zh else f"OK, building “{title}”."
            return (
                {
                    "kind": "generate",
                    "mode": "create",
                    "spec": self.case.prompt,
                    "title": title,
                    "assumptions": decision.assumptions,
                },
                said,
            )
        if decision.kind == "clarify":
            questions = [q.model_dump() for q in decision.questions]
            return {"kind": "clarify", "questions": questions}, ""
        return {"kind": "answer"}, "OK."


def _as_draft(workflow: dict[str, Any]) -> dict[str, Any]:
    """A workflow as a model drafts it (no positions, retries or settings)."""
    keep = ("id", "name", "type", "subtype", "parameters", "attached_nodes", "on_error")
    return {
        "name": workflow["name"],
        "description": workflow.get("description", ""),
        "nodes": [{k: n[k] for k in keep if k in n} for n in workflow["nodes"]],
        "connections": [dict(c) for c in workflow["connections"]],
    }


def _inject(
    reference: dict[str, Any], fault: str | None
) -> tuple[dict[str, Any], list[dict[str, Any]], str | None]:
    """The faulty draft, the patch that fixes it, and the fault actually injected."""
    catalog = load_catalog()
    faulty = copy.deepcopy(reference)
    nodes = faulty["nodes"]
    if fault in ("hallucinated_once", "hallucinated_persistent"):
        for node in reversed(nodes):
            if node["type"] in ("EXTERNAL_ACTION", "ACTION"):
                original = copy.deepcopy(node)
                node["subtype"] = (
                    "wechat_work_message" if node["type"] == "EXTERNAL_ACTION" else "magic_fetch"
                )
                node["parameters"] = {"content": "{{ $json }}"}
                fix = [
                    {
                        "op": "update_node",
                        "id": node["id"],
                        "subtype": original["subtype"],
                        "parameters": original["parameters"],
                    }
                ]
                return faulty, fix, fault
    if fault == "dangling":
        for conn in faulty["connections"]:
            target = next((n for n in nodes if n["id"] == conn["to_node"]), None)
            if target is not None and target["type"] != "TRIGGER":
                good = dict(conn)
                conn["to_node"] = conn["to_node"] + "_step"
                fix = [
                    {
                        "op": "disconnect",
                        "from_node": good["from_node"],
                        "to_node": conn["to_node"],
                    },
                    {
                        "op": "connect",
                        "from_node": good["from_node"],
                        "to_node": good["to_node"],
                        "from_output": good.get("from_output", "main"),
                        "to_input": good.get("to_input", "main"),
                    },
                ]
                return faulty, fix, fault
    if fault == "missing_parameter":
        for node in reversed(nodes):
            spec = catalog.get(node["subtype"])
            required = [
                p
                for p in (spec.required_parameters if spec else [])
                if p in node["parameters"] and "default" not in spec.parameters["properties"][p]  # type: ignore[union-attr]
            ]
            if required:
                name = required[0]
                value = node["parameters"].pop(name)
                fix = [{"op": "update_node", "id": node["id"], "parameters": {name: value}}]
                return faulty, fix, fault
    return faulty, [], None


def _requested(body: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """What a request asks for: the structured output's name and schema, or ``decide``."""
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        spec = response_format["json_schema"]
        return str(spec["name"]), spec.get("schema")
    tools = body.get("tools") or []
    choice = body.get("tool_choice")
    forced = None
    if isinstance(choice, dict):
        forced = choice.get("name") or (choice.get("function") or {}).get("name")
    for tool in tools:
        name = tool.get("name") or tool.get("function", {}).get("name")
        schema = tool.get("input_schema") or tool.get("function", {}).get("parameters")
        if forced is None or name == forced:
            return str(name), schema
    return "text", None


def _last_user_text(body: dict[str, Any]) -> str:
    for message in reversed(body.get("messages") or []):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            return content
        return " ".join(b.get("text", "") for b in content or [] if isinstance(b, dict))
    return ""


def start_fake(kind: str, model: ScriptedModel) -> Any:
    from tests.llm.fakes import FakeAnthropic, FakeOpenAI

    base = FakeOpenAI if kind == "fake-openai" else FakeAnthropic

    class Scripted(base):  # type: ignore[misc, valid-type]
        async def _respond(self, request: Any, out: Any) -> None:
            if self._refusal(request.json) is None:
                self.script(model.reply(request.json))
            await super()._respond(request, out)

    return Scripted().start()


# --- running -----------------------------------------------------------------------------------


async def run_case(agent: Agent, case: Case, repair_rounds: int) -> Outcome:
    outcome = Outcome(case)
    started = time.perf_counter()
    with metering() as meter:
        try:
            decision = None
            async for event in agent.respond(case.prompt, [], None):
                if isinstance(event, Decided):
                    decision = event.decision
            assert decision is not None
            outcome.decision = decision.kind
            if decision.kind == "generate" and decision.request is not None:
                request = {**json.loads(json.dumps(decision.request)), "message": case.prompt}
                rounds: list[int] = []

                async def emit(kind: str, data: dict[str, Any]) -> None:
                    if kind == "debugging":
                        rounds.append(int(data.get("round", 0)))

                workflow, _ = await run_pipeline(
                    agent,
                    request,
                    None,
                    emit,
                    workflow_id="bench",
                    repair_rounds=repair_rounds,
                )
                outcome.rounds = len(rounds)
                outcome.valid = is_valid(validate_workflow(workflow))
                outcome.families = {n.type.value for n in workflow.nodes}
                outcome.subtypes = {n.subtype for n in workflow.nodes}
        except GenerationFailed as failed:
            outcome.error = failed.code
        except Exception as exc:  # an AgentError, or a bug worth seeing in the table
            outcome.error = str(getattr(exc, "code", type(exc).__name__))
    outcome.seconds = time.perf_counter() - started
    outcome.calls = meter.calls
    outcome.tokens = meter.total_tokens
    return outcome


def settings_for(provider: str, fake: Any | None) -> Settings:
    if provider == "offline":
        return Settings(_env_file=None, llm_provider="offline", offline_stream_delay_ms=0)
    if provider == "configured":
        return Settings()
    assert fake is not None
    kind = "openai" if provider == "fake-openai" else "anthropic"
    model = "gpt-4o-mini" if kind == "openai" else "claude-sonnet-4-20250514"
    return Settings(
        _env_file=None,
        llm_provider=kind,
        llm_model=model,
        llm_base_url=fake.base_url,
        llm_api_key="sk-bench",
        llm_backoff_base_s=0.01,
        llm_backoff_max_s=0.02,
    )


async def evaluate(provider: str, cases: list[Case]) -> tuple[str, list[Outcome]]:
    model = ScriptedModel() if provider.startswith("fake-") else None
    fake = start_fake(provider, model) if model is not None else None
    settings = settings_for(provider, fake)
    agent = create_agent(settings)
    label = (
        provider if provider != "configured" else f"{settings.llm_provider}:{settings.llm_model}"
    )
    outcomes = []
    try:
        for index, case in enumerate(cases):
            if model is not None:
                model.start_case(case, index)
            outcome = await run_case(agent, case, settings.repair_rounds)
            outcome.fault = model.injected if model is not None else None
            outcomes.append(outcome)
    finally:
        await close_agent(agent)
        if fake is not None:
            fake.stop()
    return label, outcomes


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summary_row(label: str, outcomes: list[Outcome]) -> list[str]:
    n = len(outcomes)
    valid = sum(o.valid for o in outcomes)
    seconds = [o.seconds for o in outcomes]
    return [
        label,
        str(n),
        f"{valid / n:.0%} ({valid}/{n})",
        f"{statistics.mean(o.family_recall for o in outcomes):.2f}",
        f"{statistics.mean(o.subtype_recall for o in outcomes):.2f}",
        f"{statistics.mean(o.calls for o in outcomes):.2f}",
        f"{statistics.mean(o.tokens for o in outcomes):,.0f}",
        f"{percentile(seconds, 0.5):.3f}",
        f"{percentile(seconds, 0.95):.3f}",
    ]


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def fault_rows(label: str, outcomes: list[Outcome]) -> list[list[str]]:
    rows = []
    kinds = sorted({o.fault or "none" for o in outcomes})
    for kind in kinds:
        group = [o for o in outcomes if (o.fault or "none") == kind]
        rows.append(
            [
                label,
                kind,
                str(len(group)),
                f"{sum(o.valid for o in group)}/{len(group)}",
                f"{statistics.mean(o.calls for o in group):.2f}",
                f"{statistics.mean(o.rounds for o in group):.2f}",
            ]
        )
    return rows


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--provider",
        action="append",
        choices=[*PROVIDERS, "all"],
        help="offline | fake-openai | fake-anthropic | configured | all (repeatable)",
    )
    parser.add_argument("--prompts", type=Path, default=ROOT / "bench" / "prompts.json")
    parser.add_argument("--limit", type=int, default=0, help="only the first N prompts")
    parser.add_argument("--verbose", action="store_true", help="one line per prompt")
    parser.add_argument("--json", type=Path, help="write per-prompt results here")
    args = parser.parse_args()
    # the agent logs each recovered model mistake as a warning; show them with --verbose
    logging.basicConfig(level=logging.WARNING if args.verbose else logging.ERROR)
    providers = args.provider or ["offline"]
    if "all" in providers:
        providers = ["offline", "fake-openai", "fake-anthropic"]
    cases = load_cases(args.prompts)
    if args.limit:
        cases = cases[: args.limit]
    zh = sum(c.lang == "zh" for c in cases)
    print(f"{len(cases)} prompts ({zh} zh, {len(cases) - zh} en) from {args.prompts.name}\n")
    rows, faults, details = [], [], []
    for provider in providers:
        label, outcomes = await evaluate(provider, cases)
        rows.append(summary_row(label, outcomes))
        if provider.startswith("fake-"):
            faults.extend(fault_rows(label, outcomes))
        for o in outcomes:
            details.append(
                {
                    "provider": label,
                    "id": o.case.id,
                    "decision": o.decision,
                    "valid": o.valid,
                    "family_recall": round(o.family_recall, 3),
                    "subtype_recall": round(o.subtype_recall, 3),
                    "missing_subtypes": sorted(set(o.case.subtypes) - o.subtypes),
                    "calls": o.calls,
                    "tokens": o.tokens,
                    "seconds": round(o.seconds, 4),
                    "rounds": o.rounds,
                    "fault": o.fault,
                    "error": o.error,
                }
            )
            if args.verbose:
                print(
                    f"{label:16} {o.case.id:20} {o.decision or '-':8} "
                    f"{'valid' if o.valid else 'INVALID':7} fam={o.family_recall:.2f} "
                    f"sub={o.subtype_recall:.2f} calls={o.calls} rounds={o.rounds} "
                    f"fault={o.fault or '-'} {o.error}"
                )
    if args.verbose:
        print()
    header = [
        "provider",
        "prompts",
        "valid workflows",
        "family recall",
        "subtype recall",
        "LLM calls / prompt",
        "tokens / prompt",
        "p50 s",
        "p95 s",
    ]
    print(markdown(header, rows))
    if faults:
        print()
        print(
            markdown(
                [
                    "provider",
                    "injected fault",
                    "prompts",
                    "valid",
                    "LLM calls / prompt",
                    "check rounds",
                ],
                faults,
            )
        )
    if args.json:
        args.json.write_text(json.dumps(details, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())

"""The generation pipeline: draft → check → repair → check … → a valid workflow or failure.

No storage and no bus here: every stage result goes out through ``emit`` and the caller
decides where it lands, so the whole pipeline is unit-tested with a list as ``emit``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from flowsmith.agent.interface import Agent
from flowsmith.core.layout import auto_layout
from flowsmith.core.models import Finding, Workflow
from flowsmith.core.repair import repair
from flowsmith.core.simulate import simulate
from flowsmith.core.simulate import summary as simulation_summary
from flowsmith.core.validate import is_valid, validate_workflow
from flowsmith.generation import messages
from flowsmith.generation.events import GenerationEventType
from flowsmith.workflows.service import scrub_secrets

Emit = Callable[[GenerationEventType, dict[str, Any]], Awaitable[None]]

CHECKS = [
    "schema",
    "catalog (known subtypes, families)",
    "graph shape (trigger, reachability, cycles, connections)",
    "required parameters",
    "expressions (references upstream, fields, types)",
    "attachments (tools and memory on AI agents)",
    "dry run (every branch, sample data, no network)",
]
# a graph with these cannot be run meaningfully: the dry run waits for the repair
UNRUNNABLE = frozenset(
    {
        "schema_error",
        "empty_workflow",
        "unknown_subtype",
        "no_trigger",
        "dangling_connection",
        "duplicate_node_id",
        "cycle",
        "family_mismatch",
    }
)


class GenerationFailed(Exception):
    def __init__(self, code: str, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.findings = findings


def findings_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [f.model_dump(exclude_none=True) for f in findings]


def _count(findings: list[Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)


def _check_message(round_no: int, findings: list[Finding], lang: str) -> str:
    errors, warnings = _count(findings, "error"), _count(findings, "warning")
    if errors == 0:
        tail = messages.text("warnings", lang, count=warnings) if warnings else ""
        return messages.text("passed", lang, round=round_no, warnings=tail)
    return messages.text("problems", lang, round=round_no, errors=errors)


async def run_pipeline(
    agent: Agent,
    request: dict[str, Any],
    current: Workflow | None,
    emit: Emit,
    *,
    workflow_id: str,
    repair_rounds: int,
) -> tuple[Workflow, list[Finding]]:
    """Returns the checked workflow and its remaining (non-error) findings."""
    lang = messages.language(request)
    secrets: list[Finding] = []
    draft = _prepared(await agent.draft(request, current), workflow_id, secrets)
    await emit(
        "draft",
        {
            "message": messages.text("draft", lang, name=draft.name, nodes=len(draft.nodes)),
            "workflow": draft.model_dump(mode="json"),
        },
    )
    repairs: list[Finding] = []
    for round_no in range(1, repair_rounds + 2):
        findings, simulation = check(draft)
        findings += secrets
        await emit(
            "debugging",
            {
                "message": _check_message(round_no, findings, lang),
                "round": round_no,
                "checks": CHECKS,
                "findings": findings_json(findings),
                "repairs": findings_json(repairs),
                "errors": _count(findings, "error"),
                "warnings": _count(findings, "warning"),
                "simulation": simulation,
                # after a repair the graph changed: the page redraws it
                **({"workflow": draft.model_dump(mode="json")} if round_no > 1 else {}),
            },
        )
        if is_valid(findings):
            return draft, findings
        if round_no > repair_rounds:
            break
        # safe mechanical fixes first; the agent gets whatever they leave
        fixed = repair(draft, findings)
        if fixed.applied:
            draft, repairs = _prepared(fixed.workflow, workflow_id, secrets), fixed.applied
            continue
        repaired = await agent.repair(draft, findings, request)
        if repaired is None:
            break
        draft, repairs = _prepared(repaired, workflow_id, secrets), []
    details = "; ".join(f.message for f in findings if f.severity == "error")[:500]
    raise GenerationFailed(
        "validation_failed", messages.text("validation_failed", lang, details=details), findings
    )


def check(workflow: Workflow) -> tuple[list[Finding], dict[str, Any] | None]:
    """The validator's findings, then the dry run's (when the graph is sound enough to run),
    with a short summary of the run for the ``debugging`` event."""
    findings = validate_workflow(workflow)
    if any(f.code in UNRUNNABLE for f in findings):
        return findings, None
    result = simulate(workflow)
    return findings + result.findings, simulation_summary(result)


def _prepared(workflow: Workflow, workflow_id: str, secrets: list[Finding]) -> Workflow:
    """Laid out, given its id, inline secrets replaced by ``$env`` references (reported in
    ``secrets``): every graph the pipeline emits or returns passes through here, so no
    ``draft`` or ``debugging`` event carries a secret the model wrote into a parameter."""
    laid_out = auto_layout(workflow).model_copy(update={"id": workflow_id})
    scrubbed, found = scrub_secrets(laid_out)
    secrets.extend(found)
    return scrubbed

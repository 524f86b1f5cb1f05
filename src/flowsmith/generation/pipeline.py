"""The generation pipeline: draft → check → repair → check … → a valid workflow or failure.

No storage and no bus here: every stage result goes out through ``emit`` and the caller
decides where it lands, so the whole pipeline is unit-tested with a list as ``emit``.

The check of each round is the validator's, the dry run's, and the request check's
(:mod:`flowsmith.planner.coverage`): the user's words of the turn are parsed into a frame
(``parse_request``) and the draft is compared with it. Its findings are warnings: they never
make a draft invalid, but while any is left and repair rounds remain, the agent gets them to
repair like the validator's errors (an agent that cannot, the offline planner, returns None
and the draft stands). A repair that leaves the graph invalid never replaces a valid draft
that did more of the request: the best valid draft seen is kept. What is still uncovered at
the end is in the result's findings (codes :data:`REQUEST_CODES`), for the ``complete``
event to say.

A request with ``unchanged: true`` (an edit the agent found already done) is checked as it
is, without drafting or repairing: the caller ends it on the unchanged workflow.
"""

from __future__ import annotations

import logging
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
from flowsmith.planner.coverage import REQUEST_CODES, check_request
from flowsmith.planner.coverage_said import check_said, merged
from flowsmith.planner.frame import Frame
from flowsmith.workflows.service import scrub_secrets

log = logging.getLogger(__name__)

Emit = Callable[[GenerationEventType, dict[str, Any]], Awaitable[None]]

CHECKS = [
    "schema",
    "catalog (known subtypes, families)",
    "graph shape (trigger, reachability, cycles, connections)",
    "required parameters",
    "expressions (references upstream, fields, types)",
    "attachments (tools and memory on AI agents)",
    "dry run (every branch, sample data, no network)",
    "request (every part asked for is done, in order, under its conditions)",
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


def uncovered(findings: list[Finding]) -> list[Finding]:
    """The findings that say the workflow does not (yet) do what was asked."""
    return [f for f in findings if f.code in REQUEST_CODES]


def uncovered_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [
        {"code": f.code, "message": f.message, "node_id": f.node_id} for f in uncovered(findings)
    ]


def _check_message(round_no: int, findings: list[Finding], lang: str) -> str:
    errors, warnings = _count(findings, "error"), _count(findings, "warning")
    if errors == 0:
        missing = len(uncovered(findings))
        if missing:
            return messages.text("not_covered", lang, round=round_no, count=missing)
        tail = messages.text("warnings", lang, count=warnings) if warnings else ""
        return messages.text("passed", lang, round=round_no, warnings=tail)
    return messages.text("problems", lang, round=round_no, errors=errors)


def request_text(request: dict[str, Any]) -> str:
    """The user's own words the generation answers (the turn's, with any it carried)."""
    for key in ("request_text", "text", "message", "spec"):
        value = request.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def is_edit(request: dict[str, Any], current: Workflow | None) -> bool:
    """Whether the generation changes ``current`` (the request names a change, not a whole
    workflow): an offline plan without an intent, or an LLM request in ``edit`` mode."""
    if current is None or not current.nodes:
        return False
    return not request.get("intent") and request.get("mode") != "create"


def request_frame(request: dict[str, Any], current: Workflow | None) -> Frame | None:
    """The frame of the request, or None when it cannot be read (then nothing is checked).

    An edit is checked only when it only adds: a frame of "remove the Slack step" names the
    Slack step it wants gone."""
    text = request_text(request)
    if not text:
        return None
    try:
        from flowsmith.planner.parse import parse_request

        if is_edit(request, current) and not _only_additions(text, current):
            return None
        return parse_request(text)
    except Exception:  # the check must never break a generation
        log.exception("parsing the request for the request check failed")
        return None


def _only_additions(text: str, current: Workflow | None) -> bool:
    from flowsmith.planner.edit_parse import parse_edits

    ops = parse_edits(text, current or Workflow())
    return bool(ops) and all(op.kind.startswith("add") for op in ops)


def coverage(
    frame: Frame | None, workflow: Workflow, request: dict[str, Any], current: Workflow | None
) -> list[Finding]:
    """The request check's findings: the frame's (:func:`check_request`, when the request
    could be read) and the said check's on the raw text (:func:`check_said`, creates and
    edits), less the said-findings the frame check already made."""
    text = request_text(request)
    edit = is_edit(request, current)
    try:
        prior = frozenset(n.id for n in current.nodes) if edit and current is not None else None
        found = (
            check_request(frame, workflow, edit=edit, prior=prior or frozenset())
            if frame is not None
            else []
        )
        said = check_said(text, workflow, edit=edit) if text else []
        return merged(found, said, frame)
    except Exception:
        log.exception("the request check failed")
        return []


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
    unchanged = bool(request.get("unchanged")) and current is not None
    if unchanged:
        assert current is not None
        draft = _prepared(current, workflow_id, secrets)
        text = messages.text("unchanged_draft", lang, name=draft.name)
    else:
        draft = _prepared(await agent.draft(request, current), workflow_id, secrets)
        text = messages.text("draft", lang, name=draft.name, nodes=len(draft.nodes))
    await emit("draft", {"message": text, "workflow": draft.model_dump(mode="json")})
    frame = None if unchanged else request_frame(request, current)
    repairs: list[Finding] = []
    # the valid draft that left the fewest parts of the request undone, and its findings
    best: tuple[Workflow, list[Finding]] | None = None
    for round_no in range(1, repair_rounds + 2):
        findings, simulation = check(draft)
        findings += secrets + coverage(frame, draft, request, current)
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
                "uncovered": uncovered_json(findings),
                "simulation": simulation,
                # after a repair the graph changed: the page redraws it
                **({"workflow": draft.model_dump(mode="json")} if round_no > 1 else {}),
            },
        )
        if unchanged:
            return draft, findings
        if is_valid(findings):
            missing = len(uncovered(findings))
            if best is None or missing <= len(uncovered(best[1])):
                best = (draft, findings)
            if missing == 0 or round_no > repair_rounds:
                return best
            # valid, but short of the request: the agent may add what is missing; a failed
            # attempt (the model is down, out of time) leaves the valid draft standing
            try:
                repaired = await agent.repair(draft, findings, request)
            except Exception as exc:
                log.warning("repairing the request check's findings failed: %s", exc)
                return best
            if repaired is None:
                return best
            draft, repairs = _prepared(repaired, workflow_id, secrets), []
            continue
        if round_no > repair_rounds:
            break
        # safe mechanical fixes first; the agent gets whatever they leave
        fixed = repair(draft, findings)
        if fixed.applied:
            draft, repairs = _prepared(fixed.workflow, workflow_id, secrets), fixed.applied
            continue
        try:
            repaired = await agent.repair(draft, findings, request)
        except Exception as exc:
            if best is None:
                raise
            # a repair of a repair failed: the valid draft before it stands
            log.warning("repairing a repaired draft failed: %s", exc)
            return best
        if repaired is None:
            break
        draft, repairs = _prepared(repaired, workflow_id, secrets), []
    if best is not None:
        return best
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

"""The LLM agent's workflow builder: ``draft`` and ``repair`` on top of the provider calls.

* ``draft``: a structured call. Creating: a whole workflow whose node ``subtype`` is an
  enum of the retrieved subtypes. Editing: a patch (``workflows.patch``) applied to the
  current version, so untouched nodes keep their ids and parameters.
* ``repair``: the draft, the checks' exact findings and the relevant specs in; a patch out.
* :func:`to_workflow`: a drafted JSON object as a ``Workflow`` (pure).

A schema-following server cannot return a subtype outside the enum. One that does not
follow it gets the provider's single fix-up request; if the model still insists, the draft
is taken without the enum and the unknown subtype goes through the validator
(``unknown_subtype``) and the repair rounds like any other finding: it is never stored.
Log lines keep the ``flowsmith.agent.llm_agent`` logger.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any

from flowsmith.agent import prompts
from flowsmith.agent.llm_calls import AgentError, LLMCalls, error_text
from flowsmith.agent.retrieval import retrieve
from flowsmith.core.catalog import Catalog
from flowsmith.core.models import Connection, Finding, Node, NodeFamily, Workflow
from flowsmith.core.patch import apply_patch, patch_schema, slug
from flowsmith.llm.base import Message
from flowsmith.planner import offline
from flowsmith.planner.coverage import REQUEST_CODES
from flowsmith.planner.text import Lang

log = logging.getLogger("flowsmith.agent.llm_agent")

_QUOTED = re.compile(r"“([^”]{1,200})”")


def _lang(value: Any) -> Lang:
    return "zh" if value == "zh" else "en"


class LLMDrafter(LLMCalls):
    """The workflow builder: drafts and repairs through the model behind ``provider``."""

    async def draft(self, request: dict[str, Any], current: Workflow | None) -> Workflow:
        if request.get("drafter") == "offline":
            # the turn's model could not decide and the offline planner read the request:
            # it builds it too (the repair rounds still go to the model)
            return offline.build(request, current)
        lang = _lang(request.get("lang"))
        request = _llm_request(request)
        if request.get("mode") == "edit" and current is not None and current.nodes:
            return await self._edit(request, current, lang)
        return await self._create(request, current, lang)

    def _specs_for(
        self, request: dict[str, Any], current: Workflow | None, *more: str
    ) -> list[Any]:
        alternatives = [
            str(u.get("alternative"))
            for u in request.get("unsupported") or []
            if isinstance(u, dict) and u.get("alternative")
        ]
        query = "\n".join([prompts.request_text(request), *more])
        return retrieve(
            query,
            current=current,
            k=self.retrieval_k,
            catalog=self.catalog,
            extra=alternatives,
        )

    async def _create(
        self, request: dict[str, Any], current: Workflow | None, lang: Lang
    ) -> Workflow:
        specs = self._specs_for(request, None)
        messages = [
            Message("system", prompts.draft_system(lang, specs)),
            Message("user", prompts.request_text(request)),
        ]
        value = await self._constrained(
            messages,
            prompts.workflow_schema([s.subtype for s in specs]),
            prompts.workflow_schema(None),
            "workflow",
            lang,
        )
        workflow = to_workflow(value, self.catalog)
        if current is not None:
            workflow = workflow.model_copy(update={"id": current.id, "version": current.version})
        return workflow

    async def _edit(self, request: dict[str, Any], current: Workflow, lang: Lang) -> Workflow:
        specs = self._specs_for(request, current)
        subtypes = [s.subtype for s in specs]
        messages = [
            Message("system", prompts.edit_system(lang, specs)),
            Message("user", prompts.edit_user(request, current)),
        ]
        value = await self._constrained(
            messages, patch_schema(subtypes), patch_schema(None), "workflow_patch", lang
        )
        operations = _operations(value)
        edited, notes = apply_patch(current, operations, self.catalog)
        failed = [n for n in notes if n.severity == "error"]
        if failed or not operations:
            # one follow-up: the model sees exactly which operations could not be applied
            problem = (
                prompts.render_findings(failed)
                if failed
                else "- the patch had no operations, but the user asked for a change"
            )
            follow_up = [
                *messages,
                Message("assistant", json.dumps(value, ensure_ascii=False)),
                Message(
                    "user",
                    "These operations could not be applied:\n"
                    f"{problem}\n\nThe workflow is now:\n{prompts.workflow_json(edited)}\n\n"
                    "Return a patch with the operations still needed for the requested "
                    "change (an empty list if none are).",
                ),
            ]
            value = await self._constrained(
                follow_up, patch_schema(subtypes), patch_schema(None), "workflow_patch", lang
            )
            more = _operations(value)
            edited, _ = apply_patch(edited, more, self.catalog)
            operations = [*operations, *more]
        if not operations or _same(edited, current):
            raise AgentError("llm_no_change", error_text("llm_no_change", lang))
        return edited

    async def repair(
        self, workflow: Workflow, findings: list[Finding], request: dict[str, Any]
    ) -> Workflow | None:
        # the request check's findings are warnings, but they say the draft does not do what
        # was asked: they are repaired like errors
        asked = [f for f in findings if f.code in REQUEST_CODES]
        if not asked and not any(f.severity == "error" for f in findings):
            return None
        lang = _lang(request.get("lang"))
        request = _llm_request(request)
        unknown = [n.subtype for n in workflow.nodes if n.subtype not in self.catalog]
        specs = self._specs_for(request, workflow, *unknown)
        # the nearest alternatives of a node type the catalog lacks, and the node types that
        # do what the request check says is missing (the request's words it quotes)
        named = [p for f in asked for p in _QUOTED.findall(f.message)]
        for query in [*unknown, *dict.fromkeys(named)]:
            for spec in retrieve(query, k=3, catalog=self.catalog, extra=()):
                if spec not in specs:
                    specs.append(spec)
        messages = [
            Message("system", prompts.repair_system(lang, specs)),
            Message("user", prompts.repair_user(request, workflow, findings) + _asked_note(asked)),
        ]
        try:
            value = await self._structured(
                messages,
                patch_schema([s.subtype for s in specs]),
                "workflow_patch",
                lang,
                kind="repair",
            )
        except AgentError as error:
            if error.code != "llm_bad_response":
                raise
            # an unusable fix ends the rounds; the generation reports the findings left
            log.warning("%s: unusable repair (%s)", self.name, error.detail)
            return None
        operations = _operations(value)
        if not operations:
            return None
        repaired, _ = apply_patch(workflow, operations, self.catalog)
        return None if _same(repaired, workflow) else repaired


# --- helpers -----------------------------------------------------------------------------------


def _asked_note(asked: Sequence[Finding]) -> str:
    if not asked:
        return ""
    codes = ", ".join(sorted({f.code for f in asked}))
    return (
        f"\n\nThe {codes} findings are warnings from the request check: the draft does not do "
        "what the user asked. Fix them too: add the missing steps, move steps after the data "
        "they need, put conditional steps behind their condition, make impossible conditions "
        "satisfiable."
    )


def _llm_request(request: dict[str, Any]) -> dict[str, Any]:
    """A stored request in this agent's shape; one planned by the offline planner (the
    provider changed between the turn and the generation) becomes a spec from its text."""
    if request.get("spec"):
        return request
    text = request.get("text") or request.get("message") or ""
    mode = request.get("mode") or ("create" if request.get("intent") else "edit")
    return {**request, "spec": str(text), "mode": mode}


def _operations(value: dict[str, Any]) -> list[Any]:
    operations = value.get("operations")
    return list(operations) if isinstance(operations, list) else []


def _same(a: Workflow, b: Workflow) -> bool:
    return a.model_dump(exclude={"id", "version"}) == b.model_dump(exclude={"id", "version"})


def to_workflow(value: dict[str, Any], catalog: Catalog) -> Workflow:
    """A drafted JSON object as a ``Workflow``, repaired only where the intent is certain:
    missing ids and names are made up, ``type`` comes from the catalog, odd field types
    are dropped. A subtype the catalog lacks is kept, for the validator to report and a
    repair round to replace; it never reaches storage."""
    nodes: list[Node] = []
    raw_nodes = value.get("nodes") if isinstance(value.get("nodes"), list) else []
    taken = {
        str(raw["id"]).strip()[:64]
        for raw in raw_nodes or []
        if isinstance(raw, dict) and isinstance(raw.get("id"), str)
    }
    for raw in raw_nodes or []:
        if not isinstance(raw, dict):
            continue
        subtype = str(raw.get("subtype") or "").strip()[:64] or "unknown"
        spec = catalog.get(subtype)
        raw_id = raw.get("id")
        node_id = (
            raw_id.strip()[:64]
            if isinstance(raw_id, str) and raw_id.strip()
            else _fresh_id(slug(subtype), taken)
        )
        taken.add(node_id)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            name = spec.display_name if spec is not None else subtype
        family: NodeFamily
        if spec is not None:
            family = spec.family
        else:
            try:
                family = NodeFamily(str(raw.get("type")))
            except ValueError:
                family = NodeFamily.ACTION
        parameters = raw.get("parameters")
        on_error = raw.get("on_error")
        attached = raw.get("attached_nodes")
        nodes.append(
            Node(
                id=node_id,
                name=name.strip()[:200],
                type=family,
                subtype=subtype,
                parameters=parameters if isinstance(parameters, dict) else {},
                on_error=on_error if on_error in ("stop", "continue", "error_output") else "stop",
                attached_nodes=[a for a in attached if isinstance(a, str)]
                if isinstance(attached, list)
                else [],
            )
        )
    connections: list[Connection] = []
    raw_connections = value.get("connections")
    for raw in raw_connections if isinstance(raw_connections, list) else []:
        if not isinstance(raw, dict):
            continue
        source, target = raw.get("from_node"), raw.get("to_node")
        if not isinstance(source, str) or not isinstance(target, str):
            continue
        output, port = raw.get("from_output"), raw.get("to_input")
        connections.append(
            Connection(
                from_node=source,
                to_node=target,
                from_output=output if isinstance(output, str) and output else "main",
                to_input=port if isinstance(port, str) and port else "main",
            )
        )
    name = value.get("name")
    description = value.get("description")
    return Workflow(
        name=name.strip()[:200] if isinstance(name, str) and name.strip() else "Workflow",
        description=description.strip() if isinstance(description, str) else "",
        nodes=nodes,
        connections=connections,
    )


def _fresh_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"

"""The LLM agent's prompts, tool and output schemas: all the words a model sees.

Everything here is pure text building. The catalog part of each prompt is only the specs
retrieval picked (see ``retrieval``), so a prompt's size does not grow with the catalog.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from flowsmith.agent.retrieval import render_specs
from flowsmith.core.catalog import NodeSpec
from flowsmith.core.models import Finding, NodeFamily, Workflow
from flowsmith.text import text as say

MAX_QUESTIONS = 3
_LANGUAGE = {"zh": "Simplified Chinese", "en": "English"}
_MAX_PARAM_JSON = 600


def language_name(lang: str) -> str:
    return _LANGUAGE.get(lang, "English")


# --- the chat turn ----------------------------------------------------------------------------

DECIDE_TOOL = "decide"
DECIDE_DESCRIPTION = (
    "Record what to do with the user's message: answer it, ask clarifying questions, or "
    "generate (build or change) the workflow. Call exactly once, after your reply text."
)
DECIDE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "kind": {
            "type": "string",
            "enum": ["answer", "clarify", "generate"],
            "description": "answer: no workflow change; clarify: ask questions first; "
            "generate: build the workflow or change the current one now.",
        },
        "mode": {
            "type": "string",
            "enum": ["create", "edit"],
            "description": "generate only: edit changes the current workflow; create builds "
            "a new one from scratch (also when replacing the current one entirely).",
        },
        "spec": {
            "type": "string",
            "description": "generate only: a self-contained description of what to build "
            "(create) or exactly what to change (edit), with every detail gathered in the "
            "whole conversation: trigger and schedule, sources and URLs, conditions, "
            "recipients, channels, wording. The builder sees only this text.",
        },
        "title": {"type": "string", "description": "generate/create: a short workflow name."},
        "questions": {
            "type": "array",
            "maxItems": MAX_QUESTIONS,
            "description": "clarify only: at most 3 questions, most important first.",
            "items": {
                "type": "object",
                "properties": {
                    "question": {"type": "string"},
                    "suggestions": {
                        "type": "array",
                        "items": {"type": "string"},
                        "minItems": 1,
                        "maxItems": 6,
                        "description": "Short answers the user can pick.",
                    },
                },
                "required": ["question", "suggestions"],
            },
        },
        "assumptions": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Every gap you filled yourself (schedule, recipient, placeholder "
            "URL, condition...), each in one short sentence in the user's language.",
        },
        "unsupported_integrations": {
            "type": "array",
            "description": "Services the user asked for that the catalog has no node for.",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "alternative": {
                        "type": "string",
                        "description": "The catalog subtype used instead, e.g. http_request.",
                    },
                },
                "required": ["name", "alternative"],
            },
        },
        "waiting_message": {
            "type": "string",
            "description": "answer/clarify: one line saying what you wait for from the user.",
        },
    },
    "required": ["kind"],
}

# The turn's system prompts put what never changes first (the policy, the rules, the worked
# example), then the retrieved catalog and the session's workflow, and the language last:
# providers' prompt caches reuse the longest stable prefix.
_POLICY = """\
You are flowsmith, an assistant that builds automation workflows (graphs of trigger, action, \
AI and flow nodes, like n8n) from a conversation.

Choose `kind`:
- generate: you know enough to build the workflow, or to make the change the user asked \
for. Prefer this: fill small gaps with sensible defaults (an hourly schedule, a placeholder \
URL or address) and list each one in `assumptions`. Put the complete request in `spec`, \
including details from earlier turns.
- clarify: only when you cannot build anything sensible (the goal itself is unclear). Ask \
at most {max_questions} questions, each with short suggested answers.
- answer: questions about flowsmith, greetings, thanks, anything that changes no workflow.

Rules:
- Use only the node types of the catalog below. If the user wants a service the catalog \
has no node for, say so plainly, add it to `unsupported_integrations` with the nearest \
alternative (usually `http_request` calling the service's API, or a similar catalog node), \
and build with that alternative. Never invent a node type.
- Never ask for or write secrets (API keys, passwords): credentials are configured in \
flowsmith separately, and parameters read them as {{{{ $env.NAME }}}}.
"""

RESPOND_SYSTEM = (
    _POLICY
    + """\
Each turn: first write your reply to the user as plain text (it is shown while you write), \
then call the `decide` tool exactly once. Keep the reply short: what you will build or \
change (a few lines), your assumptions, or your questions with their suggested answers.

- {edit_rule}

Catalog (the node types relevant to this conversation):
{specs}
{current}
Reply in {language}."""
)

# a decision first, through whichever structured mode the server has (no tool needed)
DECIDE_SYSTEM = (
    _POLICY
    + """\
Record your decision about the user's last message as one JSON object with these fields \
(null where a field does not apply): `kind`, `mode` (create|edit), `spec`, `title`, \
`questions` ([{{"question", "suggestions": [...]}}]), `assumptions` ([...]), \
`unsupported_integrations` ([{{"name", "alternative"}}]), `waiting_message`. Write no reply \
yet: the reply is written next, from this decision.

Example: for "every morning at 8 send me the weather for Paris by email" the decision is
{{"kind": "generate", "mode": "create", "spec": "Every day at 08:00, get the weather \
forecast for Paris from a weather API with an HTTP request and email it to me.", "title": \
"Paris weather by email", "questions": null, "assumptions": ["The email goes to \
you@example.com", "The weather comes from api.open-meteo.com"], \
"unsupported_integrations": null, "waiting_message": null}}

- {edit_rule}

Catalog (the node types relevant to this conversation):
{specs}
{current}
Write `spec`, `questions`, `assumptions` and `waiting_message` in {language}."""
)

REPLY_SYSTEM = """\
You are flowsmith, an assistant that builds automation workflows from a conversation. You \
have already decided what to do with the user's last message:

{decision}

Now write your reply to the user, in {language}, as plain text (no JSON, no code): a few \
short lines. For generate: what will be built or changed, then the assumptions. For \
clarify: the questions with their suggested answers. For answer: the answer itself. Name \
every service that has no node and the alternative used."""


DECIDE_AFTER_REPLY = (
    "Now record the decision for my last message and your reply above, as the JSON object "
    "described in the instructions."
)


def could_not_decide(lang: str, code: str) -> str:
    return say("agent.could_not_decide", lang)


def offline_note(lang: str) -> str:
    return say("agent.offline_note", lang)


def decide_system(lang: str, specs: Sequence[NodeSpec], current: Workflow | None) -> str:
    return _turn_prompt(DECIDE_SYSTEM, lang, specs, current)


def reply_system(lang: str, decision: dict[str, Any]) -> str:
    shown = {k: v for k, v in decision.items() if v not in (None, "", [])}
    return REPLY_SYSTEM.format(
        decision=json.dumps(shown, ensure_ascii=False, indent=1), language=language_name(lang)
    )


EDIT_RULE_NONE = (
    "There is no workflow yet in this session: a request to build one is `generate` "
    "with mode `create`."
)
EDIT_RULE_CURRENT = (
    "This session edits the current workflow shown below. A request to change it is "
    "`generate` with mode `edit`, and `spec` describes only the requested change: never "
    "add, remove or alter anything the user did not ask for. Use mode `create` only when "
    "the user asks for a new or entirely different workflow."
)


def respond_system(lang: str, specs: Sequence[NodeSpec], current: Workflow | None) -> str:
    return _turn_prompt(RESPOND_SYSTEM, lang, specs, current)


def _turn_prompt(
    template: str, lang: str, specs: Sequence[NodeSpec], current: Workflow | None
) -> str:
    has_current = current is not None and bool(current.nodes)
    shown = (
        "\nCurrent workflow (ids in brackets):\n" + summarize_workflow(current) + "\n"
        if current is not None and has_current
        else ""
    )
    return template.format(
        language=language_name(lang),
        max_questions=MAX_QUESTIONS,
        edit_rule=EDIT_RULE_CURRENT if has_current else EDIT_RULE_NONE,
        specs=render_specs(specs),
        current=shown,
    )


# --- workflows as text ------------------------------------------------------------------------


def _params(parameters: dict[str, Any]) -> str:
    text = json.dumps(parameters, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= _MAX_PARAM_JSON else text[: _MAX_PARAM_JSON - 1] + "…"


def summarize_workflow(wf: Workflow) -> str:
    """Nodes (id, name, subtype, parameters, attachments) and connections, one per line."""
    lines = [f"name: {wf.name}"]
    for node in wf.nodes:
        extra = f" attached_nodes={node.attached_nodes}" if node.attached_nodes else ""
        on_error = f" on_error={node.on_error}" if node.on_error != "stop" else ""
        lines.append(
            f"- [{node.id}] {node.name} ({node.subtype}) {_params(node.parameters)}"
            f"{extra}{on_error}"
        )
    if wf.connections:
        lines.append("connections:")
        for c in wf.connections:
            port = "" if c.to_input == "main" else f".{c.to_input}"
            lines.append(f"- {c.from_node}.{c.from_output} -> {c.to_node}{port}")
    return "\n".join(lines)


def workflow_json(wf: Workflow) -> str:
    data = {
        "name": wf.name,
        "nodes": [
            {
                "id": n.id,
                "name": n.name,
                "type": n.type.value,
                "subtype": n.subtype,
                "parameters": n.parameters,
                **({"attached_nodes": n.attached_nodes} if n.attached_nodes else {}),
                **({"on_error": n.on_error} if n.on_error != "stop" else {}),
            }
            for n in wf.nodes
        ],
        "connections": [c.model_dump() for c in wf.connections],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_findings(findings: Iterable[Finding]) -> str:
    lines = []
    for f in findings:
        where = " ".join(
            part for part in (f"node={f.node_id}" if f.node_id else "", f.path or "") if part
        )
        lines.append(f"- [{f.severity}] {f.code}{' ' + where if where else ''}: {f.message}")
    return "\n".join(lines) or "- (none)"


# --- drafting ---------------------------------------------------------------------------------

LANGUAGE_RULES = """\
The workflow language:
- A node has `id` (short snake_case, unique), `name` (short, in {language}), `subtype` (only \
from the catalog below), `type` (the subtype's family in brackets) and `parameters` (only \
the parameters the subtype lists; every required one, marked *, must be set). An app node \
(listed with `resource.operation(fields)`) takes `resource`, `operation` and that \
operation's fields as parameters.
- At least one TRIGGER node starts the workflow; nothing connects into a trigger. Every \
other main-flow node must be reachable from a trigger through connections.
- A connection is `from_node` -> `to_node` by id; `from_output` is `main`, or the branch of \
a routing node ({branches}); `to_input` is `main`.
{attach_rule}\
- Expressions in string parameters: {{{{ $json.field }}}} reads the incoming item, \
{{{{ $node.<id>.json.field }}}} an upstream node's output, {{{{ $now }}}} the time, \
{{{{ $env.NAME }}}} a secret. Read only fields the upstream node's outputs list.
- Where the user gave no value, use an obvious placeholder (https://example.com/..., \
you@example.com) rather than leaving a required parameter out.
"""

ATTACH_RULE = (
    "- TOOL and MEMORY nodes are never connected: list their ids in the AI_AGENT's "
    "`attached_nodes`.\n"
)

# a whole workflow in the output format, branch included; its node types are in the core
# set retrieval always adds, so it never names a type the prompt's catalog lacks
WORKED_EXAMPLE: dict[str, Any] = {
    "name": "Stock alert",
    "description": "Checks the stock API every hour and emails when the item is in stock.",
    "nodes": [
        {
            "id": "every_hour",
            "name": "Every hour",
            "type": "TRIGGER",
            "subtype": "schedule_trigger",
            "parameters": {"interval": "hours", "every": 1},
        },
        {
            "id": "get_stock",
            "name": "Get stock",
            "type": "ACTION",
            "subtype": "http_request",
            "parameters": {"url": "https://example.com/api/stock/42", "method": "GET"},
        },
        {
            "id": "in_stock",
            "name": "In stock?",
            "type": "FLOW",
            "subtype": "if",
            "parameters": {
                "conditions": [{"left": "{{ $json.body.in_stock }}", "operator": "is_true"}]
            },
        },
        {
            "id": "email_me",
            "name": "Email me",
            "type": "EXTERNAL_ACTION",
            "subtype": "send_email",
            "parameters": {
                "to": "you@example.com",
                "subject": "Back in stock",
                "body": "Item 42 is in stock: https://example.com/item/42",
            },
        },
    ],
    "connections": [
        {
            "from_node": "every_hour",
            "to_node": "get_stock",
            "from_output": "main",
            "to_input": "main",
        },
        {
            "from_node": "get_stock",
            "to_node": "in_stock",
            "from_output": "main",
            "to_input": "main",
        },
        {"from_node": "in_stock", "to_node": "email_me", "from_output": "true", "to_input": "main"},
    ],
}
EXAMPLE_REQUEST = (
    "Every hour check https://example.com/api/stock/42 and email you@example.com when the "
    "item is in stock."
)


def worked_example() -> str:
    return (
        f"Example. Request: {EXAMPLE_REQUEST}\nWorkflow:\n"
        + json.dumps(WORKED_EXAMPLE, ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def _branches(specs: Sequence[NodeSpec]) -> str:
    """The routing nodes among ``specs`` with their branch names (only those retrieved)."""
    parts = []
    for spec in specs:
        names = [str(getattr(o, "name", o)) for o in spec.outputs]
        if names and names != ["main"]:
            parts.append(f"{spec.subtype}: {'/'.join(names)}")
    return "; ".join(parts) or "none of the catalog below routes"


def language_rules(lang: str, specs: Sequence[NodeSpec]) -> str:
    families = {str(getattr(s.family, "value", s.family)) for s in specs}
    attach = ATTACH_RULE if families & {"TOOL", "MEMORY", "AI_AGENT"} else ""
    return LANGUAGE_RULES.format(
        language=language_name(lang), branches=_branches(specs), attach_rule=attach
    )


DRAFT_SYSTEM = """\
You design workflow graphs for flowsmith. Return one JSON object with `name` and \
`description`, `nodes` and `connections`, building exactly what the request asks for, \
nothing more.

{rules}
{example}
Catalog (use only these subtypes):
{specs}

Write `name`, `description` and node names in {language}."""

# inserted into the templates below as a value, so its braces are literal
PATCH_RULES = """\
Return a JSON object `{"operations": [...], "summary": "..."}`. Operations, applied in \
order:
- {"op": "add_node", "id", "name", "subtype", "parameters"} (TOOL/MEMORY: then list the \
id in the agent's attached_nodes with update_node)
- {"op": "update_node", "id", ...only the fields to change}: `parameters` holds only the \
keys to change (null removes one); `subtype` replaces the node's type and its parameters
- {"op": "remove_node", "id", "reconnect": true|false} (reconnect links its predecessors \
to its successors)
- {"op": "connect", "from_node", "to_node", "from_output", "to_input"}
- {"op": "disconnect", "from_node", "to_node", "from_output"?}
- {"op": "rename_workflow", "name", "description"?}
Refer to existing nodes by their ids. Do not touch nodes the request does not concern: \
they keep their ids, names and parameters.
"""

EDIT_SYSTEM = """\
You change an existing flowsmith workflow with a patch, not a new graph. Make exactly the \
change requested, nothing else.

{rules}
{patch_rules}
Catalog (use only these subtypes):
{specs}"""

REPAIR_SYSTEM = """\
You fix a flowsmith workflow draft that failed its checks (static validation and a dry \
run). Return a patch that fixes every error finding with the smallest change: keep every \
node and parameter that is not at fault. A node whose subtype is unknown must become a \
catalog subtype (update_node with `subtype`; for a service the catalog lacks, usually \
http_request calling its API) or be removed.

{rules}
{patch_rules}
Catalog (use only these subtypes):
{specs}"""


def _specs_text(specs: Sequence[NodeSpec]) -> str:
    return render_specs(specs)


def draft_system(lang: str, specs: Sequence[NodeSpec]) -> str:
    return DRAFT_SYSTEM.format(
        language=language_name(lang),
        rules=language_rules(lang, specs),
        example=worked_example(),
        specs=_specs_text(specs),
    )


def edit_system(lang: str, specs: Sequence[NodeSpec]) -> str:
    rules = language_rules(lang, specs)
    return EDIT_SYSTEM.format(rules=rules, patch_rules=PATCH_RULES, specs=_specs_text(specs))


def repair_system(lang: str, specs: Sequence[NodeSpec]) -> str:
    rules = language_rules(lang, specs)
    return REPAIR_SYSTEM.format(rules=rules, patch_rules=PATCH_RULES, specs=_specs_text(specs))


def request_text(request: dict[str, Any]) -> str:
    """The generation request as the builder reads it."""
    parts = [f"Request: {request.get('spec') or request.get('message') or ''}".strip()]
    title = request.get("title")
    if isinstance(title, str) and title.strip():
        parts.append(f"Workflow name: {title.strip()}")
    assumptions = [a for a in request.get("assumptions") or [] if isinstance(a, str)]
    if assumptions:
        parts.append(
            "Assumptions agreed with the user:\n" + "\n".join(f"- {a}" for a in assumptions)
        )
    unsupported = request.get("unsupported") or []
    if unsupported:
        lines = [
            f"- {u.get('name')}: use {u.get('alternative')} instead"
            for u in unsupported
            if isinstance(u, dict)
        ]
        parts.append("Not in the catalog (use the alternative):\n" + "\n".join(lines))
    message = request.get("message")
    if isinstance(message, str) and message.strip() and message.strip() != request.get("spec"):
        parts.append(f"The user's last message: {message.strip()}")
    return "\n\n".join(parts)


def edit_user(request: dict[str, Any], current: Workflow) -> str:
    return (
        f"Current workflow (JSON):\n{workflow_json(current)}\n\n"
        f"{request_text(request)}\n\nReturn the patch."
    )


def repair_user(request: dict[str, Any], workflow: Workflow, findings: Iterable[Finding]) -> str:
    return (
        f"Draft (JSON):\n{workflow_json(workflow)}\n\n"
        f"Findings of the checks:\n{render_findings(findings)}\n\n"
        f"What the workflow is for:\n{request_text(request)}\n\nReturn the patch."
    )


def workflow_schema(subtypes: Sequence[str] | None = None) -> dict[str, Any]:
    """The JSON Schema of a drafted workflow. With ``subtypes``, a node's ``subtype`` is an
    enum of them. ``parameters`` is a free object (each subtype has its own schema), so
    the schema is not strict-compatible and providers send it as non-strict json_schema."""
    subtype: dict[str, Any] = {"type": "string"}
    if subtypes:
        subtype["enum"] = sorted(set(subtypes))
    node = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "Short snake_case id, unique."},
            "name": {"type": "string"},
            "type": {"type": "string", "enum": [f.value for f in NodeFamily]},
            "subtype": subtype,
            "parameters": {"type": "object"},
            "on_error": {"type": "string", "enum": ["stop", "continue", "error_output"]},
            "attached_nodes": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id", "name", "subtype", "parameters"],
    }
    connection = {
        "type": "object",
        "properties": {
            "from_node": {"type": "string"},
            "to_node": {"type": "string"},
            "from_output": {"type": "string"},
            "to_input": {"type": "string"},
        },
        "required": ["from_node", "to_node"],
    }
    return {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "description": {"type": "string"},
            "nodes": {"type": "array", "items": node, "minItems": 1},
            "connections": {"type": "array", "items": connection},
        },
        "required": ["name", "nodes", "connections"],
    }


# --- replies the agent writes itself ----------------------------------------------------------


def synthesized_reply(
    lang: str,
    kind: str,
    *,
    spec: str = "",
    questions: Sequence[tuple[str, Sequence[str]]] = (),
    assumptions: Sequence[str] = (),
    unsupported: Sequence[tuple[str, str]] = (),
    include_intro: bool = True,
) -> str:
    """A reply built from a decision, for a model that called ``decide`` without writing
    text, and the parts (questions, assumptions, unsupported services) its text left out."""
    parts: list[str] = []
    if unsupported:
        for name, alternative in unsupported:
            parts.append(say("agent.reply.unsupported", lang, name=name, alternative=alternative))
    if include_intro:
        if kind == "generate":
            parts.append(say("agent.reply.generate", lang, spec=spec))
        elif kind == "clarify":
            parts.append(say("agent.reply.clarify", lang))
    if questions:
        lines = []
        sep = say("agent.reply.suggestion_separator", lang)
        for i, (question, suggestions) in enumerate(questions, 1):
            hint = say("agent.reply.suggestions", lang, suggestions=sep.join(suggestions))
            lines.append(f"{i}. {question}{hint if suggestions else ''}")
        parts.append("\n".join(lines))
    if assumptions:
        head = say("agent.reply.assumptions", lang)
        parts.append(head + "\n" + "\n".join(f"- {a}" for a in assumptions))
    return "\n\n".join(p for p in parts if p)

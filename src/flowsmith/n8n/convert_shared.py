"""What both directions of the n8n conversion share (see :mod:`flowsmith.n8n.convert`).

The format's constants (``SIDE_KEY``, the round-trip ``MARKER``, the generic subtypes, our
credential names mapped to n8n's), the n8n connection link both directions read and write, and
pure helpers over n8n node dicts: a node's notes with and without round-trip data, its
fingerprint, the values a language-model sub-node sets, the approval decision Switch, our name
for an n8n node's output, our settings for n8n's, and the groups of keys an import keeps and an
export applies. No I/O; a helper modifies only the dict it is given to update (``_patch_lm``,
``_group_apply``, ``_extras_apply``). Names with a leading underscore are shared by the
``convert*`` modules of this package only.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.core.models import NodeFamily
from flowsmith.n8n.expr import fingerprint, json_number, rl_value
from flowsmith.n8n.expr import stable_uuid as _uuid
from flowsmith.n8n.nodes import DECISION_FIELD, DECISION_VALUES, MODEL_KEYS, TRANSLATORS

FORMAT = 1
SIDE_KEY = "n8n"
"""``workflow.settings[SIDE_KEY]`` holds what an import kept for the way back to n8n."""
MARKER = "flowsmith-roundtrip:"
STICKY_TYPE = "n8n-nodes-base.stickyNote"
SWITCH_TYPE = "n8n-nodes-base.switch"
LM_TYPE = "@n8n/n8n-nodes-langchain.lmChatOpenAi"
LM_VERSION = 1.2
LANGCHAIN = "@n8n/n8n-nodes-langchain."

GENERIC_NODE = "n8n_node"
GENERIC_TRIGGER = "n8n_trigger"
GENERIC_AI = "n8n_ai_node"
GENERIC_TOOL = "n8n_tool"
GENERIC_MEMORY = "n8n_memory"
GENERIC_SUBTYPES = frozenset(
    {GENERIC_NODE, GENERIC_TRIGGER, GENERIC_AI, GENERIC_TOOL, GENERIC_MEMORY}
)
APPROVALS = frozenset({"approval_email", "approval_slack", "form_review"})
"""Subtypes whose approved / rejected / timeout outputs go through a decision Switch."""

# our credential names -> (n8n credential type, the name n8n gives a new one): what a user
# picks in n8n for a node of ours. Exports carry no credential reference a user has not chosen.
CREDENTIALS: dict[str, tuple[str, str]] = {
    "smtp": ("smtp", "SMTP account"),
    "imap": ("imap", "IMAP account"),
    "gmail_oauth2": ("gmailOAuth2", "Gmail account"),
    "slack": ("slackApi", "Slack account"),
    "telegram": ("telegramApi", "Telegram account"),
    "discord": ("discordWebhookApi", "Discord Webhook account"),
    "microsoft_teams_oauth2": ("microsoftTeamsOAuth2Api", "Microsoft Teams account"),
    "twilio": ("twilioApi", "Twilio account"),
    "google_sheets_oauth2": ("googleSheetsOAuth2Api", "Google Sheets account"),
    "notion": ("notionApi", "Notion account"),
    "github": ("githubApi", "GitHub account"),
    "postgres": ("postgres", "Postgres account"),
    "mysql": ("mySql", "MySQL account"),
    "airtable": ("airtableTokenApi", "Airtable Personal Access Token account"),
    "llm": ("openAiApi", "OpenAi account"),
    "web_search": ("serpApi", "SerpAPI account"),
    "redis": ("redis", "Redis account"),
}

_PARAM_KEYS = frozenset({"parameters", "type", "typeVersion"})
_ERROR_KEYS = frozenset(
    {"onError", "retryOnFail", "maxTries", "waitBetweenTries", "continueOnFail"}
)
_OWN_KEYS = _PARAM_KEYS | _ERROR_KEYS | {"name", "position", "notes"}
_TOP_KEYS = frozenset(
    {"name", "nodes", "connections", "settings", "meta", "pinData", "description"}
)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _model_consumers(catalog: Catalog) -> frozenset[str]:
    return frozenset(
        s.subtype
        for s in catalog.by_family(NodeFamily.AI_AGENT)
        if s.subtype not in GENERIC_SUBTYPES and "model" in s.parameters.get("properties", {})
    )


def _split_notes(notes: Any) -> tuple[Any, dict[str, Any] | None]:
    """``(user notes, round-trip data)`` of an n8n node's ``notes``."""
    if not isinstance(notes, str):
        return notes, None
    at = notes.rfind(MARKER)
    if at < 0 or (at > 0 and not notes[:at].endswith("\n\n")):
        return notes, None
    try:
        data = json.loads(notes[at + len(MARKER) :])
    except ValueError:
        return notes, None
    if not isinstance(data, dict):
        return notes, None
    return (notes[: at - 2] if at else None), data


def _join_notes(user: Any, marker: dict[str, Any] | None) -> Any:
    if marker is None:
        return user
    text = MARKER + json.dumps(marker, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{user}\n\n{text}" if isinstance(user, str) and user else text


def _node_fp(node: Mapping[str, Any]) -> str:
    return fingerprint(
        {
            "type": node.get("type"),
            "typeVersion": node.get("typeVersion"),
            "parameters": node.get("parameters"),
        }
    )


def _fold_values(lm: Mapping[str, Any], props: Mapping[str, Any]) -> dict[str, Any]:
    """Our ``model`` / ``temperature`` / ``max_tokens`` as a language-model node sets them."""
    params = _dict(lm.get("parameters"))
    assert isinstance(params, dict)
    options = _dict(params.get("options"))
    assert isinstance(options, dict)
    out: dict[str, Any] = {}
    model = rl_value(params.get("model", params.get("modelName")))
    if "model" in props and isinstance(model, str) and model:
        out["model"] = model
    for ours, theirs in MODEL_KEYS.items():
        if ours != "model" and ours in props and theirs in options:
            out[ours] = options[theirs]
    return out


def _patch_lm(lm: dict[str, Any], ours: Mapping[str, Any], derived: Mapping[str, Any]) -> None:
    """Set our changed model values on a kept language-model node."""
    params = lm.setdefault("parameters", {})
    for key, theirs in MODEL_KEYS.items():
        if ours.get(key) == derived.get(key):
            continue
        if key == "model":
            slot = "modelName" if "modelName" in params else "model"
            if key not in ours:
                params.pop(slot, None)
            elif isinstance(params.get(slot), dict):
                params[slot] = {**params[slot], "value": ours[key]}
            else:
                params[slot] = ours[key]
            continue
        options = params.setdefault("options", {})
        if key in ours:
            options[theirs] = ours[key]
        else:
            options.pop(theirs, None)


def _helper_params(subtype: str) -> dict[str, Any]:
    """The Switch after a waiting node that splits approved / rejected / timeout.

    n8n's send-and-wait nodes have one output and put the decision in ``data.approved``;
    the exported Form (``form_review``) asks for it in a required ``Decision`` dropdown. A
    run that ends its wait without a decision (the time limit) matches neither rule and
    leaves by the fallback output, ``timeout``.
    """
    if subtype == "form_review":
        left, values = f"={{{{ $json.{DECISION_FIELD} }}}}", DECISION_VALUES
    else:
        left, values = "={{ String($json.data?.approved) }}", ("true", "false")
    rules = []
    for value, key in zip(values, ("approved", "rejected"), strict=True):
        cond = {
            "id": _uuid("decision", key),
            "leftValue": left,
            "rightValue": value,
            "operator": {"type": "string", "operation": "equals"},
        }
        rules.append(
            {
                "conditions": {
                    "options": {"caseSensitive": True, "leftValue": "", "typeValidation": "strict"},
                    "conditions": [cond],
                    "combinator": "and",
                },
                "renameOutput": True,
                "outputKey": key,
            }
        )
    return {
        "rules": {"values": rules},
        "options": {"fallbackOutput": "extra", "renameFallbackOutput": "timeout"},
    }


HELPER_MARKER = {"helper": "approval_decision"}


def _n8n_position(pos: tuple[float, float]) -> list[int | float]:
    return [json_number(pos[0]), json_number(pos[1])]


def _group_apply(target: dict[str, Any], keys: Iterable[str], stored: Any) -> None:
    if not isinstance(stored, dict) or not isinstance(stored.get("raw"), dict):
        return
    keys = list(keys)
    now = {k: target[k] for k in keys if k in target}
    if fingerprint(now) != stored.get("fp"):
        return
    for k in keys:
        target.pop(k, None)
    target.update(copy.deepcopy(stored["raw"]))


def _group_diff(
    fresh: Mapping[str, Any], raw: Mapping[str, Any], keys: Iterable[str]
) -> dict[str, Any] | None:
    keys = list(keys)
    f = {k: fresh[k] for k in keys if k in fresh}
    r = {k: raw[k] for k in keys if k in raw}
    return None if f == r else {"fp": fingerprint(f), "raw": copy.deepcopy(r)}


def _extras_diff(
    fresh: Mapping[str, Any], raw: Mapping[str, Any], own: Iterable[str]
) -> dict[str, Any]:
    own = set(own)
    missing = object()
    extra = {
        k: copy.deepcopy(v) for k, v in raw.items() if k not in own and fresh.get(k, missing) != v
    }
    absent = [k for k in fresh if k not in own and k not in raw]
    out: dict[str, Any] = {}
    if extra:
        out["extra"] = extra
    if absent:
        out["absent"] = absent
    return out


def _extras_apply(target: dict[str, Any], entry: Mapping[str, Any]) -> None:
    extra = entry.get("extra")
    if isinstance(extra, dict):
        target.update(copy.deepcopy(extra))
    for key in _list(entry.get("absent")):
        target.pop(key, None)


@dataclass
class _Link:
    src: str  # n8n name
    kind: str  # main, ai_tool, ...
    out: int
    dst: str
    dst_kind: str
    dst_index: int


def _output_name(subtype: str, params: Mapping[str, Any], index: int, on_error: str) -> str:
    """Our name for output ``index`` of an n8n node that imports as ``subtype``."""
    if subtype in GENERIC_SUBTYPES:
        return "main" if index == 0 else f"output_{index}"
    tr = TRANSLATORS.get(subtype)
    names = tr.outputs(dict(params)) if tr is not None else ["main"]
    if index < len(names):
        return names[index]
    if index == len(names) and on_error == "error_output":
        return "error"
    known = sum(1 for n in names if n.startswith("output_"))
    base = len(names) + (1 if on_error == "error_output" else 0)
    return f"output_{known + index - base}"


def _derived_settings(raw: Any) -> tuple[str, str | None]:
    """Our ``(timezone, error_workflow_id)`` for n8n workflow settings."""
    settings = raw if isinstance(raw, dict) else {}
    tz = settings.get("timezone")
    ew = settings.get("errorWorkflow")
    return (
        tz if isinstance(tz, str) and tz and tz != "DEFAULT" else "UTC",
        ew if isinstance(ew, str) and ew else None,
    )

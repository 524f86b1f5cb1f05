"""The state an update's own words put a record in: "archive the cards", "mark the tasks as
complete", "close the ticket", "归档", "标记为已完成".

The field is found in the catalog, by what the chosen operation's fields say: a boolean field
whose description names the state ("closed": "Archive the card.", "completed": "Mark
completed.", "done": "Mark done or not done."), else a state/status field whose enum value
is the state (Zendesk ``status`` ``closed``), else an integer status whose description codes
the state ("5 closed"). No service is named here: the words below are states, not apps.

Invariants: only an operation that writes (never a read, a create or a delete); only a field
the step does not already set; the state is read from the step's own words with the
trigger's words cut out ("when an issue is closed, …" is no state to set); a state said as a
condition ("cards that are done", "已完成的任务") is not one to set.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.catalog.apps import Field_, Operation
from flowsmith.core.services import verb_of

__all__ = ["said_state", "state_values"]

# state -> (the words saying to put a record in it, the stems a field or value names it by)
_STATES: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    "archive": (
        re.compile(
            r"\barchive\b(?!\s+(?:of|folder|list))|\bmark\w*\s+(?:[\w'’-]+\s+){0,6}?as\s+"
            r"archived\b|(?<![已被])归档(?!的)",
            re.I,
        ),
        ("archiv",),
    ),
    "done": (
        re.compile(
            r"\b(?:mark|set|flag|tick)\w*\s+(?:[\w'’-]+\s+){0,6}?(?:as\s+|to\s+)?"
            r"(?:done|complete|completed|finished)\b|"
            r"\b(?:complete|finish)\s+(?:the|all|every|each|them|it|my|our)\b|"
            r"(?:标记?|设|改|置)(?:为|成)?(?:已)?(?:完成|做完)|勾选完成",
            re.I,
        ),
        ("done", "complet"),
    ),
    "close": (
        re.compile(
            r"\bclose\b(?!\s+(?:to|date|time))|\bmark\w*\s+(?:[\w'’-]+\s+){0,6}?as\s+closed\b|"
            r"(?<![已被])关闭(?!的)|(?:标记?|设|改|置)(?:为|成)?已关闭",
            re.I,
        ),
        ("close",),
    ),
    "resolve": (
        re.compile(
            r"\bresolve\b|\bmark\w*\s+(?:[\w'’-]+\s+){0,6}?as\s+resolved\b|"
            r"(?:标记?|设|改|置)(?:为|成)?已?解决",
            re.I,
        ),
        ("resolv",),
    ),
}

# "4 resolved, 5 closed": the codes an integer status field's description gives its states
_CODED = re.compile(r"\b(\d+)\s+([a-z]+)", re.I)
_STATE_FIELD = re.compile(r"\b(?:state|status)\b", re.I)


def said_states(words: str) -> list[str]:
    """The states ``words`` say to put a record in, in the order of :data:`_STATES`."""
    return [s for s, (pattern, _) in _STATES.items() if pattern.search(words)]


def said_state(op_key: str, op: Operation, words: str, given: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``op`` that set the state ``words`` say, minus those ``given``."""
    if not _writes(op_key):
        return {}
    for state in said_states(words):
        found = state_values(op, state)
        found = {k: v for k, v in found.items() if k not in given}
        if found:
            return found
    return {}


def state_values(op: Operation, state: str) -> dict[str, Any]:
    """The one field (and its value) of ``op`` that puts a record in ``state``, or none."""
    stems = _STATES[state][1]
    for name, field in op.fields.items():
        if field.type == "boolean" and _names(field.description, stems):
            return {name: True}
    for name, field in op.fields.items():
        value = _enum_value(field, stems)
        if value is not None and _is_state(name, field):
            return {name: value}
    for name, field in op.fields.items():
        code = _coded(field, stems)
        if code is not None and _is_state(name, field):
            return {name: code}
    return {}


def _writes(op_key: str) -> bool:
    verbs = verb_of(op_key)
    return not verbs & {"read", "create", "delete"} or "update" in verbs


def _names(text: str, stems: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(re.search(r"\b" + stem, low) for stem in stems)


def _is_state(name: str, field: Field_) -> bool:
    return bool(
        _STATE_FIELD.search(name.replace("_", " ")) or _STATE_FIELD.search(field.description)
    )


def _enum_value(field: Field_, stems: tuple[str, ...]) -> Any:
    values = getattr(field, "enum", None) or []
    return next((v for v in values if isinstance(v, str) and _names(v, stems)), None)


def _coded(field: Field_, stems: tuple[str, ...]) -> int | None:
    if field.type != "integer":
        return None
    for code, word in _CODED.findall(field.description):
        if _names(word, stems):
            return int(code)
    return None

"""A new value for the value an existing check tests: "change it to high priority instead of
urgent", "change urgent to high", "把urgent改成high", "把紧急改成高".

Invariant: a swap is read only when the old word is the value of exactly one existing IF
rule (so "change Slack to Discord" is never one); the op rewrites that check's rule in
place, keeping its node id, name and other rules. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Node, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.edit_conditions import level_value
from flowsmith.planner.plan import EditOp

__all__ = ["read_value_swap"]

_WORD = r"['\"“‘]?(?P<{}>[\w.@-]+)['\"”’]?"
_SWAPS = (
    re.compile(
        r"\b(?:change|switch|set|make)\s+(?:it|the (?:condition|check|filter|value|rule))\s+"
        r"(?:to\s+)?"
        + _WORD.format("new")
        + r"(?:[- ][a-z]+)?\s+(?:instead of|rather than)\s+"
        + _WORD.format("old"),
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:change|replace|switch|swap)\s+"
        + _WORD.format("old")
        + r"\s+(?:to|with|for)\s+"
        + _WORD.format("new"),
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:把|将)" + _WORD.format("old") + r"(?:改成|改为|换成|替换为)" + _WORD.format("new")
    ),
)


def read_value_swap(text: str, current: Workflow) -> EditOp | None:
    """The op rewriting the check whose value ``text`` replaces, or None."""
    for pattern in _SWAPS:
        for m in pattern.finditer(text):
            found = _check_testing(current, m.group("old"))
            if found is None:
                continue
            node, index = found
            rules: list[dict[str, Any]] = [dict(r) for r in node.parameters["conditions"]]
            rules[index]["right"] = _like(m.group("new"), rules[index]["right"])
            return EditOp(
                kind="add_guard",
                where="replace",
                subject=f"node:{node.id}",
                rule={"conditions": rules},
                value=node.name,
            )
    return None


def _check_testing(wf: Workflow, word: str) -> tuple[Node, int] | None:
    """The one IF rule testing the value ``word`` names (a Chinese level word as its level)."""
    said = {word.lower(), level_value(word).lower()}
    hits = [
        (node, i)
        for node in eg.branch_nodes(wf)
        if node.subtype == "if"
        for i, rule in enumerate(node.parameters.get("conditions", []))
        if isinstance(rule, dict) and str(rule.get("right", "")).lower() in said
    ]
    return hits[0] if len(hits) == 1 else None


def _like(word: str, old: object) -> object:
    """``word`` as a value of the old value's kind: a number for a number."""
    if isinstance(old, (int, float)) and re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word) if "." in word else int(word)
    return level_value(word)

"""Existing steps a conditional edit names by words of their own names ("create the PO" →
the node "Create PO"), apart from any service word.

Invariants: a step is named as ``node:<id>``; a trigger or a flow node (check, loop, merge) is
never named; a verb alone names only a step doing that to a service. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_words as w

_STOP = frozenset(
    {"the", "a", "an", "to", "in", "on", "of", "for", "and", "it", "them", "step", "me", "us", "my"}
    | {"our", "you", "your", "him", "her", "this", "that"}
)


def by_name(low: str, current: Workflow) -> list[str]:
    """Steps named by words of their own name ("create the PO" → "Create PO"): the nodes
    sharing the most words with ``low``, at least one of them not a verb."""
    said = _words(low)
    act_verb = ec.verb_in(low)
    verbs = {x for x in said if any(p.fullmatch(x) for p in w.VERB_WORDS.values())}
    best: list[str] = []
    top = 0
    for node in current.nodes:
        if node.type in (NodeFamily.TRIGGER, NodeFamily.FLOW):
            continue  # a check, loop or merge is not what a condition guards
        if not _same_verb(act_verb, node):
            continue  # "save rows" does not name "Read rows"
        shared = said & _words(node.name.lower())
        if not shared or (not shared - verbs and node_service(node) is None):
            continue  # a verb alone names only a step doing that to a service ("Save")
        if len(shared) > top:
            best, top = [], len(shared)
        if len(shared) == top:
            best.append(f"node:{node.id}")
    return best


def _same_verb(verb: str | None, node: Node) -> bool:
    op = node_service(node)
    if verb is None or op is None or not op.verbs():
        return True
    return verb in op.verbs()


def _words(text: str) -> set[str]:
    """Content words, plural "s" dropped ("orders" and "order" are one word)."""
    found = re.findall(r"[a-z0-9]{2,}", text)
    return {re.sub(r"(?<=[a-z]{3})s$", "", x) for x in found if x not in _STOP}

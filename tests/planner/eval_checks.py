"""Check builders and the scorer the planner banks share (test_*_bank.py).

A bank row is a request and the structural checks a demanding user would want, written with the
evaluation's own check vocabulary (bench/eval_planner/checks.py, imported here as ``C``) and
scored on the offline planner's outcome for the request, as the evaluation scores a turn: a
question when the planner asks, else the compiled workflow. The builders are pure: each returns
a fresh check dict; only ``outcome`` and ``failures`` run the planner.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from flowsmith.planner.offline import decide
from tests.planner.branch_graph import Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "eval_planner"))
import checks as C

__all__ = [
    "C",
    "Check",
    "asks",
    "branches",
    "failures",
    "free",
    "guard",
    "order",
    "outcome",
    "svc",
]

Check = dict[str, Any]


def svc(name: str | list[str], verb: str | None = None, text: str | None = None) -> Check:
    sel: Check = {"service": name}
    if verb:
        sel["verb"] = verb
    if text:
        sel["text"] = text
    return sel


def guard(sel: Check, *field: str) -> Check:
    check: Check = {"guarded": sel}
    if field:
        check["by_field"] = list(field)
    return check


def free(sel: Check) -> Check:
    return {"unguarded": sel}


def branches(*sels: Check) -> Check:
    return {"branches": list(sels)}


def order(*sels: Check) -> Check:
    return {"order": list(sels)}


def asks(*words: str) -> Check:
    return {"asks_about": list(words) or ["什么", "哪", "what", "which"]}


def outcome(text: str) -> dict[str, Any]:
    """The turn as the evaluation scores it: a question when the planner asks, else the
    compiled workflow."""
    d = decide(text, [], None)
    if d.kind == "clarify":
        return {"workflow": None, "question": {"text": d.reply}}
    return {"workflow": Graph(text).wf.model_dump(mode="json"), "question": None}


def failures(text: str, checks: list[Check], *, ask: bool = True) -> list[str]:
    """Each of ``checks`` the outcome for ``text`` fails, with the scorer's reason. With
    ``ask=False`` the compiled workflow is scored even where the planner would ask instead."""
    scored = outcome(text) if ask else {"workflow": Graph(text).wf.model_dump(mode="json")}
    out = []
    for check in checks:
        ok, why = C.evaluate(check, scored)
        if not ok:
            out.append(f"{check}: {why}")
    return out

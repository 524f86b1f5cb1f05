"""A step that runs whatever an existing check says: "log every ticket's sentiment to a Google
Sheet, negative or not", "不在库存的时候什么都不用做，但是每次检查的结果都要记到Baserow里".

Invariants: applies only when the workflow already branches (an IF or a switch) and the words
say the step is regardless of it; the new steps are then put beside the first branch (on
every path), and a condition the words read (the one disregarded) is dropped. Existing steps
and the check itself are untouched. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.plan import EditOp

# "negative or not", "either way", "regardless", "不管是不是…", "无论…", "每次检查的结果都要…"
_REGARDLESS = re.compile(
    r"\b(?:or not|either way|regardless|no matter|whether or not|in (?:all|every) cases?|"
    r"every (?:single )?(?:check|run|time)\b)|不管|无论|不论|每次|每一次",
    re.IGNORECASE,
)


def on_every_path(
    text: str, current: Workflow, guard: EditOp | None, ops: list[EditOp]
) -> tuple[EditOp | None, list[EditOp]] | None:
    """``guard`` and ``ops`` with the new steps put beside the first branch (on its input)
    when ``text`` says they run whatever the check says (the guard read from those words
    dropped); None when the words say no such thing."""
    branches = eg.branch_nodes(current)
    if not branches or not _REGARDLESS.search(text):
        return None
    beside = f"node:{branches[0].id}"
    steps = [
        *(guard.steps if guard is not None and not guard.subject else []),
        *[op.step for op in ops if op.kind == "add_step" and op.step and op.where is None],
    ]
    apps = [x for x in steps if x.startswith("app:")]
    if not apps:
        return None
    rest = [op for op in ops if not (op.kind == "add_step" and op.step in apps)]
    placed = [EditOp(kind="add_step", step=s, where="beside", anchor=beside) for s in apps]
    dropped = guard is not None and not guard.subject
    return (None if dropped else guard), [*placed, *rest]

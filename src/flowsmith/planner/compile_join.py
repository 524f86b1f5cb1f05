"""Where the step after a branch joins, when every case passed its item on.

A case whose steps only write (a message, a row, a new record) ends on its condition's own
output: the item leaving it is the item that came in. When every end of a branch is an output
of a condition the branch itself made (an IF, a chain of IFs, a Switch), the step after it
reads the very item that fed the branch, whatever the branch decided: it is fed by what fed
the branch, so it runs on every path instead of hanging behind every output of a condition.

A case that changes the item (a lookup, an AI step), waits, or asks someone (an approval)
ends on a node of its own, so the step after it keeps waiting for that case. A branch with a
condition whose case says nothing to do (a qualifier the parse left without its action) keeps
its join too: only a branch whose every condition leads to work is known to be a decision
the following step is independent of.

A step said to run on every path ("Either way the customer gets …", "不管哪种，都用Brevo…",
"无论如何都…") is independent of the decision by the user's own words: it is fed by what fed
the branch even when a case changed the item (an HTTP call, a lookup), so it never hangs
behind one case's work. Only a case that waits or asks someone (an approval) keeps the join:
what runs "either way" after an approval runs once the answer is in.
"""

from __future__ import annotations

import re

from flowsmith.planner.compile_state import CompileState, End
from flowsmith.planner.frame import Approval, Branch, Step, Wait, walk

__all__ = ["join_feeds", "said_every_path"]

_GATES = frozenset({"if", "switch"})
# "either way …", "regardless, …", "in every case …", "不管哪种，都…" (the head may be cut off,
# leaving "都…"), "无论如何都…", "两种情况都…"
_EVERY_PATH = re.compile(
    r"^\W*(?:and\s+)?(?:either way|regardless|no matter (?:what|which)|in (?:any|every|all|both) "
    r"cases?|whatever happens|whichever)\b|"
    r"^\W*(?:无论|不管|不论|反正|两种情况|每种情况|都(?!是|为|不|没))",
    re.IGNORECASE,
)


def said_every_path(step: Step | None) -> bool:
    """Whether ``step`` is said to run whatever the branch before it decided."""
    phrase = getattr(step, "phrase", "") if step is not None else ""
    return isinstance(phrase, str) and bool(_EVERY_PATH.search(phrase))


def _waits(branch: Branch) -> bool:
    return any(isinstance(s, (Approval, Wait)) for c in branch.cases for s in walk(c.steps))


def join_feeds(
    st: CompileState,
    branch: Branch,
    ends: list[End],
    before: list[End],
    made_from: int,
    every: bool = False,
) -> list[End]:
    """The feeds of the step after ``branch``: ``before`` (what fed the branch) when each of
    its conditions has steps and every one of the branch's ``ends`` leaves a condition node
    the branch made (nodes from index ``made_from`` of ``st.nodes`` on), or when that step is
    said to run on ``every`` path and no case waits or asks someone; else ``ends``.

    Invariant: the result is ``ends`` or ``before``; ``before`` only when no end is a node
    that held or delayed the item, and one that changed it only when ``every``."""
    if not before:
        return ends
    if every and not _waits(branch):
        return before
    if len(ends) < 2:
        return ends
    if not all(case.steps for case in branch.cases if case.condition is not None):
        return ends
    made = {n.id: n.subtype for n in st.nodes[made_from:]}
    if all(made.get(src) in _GATES for src, _ in ends):
        return before
    return ends

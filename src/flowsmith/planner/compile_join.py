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
"""

from __future__ import annotations

from flowsmith.planner.compile_state import CompileState, End
from flowsmith.planner.frame import Branch

__all__ = ["join_feeds"]

_GATES = frozenset({"if", "switch"})


def join_feeds(
    st: CompileState, branch: Branch, ends: list[End], before: list[End], made_from: int
) -> list[End]:
    """The feeds of the step after ``branch``: ``before`` (what fed the branch) when each of
    its conditions has steps and every one of the branch's ``ends`` leaves a condition node
    the branch made (nodes from index ``made_from`` of ``st.nodes`` on), else ``ends``.

    Invariant: the result is ``ends`` or ``before``; ``before`` only when no end is a node
    that changed, held or delayed the item."""
    if len(ends) < 2 or not before:
        return ends
    if not all(case.steps for case in branch.cases if case.condition is not None):
        return ends
    made = {n.id: n.subtype for n in st.nodes[made_from:]}
    if all(made.get(src) in _GATES for src, _ in ends):
        return before
    return ends

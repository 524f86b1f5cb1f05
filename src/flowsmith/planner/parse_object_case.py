"""A comparison inside an action's object: "share posts longer than 1000 words on LinkedIn",
"post orders over 500 dollars to Slack": the action runs only for the items the comparison
holds for.

Invariants: the reader returns False (and changes nothing) unless the clause is a verb, a
plural object (or "the ones") with a comparison on a number, then where the action goes, and
both the comparison and the action read; the case holds a condition from
:func:`~flowsmith.planner.parse_conditions.parse_condition`. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_OBJECT_COMPARED = re.compile(
    r"^\s*(?:and\s+|then\s+)?(?P<v>[a-z]+)\s+(?P<o>(?:the\s+|all\s+|any\s+)?(?:ones|[a-z]+s))\s+"
    r"(?P<q>(?:that are\s+|which are\s+|with\s+)?(?:longer|shorter|over|under|above|below|"
    r"more|fewer|less|greater|bigger|smaller|at least|at most)\b[^,;]*?\d[\d,.]*"
    r"(?:\s*[a-z%$€]+)?)\s+(?P<r>(?:on|to|in|into|via|with|through)\s+.+)$",
    re.IGNORECASE,
)


def object_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "share posts longer than 1000 words on LinkedIn": a case on the comparison, the action
    (on "it") inside it."""
    m = _OBJECT_COMPARED.match(clause)
    if m is None or (b.branch is not None and not b.branch.closed):
        return False
    cond = parse_condition(m.group("o") + " " + m.group("q"), ctx)
    steps = clause_actions(f"{m.group('v')} it {m.group('r')}", ctx) if cond else []
    if cond is None or not steps:
        return False
    b.open_case(cond, unmask(clause, ctx).strip(), same=False)
    b.add(steps)
    return True

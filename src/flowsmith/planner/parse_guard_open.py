"""The condition a trigger's own words put on its item, as the request parser opens it.

Two kinds: a condition the start states beside its event ("When a Shopify order is paid and
ships to Canada, …; US orders …", "an order over $250 …; smaller orders …") is the first of
the cases said next, which may go on in its branch; a filter the event's own words make ("an
email from X", "a card moved to Done", "an issue labelled bug") holds for every step said after
it, and a case said later nests inside it (see ``_Builder.enter_filter``). Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

# "When a Shopify order is paid and ships to Canada, …; US orders …": a condition the start
# states beside its event, which the cases said next may go on (a filter the event's own
# words make, "an email from X", "a card moved to Done", holds for every step instead)
_STATED = re.compile(r"\band\b|且", re.IGNORECASE)
# "an order over $250 is placed, …; smaller orders …": a measure the start compares is a case
_MEASURED = frozenset({"gt", "gte", "lt", "lte", "between", "not_between"})


def inside_event(b: Builder, parts: list[tuple[str, bool]], si: int) -> bool:
    """A later sentence's "If …" while the start's stated condition is open ("When an order
    is paid and ships to Canada, post it. If it is over $500, …") holds among the items that
    condition let through: it nests in that case (so it is no second case of it)."""
    br = b.branch
    return bool(
        si > 0
        and parts
        and br is not None
        and br.event
        and not br.closed
        and len(br.cases) == 1
        and lx.IF_OPEN.match(parts[0][0])
    )


def open_guard(b: Builder, guard: Condition) -> None:
    """Open ``guard`` in ``b``: a stated condition as a case (its branch marked as the
    event's), a filter of the event's own words as the container of every later step."""
    if _STATED.search(guard.phrase) or guard.op in _MEASURED:
        b.open_case(guard, guard.phrase, same=False)  # the first of the cases said next
        if b.branch is not None:
            b.branch.event = True
    else:
        b.enter_filter(guard)

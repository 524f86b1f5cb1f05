"""A delay said before a step of a service the workflow does not have yet ("热门线索3小时后再在
Slack提醒一下销售", "ping sales on Telegram 2 hours later"): the step is new, so it is added
first and the wait then goes right before it.

Invariants: only the first service the clause names is read, and only when the workflow has no
step of that service (a delay before an existing step moves nothing here); the new step's
resource and operation follow the clause's verb, as for any added step. Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.core.models import Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner.plan import EditOp

__all__ = ["new_step_for_delay"]


def _has_app(current: Workflow, app: str) -> bool:
    return any((s := node_service(x)) is not None and s.app == app for x in current.nodes)


def new_step_for_delay(words: str, current: Workflow) -> EditOp | None:
    """An ``add_step`` for the first service ``words`` (the delay's clause, lower-cased, the
    delay blanked) names when ``current`` has no step of it; ``None`` otherwise."""
    hits = ec.mentions(words)
    if not hits or _has_app(current, hits[0].app):
        return None
    mention = hits[0]
    app = ec.app(mention.app)
    if app is None:
        return None
    refined = ec.refine(mention, words)
    verb = ec.verb_in(words[: mention.start]) or ec.verb_in(words) or "create"
    resource, operation = ec.choose(app, refined.resource, refined.operation, verb)
    values = ec.values_in(words, mention.start, app.operation(resource, operation))
    return EditOp(kind="add_step", step=f"app:{mention.app}/{resource}/{operation}{values}")

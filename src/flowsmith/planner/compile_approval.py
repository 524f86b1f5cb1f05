"""The node that asks for an approval, addressed to the person the request names.

Invariants: an email approval goes to the address said for the approver, else to
manager@example.com (with a note saying so); a Slack approval is posted to the handle said
("@maria"), else to #approvals (with a note); a role said ("CFO", "店长") is kept in the
subject (email) or at the head of the message (Slack), so the reviewer and a reader of the
workflow see who is asked. Pure: builds one node, adds nothing to the graph.
"""

from __future__ import annotations

from flowsmith.core.models import Node
from flowsmith.planner.compile_state import CompileState
from flowsmith.planner.frame import Approval
from flowsmith.planner.nodes import make
from flowsmith.planner.parse_approver import address_of, handle_of
from flowsmith.text import text as say

__all__ = ["approval_ask"]


def approval_ask(st: CompileState, step: Approval) -> Node:
    """The approval node for ``step`` (module doc); notes what the request left unsaid."""
    address, handle = address_of(step.approver), handle_of(step.approver)
    role = " ".join(
        step.approver.replace(address or "\0", " ").replace(handle or "\0", " ").split()
    )
    if step.channel == "slack":
        if not handle:
            st.note("planner.compile.approval_is_asked_in_approvals")
        return make(
            st.ids,
            "approval",
            say("planner.compile.ask_for_approval_in_slack", st.lang),
            "approval_slack",
            {
                "channel": handle or "#approvals",
                "message": f"{role}: {st.text}" if role else st.text,
            },
        )
    if not address:
        st.note("planner.compile.approval_goes_to_manager_example_com")
    subject = say("planner.compile.approval_needed", st.lang)
    return make(
        st.ids,
        "approval",
        say("planner.compile.ask_for_approval", st.lang),
        "approval_email",
        {
            "to": address or "manager@example.com",
            "subject": f"{subject} ({role})" if role else subject,
            "message": st.text,
        },
    )

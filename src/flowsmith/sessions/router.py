from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.db.tables import GenerationRow, MessageRow
from flowsmith.deps import Limits, SessionDep
from flowsmith.errors import AUTHENTICATED_ERRORS, error_responses
from flowsmith.sessions import service
from flowsmith.sessions.schemas import (
    CreateSession,
    GenerationOut,
    MessageOut,
    SessionCreated,
    SessionDetail,
)

router = APIRouter(prefix="/api/v1", tags=["sessions"], responses=AUTHENTICATED_ERRORS)


@router.post("/session", responses=error_responses(404, 429))
async def create_session(
    body: Annotated[CreateSession, Body()], user: CurrentUser, db: SessionDep, limits: Limits
) -> SessionCreated:
    """A new chat session: for a new workflow (``create``), or to edit or copy one of the
    caller's (``edit``/``copy``, with its ``workflow_id``; 404 if it is not theirs)."""
    await limits.check_session(user.user_id)
    row = await service.create_session(db, user.user_id, body)
    return SessionCreated(session_id=row.id, action=body.action, workflow_id=row.workflow_id)


@router.get("/sessions/{session_id}", responses=error_responses(404))
async def get_session(
    session_id: Annotated[str, Path(max_length=64)], user: CurrentUser, db: SessionDep
) -> SessionDetail:
    row = await service.get_owned(db, user.user_id, session_id)
    messages = await service.messages(db, row.id)
    generations = await service.generations(db, row.id)
    return SessionDetail(
        id=row.id,
        action=row.action,
        workflow_id=row.workflow_id,
        source_workflow_id=row.source_workflow_id,
        created_at=row.created_at,
        messages=[MessageOut.model_validate(m, from_attributes=True) for m in messages],
        generations=[GenerationOut.model_validate(g, from_attributes=True) for g in generations],
        usage=_session_usage(messages, generations),
    )


def _session_usage(messages: list[MessageRow], generations: list[GenerationRow]) -> dict[str, Any]:
    """The session's LLM spend: its turns' and its generations' usage added up."""
    parts = [(m.meta or {}).get("usage") or {} for m in messages] + [
        g.usage or {} for g in generations
    ]
    keys = ("llm_calls", "prompt_tokens", "completion_tokens", "total_tokens")
    total: dict[str, Any] = {key: sum(int(p.get(key, 0)) for p in parts) for key in keys}
    costs = [p.get("cost_usd") for p in parts if p.get("llm_calls")]
    total["cost_usd"] = None if None in costs else round(sum(c or 0 for c in costs), 6)
    return total

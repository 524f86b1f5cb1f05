from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.db.engine import session_scope
from flowsmith.errors import AUTHENTICATED_ERRORS
from flowsmith.generation.listen import EndAlreadyDelivered, GenerationStream, resolve_start
from flowsmith.sessions import service as sessions
from flowsmith.streams import STREAM_RESPONSES, event_stream, parse_last_event_id

router = APIRouter(prefix="/api/v1", tags=["generation"], responses=AUTHENTICATED_ERRORS)


@router.get("/workflow_generation", response_model=None, responses=STREAM_RESPONSES)
async def workflow_generation(
    request: Request,
    user: CurrentUser,
    session_id: Annotated[str, Query(min_length=1, max_length=64)],
    last_event_id: Annotated[str | None, Header(max_length=128)] = None,
) -> Response:
    """Progress of the session's workflow generation as server-sent events."""
    state = request.app.state
    last = parse_last_event_id(last_event_id)
    async with session_scope(state.sessionmaker) as db:
        session = await sessions.get_owned(db, user.user_id, session_id)
        try:
            start = await resolve_start(
                db, state.bus, session, last, request.headers.get("accept-language")
            )
        except EndAlreadyDelivered:
            return Response(status_code=204)
        workflow_id = session.workflow_id
    stream = GenerationStream(state.sessionmaker, state.bus, session.id, workflow_id)
    return await event_stream(request, user.user_id, "generation", stream.events(start))

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.db.engine import session_scope
from flowsmith.deps import Bus, GenerationResumeFrom, SessionMaker
from flowsmith.errors import AUTHENTICATED_ERRORS
from flowsmith.generation.listen import EndAlreadyDelivered, GenerationStream, resolve_start
from flowsmith.openapi import generation_stream_responses
from flowsmith.sessions import service as sessions
from flowsmith.streams import StreamResponse, event_stream

router = APIRouter(prefix="/api/v1", tags=["generation"], responses=AUTHENTICATED_ERRORS)


@router.get(
    "/workflow_generation",
    response_model=None,
    response_class=StreamResponse,
    responses=generation_stream_responses(),
)
async def workflow_generation(
    request: Request,
    user: CurrentUser,
    bus: Bus,
    maker: SessionMaker,
    session_id: Annotated[str, Query(min_length=1, max_length=64)],
    last: GenerationResumeFrom,
) -> Response:
    """Progress of the session's workflow generation as server-sent events."""
    async with session_scope(maker) as db:
        session = await sessions.get_owned(db, user.user_id, session_id)
        try:
            start = await resolve_start(
                db, bus, session, last, request.headers.get("accept-language")
            )
        except EndAlreadyDelivered:
            return Response(status_code=204)
        workflow_id = session.workflow_id
    stream = GenerationStream(maker, bus, session.id, workflow_id)
    return await event_stream(request, user.user_id, "generation", stream.events(start))

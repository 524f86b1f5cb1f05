"""The baseline's ``POST /session`` as the framework flowsmith is built on serves it.

A FastAPI route with a pydantic body, the JWT checked by a dependency, a response model;
no middleware, storage or logging of flowsmith's (uvicorn's access log, as the baseline).
It measures what the throughput target costs before flowsmith adds anything (issue 8,
target 3). No ``from __future__ import annotations`` here: FastAPI reads these
annotations at runtime.
"""

import os
import uuid
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

from bench.common import bench_token_subject

SECRET = os.environ.get("BENCH_JWT_SECRET", "bench-secret-bench-secret-bench-secret!")


class Create(BaseModel):
    action: Literal["create", "edit", "copy"]
    workflow_id: str | None = None


class Created(BaseModel):
    session_id: str
    action: str
    workflow_id: str | None


def user(authorization: Annotated[str, Header()] = "") -> str:
    subject = bench_token_subject(authorization, SECRET)
    if subject is None:
        raise HTTPException(401)
    return subject


app = FastAPI()


@app.post("/session")
async def session(body: Create, _user: Annotated[str, Depends(user)]) -> Created:
    return Created(session_id=uuid.uuid4().hex, action=body.action, workflow_id=None)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}

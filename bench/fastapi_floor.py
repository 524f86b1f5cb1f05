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

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

SECRET = os.environ.get("BENCH_JWT_SECRET", "bench-secret-bench-secret-bench-secret!")


class Create(BaseModel):
    action: Literal["create", "edit", "copy"]
    workflow_id: str | None = None


class Created(BaseModel):
    session_id: str
    action: str
    workflow_id: str | None


def user(authorization: Annotated[str, Header()] = "") -> str:
    if not authorization.lower().startswith("bearer "):
        raise HTTPException(401)
    try:
        claims = jwt.decode(
            authorization[7:].strip(),
            SECRET,
            algorithms=["HS256"],
            audience="authenticated",
            options={"require": ["exp", "sub", "aud"]},
        )
    except jwt.PyJWTError:
        raise HTTPException(401) from None
    return str(claims["sub"])


app = FastAPI()


@app.post("/session")
async def session(body: Create, _user: Annotated[str, Depends(user)]) -> Created:
    return Created(session_id=uuid.uuid4().hex, action=body.action, workflow_id=None)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}

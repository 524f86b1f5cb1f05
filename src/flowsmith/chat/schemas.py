from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

# The characters Python's str.strip() removes: a message of only these is empty.
_BLANK = r"\t-\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# What the route accepts as a new turn's message (it checks this itself, so that its errors
# keep their codes: 422 ``empty_message``, 422 ``invalid_text``, 413 ``message_too_long``
# past ``FLOWSMITH_MAX_MESSAGE_CHARS``, which the served document sets as ``maxLength``).
USER_MESSAGE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "pattern": rf"^[^\u0000]*[^\u0000{_BLANK}][^\u0000]*$",
}
USER_MESSAGE_DOC = (
    "The user's message: at least one character that is not whitespace, no NUL character "
    "and no unpaired surrogate, at most FLOWSMITH_MAX_MESSAGE_CHARS characters."
)


class ChatRequest(BaseModel):
    session_id: str = Field(min_length=1, max_length=64)
    user_message: str = Field(description=USER_MESSAGE_DOC, json_schema_extra=USER_MESSAGE_SCHEMA)

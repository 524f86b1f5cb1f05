"""The body a webhook response sends: the JSON object the request spells out
('respond {"eligible": false}', '最后都要回 {"ok":true}'), else ``{"ok": true}``.

Invariants: only a brace-delimited literal that parses as a JSON object is taken (single
quotes and Python's True/False are accepted as the user's spelling of JSON); anything else
keeps the default body. Pure: no I/O.
"""

from __future__ import annotations

import json
import re
from typing import Any

_OBJECT = re.compile(r"\{[^{}]{0,400}\}")
_DEFAULT: dict[str, Any] = {"ok": True}


def response_body(phrase: str) -> dict[str, Any]:
    """The JSON object ``phrase`` says to answer with, or the default body."""
    for m in _OBJECT.finditer(phrase):
        said = m.group(0).replace("“", '"').replace("”", '"')
        for text in (said, _as_json(said)):
            try:
                body = json.loads(text)
            except ValueError:
                continue
            if isinstance(body, dict) and body:
                return body
    return dict(_DEFAULT)


def _as_json(said: str) -> str:
    """'{'ok': True}' -> '{"ok": true}': a user's looser spelling of the same object."""
    text = said.replace("'", '"')
    return re.sub(
        r"\b(True|False|None)\b", lambda m: m.group(1).lower().replace("none", "null"), text
    )

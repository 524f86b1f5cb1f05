"""The human-readable ``data.message`` line of each generation event, in the user's language.

The language comes from the generation's request (``lang``: "zh" or "en"); anything else
falls back to English. The sentences are in the text catalogs (:mod:`flowsmith.text`, keys
``generation.*``); ``_KEYS`` maps the short names the runner and pipeline use to them (an
unknown short name is a ``KeyError``).
"""

from __future__ import annotations

from typing import Any

from flowsmith import text as catalog

_KEYS = {
    "start": "generation.start",
    "draft": "generation.draft",
    "passed": "generation.passed",
    "not_covered": "generation.not_covered",
    "warnings": "generation.warnings",
    "problems": "generation.problems",
    "complete": "generation.complete",
    "complete_uncovered": "generation.complete_uncovered",
    "unchanged_draft": "generation.unchanged_draft",
    "unchanged": "generation.unchanged",
    "validation_failed": "generation.validation_failed",
    "deadline_exceeded": "generation.deadline_exceeded",
    "workflow_deleted": "generation.workflow_deleted",
}


def language(request: dict[str, Any]) -> str:
    return "zh" if request.get("lang") == "zh" else "en"


def text(key: str, lang: str, **values: Any) -> str:
    return catalog.text(_KEYS[key], lang, **values)

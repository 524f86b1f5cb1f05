"""Parse a request into a :class:`~flowsmith.planner.frame.Frame` (first version: a stub
that recognises schedules only; the full parser lands shortly)."""

from __future__ import annotations

from flowsmith.core.catalog import Catalog
from flowsmith.planner.frame import Frame, Trigger
from flowsmith.planner.schedule import parse_schedule
from flowsmith.planner.text import detect_lang


def parse_request(text: str, catalog: Catalog | None = None) -> Frame | None:
    """The frame ``text`` asks for, or None when it names nothing to act on."""
    sched = parse_schedule(text)
    if sched is None:
        return None
    return Frame(
        trigger=Trigger(kind="schedule", params=sched.model_dump(exclude_none=True)),
        lang=detect_lang(text),
    )

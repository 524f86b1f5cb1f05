"""Requests that name a kind of service instead of one ("Connect my CRM to my email").

Invariant: :func:`unnamed_kind` returns a catalog category only when the request says that
kind of service by a category word (:data:`~flowsmith.planner.lexicon.CATEGORY_WORDS`) and
the frame holds no app of that category; the question then offers the catalog's apps of
that category. Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.core.catalog import Catalog
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Frame, ServiceStep, walk
from flowsmith.planner.services import index_of
from flowsmith.planner.text import Lang, pick

_KIND_NAMES = {
    "crm": ("CRM", "CRM"),
    "support": ("help desk", "工单系统"),
    "work": ("project management tool", "项目管理工具"),
    "finance": ("accounting software", "财务软件"),
}


def unnamed_kind(text: str, frame: Frame, catalog: Catalog) -> str | None:
    """The category of a service the request names only by its kind, or None."""
    index = index_of(catalog)
    apps = {s.app for s in walk(frame.steps) if isinstance(s, ServiceStep) and s.app}
    if frame.trigger.app:
        apps.add(frame.trigger.app)
    present = {index.apps[a].category for a in apps if a in index.apps}
    for category, pattern in lx.CATEGORY_WORDS.items():
        if pattern.search(text) and category not in present:
            return category
    return None


def which_question(
    category: str, frame: Frame, catalog: Catalog, lang: Lang
) -> tuple[str, list[str]]:
    """ "Which CRM do you use?" (naming the services the request did name, so the question
    is about what is missing) and up to four of the catalog's apps of that category."""
    en, zh = _KIND_NAMES.get(category, (category, category))
    names = [a.display_name for a in catalog.apps if a.category == category][:4]
    index = index_of(catalog)
    named = [
        index.apps[a].display_name
        for a in dict.fromkeys(
            [
                frame.trigger.app or "",
                *(s.app or "" for s in walk(frame.steps) if isinstance(s, ServiceStep)),
            ]
        )
        if a in index.apps
    ]
    if named:
        with_ = ", ".join(named)
        return (
            pick(lang, f"Which {en} do you use with {with_}?", f"和 {with_} 配合的是哪个{zh}？"),
            names,
        )
    return pick(lang, f"Which {en} do you use?", f"你用的是哪个{zh}？"), names

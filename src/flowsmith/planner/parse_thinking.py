"""The thinking steps of one clause (the request parser's third pass, split out of
:mod:`flowsmith.planner.parse_steps`): AI classification with its categories, extraction with
its fields, translation with its language, a free prompt. Words inside the quoted name of a
place ("上传到'已翻译'文件夹", "the 'Summaries' folder") ask for nothing. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Think
from flowsmith.planner.parse_context import CJK, TOKEN, Context

# a quoted name right before the word for a place it names
_PLACE_NAME = re.compile(
    r"['‘“\"「『][^'’”\"」』]{1,40}['’”\"」』]\s*(?:这个|的)?\s*"
    r"(?:folders?|director(?:y|ies)|lists?|boards?|channels?|databases?|sheets?|tabs?|"
    r"文件夹|目录|列表|看板|频道|数据库|表格?|工作表)",
    re.IGNORECASE,
)


def _blank_place_names(text: str) -> str:
    """``text`` with the quoted names of places blanked (same length)."""
    return _PLACE_NAME.sub(lambda m: " " * len(m.group(0)), text)


def thinking(text: str, phrase: str, ctx: Context) -> list[tuple[int, Any]]:
    """The AI steps a clause asks for (classify, extract, translate, a prompt), each with
    where it is said; a kind already made upstream and said as "the summary" is not made
    again."""
    found: list[tuple[int, Think]] = []
    said = _blank_place_names(text)
    for kind, pattern in lx.THINK.items():
        m = pattern.search(said)
        if not m:
            continue
        if kind in ctx.made and re.search(
            r"\b(?:the|this|that|its|their|that)\s+$|(?:把|将)$", text[: m.start()]
        ):
            continue  # "email the summary": the one made upstream
        ctx.made.add(kind)
        params: dict[str, Any] = {}
        if kind == "classify":
            ctx.classified = True
            cats = _categories(text)
            params["categories"] = cats
            ctx.categories = cats or ctx.categories
        elif kind == "extract":
            params["fields"] = _extract_fields(text[m.end() :])
        elif kind == "translate":
            t = lx.TRANSLATE_TO.search(text)
            params["language"] = t.group(1).lower() if t else "english"
        elif kind == "prompt":
            params["prompt"] = phrase
        if kind == "prompt" and found:
            continue
        found.append((m.start(), Think(kind=kind, params=params, phrase=phrase)))  # type: ignore[arg-type]
    return found


def _extract_fields(after: str) -> list[str]:
    """ "extract the name and email from …" -> [name, email]; "提取标题" -> [title]."""
    plain = TOKEN.sub(" ", after)
    if CJK.search(plain):
        m = re.match(
            r"\s*(?:出|其中的?)?([\u4e00-\u9fff、和与及,，\w]{1,30}?)(?:字段|信息)?(?:[，,。]|$|并|后|然后)",
            plain,
        )
        words = re.split(r"[、和与及,，]", m.group(1)) if m else []
        return [lx.FIELD_ZH_NAMES.get(w, w) for w in words if w][:6]
    m = re.match(
        r"\s*(?:out\s+)?(?:the\s+|their\s+|its\s+)?([a-z][\w ,&]*?)"
        r"(?:\s+(?:from|out of|in|of|with|using|via|by)\b|$)",
        plain,
        re.I,
    )
    if not m:
        return []
    words = re.split(r"\s*(?:,|&|\band\b)\s*", m.group(1).lower())
    words = [re.sub(r"^(?:the|its|their|a|an)\s+", "", w.strip()) for w in words]
    return [re.sub(r"\W+", "_", w).strip("_") for w in words if w][:6]


def _categories(text: str) -> list[str]:
    m = lx.CATEGORIES.search(text)
    if not m:
        return []
    raw = next((g for g in m.groups() if g), "")
    parts = re.split(r"\s*(?:,|/|\bor\b|\band\b|、|，|还是|或者|和|或)\s*(?:an?\s+)?", raw)
    return [p.strip().lower() for p in parts if p.strip()][:4]

"""The rows a fresh set's builder writes: ids, split, language and categories for each request,
the set's composition, and the file itself.

Shared by ``build_fresh2.py``, ``build_fresh4.py`` and ``build_fresh5.py`` (each passes its
requests, id prefix and split name, and fresh5 its own reading of what counts as a condition and
which apps are common). A request's categories: ``condition`` (a check that needs a condition),
``edit`` (it has a prior), ``longtail`` (a check asks for an app beyond the common ones; a list of
alternatives counts only when none is common, so "email me" is not long tail), ``question``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ZH = re.compile(r"[\u4e00-\u9fff]")
CONDITION_KEYS = {"guarded", "branches", "branch_count"}
SELECTOR_KEYS = {"service", "core", "ai", "approval", "condition_node", "trigger_node", "text"}
CATEGORIES = ("condition", "edit", "longtail", "question")


def has_condition(check: Any) -> bool:
    """A condition check, or an ``any`` of checks (not of selectors) one of which is one."""
    if isinstance(check, dict):
        if CONDITION_KEYS & set(check):
            return True
        if "any" in check and len(check) == 1 and all(
            isinstance(c, dict) and not (SELECTOR_KEYS & set(c)) for c in check["any"]
        ):
            return any(has_condition(c) for c in check["any"])
    return False


def longtail_apps(obj: Any, common: Iterable[str]) -> set[str]:
    """Apps beyond ``common`` that a check asks for."""
    common = set(common)
    out: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("service", "app"):
                apps = [v] if isinstance(v, str) else list(v)
                if not set(apps) & common:
                    out.update(apps)
            else:
                out |= longtail_apps(v, common)
    elif isinstance(obj, list):
        for v in obj:
            out |= longtail_apps(v, common)
    return out


def rows_of(
    requests: list[dict[str, Any]],
    prefix: str,
    split: str,
    common: Iterable[str],
    condition: Callable[[Any], bool] = has_condition,
) -> list[dict[str, Any]]:
    """One row per request, in order: ``{prefix}{i:03d}``, the split, language, categories."""
    rows = []
    for i, r in enumerate(requests):
        cats = set()
        if any(condition(c) for c in r["checks"]):
            cats.add("condition")
        if "prior" in r:
            cats.add("edit")
        if longtail_apps(r["checks"], common):
            cats.add("longtail")
        if any("asks_about" in c for c in r["checks"]):
            cats.add("question")
        rows.append({
            "id": f"{prefix}{i:03d}",
            "split": split,
            "lang": "zh" if ZH.search(r["request"]) else "en",
            "categories": sorted(cats),
            **r,
        })
    return rows


def composition(rows: list[dict[str, Any]]) -> dict[str, int]:
    comp = {"all": len(rows), "en": sum(r["lang"] == "en" for r in rows),
            "zh": sum(r["lang"] == "zh" for r in rows)}
    for cat in CATEGORIES:
        comp[cat] = sum(cat in r["categories"] for r in rows)
        comp[f"{cat}_zh"] = sum(cat in r["categories"] and r["lang"] == "zh" for r in rows)
    return comp


def write(rows: list[dict[str, Any]], out: Path) -> None:
    """Writes ``rows`` to ``out`` (one JSON object per line) and prints the composition."""
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    comp = composition(rows)
    n = comp["all"]
    print(f"{n} requests -> {out}")
    print(f"en: {comp['en']}  zh: {comp['zh']}")
    for cat in CATEGORIES:
        k = comp[cat]
        print(f"{cat}: {k} ({k / n:.0%}; zh {comp[cat + '_zh']}, en {k - comp[cat + '_zh']})")

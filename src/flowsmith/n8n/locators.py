"""Resource locators in a mode n8n accepts at start (n8n 2.41.1, ``n8n_locators.json``).

n8n refuses to start a workflow when a node has a parameter issue, and a resource locator
(``{"__rl": true, "mode", "value"}``) whose value fails its mode's pattern is one: a Discord
channel ``#general`` in ``id`` mode (digits only), an Airtable base ``YOUR_BASE_ID`` (no
``_``), a SharePoint site address in ``id`` mode. One rule for every node: a literal value
keeps the mode we map it to when that mode's pattern accepts it; otherwise it takes another
mode of the parameter whose pattern accepts it (a site address: ``url``); otherwise — a
placeholder the user still has to fill — n8n's ``list`` mode ("From list"), which has no
pattern, runs with the value as given, and is where the user picks the real resource once
the credential is chosen. Expressions (``=…``) are never checked by n8n and stay as they are.

The data (per node type: rows of ``{"versions", "params": {name: [{mode: regex|null}]}}``,
one dict per variant of the parameter) is written by ``python -m tests.n8n_real.rl_modes``.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

FILE = "n8n_locators.json"
LIST = "list"


@functools.cache
def _table() -> dict[str, list[dict[str, Any]]]:
    text = resources.files("flowsmith.n8n").joinpath(FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def _variants(n8n_type: str, version: float) -> dict[str, list[dict[str, str | None]]]:
    for row in _table().get(n8n_type, []):
        if float(version) in row.get("versions", []):
            params: dict[str, list[dict[str, str | None]]] = row.get("params", {})
            return params
    return {}


def _accepts(variants: list[dict[str, str | None]], mode: str, value: str) -> bool:
    """Whether every variant of the parameter has ``mode`` and its pattern takes ``value``."""
    for modes in variants:
        if mode not in modes:
            return False
        regex = modes[mode]
        if regex is None:
            continue
        try:
            if re.fullmatch(regex, value) is None:
                return False
        except re.error:
            return False
    return True


def fit_mode(variants: list[dict[str, str | None]], mode: str, value: Any) -> str:
    """The mode a locator of ``value`` (declared ``mode``) is exported in (the rule above)."""
    if not isinstance(value, str) or value.startswith("=") or not variants:
        return mode
    if _accepts(variants, mode, value):
        return mode
    patterned = [m for m in variants[0] if variants[0][m] is not None and m != mode]
    for other in patterned:
        if _accepts(variants, other, value):
            return other
    if _accepts(variants, LIST, value):
        return LIST
    return mode


def _fit(params: Any, variants: dict[str, list[dict[str, str | None]]]) -> Any:
    if isinstance(params, list):
        return [_fit(v, variants) for v in params]
    if not isinstance(params, dict):
        return params
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, dict) and value.get("__rl") and key in variants:
            mode = fit_mode(variants[key], str(value.get("mode", "")), value.get("value"))
            out[key] = {**value, "mode": mode}
        else:
            out[key] = _fit(value, variants)
    return out


def fit_locators(n8n_type: str, version: float, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with every resource locator in a mode n8n accepts for its value."""
    variants = _variants(n8n_type, version)
    if not variants:
        return params
    fitted: dict[str, Any] = _fit(params, variants)
    return fitted

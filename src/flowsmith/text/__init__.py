"""User-facing text: one catalog per language, looked up by stable key.

The catalogs are ``en.json`` and ``zh.json`` beside this module: flat objects from a dotted
key (``planner.thanks``, ``coverage.request_not_covered``, ``generation.start``…) to a
``str.format`` template whose ``{placeholders}`` the caller fills by name.

Invariants (checked by ``tests/text/test_text_catalog.py``):

* both catalogs hold the same keys, and each key the same placeholders in both languages;
* every key the code names exists, and every key exists because some code names it;
* :func:`text` answers in English for a language without a catalog; an unknown key is a
  programming error (``KeyError``), never a silent empty string;
* ``error.*`` keys are the HTTP API's error messages, read only through :func:`api_text`
  (English, whatever the user's language: clients branch on the stable code); their ``zh``
  entries are translations kept ready, not served.

Namespaces: ``planner`` (offline planner replies, node names and assumption notes),
``coverage`` (request-check findings), ``generation`` (generation events), ``agent`` (LLM
agent notices), ``chat`` (chat turn notices), ``error`` (API errors). Keys are stable:
rename one only with every use.

Pure: the standard library only, so the workflow language, the planner and the web layer
may all import it; the catalogs are read once, on first use, and never change.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

LANGS = ("en", "zh")
FALLBACK = "en"
API_LANG = "en"


def catalog(lang: str) -> Mapping[str, str]:
    """The catalog of ``lang`` (English for a language without one), read-only."""
    return _load(lang if lang in LANGS else FALLBACK)


@cache
def _load(name: str) -> Mapping[str, str]:
    """One catalog file; cached per supported language only (``lang`` may come from input)."""
    raw = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    entries = json.loads(raw)
    if not isinstance(entries, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in entries.items()
    ):
        raise ValueError(f"text catalog {name}.json must map keys to strings")
    return MappingProxyType(entries)


def text(key: str, lang: str, /, **fields: object) -> str:
    """The ``key`` sentence in ``lang`` (English when ``lang`` has no catalog), filled."""
    return catalog(lang)[key].format(**fields)


def api_text(key: str, /, **fields: object) -> str:
    """An HTTP API error message (``error.*``), in the API's language: English, whatever
    the user's; clients branch on the error's stable code, the message is for people."""
    return text(key, API_LANG, **fields)


def has(key: str) -> bool:
    """Whether ``key`` is in the catalogs (for keys built from data, such as an operator)."""
    return key in catalog(FALLBACK)


def placeholders(template: str) -> frozenset[str]:
    """The field names a template fills (``{name}``, ``{seconds:g}`` → name, seconds)."""
    return frozenset(
        field.split(".")[0].split("[")[0]
        for _, field, _, _ in string.Formatter().parse(template)
        if field is not None and field != ""
    )

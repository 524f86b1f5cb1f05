"""The text catalogs (``flowsmith.text``): one per language, the same keys and placeholders
in each, every key the code names present and every key named by some code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from flowsmith.text import FALLBACK, LANGS, api_text, catalog, has, placeholders, text

SRC = Path(__file__).resolve().parents[2] / "src" / "flowsmith"
NAMESPACES = sorted({key.split(".")[0] for key in catalog(FALLBACK)})
_KEY = re.compile(rf"^(?:{'|'.join(NAMESPACES)})(?:\.[a-z0-9_]+)+$")
_PREFIX = re.compile(rf"^(?:{'|'.join(NAMESPACES)})(?:\.[a-z0-9_]+)*\.$")


def _named_in_code() -> tuple[dict[str, str], dict[str, str]]:
    """Catalog keys written out in the source ({key: file}), and the prefixes of keys the
    source builds from data (``f"coverage.op.{op}"``)."""
    keys: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        where = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _KEY.match(node.value):
                    keys.setdefault(node.value, where)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and _PREFIX.match(str(head.value)):
                    prefixes.setdefault(str(head.value), where)
    return keys, prefixes


def test_every_language_has_the_same_keys() -> None:
    keys = {lang: set(catalog(lang)) for lang in LANGS}
    for lang in LANGS:
        assert keys[lang] == keys[FALLBACK], (
            f"{lang} lacks {sorted(keys[FALLBACK] - keys[lang])}, "
            f"has extra {sorted(keys[lang] - keys[FALLBACK])}"
        )


def test_every_key_has_the_same_placeholders_in_every_language() -> None:
    for key, template in catalog(FALLBACK).items():
        for lang in LANGS:
            assert placeholders(catalog(lang)[key]) == placeholders(template), (key, lang)


def test_every_template_formats_with_its_placeholders() -> None:
    for lang in LANGS:
        for key, template in catalog(lang).items():
            fields = dict.fromkeys(placeholders(template), 1)
            assert isinstance(template.format(**fields), str), (key, lang)


def test_every_key_named_in_code_exists() -> None:
    keys, prefixes = _named_in_code()
    missing = {key: where for key, where in keys.items() if not has(key)}
    assert not missing, f"keys named in code but not in the catalogs: {missing}"
    empty = {
        p: where for p, where in prefixes.items() if not any(k.startswith(p) for k in catalog("en"))
    }
    assert not empty, f"key prefixes built in code that no catalog key has: {empty}"


def test_every_catalog_key_is_named_in_code() -> None:
    keys, prefixes = _named_in_code()
    unused = [
        key
        for key in catalog(FALLBACK)
        if key not in keys and not any(key.startswith(p) for p in prefixes)
    ]
    assert not unused, f"catalog keys no code names: {unused}"


def test_the_offline_planners_replies_start_with_its_marker() -> None:
    starting = [
        "planner.capabilities",
        "planner.thanks",
        "planner.clarify.intro",
        "planner.generated.intro",
        "planner.edited.intro",
        "planner.unchanged.intro",
        "planner.no_workflow_yet",
    ]
    for lang in LANGS:
        marker = text("planner.offline", lang)
        for key in starting:
            assert text(key, lang, name="x").startswith(marker), (key, lang)
        assert text("planner.clarify_marker", lang) in text("planner.clarify.intro", lang)


def test_a_language_without_a_catalog_reads_english() -> None:
    assert text("planner.thanks", "fr") == text("planner.thanks", "en")
    assert catalog("de") is catalog(FALLBACK)


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        text("planner.no_such_text", "en")
    assert not has("planner.no_such_text")


def test_placeholders_reads_names_and_format_specs() -> None:
    assert placeholders("“wait {seconds:g}s” for {name}") == {"seconds", "name"}
    assert placeholders("no fields, {{braces}}") == frozenset()


def test_api_errors_read_error_keys_and_only_they_are_english_only() -> None:
    """``api_text`` (the HTTP API's English messages) names ``error.*`` keys, and every
    ``error.*`` key is read through it: a user-language text is never served as an API
    error, nor an API error in the user's language by accident."""
    through_api: set[str] = set()
    elsewhere: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name == "api_text":
                through_api.add(first.value)
            elif first.value.startswith("error."):
                elsewhere.add(first.value)
    assert through_api and all(key.startswith("error.") for key in through_api), through_api
    assert not elsewhere, elsewhere
    assert api_text("error.session_not_found") == text("error.session_not_found", "en")

"""A catalog app's name misspelt by one slip ("typefrom", "Tyepform", "Hubsopt") read as the
name meant, so the start or the step that names the app is not lost to a typo.

Invariants: only a Latin word of 6 or more letters, outside an address or a URL, that is no
catalog name nor a word the catalog uses for a resource, an operation or an event, and that
keeps the name's first letter and lies one edit (a swap of two neighbouring letters, one letter more
or one letter fewer) from exactly one one-word catalog name of 6 or more letters; a word
that differs from the name only by an ending ("stripes", "squared") is left alone. A changed
letter counts only where the word stands among Chinese text ("在typefrim里"), where it is no
English word: in English a changed letter is as often another word ("motion", "strike").
The first letter keeps its case. Pure.
"""

from __future__ import annotations

import functools
import re

from flowsmith.planner.services import ServiceIndex

__all__ = ["respell_apps"]

_MIN = 6
# a Latin word, not part of an address, a URL, a path or a dotted name
# (Chinese characters are word characters to ``\w``: "在typefrom里" still holds the word)
_WORD = re.compile(r"(?<![A-Za-z0-9_@./-])[A-Za-z]{6,}(?![A-Za-z0-9_@/-]|\.[A-Za-z0-9])")
_CJK = re.compile(r"[\u3400-\u9fff]")
# an ending that makes another English word of a name ("stripes", "squared", "slacker")
_ENDINGS = ("s", "d", "r", "y")


def respell_apps(text: str, index: ServiceIndex) -> str:
    """``text`` with each misspelt app name replaced by the catalog name it stands for."""
    names, known = _one_word_names(index), _catalog_words(index)
    if not names:
        return text

    def meant(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.lower() in known:
            return word
        near = _meant_name(word.lower(), names, _among_chinese(text, m.start(), m.end()))
        if near is None:
            return word
        return near[:1].upper() + near[1:] if word[:1].isupper() else near

    return _WORD.sub(meant, text)


@functools.lru_cache(maxsize=8)
def _catalog_words(index: ServiceIndex) -> frozenset[str]:
    """Every Latin word the catalog uses for a resource, an operation or an event ("sheets",
    "payments"): a word the catalog knows is meant as itself, never as a slip."""
    out: set[str] = set()
    for app in index.apps.values():
        said = [n for r in app.resources.values() for n in r.names.all()]
        said += [
            n for r in app.resources.values() for o in r.operations.values() for n in o.names.all()
        ]
        if app.triggers is not None:
            said += [n for e in app.triggers.events.values() for n in e.names.all()]
        out.update(w for n in said for w in re.findall(r"[a-z]+", n.lower()))
    return frozenset(out)


@functools.lru_cache(maxsize=8)
def _one_word_names(index: ServiceIndex) -> frozenset[str]:
    """The catalog's one-word Latin app names of 6 or more letters (computed once)."""
    out: set[str] = set()
    for app in index.apps.values():
        for name in [*app.names.all(), app.display_name.lower()]:
            if len(name) >= _MIN and name.isascii() and name.isalpha():
                out.add(name.lower())
    return frozenset(out)


def _meant_name(word: str, names: frozenset[str], chinese: bool) -> str | None:
    """The one name ``word`` is a slip of, or None (none, or more than one)."""
    if word in names:
        return None
    found = {n for n in names if abs(len(n) - len(word)) <= 1 and _one_slip(word, n, chinese)}
    return next(iter(found)) if len(found) == 1 else None


def _one_slip(word: str, name: str, changed_ok: bool) -> bool:
    """Whether ``word`` is ``name`` with one slip (a changed letter only if ``changed_ok``)."""
    if word == name or word[0] != name[0]:
        return False  # a slip keeps the first letter ("sheets" is no "gsheets")
    if len(word) == len(name) + 1:
        if word.startswith(name) and word[-1] in _ENDINGS:
            return False
        return any(word[:i] + word[i + 1 :] == name for i in range(len(word)))
    if len(name) == len(word) + 1:
        return any(name[:i] + name[i + 1 :] == word for i in range(len(name)))
    diff = [i for i in range(len(word)) if word[i] != name[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i = diff[0]
        return word[i] == name[i + 1] and word[i + 1] == name[i]
    return changed_ok and len(diff) == 1


def _among_chinese(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` has Chinese right before or after it."""
    return bool(_CJK.search(text[max(0, start - 2) : start] + text[end : end + 2]))

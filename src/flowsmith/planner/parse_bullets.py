"""A list of cases or steps written one to a line behind bullets or numbers ("- 金额两千块以上 →
钉钉通知老板", "1. score below 5 -> create a Jira issue") read as sentences, before the
text's line breaks are folded into spaces (which would run the items together).

Invariants: only a text with at least two bulleted lines changes; each bullet (``-``, ``*``,
``•``, ``·``, ``1.``, ``2)``, ``3、``, ``①``) at a line's start is dropped and its line break
becomes a sentence break (``；`` in Chinese text, ``;`` otherwise). Text without such lines is
returned unchanged. A title line above the list ("new hire flow:", "入职流程：": a name of
the process, no time, no condition) is dropped, so the first item opens the text (it often
says the start). Pure: no I/O.
"""

from __future__ import annotations

import re

__all__ = ["bullets_as_sentences"]

_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·–]|\d{1,2}[.)、]|[①-⑳])[ \t]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a first line that only names the process the list spells out: a title word, a colon, and no
# digit (a time), no "when"/"every"/"if" (a start or a condition said in the heading)
_TITLE = re.compile(
    r"^[ \t]*(?![^\n]*\d)(?![^\n]*\b(?:when|whenever|every|each|if|once|after)\b)"
    r"(?![^\n]*(?:每|当|如果|之后|时))"
    r"[^\n:：]{0,40}?(?:\b(?:flow|workflow|process|procedure|steps|routine|automation|"
    r"pipeline|routing|playbook|checklist)\b|流程|步骤|处理)[ \t]*[:：][ \t]*(?=\n)",
    re.IGNORECASE,
)


def bullets_as_sentences(text: str) -> str:
    """``text`` with its bulleted lines as sentences of their own (see the invariants)."""
    if len(_BULLET.findall(text)) < 2:
        return text
    stop = "；" if _CJK.search(text) else "; "
    text = _TITLE.sub("", text, count=1).lstrip("\n")
    return _BULLET.sub(lambda m: stop if m.group(0).startswith("\n") else "", text)

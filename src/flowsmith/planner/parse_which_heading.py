"""A Chinese heading that asks which value a field has, then one clause per value: "看选的是
哪个教练：张教练就…，李教练就…，其余的都…", "看用的是哪种快递：顺丰就…，京东就…，其他的…".

The heading names the field (the noun after 哪个/哪种/哪家/哪位); each clause of the same
sentence that opens with a short value and 就/的话/的 is the case where the field has that
value, and a rest clause ("其余的都…", "其他的…", "剩下的…") is the last case, the otherwise.

Invariants: the text changes only when the heading is followed, in its sentence, by two value
clauses or more; each value clause becomes "如果<field>是<value>，<action>" and each rest clause
"否则，<action>", the words the case readers already take; the heading itself is dropped (it
names no step). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

__all__ = ["which_heading"]

# "看选的是哪个教练：", "看一下用的是哪种快递：", "看是哪家门店，"
_HEADING = re.compile(
    r"(?:看|根据|按)(?:一下)?(?:[\u4e00-\u9fff]{0,4}?的)?(?:是|为)?"
    r"哪(?:个|种|家|位|一个|一种|一家|一位|类)"
    r"(?P<f>[\u4e00-\u9fffA-Za-z]{1,6}?)(?:来定|来分)?\s*[：:，,]\s*"
)
# "张教练就…", "顺丰的话…", "朝阳店的…": a short value, then its action
_VALUE = re.compile(r"^(?P<v>[\w\u4e00-\u9fff.-]{1,8}?)(?:的话|的)?\s*(?:就|则)\s*(?P<a>\S.*)$")
_REST = re.compile(
    r"^(?:其余|其他|其它|剩下|剩余|别的|另外)(?:的)?(?:人|情况)?\s*(?:都|就|则|全部)?\s*(?P<a>\S.*)$"
)
_CLAUSE = re.compile(r"[，,；;]")
_END = re.compile(r"[。！？.!?]")


def which_heading(text: str) -> str:
    """``text`` with a "看…是哪个<field>：" heading's value clauses read as cases on that field
    (unchanged unless two value clauses follow the heading in its sentence)."""
    head = _HEADING.search(text)
    if head is None:
        return text
    field = head.group("f")
    end = _END.search(text, head.end())
    stop = end.start() if end else len(text)
    body = text[head.end() : stop]
    clauses = _CLAUSE.split(body)
    out: list[str] = []
    values = 0
    for clause in clauses:
        said = clause.strip()
        rest = _REST.match(said)
        value = None if rest else _VALUE.match(said)
        if rest is not None:
            out.append(f"否则，{rest.group('a')}")
        elif value is not None and value.group("v") != field:
            values += 1
            out.append(f"如果{field}是{value.group('v')}，就{value.group('a')}")
        else:
            out.append(clause)
    if values < 2:
        return text
    return text[: head.start()] + "，".join(out) + text[stop:]

"""Sums and top-N said in a step: which field is summed, which field ranks the top N, and
the condition that tests the sum.

* "add up today's sales", "把金额加起来", "把销售额汇总求和": the field is the said object;
* "the 5 most-viewed videos", "取点赞最多的10条", "the top 3 deals by value": a descending sort
  on that field and a limit of N (never a max aggregate);
* "if the total is over 10k" after a sum: the IF tests the aggregate's output field.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.frame import Branch, Case, Condition, Step, Transform

# the words after "add up" / "sum" up to where the object ends
_SUM_OBJECT = re.compile(
    r"^\s*(?:up\s+)?((?:[\w']+\s+){0,3}?[a-z_]+)(?=\s+(?:from|in|of|on|and|for|if|across|"
    r"over|into|to)\b|\s*[,.;]|\s*$)",
    re.IGNORECASE,
)
_NOT_OBJECT = re.compile(r"^(?:the|all|them|it|these|those|up|total|sum|a|an)$", re.IGNORECASE)
# "把金额加起来", "报销金额加起来", "把销售额汇总求和": the Chinese object before the sum verb
_ZH_SUM = re.compile(r"([\u4e00-\u9fff]{1,8}?)(?:都|全部)?(?:加起来|加总|相加|汇总求和|求和|汇总)")
_ZH_LEAD = re.compile(r"^(?:把|将|对)")
# "the 5 most-viewed videos", "10 highest-scoring posts", "top 3 deals by value"
_TOP_EN = re.compile(
    r"\b(\d+)\s+(?:most|highest|best|top)[- ]([a-z]+)|"
    r"\btop\s+(\d+)\s+(?:[a-z]+\s+){0,2}?by\s+(?:the\s+)?([a-z_]+)|"
    r"\btop\s+(\d+)\s+(?:[a-z]+\s+)?(?:with the )?(?:most|highest)\s+([a-z_]+)",
    re.IGNORECASE,
)
# "取点赞最多的10条", "销售额最高的3个客户"
_TOP_ZH = re.compile(
    r"([\u4e00-\u9fff]{1,8}?)(?:最高|最多|最大|最好)的\s*(\d+)\s*(?:条|个|名|项|篇|位|笔|家|件)"
)
_ZH_VERB = re.compile(r"^(?:读取|获取|取出|取|拿出|拿|找出|挑出|选出|筛出|列出|统计)")
# "most-viewed" -> views: the ranking adjective's measure
_MEASURE_OF = {
    "viewed": "views",
    "liked": "likes",
    "upvoted": "upvotes",
    "commented": "comments",
    "scoring": "score",
    "scored": "score",
    "rated": "rating",
    "selling": "sales",
    "paid": "amount",
    "popular": "popularity",
    "recent": "date",
}
# a condition field that means "the sum just made"
_SUM_WORDS = frozenset({"total", "sum", "合计", "总额", "总和", "总计", "总金额", "total_amount"})


def summed_field(text: str, start: int, end: int) -> str | None:
    """The field a sum verb at ``text[start:end]`` adds up, when the user named one."""
    m = _SUM_OBJECT.match(text[end:])
    if m:
        words = [w for w in m.group(1).split() if not w.endswith("'s") and not _NOT_OBJECT.match(w)]
        if words:
            return words[-1].lower()
    zh = _ZH_SUM.search(text, max(0, start - 10), end + 6)
    after = _ZH_AFTER.match(text[end:])
    if zh and zh.group(1).startswith("按") and after:  # "按商品汇总销量": 销量 is summed
        return after.group(1)
    if zh:
        word = _ZH_LEAD.sub("", zh.group(1).rsplit("的", 1)[-1])
        return word or None
    return None


# "按商品汇总销量": the object said after the sum verb, up to a comma or the next step
_ZH_AFTER = re.compile(
    r"^\s*(?:一下)?(?:各自的|的)?([\u4e00-\u9fff\w]{1,6}?)(?=$|[，,。；;\s]|再|并|然后)"
)


def top_n(text: str) -> tuple[int, int, str] | None:
    """(where, N, field) of a top-N said in ``text``, or None."""
    m = _TOP_EN.search(text)
    if m:
        n, word = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5) if m.group(i))
        word = word.lower()
        return m.start(), int(n), _MEASURE_OF.get(word, word)
    z = _TOP_ZH.search(text)
    if z:
        word = _ZH_VERB.sub("", re.split(r"[的里中]", z.group(1))[-1]) or z.group(1)
        return z.start(), int(z.group(2)), word
    return None


def with_sum_tested(steps: list[Step]) -> list[Step]:
    """A branch after a sum tests the sum's output field when it names "the total"."""
    out: list[Step] = []
    made: str | None = None
    for step in steps:
        if (
            isinstance(step, Transform)
            and step.kind == "aggregate"
            and not step.params.get("group_by")
        ):
            made = f"{step.params.get('operation', 'sum')}_{step.params.get('field', 'amount')}"
        elif isinstance(step, Branch) and made is not None:
            step = Branch(tuple(_tests_made(c, made) for c in step.cases), step.phrase)
        out.append(step)
    return out


def _tests_made(case: Case, made: str) -> Case:
    cond = case.condition
    if isinstance(cond, Condition) and str(cond.field).lower() in _SUM_WORDS:
        return Case(replace(cond, field=made), case.steps)
    return case

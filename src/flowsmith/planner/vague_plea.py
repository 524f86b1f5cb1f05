"""Requests that say no step at all: a plea for help that only describes a situation
("we're drowning in spreadsheets. help?", "订单太多忙不过来了，怎么办？"), or a wish for an
automation named only by its topic ("帮我搞个自动化，跟库存有关的", "make me an automation,
something to do with inventory").

Invariants:

* :func:`help_plea` holds only when the request asks for help (a plea word) and says no step:
  no verb of making, reading, changing, removing, copying or telling, no AI work, no address;
* :func:`topic_only` holds only when the whole request is "make (me) an automation" plus a
  topic ("about / to do with / related to X", "跟X有关的", "和X相关的"), and the topic says
  no step either.

Such a request has nothing to build yet; the planner asks what should happen instead of
guessing a flow from the nouns it names. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx

__all__ = ["help_plea", "topic_only"]

# asking for help, with nothing asked to be done: "help?", "can you help", "any ideas?",
# "what should we do", "怎么办", "求助", "帮帮我", "有什么办法"
_PLEA = re.compile(
    r"\bhelp\s*[?!.]*\s*$|\b(?:can|could|would)\s+you\s+help\b|\bhelp\s+(?:me|us)\s*[?!.]*\s*$|"
    r"\bany\s+(?:ideas|suggestions|tips|advice)\b|\bwhat\s+(?:should|can|could)\s+(?:i|we)\s+do\b|"
    r"\bwhere\s+(?:do|should|can)\s+(?:i|we)\s+(?:start|begin)\b|\bi\s+need\s+help\b|"
    r"怎么办|求助|帮帮(?:我|忙|我们)|救命|有(?:什么|啥)办法|能帮(?:我|我们)?(?:一下)?吗|"
    r"从哪(?:里|儿)?(?:开始|入手|下手)",
    re.IGNORECASE,
)
# words that ask for a step to be done
_DOING = (
    lx.CREATE_VERB,
    lx.READ_VERB,
    lx.UPDATE_VERB,
    lx.DELETE_VERB,
    lx.COPY_VERB,
    lx.NOTIFY_WORD,
    *lx.THINK.values(),
)
_ADDRESS = re.compile(r"https?://|\b[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)

# "an automation" said as the thing wanted
_FLOW_EN = r"(?:an?\s+)?(?:automation|workflow|work\s*flow|flow|zap|bot)"
_FLOW_ZH = r"(?:一)?(?:个|套)?(?:自动化(?:流程|工作流)?|工作流|流程|workflow)"
_ASK_EN = (
    r"(?:(?:please|pls|hey|hi)[,\s]+)?(?:can\s+you\s+|could\s+you\s+|i\s+(?:want|need)\s+)?"
    r"(?:make|build|create|set\s+up|give|get|whip\s+up)?\s*(?:me|us)?\s*"
)
_ASK_ZH = (
    r"(?:请|麻烦)?(?:你)?(?:帮我|帮我们|给我|给我们|替我)?(?:搞|做|弄|建|整|写|来)(?:一)?(?:个|套)"
)
_END = r"\s*(?:吧|呢|哈|啊)?\s*[.!?。！？~～]*\s*$"
# the whole request: the wish, then its topic (or the topic first, in Chinese)
_TOPIC = re.compile(
    rf"^\s*{_ASK_EN}{_FLOW_EN}\s*[,，]?\s*(?:something\s+|anything\s+|one\s+)?"
    r"(?:(?:to\s+do|having\s+to\s+do)\s+with|about|related\s+to|around|regarding|on)\s+"
    rf"(?P<en>.+?){_END}|"
    rf"^\s*{_ASK_ZH}{_FLOW_ZH}\s*[,，]?\s*(?:是)?(?:跟|和|与|关于)(?P<zh>.+?)(?:有关|相关)?(?:的)?{_END}|"
    rf"^\s*{_ASK_ZH}(?:跟|和|与|关于)(?P<zh2>.+?)(?:有关|相关)的?{_FLOW_ZH}?(?:自动化)?{_END}",
    re.IGNORECASE,
)


def help_plea(text: str) -> bool:
    """Whether ``text`` asks for help and says no step (see the module's invariants)."""
    if _PLEA.search(text) is None or _ADDRESS.search(text):
        return False
    asked = _PLEA.sub(" ", text)
    return not any(p.search(asked) for p in _DOING)


def topic_only(text: str) -> bool:
    """Whether ``text`` wishes for an automation named only by a topic that says no step
    (see the module's invariants)."""
    m = _TOPIC.match(text.strip())
    if m is None or _ADDRESS.search(text):
        return False
    topic = next(g for g in m.group("en", "zh", "zh2") if g is not None)
    return len(topic) <= 40 and not any(p.search(topic) for p in _DOING)

"""Condition forms edits use that the request grammar (``parse_conditions``) does not read:
a text's ending or beginning ("the email ends with gmail.com", "邮箱是gmail.com结尾"), a box
the person ticked ("they ticked the newsletter box", "勾选了订阅"), and a negated stock
check ("when it's not in stock").

Invariants: each reader returns a :class:`~flowsmith.planner.frame.Condition` on an item
field named by the user's words (English words joined by "_", Chinese kept as said, a few
common Chinese field words translated), or None; an ending/beginning is a ``contains``
test on that field (the IF has no "ends with" operator). Only words live here, no service
names. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import CompareOp, Condition
from flowsmith.planner.text import rx

_VALUE = r"['\"“‘]?(?P<v>@?[\w.@-]+?)['\"”’]?"
_VALUE_ZH = r"['\"“‘]?(?P<v>[a-z0-9_.@-]+?)['\"”’]?"
_ENDS = (
    rx(
        r"^(?:the\s+|their\s+|its\s+|his\s+|her\s+|my\s+)?(?P<f>[a-z][\w' -]*?)\s+"
        r"(?:ends?|finish(?:es)?|is ending)\s+(?:with|in)\s+" + _VALUE + r"$"
    ),
    rx(
        r"^(?:the\s+|their\s+|its\s+)?(?P<f>[a-z][\w' -]*?)\s+(?:starts?|begins?)\s+with\s+"
        + _VALUE
        + r"$"
    ),
    rx(r"^(?P<f>[\u4e00-\u9fff]{1,8}?)(?:是|以|为)?" + _VALUE_ZH + r"(?:结尾|结束|为后缀)的?$"),
    rx(r"^(?P<f>[\u4e00-\u9fff]{1,8}?)(?:的)?(?:后缀|域名|结尾)(?:是|为)" + _VALUE_ZH + r"的?$"),
    rx(r"^(?P<f>[\u4e00-\u9fff]{1,8}?)(?:是|以)" + _VALUE_ZH + r"开头的?$"),
)
# "it is a gmail address", "the sender uses a gmail.com address"
_ADDRESS_OF = rx(
    r"^(?:it|they|the\s+(?P<f>[a-z ]+?))\s+(?:is|are|uses?|has|have)\s+an?\s+"
    r"(?P<v>[\w.-]+)\s+(?:e-?mail\s+)?(?:address|e-?mail|account)$"
)
# "they ticked the newsletter box", "opted in to marketing", "勾选了订阅"
_TICKED = rx(
    r"^(?:(?:they|he|she|the (?:user|customer|person|lead|contact|subscriber))\s+)?"
    r"(?P<neg>did(?:n't| not)\s+|never\s+)?"
    r"(?:ticked|tick|checked|check|selected|select|opted (?:in )?(?:to|into|for)|opt (?:in )?"
    r"(?:to|into|for)|agreed to|agree to|accepted|accept|subscribed to|subscribe to|said yes to|"
    r"signed up for|sign up for)\s+(?:the\s+|a\s+|an\s+)?(?P<f>[a-z][\w -]*?)"
    r"(?:\s+(?:box|checkbox|check box|option|field|toggle|flag))?$"
)
_TICKED_ZH = rx(
    r"^(?:用户|客户|他们|对方)?(?P<neg>没有?|未|不)?(?:勾选|勾|选择|选|同意|订阅|接受)(?:了)?"
    r"(?P<f>[\u4e00-\u9fff\w]{1,10}?)(?:选项|复选框|框)?(?:的话)?$"
)
_BOX_IS = rx(
    r"^(?:the\s+)?(?P<f>[a-z][\w -]*?)\s+(?:box|checkbox|option|flag|toggle)\s+is\s+"
    r"(?P<neg>not\s+|un)?(?:ticked|checked|selected|set|on|true)$"
)
# "it isn't in stock", "is no longer available", "没有货了"
_NOT_IN_STOCK = rx(
    r"\b(?:is|are)(?:n't|\s+not|\s+no longer)\s+(?:in stock|available)\b|"
    r"\bnot (?:in stock|available)\b|没有?货|不再有货|不在库存"
)
# "the API returns nothing", "接口没返回数据": the step's result is empty
_NOTHING = (
    rx(
        r"^(?:the\s+|it\s+|they\s+)?(?:[a-z][\w -]*?\s+)?(?:returns?|returned|gives?|gave|"
        r"comes? back(?: with)?|came back(?: with)?|sends? back|finds?|found)\s+(?:nothing|"
        r"no (?:data|results?|rows?|items?|records?)|an? empty (?:list|response|result|array)|"
        r"empty)$"
    ),
    rx(
        r"^(?:the\s+)?(?:[a-z]+\s+)?(?:result|response|data)\s+is\s+empty$|"
        r"^there (?:is|was) no data$"
    ),
    rx(
        r"^[\u4e00-\u9fffa-z]{0,8}?(?:没有?|未|不)(?:返回|给|拿到|查到|取到|获取到?)(?:任何)?"
        r"(?:数据|结果|内容|东西)$|^[\u4e00-\u9fffa-z]{0,8}?返回(?:的)?(?:为空|是空的?|空)$|"
        r"^(?:没有?|无)(?:数据|结果)$|"
        # "如果是空的", "结果为空": said of what the step before gave back, no field named
        r"^(?:结果|数据|返回的?(?:数据|结果)?)?(?:是|为)空的?$"
    ),
    # "if none came back", "if nothing comes back": the step before gave nothing
    rx(r"^(?:none|nothing|no (?:data|results?|rows?|items?|records?))\s+(?:came|comes)\s+back$"),
)
# "the AI didn't extract an amount", "AI没提取到金额", "金额没有提取出来": that field is empty
_NOT_EXTRACTED = (
    rx(
        r"^(?:the\s+)?(?:ai|model|llm|gpt|extractor|extraction)?\s*(?:didn'?t|did not|couldn'?t|"
        r"could not|can'?t|cannot|failed to|wasn'?t able to|was not able to)\s+(?:extract|find|get|"
        r"pull(?: out)?|read|detect|pick up|identify)\s+(?:an?\s+|the\s+|any\s+)?"
        r"(?P<f>[a-z][\w -]*?)$"
    ),
    rx(
        r"^(?:no|there (?:is|was) no)\s+(?P<f>[a-z][\w -]*?)\s+(?:was\s+|is\s+)?"
        r"(?:extracted|found)$"
    ),
    rx(
        r"^(?:ai|模型|大模型)?(?:没有?|未|没能|无法)(?:提取|识别|抽取|拿|找|读取)(?:到|出)?(?:了)?"
        r"(?P<f>[\u4e00-\u9fff\w]{1,8}?)$"
    ),
    rx(r"^(?P<f>[\u4e00-\u9fff\w]{1,8}?)(?:没有?|未|没能)(?:被)?(?:提取|识别|抽取)(?:到|出来?)?$"),
)
# "an amount was found", "the AI extracted a due date", "提取到了金额": that field has a value
_EXTRACTED = (
    rx(
        r"^(?:an?\s+|the\s+)?(?P<f>[a-z][\w -]*?)\s+(?:was|were|is|got|has been)\s+"
        r"(?:found|extracted|detected|identified)$"
    ),
    rx(
        r"^(?:the\s+)?(?:ai|model|llm|gpt|extractor|extraction|it)\s+(?:extracted|found|got|"
        r"detected|identified)\s+(?:an?\s+|the\s+)?(?P<f>[a-z][\w -]*?)$"
    ),
    rx(r"^(?:ai|模型|大模型)?(?:提取|识别|抽取|找)(?:到|出)(?:了)?(?P<f>[\u4e00-\u9fff\w]{1,8}?)$"),
)
# "orders tagged 'vip'", "the tags include vip", "带vip标签的", "标签里有vip"
_TAGGED = (
    rx(
        r"^(?:the\s+|an?\s+)?(?:[a-z]+\s+)?(?:(?:that are|which are|that were)\s+)?"
        r"(?:tagged|labell?ed|with (?:the |a )?tag)\s+(?:as\s+|with\s+)?" + _VALUE + r"$"
    ),
    rx(r"^(?:the\s+|its\s+)?tags?\s+(?:contains?|includes?|has|have|is|are)\s+" + _VALUE + r"$"),
    rx(r"^(?:带|带有|打了|有|含)" + _VALUE_ZH + r"(?:的)?标签(?:的)?(?:订单|工单|客户|记录)?$"),
    rx(r"^标签(?:里|中)?(?:有|包含|含有|是|为)" + _VALUE_ZH + r"(?:的)?(?:订单|工单|客户|记录)?$"),
)
# "anything sent from a noreply@ address", "发件人是noreply@的邮件", "noreply@发来的邮件"; several
# senders ("from noreply@ or mailer-daemon", "noreply@和mailer-daemon发来的") are alternatives
_SENDER = r"['\"“‘]?[a-z0-9_.+-]*@[a-z0-9_.-]*['\"”’]?"
_OTHER_SENDER = r"['\"“‘]?[a-z0-9_.+-]+@?[a-z0-9_.-]*['\"”’]?"
_SENDERS_EN = (
    r"(?P<v>" + _SENDER + r"(?:\s*(?:,|\bor\b|\band\b|/)\s*(?:(?:an?|the)\s+)?(?:from\s+)?"
    r"(?:(?:an?|the)\s+)?" + _OTHER_SENDER + r")*)"
)
_SENDERS_ZH = (
    r"(?P<v>" + _SENDER + r"(?:\s*(?:和|或者?|以及|、|跟|及|,|，)\s*" + _OTHER_SENDER + r")*)"
)
_SENDER_SPLIT = re.compile(r"\s*(?:,|，|\bor\b|\band\b|/|和|或者?|以及|、|跟|及)\s*")
_SENT_FROM = (
    rx(
        r"^(?:anything|everything|(?:e-?)?mails?|messages?|it|they)?\s*(?:that (?:is|are|was|"
        r"were|comes?|came)\s+|which (?:is|are|was|were)\s+)?(?:sent|coming|comes?|came)\s+"
        r"from\s+(?:an?\s+|the\s+)?" + _SENDERS_EN + r"(?:\s+(?:e-?mail\s+)?address(?:es)?)?$"
    ),
    # "mail from noreply@ and from mailer-daemon": the items named, no verb
    rx(
        r"^(?:all\s+|any\s+)?(?:anything|everything|(?:e-?)?mails?|messages?)\s+from\s+"
        r"(?:an?\s+|the\s+)?" + _SENDERS_EN + r"(?:\s+(?:e-?mail\s+)?address(?:es)?)?$"
    ),
    rx(
        r"^(?:发件人|寄件人|发送人|来源)(?:是|为|包含|含有)"
        + _SENDERS_ZH
        + r"(?:的)?(?:邮件|消息|地址)?$"
    ),
    rx(r"^(?:从)?" + _SENDERS_ZH + r"(?:发来|发出|寄来|发送)的?(?:邮件|消息)?$"),
)


def _senders(said: str, text: str) -> Condition:
    """One sender test per address said; several are alternatives (any of them)."""
    words = [x.strip("'\"“”‘’ ") for x in _SENDER_SPLIT.split(said)]
    values = [re.sub(r"^(?:(?:an?|the)\s+)?(?:from\s+)?(?:(?:an?|the)\s+)?", "", x) for x in words]
    found = tuple(Condition("from", "contains", x, text) for x in values if x)
    if len(found) == 1:
        return found[0]
    return Condition("from", "any", found, text)


# "failures of the 'nightly-cleanup' workflow", "nightly-cleanup这个工作流失败": the failed
# workflow's name (what an error trigger's item carries)
_WORKFLOW = (
    rx(
        r"^(?:(?:failures?|errors?|crash(?:es)?)\s+(?:of|in|from)\s+)?(?:the\s+)?['\"“‘]?"
        r"(?P<v>[\w.-]+?)['\"”’]?\s+(?:workflow|flow|job)(?:\s+(?:fails?|failed|errors?|"
        r"failures?|crashes|crashed))?$"
    ),
    rx(
        r"^['\"“‘]?(?P<v>[a-z0-9_.-]+?)['\"”’]?\s*(?:这个|那个)?(?:工作流|流程|任务)(?:的)?"
        r"(?:失败|报错|出错|错误|异常)?(?:的时候|时)?$"
    ),
)
# "failures of workflows whose name starts with 'prod-'", "名字以prod-开头的工作流出错": the
# failed workflow's name holds the prefix (the rules have no starts-with operator)
_WORKFLOW_PREFIX = (
    rx(
        r"^(?:(?:failures?|errors?|crash(?:es)?)\s+(?:of|in|from)\s+)?(?:the\s+|any\s+)?"
        r"(?:workflows?|flows?|jobs?)\s+(?:whose|with (?:a|the)|where the)\s+names?\s+"
        r"(?:starts?|begins?)\s+with\s+['\"“‘]?(?P<v>[\w.-]+?)['\"”’]?$"
    ),
    rx(
        r"^(?:名字|名称)?以?['\"“‘]?(?P<v>[a-z0-9_.-]+?)['\"”’]?\s*(?:开头|打头)的(?:工作流|流程|任务)"
        r"(?:的)?(?:失败|报错|出错|错误|异常)?(?:的时候|时)?$"
    ),
    # "the failing workflow's name contains 'billing'", "workflows whose name includes X"
    rx(
        r"^(?:(?:failures?|errors?)\s+(?:of|in|from)\s+)?(?:the\s+|any\s+)?(?:(?:failing|failed|"
        r"broken|erroring)\s+)?(?:(?:workflow|flow|job)(?:'s|s'?)?\s+(?:whose\s+)?|"
        r"(?:workflows?|flows?|jobs?)\s+(?:whose|with (?:a|the)|where the)\s+)names?\s+"
        r"(?:contains?|includes?|has|mentions?)\s+['\"“‘]?(?P<v>[\w.-]+?)['\"”’]?$"
    ),
    # "名字里带billing的工作流出错", "名称包含prod的流程"
    rx(
        r"^(?:工作流|流程)?(?:的)?(?:名字|名称)(?:里|中)?(?:带有?|有|包含|含有?)['\"“‘]?"
        r"(?P<v>[a-z0-9_.-]+?)['\"”’]?\s*的(?:工作流|流程|任务)"
        r"(?:的)?(?:失败|报错|出错|错误|异常)?(?:的时候|时)?$"
    ),
)
# "the email is already in Postgres", "it already exists", "邮箱已经存在": a lookup found it
_EXISTS = rx(
    r"^(?:the\s+|their\s+|its\s+|this\s+)?(?:[a-z][\w' -]*?\s+)?(?:(?:is|was|are)\s+already\s+"
    r"(?:in|on|stored in|saved in|registered in|known to|a member of)\b|already\s+exists?\b)|"
    r"^[\u4e00-\u9fffa-z]{0,6}?(?:已经|已)(?:存在|注册过?|在[^，,]{1,12}?(?:里|中))了?$"
)
# "issues of type Task", "tickets with priority P1": a kind word, then its value
_OF_KIND = rx(
    r"^(?:the\s+|all\s+|any\s+)?(?:[a-z][\w-]*\s+)?(?:of|with)\s+(?:the\s+)?"
    r"(?P<f>type|kind|category|priority|status|level|severity|label|stage|tier)\s+"
    r"['\"“‘]?(?P<v>[\w-]+)['\"”’]?$"
)
_NOT = rx(r"\bnot\b|n't\b|\bno longer\b|不|没|未")
_ZH_FIELD = {"邮箱": "email", "邮件地址": "email", "邮箱地址": "email", "地址": "email"}
_FIELD_STOP = rx(r"^(?:the|their|its|his|her|my|our|e-?mail)\s+|'s\b")


def _field(words: str) -> str:
    said = words.strip().lower()
    if re.search(r"[\u4e00-\u9fff]", said):
        said = re.sub(r"^(?:的|是)|的$", "", said)
        return _ZH_FIELD.get(said) or lx.FIELD_ZH_NAMES.get(said, said)
    said = _FIELD_STOP.sub(" ", said).strip()
    if re.search(r"\b(?:e-?mail|address|sender|domain)\b", said):
        return "email" if "sender" not in said else "from"
    return re.sub(r"[^a-z0-9]+", "_", said).strip("_") or "value"


def edit_condition(phrase: str) -> Condition | None:
    """A condition in one of this module's forms, or None."""
    text = phrase.strip(" ,，.。")
    for pattern in _WORKFLOW_PREFIX:  # before _ENDS: the name is the failed workflow's
        m = pattern.search(text)
        if m:
            return Condition("workflow.name", "contains", m.group("v"), text)
    for pattern in _ENDS:
        m = pattern.search(text)
        if m:
            return Condition(_field(m.group("f")), "contains", m.group("v").strip("'\""), text)
    if _NOT_IN_STOCK.search(text):
        return Condition("in_stock", "is_false", None, text)
    m = _ADDRESS_OF.search(text)
    if m:
        return Condition(_field(m.group("f") or "email"), "contains", m.group("v"), text)
    found = _said_of_a_step(text)
    if found is not None:
        return found
    m = _OF_KIND.search(text)
    if m:
        return Condition(m.group("f").lower(), "eq", m.group("v"), text)
    if _EXISTS.search(text):  # a lookup's answer: whether the record is already there
        return Condition("exists", "is_true", None, text)
    for pattern in (_TICKED, _BOX_IS, _TICKED_ZH):
        m = pattern.search(text)
        if m:
            op: CompareOp = "is_false" if m.group("neg") else "is_true"
            return Condition(_field(m.group("f")), op, None, text)
    return None


def _said_of_a_step(text: str) -> Condition | None:
    """What a step gave back: nothing, no extracted field or one found, a tag, a sender, a failed
    workflow's name (an error trigger's item)."""
    if any(p.search(text) for p in _NOTHING):
        return Condition("data", "is_empty", None, text)
    for pattern in _NOT_EXTRACTED:
        m = pattern.search(text)
        if m:
            return Condition(_field(m.group("f")), "is_empty", None, text)
    for pattern in _EXTRACTED:
        m = pattern.search(text)
        if m and not re.match(r"(?:no|none|nothing)\b", m.group("f")):
            return Condition(_field(m.group("f")), "not_empty", None, text)
    for pattern in _TAGGED:
        m = pattern.search(text)
        if m:
            return Condition("tags", "contains", m.group("v"), text)
    for pattern in _SENT_FROM:
        m = pattern.search(text)
        if m:
            return _senders(m.group("v"), text)
    for pattern in _WORKFLOW:
        m = pattern.search(text)
        if m:
            return Condition("workflow.name", "eq", m.group("v"), text)
    return None


def negated_stock(cond: Condition | None, phrase: str) -> Condition | None:
    """ "When it's not in stock": the stock check the grammar read, turned around when the
    words deny it (the grammar reads "in stock" alone)."""
    if cond is None or cond.field != "in_stock" or not _NOT.search(phrase):
        return cond
    if re.search(r"out of stock|sold out|unavailable|缺货|售罄|无货|没货", phrase, re.I):
        return cond  # already the negative form
    op: CompareOp = "is_false" if cond.op == "is_true" else "is_true"
    return Condition(cond.field, op, cond.value, cond.phrase)


# "高优先级", "严重级别": a level said with its field's word; the value alone, in English
_ZH_LEVEL_FIELD = re.compile(r"(?:优先级|级别|等级|严重程度|程度)$")
_ZH_LEVEL = {
    "高": "high",
    "低": "low",
    "中": "medium",
    "中等": "medium",
    "紧急": "urgent",
    "严重": "critical",
    "警告": "warning",
    "普通": "normal",
    "一般": "normal",
}


def level_value(word: str) -> str:
    """The value a qualifier word names: "高优先级" -> "high", "warning" -> "warning"."""
    bare = _ZH_LEVEL_FIELD.sub("", word.strip())
    if bare == word.strip():
        return _ZH_LEVEL.get(bare, word)  # "紧急的工单": urgent
    return _ZH_LEVEL.get(bare, bare or word)


# "不紧急", "非紧急", "not urgent": a level word denied; the items of any other level
_ZH_NOT_LEVEL = re.compile(r"^(?:是)?(?:不|非)(?:是)?(?P<w>" + "|".join(_ZH_LEVEL) + r")(?:的)?$")
# "the status is failed", "状态是失败": a field said with a failure word is that value
_FAILED_VALUE = rx(
    r"^(?:the\s+|its\s+|their\s+)?(?P<f>[a-z][\w ]*?)\s+(?:is|=|equals|was)\s+['\"“]?"
    r"(?P<v>failed|failure|error|errored)['\"”]?$|"
    r"^(?P<zf>[\u4e00-\u9fff]{0,6}?状态)(?:是|为|=|等于)['\"“]?(?P<zv>失败|错误|出错)['\"”]?$"
)


_ITEM_NOUN = re.compile(
    r"(?<=.)的(?:行|条|项|记录|订单|工单|数据|用户|客户|线索|邮件|消息|文章|任务)?$"
)
# items of money: compared with a bare number, they are compared by their amount
_ORDER = rx(
    r"\b(?:orders?|contracts?|deals?|invoices?|payments?|purchases?|transactions?|expenses?|"
    r"refunds?)\b|订单|合同|交易|发票|付款|报销|支出|大单"
)
_PRICE = rx(r"\bprices?\b|\bcosts?\b|价格|单价|价钱")


# "the amount is not over 100", "金额不超过100": a comparison denied, on whole numbers
_DENIED_COMPARE = rx(
    r"^(?:the\s+|its\s+|their\s+)?(?P<f>[a-z][\w ]*?)\s+(?:is|are)(?:\s+not|n't)\s+"
    r"(?P<op>over|above|more than|greater than|higher than|under|below|less than|lower than)"
    r"\s+[$€£¥]?(?P<n>\d+)$"
)
_ABOVE = rx(r"over|above|more|greater|higher")


def denied_comparison(phrase: str) -> Condition | None:
    """ "The amount is not over 100": the amount is under 101."""
    m = _DENIED_COMPARE.match(phrase.strip(" ,，.。"))
    if m is None:
        return None
    n = int(m.group("n"))
    if _ABOVE.match(m.group("op")):
        return Condition(_field(m.group("f")), "lt", n + 1, phrase)
    return Condition(_field(m.group("f")), "gt", n - 1, phrase)


def denied_level(phrase: str) -> Condition | None:
    """ "不紧急" / "非紧急": the priority is not that level."""
    m = _ZH_NOT_LEVEL.match(phrase.strip(" ,，.。"))
    return Condition("priority", "ne", _ZH_LEVEL[m.group("w")], phrase) if m else None


def settled(cond: Condition | None, phrase: str) -> Condition | None:
    """``cond`` with the value words of edits settled: a failure said as a field's value
    ("the status is failed") is that value, not a failed run; a Chinese level word
    ("紧急") is the English level the workflows test ("urgent"); an order compared with a
    number ("orders over 500") is compared by its amount."""
    if cond is None:
        return None
    m = _FAILED_VALUE.search(phrase.strip(" ,，.。"))
    if cond.op == "failed" and m is not None:
        field = _field(m.group("f")) if m.group("f") else "status"
        return Condition(field, "eq", m.group("v") or m.group("zv"), phrase)
    money = cond.field == "price" or _ORDER.fullmatch(cond.field) is not None
    if money and _ORDER.search(phrase) and not _PRICE.search(phrase):
        return Condition("amount", cond.op, cond.value, phrase)  # "orders over 500"
    if isinstance(cond.value, str) and _ITEM_NOUN.search(cond.value):
        # "状态是open的行": the value, not the items it qualifies
        cond = Condition(cond.field, cond.op, _ITEM_NOUN.sub("", cond.value), phrase)
    if cond.op in ("eq", "ne") and isinstance(cond.value, str) and cond.value in _ZH_LEVEL:
        return Condition(cond.field, cond.op, _ZH_LEVEL[cond.value], phrase)
    return cond

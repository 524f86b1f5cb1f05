"""The words of edit requests, in English and Chinese: verbs, positions and connectives.

Only language lives here. Which services, resources and operations exist (and what users
call them) comes from the catalog (:mod:`flowsmith.planner.edit_catalog`); nothing here
names a service. Patterns run over lower-cased text with URLs blanked out.
"""

from __future__ import annotations

import re


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# where one request's clauses end
CLAUSE_END = rx(r"[,;，；。!?！？\n]|\.(?=\s|$)|\band then\b|\bthen\b|然后|并且|接着")

# "also", "too", "add": the message asks for one more step
ADD = rx(
    r"\b(add|also|too|as well|include|insert|plus|additionally|in addition|another)\b|"
    r"添加|加上|加一个|加个|增加|新增|再加|也|同时|另外|还要|还需要|顺便"
)
# the verb that says what a new step does to its service, grouped like core.services.VERBS
VERB_WORDS: dict[str, re.Pattern[str]] = {
    "create": rx(
        r"\b(create|add|open|file|raise|log|record|save|store|make|new|post|send|notify|"
        r"message|ping|tell|alert|share|publish|append|insert|write|push)\b|"
        r"创建|新建|建|添加|记录|保存|写入|发送|发到|发给|发|通知|推送|提醒|告诉|同步到|追加|开"
    ),
    "read": rx(
        r"\b(get|fetch|read|look ?up|find|search|list|pull|load|query)\b|"
        r"获取|读取|查询|查找|搜索|拉取"
    ),
    "update": rx(r"\b(update|edit|modify|change|move|patch|mark)\b|更新|修改|编辑|标记"),
    "delete": rx(r"\b(delete|remove|archive|close|cancel)\b|删除|归档|关闭"),
}
VERB_ZH = {"create": "创建", "read": "获取", "update": "更新", "delete": "删除"}
VERB_ZH_SEND = "发送"  # a message is sent, not created

REMOVE = rx(
    r"\b(remove|delete|drop|get rid of|take out|without|skip|kill|disable|turn off)\b|"
    r"\bdon'?t\s+\w+|\bdo not\s+\w+|\bnever\s+\w+|"
    r"\bno longer\b|\bno more\b|\bstop\s+\w+ing\b|"
    r"\bno (?=\w+(?: \w+)? (?:is |are )?(?:needed|required|necessary)\b)|不需要|无需|不必|"
    r"删除|删掉|去掉|移除|去除|不要|不用|不再|取消|拿掉|别再?"
)
# a removal said after its subject: "飞书提醒不要了", "the SMS is no longer needed"
REMOVE_AFTER = rx(
    r"不要了|不用了|不需要了|去掉吧?|删掉吧?|删了吧?|不再需要|\bno longer needed\b|"
    r"\b(?:is|are)(?:n't| not) needed(?: anymore)?\b|\bcan go\b"
)
# "the next day", "2 hours later", "第二天": send later than now
DELAY = rx(
    r"\b(?:the )?next day\b|\bthe day after\b|\btomorrow\b|\bnext morning\b|"
    r"\b(?P<n>\d+)\s*(?P<unit>minute|hour|day|week)s?\s+later\b|"
    r"\bafter\s+(?P<an>\d+)\s*(?P<aunit>minute|hour|day|week)s?\b|"
    r"第二天|次日|隔天|(?P<zn>\d+)\s*(?P<zunit>分钟|小时|天)(?:之后|以后|后)"
)
# "move it to Monday 9am", "改到周一早上9点": a new time for a scheduled workflow
RESCHEDULE = rx(
    r"\b(?:move|reschedule|shift|push|change|switch|make|run|set|send|post|deliver|do)\s+"
    r"(?:it|this|them|the (?:run|schedule|report|job|workflow|digest|summary))?\s*"
    r"(?:to|on|for|at)\s+(?P<en>.+)$|"
    r"(?:改到|改在|改成|改为|挪到|换到|调到|调整到|移到)(?P<zh>.+)$"
)
WEEKDAY = rx(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\b|周[一二三四五六日天]|"
    r"星期[一二三四五六日天]|礼拜[一二三四五六日天]"
)
CLOCK = rx(r"\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\bnoon\b|\d{1,2}\s*点")
# "all steps in the loop except X"
EVERY = rx(r"\b(all|every|each|everything)\b|所有|全部|一切|都")
EXCEPT = rx(
    r"\b(except(?: for)?|but not|other than|apart from|besides|but keep|keep only)\b|"
    r"除了|除|只保留|仅保留|保留"
)

_END = r"(?=[,;，；。]|\.(?:\s|$)|\s+(?:and|then|but|too|also)\b|$)"
_END_ZH = r"(?=[，。；,;]|然后|并且|同时|也|$)"
# "use X instead of Y", "replace Y with X", "把 Y 换成 X", "用 X 代替 Y", "改用 X"
REPLACE: tuple[tuple[re.Pattern[str], str], ...] = (
    (rx(r"^\s*(?:instead of|rather than)\s+(.+?)\s*[,，]\s*(.+?)" + _END), "old_new"),
    (rx(r"\b(?:prefer|rather use)\s+(.+?)\s+(?:over|to)\s+(.+?)" + _END), "new_old"),
    (rx(r"\b(?:use|go with|switch to)\s+(.+?)[,，]?\s+(?:and\s+)?not\s+(.+?)" + _END), "new_old"),
    (
        rx(
            r"\b(?:move|migrate|switch|change|go|port)\s+(?:it\s+)?from\s+(.+?)\s+to\s+(.+?)" + _END
        ),
        "old_new",
    ),
    (rx(r"\b(?:change|turn|convert)\s+(?:the\s+)?(.+?)\s+(?:to|into)\s+(.+?)" + _END), "old_new"),
    (rx(r"^\s*(.+?)\s*(?:→|->|=>)\s*(.+?)" + _END), "old_new"),
    (rx(r"\b(?:use|switch to|go with|try)\s+(.+?)\s+instead\s*(?:[.!。]|$)"), "new"),
    (
        rx(
            r"(?:use|switch to|send (?:it )?(?:to|via)|post (?:it )?(?:to|in)|go with|try)\s+"
            r"(.+?)\s+(?:instead of|rather than|in place of)\s+(.+?)" + _END
        ),
        "new_old",
    ),
    (rx(r"(.+?)\s+instead of\s+(.+?)" + _END), "new_old"),
    (
        rx(r"(?:replace|swap)\s+(?:the\s+)?(.+?)\s+(?:with|by|for)\s+(.+?)" + _END),
        "old_new",
    ),
    (rx(r"switch\s+(?:from\s+)?(.+?)\s+to\s+(.+?)" + _END), "old_new"),
    (rx(r"把(.+?)(?:换成|改成|替换成|替换为|改为|换为|改用)(.+?)" + _END_ZH), "old_new"),
    (rx(r"(?:用|使用)(.+?)(?:代替|替换|取代|替代)(.+?)" + _END_ZH), "new_old"),
    (rx(r"(?:不用|别用)(.+?)[，,]?\s*(?:改用|换用|用)(.+?)" + _END_ZH), "old_new"),
    (rx(r"(.+?)(?:换成|改成|改为|换为)(.+?)" + _END_ZH), "old_new"),
    (rx(r"(?:改用|换用)(.+?)" + _END_ZH), "new"),
)

MOVE = rx(r"\b(move|put|place|reorder)\b|移到|移动到|挪到|放到|调到|移至|放在|挪")

# where a step goes: the anchor is the text in group 1
_ANCHOR_END = r"(?=[,;，；。]|\.(?:\s|$)|$|\b(?:and|then|too|also)\b)"
AFTER = (
    rx(r"\b(?:right |just |directly )?after\s+(.+?)" + _ANCHOR_END),
    rx(r"在(.+?)(?:之后|以后|后面|后)"),
    rx(r"(?:接在|放在|移到|挪到|放到|移至)(.+?)(?:之后|以后|后面|后)"),
    rx(r"^\s*(.{1,20}?)(?:之后|以后)"),
)
# "备份完成后", "once the backup is done": after the work the workflow does, when the words
# name no step
AFTER_DONE = (
    rx(r"^\s*(?:在|等)?(.+?)(?:完成|结束|做完|跑完|执行完|搞定)了?(?:之后|以后|后)"),
    rx(
        r"\b(?:once|after|when)\s+(?:the\s+)?(.+?)(?:\s+(?:is|has|are|have)|'s)\s+"
        r"(?:been\s+)?(?:done|finished|complete|completed)\b"
    ),
    rx(r"\b(?:once|when|after)\s+()(?:done|finished|complete|completed)\b"),
)
BEFORE = (
    rx(r"\b(?:right |just |directly )?before\s+(.+?)" + _ANCHOR_END),
    rx(r"在(.+?)(?:之前|以前|前面|前)"),
    rx(r"(?:接在|放在|移到|挪到|放到|移至)(.+?)(?:之前|以前|前面|前)"),
    rx(r"^\s*(.{1,20}?)(?:之前|以前|前)(?=[，,\s]|先|再|等|要|加|用|$)"),
)
IN_LOOP = rx(
    r"\b(?:inside|in|within|into|to)\s+(?:the\s+|each\s+|every\s+)?(?:loop|iteration)\b|"
    r"\bfor each (?:item|one|row|record)\b|循环(?:里|中|内|体)|每次循环|遍历(?:里|中|时)|逐个"
)
OTHERWISE = rx(
    r"\botherwise\b|\belse\b|\b(?:false|no|other|negative|fallback)\s+(?:branch|path|output|case)\b|"
    r"\bwhen (?:it(?:'s| is)|they are) not\b|\bif not\b|否则|不满足|不符合|其他情况|其余情况|"
    r"否的?分支|假的?分支"
)
# "if rejected, …", "批准后…": on that output of the approval step
ON_REJECTED = rx(
    r"\b(?:if|when|once)\s+(?:it is |it's |it gets |they are |the request is )?"
    r"(?:rejected|declined|denied)\b|\bon (?:rejection|decline)\b|"
    r"(?:被)?拒绝(?:后|了|的话|时)?|驳回"
)
ON_APPROVED = rx(
    r"\b(?:if|when|once)\s+(?:it is |it's |it gets |they are |the request is )?"
    r"(?:approved|accepted)\b|\bafter approval\b|\bon approval\b|批准后|审批通过|通过后|同意后"
)
# what "too" / "as well" anchors to by default: the existing notification
NOTIFY_WORDS = rx(r"notif\w*|alert|message|post|send|通知|提醒|消息|发送|推送")

# "change the threshold to 500", "把阈值改成500", "set the channel to #alerts"
SET = (
    rx(
        r"\b(?:change|set|update|make|raise|lower|increase|decrease|bump|adjust)\s+"
        r"(?:the\s+|its\s+)?(.+?)\s+(?:to|=)\s+(.+?)" + _END
    ),
    rx(
        r"(?:把|将)?(.+?)(?:改成|改为|设为|设置为|设成|调整为|调整到|调到|调成|换成)\s*(.+?)"
        + _END_ZH
    ),
)
# "only when the amount is over 1000": a condition that replaces the one on the same field
ONLY_WHEN = rx(r"\bonly (?:when|if)\b|\bjust (?:when|if)\b|只在|只有|仅在|仅当|只当|只要")

# parameter words with no catalog field to match: which kind of value they name
PARAM_WORDS: dict[str, re.Pattern[str]] = {
    "threshold": rx(
        r"threshold|limit|cut-?off|minimum|maximum|\bmin\b|\bmax\b|amount|price|value|"
        r"阈值|门槛|上限|下限|临界值|金额|价格|数值"
    ),
    "channel": rx(r"\bchannel\b|频道|群"),
    "recipient": rx(r"recipient|address|\bsend(?:ing)? to\b|收件人|邮箱地址|地址"),
    "subject": rx(r"\bsubject\b|\btitle\b|主题|标题"),
    "message": rx(r"\bmessage\b|\btext\b|\bbody\b|内容|正文|消息"),
}
# parameter keys each word kind may mean, tried in order
PARAM_KEYS: dict[str, tuple[str, ...]] = {
    "channel": ("channel", "channel_id", "chat_id", "room", "stream"),
    "recipient": ("to", "email", "recipient", "phone"),
    "subject": ("subject", "title", "summary", "name"),
    "message": ("text", "message", "body", "content", "comment"),
}

NUMBER = rx(r"[-+]?\d+(?:\.\d+)?")
# words before a service name that make it not a service ("every monday")
NOT_A_SERVICE_BEFORE = rx(r"(?:\bevery|\beach|\bnext|\blast|每周|每个|星期)\s*$")
# words right before a one-word service name that make it the service ("to slack",
# "remove slack"), not a common word ("add a line break")
SERVICE_LEAD_IN = rx(
    r"(?:\b(?:to|in|into|on|onto|via|from|with|using|through|my|our|your|use|remove|delete|"
    r"drop|replace|post|send|notify|message|ping|of)\s+$)|(?:[到在从用给往至]\s*$)"
)

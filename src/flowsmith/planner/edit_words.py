"""The words of edit requests, in English and Chinese: verbs, positions and connectives.

Only language lives here. Which services, resources and operations exist (and what users
call them) comes from the catalog (:mod:`flowsmith.planner.edit_catalog`); nothing here
names a service. Patterns run over lower-cased text with URLs blanked out.
"""

from __future__ import annotations

import re

from flowsmith.planner.text import rx

# where one request's clauses end
CLAUSE_END = rx(r"[,;，；。!?！？\n—–]|\s-\s|\.(?=\s|$)|\band then\b|\bthen\b|然后|并且|接着")

# where one change of a message with several ends: "…, and send it to …", "；", "，然后…"
NEXT_CHANGE = rx(
    r"\s+(?:and|but|plus)\s+(?=(?:then\s+|also\s+)*(?:add|post|send|create|put|use|switch|change|"
    r"make|notify|e-?mail|text|log|save|store|move|remove|delete|drop|run|check|set|update|replace|"
    r"only|just|don'?t|do not|stop|keep|ping|message|ask|include|forward|raise|lower)\b)|"
    r"[;；]|[，,]\s*(?=并且|而且|然后|另外|同时|再|改成|换成|改为|去掉|删除|不要|也|还要)"
)
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
        # "shorter ones go into my Notion list", "短的放到Todoist里": items put somewhere
        r"\b(?:go|goes|going)\s+(?:into|in)\b|放到|放进|放入|存到|存进|存入|"
        r"创建|新建|建|添加|加到|加进|加入|记录|保存|写入|写到|写进|写一份|发送|发到|发给|发|通知|推送|提醒|告诉|同步到|"
        r"追加|开"
    ),
    "read": rx(
        r"\b(get|fetch|read|look ?up|find|search|list|pull|load|query)\b|"
        r"获取|读取|查询|查找|搜索|拉取"
    ),
    # "raise the ticket's priority to urgent", "把优先级改成紧急": a field of a record set
    "update": rx(
        r"\b(update|edit|modify|change|move|patch|mark)\b|更新|修改|编辑|标记|"
        r"\b(?:set|raise|lower|bump|increase|decrease|escalate|upgrade|downgrade)\s+(?:the\s+|its\s+|"
        r"their\s+)?(?:\w+'s\s+)?(?:priority|status|stage|severity|level|assignee|owner)\b|"
        r"(?:优先级|状态|级别|阶段|负责人)(?:改成|改为|调成|调为|调到|设为|设置为|升级为|提高到)|"
        r"(?:调成|调为|升级为|提高到)|"
        # "tag the ticket escalated", "给工单打上urgent标签": a label put on an existing record
        r"\btag\s+(?:the|this|that|it|its)\b|(?:打上|加上|贴上)[\w-]{0,30}标签"
    ),
    "delete": rx(r"\b(delete|remove|archive|close|cancel)\b|删除|归档|关闭"),
}
# the label a record gets: "tag the ticket escalated", "加上escalated标签"
TAG_VALUE = rx(
    r"\btag(?:ged)?\s+(?:the\s+\w+\s+|it\s+|them\s+)?(?:as\s+|with\s+)?['\"“]?(?P<en>[a-z][\w-]*)|"
    r"(?:打上|加上|贴上|加)['\"“]?(?P<zh>[a-z][\w-]*)['\"”]?的?标签"
)
VERB_ZH = {"create": "创建", "read": "获取", "update": "更新", "delete": "删除"}
VERB_ZH_SEND = "发送"  # a message is sent, not created

REMOVE = rx(
    r"\b(remove|delete|drop|get rid of|take out|without|skip|kill|disable|turn off)\b|"
    r"\bdon'?t\s+\w+|\bdo not\s+\w+|\bnever\s+\w+|"
    r"\bno longer\b|\bno more\b|\bstop\s+\w+ing\b|\bno need (?:to|for)\b|\bdon'?t need\b|"
    r"\bno (?=\w+(?: \w+)? (?:is |are )?(?:needed|required|necessary)\b)|不需要|无需|不必|"
    r"删除|删掉|去掉|移除|去除|不要|不用|不再|取消|拿掉|别再?|"
    # a replacement said as a departure: "the team moved off Slack", "ops left Telegram",
    # "不发钉钉了" (the step's verb negated, closed by 了), "停用飞书"
    r"\b(?:moved|switched|migrated|went|gone)\s+(?:off|away\s+from)\b|\b(?:are|'re|is|'s)\s+off\b|"
    r"\b(?:left|ditched|abandoned|dropped|quit)\b|"
    r"不(?:发|推送?|通知|走|记|存)(?=[^，,。；;]{1,20}?了)|停用|弃用|放弃"
)
# a removal said after its subject: "飞书提醒不要了", "the SMS is no longer needed"
REMOVE_AFTER = rx(
    r"不要了|不用了|不需要了|去掉吧?|删掉吧?|删了吧?|不再需要|\bno longer needed\b|"
    r"(?:已经|早就)?(?:停用|弃用|不用)了|"  # "钉钉我们已经停用了": a departure said after
    # "表格不用记了", "Slack不用再发了": the step's verb between
    r"(?:不用|不要|不需要|无需|不必)再?(?:记录?|发送?|推送|同步|保存|存|写|通知|加)了|"
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
    r"(?:it|this|them|the (?:[\w-]+ )?(?:run|schedule|report|job|workflow|digest|summary|"
    r"backup|export|sync|import|cleanup|check|reminder|newsletter)"
    # "change the report time to 18:30", "move the send time to 7"
    r"(?:\s+(?:time|hour))?|the (?:start |send |run )?(?:time|hour))?\s*"
    # "at 3am instead, and message me …": the new time ends where the next clause starts
    r"(?:to|on|for|at)\s+(?P<en>.+?)(?=\s*(?:[,;，；]|\band\s+(?![\d:]|at\b)|$))|"
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
    # "billing tickets should go to Freshdesk now, not Zendesk"
    (
        rx(
            r"\b(?:go|goes|be sent|be created|be filed|be logged)\s+(?:to|in|into|on)\s+(.+?)"
            r"(?:\s+(?:now|from now on|going forward))?[,，]?\s+(?:and\s+)?not\s+"
            r"(?:to\s+|in\s+|on\s+)?(.+?)" + _END
        ),
        "new_old",
    ),
    # "move refund tickets off Zendesk and onto Freshdesk"
    (rx(r"\bmove\s+(?:.+?\s+)?off\s+(.+?)\s+(?:and\s+)?on\s*to\s+(.+?)" + _END), "old_new"),
    (
        rx(
            r"\b(?:move|migrate|switch|change|go|port)\s+(?:it\s+)?from\s+(.+?)\s+to\s+(.+?)" + _END
        ),
        "old_new",
    ),
    (rx(r"\b(?:change|turn|convert)\s+(?:the\s+)?(.+?)\s+(?:to|into)\s+(.+?)" + _END), "old_new"),
    (rx(r"^\s*(.+?)\s*(?:→|->|=>)\s*(.+?)" + _END), "old_new"),
    (rx(r"\b(?:use|switch to|go with|try)\s+(.+?)\s+instead\s*(?:[.!。]|$)"), "new"),
    # "send it to Discord instead", "email me instead", "switch to Slack", "make it Teams":
    # the one result step of that kind
    (rx(r"^\s*(?:please\s+)?(.+?)\s+instead\s*(?:[.!。]|$)"), "new"),
    (
        rx(
            r"^\s*(?:please\s+)?(?:(?:switch|change|move|swap)\s+(?:it\s+|this\s+|that\s+|"
            r"everything\s+)?(?:over\s+)?to\s+(?:use\s+|using\s+)?|make it\s+)(.+?)" + _END
        ),
        "new",
    ),
    (
        rx(
            r"(?:use|switch to|send (?:it )?(?:to|via)|post (?:it )?(?:to|in)|go with|try)\s+"
            r"(.+?)\s+(?:instead of|rather than|in place of)\s+(.+?)" + _END
        ),
        "new_old",
    ),
    (rx(r"(.+?)\s+(?:instead of|rather than|in place of)\s+(.+?)" + _END), "new_old"),
    (
        rx(r"(?:replace|swap)\s+(?:the\s+)?(.+?)\s+(?:with|by|for)\s+(.+?)" + _END),
        "old_new",
    ),
    (rx(r"switch\s+(?:from\s+)?(.+?)\s+to\s+(.+?)" + _END), "old_new"),
    (
        rx(
            r"把(.+?)(?:换成|改成|替换成|替换为|改为|换为|改用|改存到|改发到|改记到|改写到|改到)(.+?)"
            + _END_ZH
        ),
        "old_new",
    ),
    # "use Discord for the notifications", "let's use Outlook for the emails"
    (
        rx(
            r"\b(?:use|switch to)\s+(.+?)\s+for\s+(?:the\s+|all\s+|my\s+|our\s+|its\s+)?(.+?)"
            + _END
        ),
        "new_old",
    ),
    # "use SendGrid to send the thank-you mail": the step that sends it, now by that service
    (
        rx(
            r"\b(?:use|switch to)\s+(.+?)\s+to\s+(?:send|post|deliver)\s+(?:out\s+)?"
            r"(?:the\s+|all\s+|my\s+|our\s+|its\s+)?(.+?)" + _END
        ),
        "new_old",
    ),
    # "let Claude do the lead scoring", "have Mistral handle the translation"
    (
        rx(
            r"\b(?:let|have)\s+(.+?)\s+(?:do|handle|take over|run|write)\s+(?:the\s+|all\s+)?"
            r"(.+?)" + _END
        ),
        "new_old",
    ),
    (rx(r"(?:用|使用)(.+?)(?:代替|替换|取代|替代)(.+?)" + _END_ZH), "new_old"),
    (rx(r"(?:不用|别用)(.+?)[，,]?\s*(?:改用|换用|用)(.+?)" + _END_ZH), "old_new"),
    # "改成发到飞书", "换成钉钉": the one result step of that kind
    (
        rx(
            r"^\s*(?:请|帮我)?(?:改成|改为|换成|换为|改用|换用|改到|换到|改发)(?:用|使用|通过)?"
            r"(?:发送?到|发给|发至|推送到|通知到|发|到|在)?(.+?)" + _END_ZH
        ),
        "new",
    ),
    # "提醒改发到钉钉", "订单改存到Airtable": the step that sends or keeps it, now elsewhere
    (
        rx(
            r"(.+?)(?:换成|改成|改为|换为|改发到|改发给|改推送到|改推到|改存到|改存进|改记到|"
            r"改写到|改传到|改上传到)(.+?)" + _END_ZH
        ),
        "old_new",
    ),
    (rx(r"^\s*(.+?)(?:改用|换用)(.+?)" + _END_ZH), "old_new"),  # "邮件改用Outlook发送"
    (rx(r"(?:改用|换用|改走)(.+?)" + _END_ZH), "new"),  # "退款工单以后改走Freshdesk"
)

# a core result step named as the new one in a replacement ("instead of Telegram, email me")
NEW_CORE = {
    "email": rx(r"\be-?mail\w*|\bmail\b|\binbox\b|邮件|邮箱|电邮"),
    "sms": rx(r"\bsms\b|\btext(?:ing)?\b|\btext message|短信"),
}

# "send the email first, then save to Airtable", "先发邮件再记录到Airtable": an order
# "swap the order:", "顺序换一下，": a lead-in saying the steps are reordered
_ORDER_LEAD = (
    r"(?:(?:swap|switch|change|reverse|flip)\s+the\s+order(?:\s+of\s+the\s+steps)?|reorder"
    r"(?:\s+(?:it|them|the\s+steps))?|"
    r"(?:把)?(?:顺序|次序)(?:换一下|换一换|调一下|调换一下|改一下|反过来|颠倒一下|倒过来|换过来)?|"
    r"换个顺序|调换(?:一下)?顺序|调整(?:一下)?顺序)\s*[,，:：;；]?\s*"
)
FIRST_THEN = rx(
    r"^\s*(?:" + _ORDER_LEAD + r")?(?:please\s+)?(?:first\s+)?(?P<a>.+?)\s+first\b[,，]?\s*"
    r"(?:and\s+)?then\s+(?P<b>.+)$|"
    r"^\s*(?:" + _ORDER_LEAD + r")?(?:please\s+)?first\s+(?P<a2>.+?)[,，]?\s*(?:and\s+)?then\s+"
    r"(?P<b2>.+)$|"
    # "收到请求先马上回200，再…": the event said before 先 only says when
    # "先返回响应，数据库和Mailchimp的事情之后再做": the rest said, then when (after it)
    r"^\s*(?:(?:收到|接到|来了|进来)[^，,。；;先]{0,6}?)?先(?P<za4>[^，,]+?)[，,]\s*"
    r"(?P<zb4>[^，,]+?)(?:的事情?|这些|那些)?(?:都)?(?:放到|放在|留到|挪到)?(?:之后|后面|最后|随后)"
    r"再?(?:做|处理|跑|执行|弄)?[。！]?$|"
    r"^\s*(?:" + _ORDER_LEAD + r"|(?:收到|接到|来了|进来)[^，,。；;先]{0,6}?)?"
    r"先(?P<za>.+?)[，,]?\s*(?:然后|再|之后再|后)(?P<zb>.+)$|"
    # "respond to the caller first, right after the webhook comes in, and do the database
    # stuff after that": the step said first, when it runs (the trigger), the rest after it
    r"^\s*(?:please\s+)?(?P<a3>.+?)\s+first\b(?:[,，]?\s*(?:right\s+|just\s+|directly\s+)?"
    r"(?:after|when|as soon as|once)\s+[^,，;；]+)?[,，]?\s*(?:and\s+)?(?:then\s+)?"
    r"(?:do\s+|run\s+|handle\s+)?(?P<b3>.+?)\s+(?:after\s+that|afterwards|after\s+it|later)"
    r"\s*[.!]?$"
)
MOVE = rx(r"\b(move|put|place|reorder)\b|移到|移动到|挪到|放到|调到|移至|放在|挪")

# where a step goes: the anchor is the text in group 1
_ANCHOR_END = r"(?=[,;，；。]|\.(?:\s|$)|$|\b(?:and|then|too|also)\b)"
# "first thing, reply 200", "第一步就返回响应": the new step goes right after the trigger
AT_START = rx(
    r"\bfirst thing\b|\bbefore anything else\b|\bas the (?:very )?first step\b|"
    r"第一步就?|最先|一开始就?"
)
AFTER = (
    rx(r"\b(?:right |just |directly )?after\s+(.+?)" + _ANCHOR_END),
    # "once the signup is saved": the step that saves it
    rx(
        r"\b(?:right |just )?once\s+(.+?)\s+(?:is|are|has been|have been)\s+"
        r"(?:saved|stored|logged|recorded|written|added)\b"
    ),
    rx(r"在(.+?)(?:之后|以后|后面|后)"),
    rx(r"(?:接在|放在|移到|挪到|放到|移至)(.+?)(?:之后|以后|后面|后)"),
    rx(r"^\s*(.{1,20}?)(?:之后|以后)"),
    # "合同登记后": a step named by its words (work that is done is AFTER_DONE's)
    rx(r"^\s*(?:等|在)?([\u4e00-\u9fff\w]{2,16}?)(?<!完成)(?<!结束)(?<!完)(?<!搞定)后(?![面来])"),
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
    r"否的?分支|假的?分支|^(?:要)?不然|"
    # "emails that are neither billing nor bug", "既不是账单也不是bug的": the cases' rest
    r"\bneither\s+[\w'-]+(?:\s+[\w'-]+)?\s+nor\b|(?:既|又)?不是[^，,。；;]{1,12}?也不是"
)
# the items none of the cases took, said by naming the cases: "neither billing nor bug"
NEITHER = rx(r"\bneither\s+[\w'-]+(?:\s+[\w'-]+)?\s+nor\b|(?:既|又)?不是[^，,。；;]{1,12}?也不是")
# who was decided on, said before the decision: "it's", "a request is", "the order gets"
_DECIDED_SUBJECT = (
    r"(?:(?:it|they|(?:the|a|an|this|that|each|every|their|his|her)\s+(?:[a-z]+\s+)?[a-z]+)"
    r"(?:'s|\s+is|\s+are|\s+gets|\s+get|\s+was|\s+were)\s+)?"
)
# "if rejected, …", "批准后…": on that output of the approval step
ON_REJECTED = rx(
    r"\b(?:if|when|once)\s+"
    + _DECIDED_SUBJECT
    + r"(?:rejected|declined|denied)\b|\bon (?:rejection|decline)\b|"
    # "when the manager rejects (it)": the approver's own act
    r"\b(?:if|when|once)\s+(?:the\s+)?[a-z]+\s+(?:rejects|declines|denies|says no)\b|"
    r"(?:被)?拒绝(?:后|了|的话|时)?|驳回"
)
ON_APPROVED = rx(
    r"\b(?:if|when|once)\s+" + _DECIDED_SUBJECT + r"(?:approved|accepted)\b|"
    r"\b(?:if|when|once)\s+(?:the\s+)?[a-z]+\s+(?:approves|accepts|says yes)\b|"
    r"\bafter approval\b|\bon approval\b|批准后|审批通过|通过后|同意后"
)
# what a step does, said by its verb: records data, or sends someone a message
RECORD_VERB = rx(
    r"\b(?:log|logg|record|sav|stor|writ|append|insert|archiv|register|track)\w*|"
    r"登记|记录|保存|存储|存到|存入|写入|录入|存档|追加|入库"
)
SEND_VERB = rx(
    r"\b(?:post|send|sent|notif|messag|ping|alert|e-?mail|text|tell|announc|shar|publish|"
    r"forward)\w*|发送|发到|发给|通知|推送|提醒|告诉|告知|转发|发消息|发邮件|"
    # "只有加急的才发": a bare 发 after 才/就/再 is the send itself (not 发票, 发布, 发现)
    r"(?:^|才|就|再)发(?![票布现生展货])"
)
# words that make a phrase a step's name ("去掉记录线索这一步", "remove the logging step")
STEP_NOUN = rx(r"\bsteps?\b|\bnodes?\b|\bactions?\b|这一步|这步|步骤|节点|环节")
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
        r"阈值|门槛|上限|下限|临界值|金额|价格|数值|passing (?:score|mark|grade)|pass mark|"
        r"(?:分数|及格|合格|达标|警戒|录取|预警)线"
    ),
    "channel": rx(r"\bchannel\b|频道|群"),
    "cc": rx(r"\bcc\b|\bcopy\b|抄送"),
    "bcc": rx(r"\bbcc\b|密送"),
    "recipient": rx(r"recipient|address|\bsend(?:ing)? to\b|收件人|邮箱地址|地址"),
    "subject": rx(r"\bsubject\b|\btitle\b|主题|标题"),
    "message": rx(r"\bmessage\b|\btext\b|\bbody\b|内容|正文|消息"),
}
# parameter keys each word kind may mean, tried in order
PARAM_KEYS: dict[str, tuple[str, ...]] = {
    "channel": ("channel", "channel_id", "chat_id", "room", "stream"),
    "recipient": ("to", "email", "recipient", "phone"),
    "cc": ("cc",),
    "sender": ("from", "from_email", "sender"),
    "bcc": ("bcc",),
    "subject": ("subject", "title", "summary", "name"),
    "message": ("text", "message", "body", "content", "comment"),
}

# "cc boss@acme.io (on the email)", "抄送给boss@acme.cn": a copy to that address;
# "send it from sales@acme.io", "发件人改成sales@acme.cn": the sender
CC = rx(
    r"\b(?P<kind>b?cc|copy)\s+(?:in\s+)?(?P<addr>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)|"
    r"(?P<zkind>抄送|密送)(?:给|到)?\s*(?P<zaddr>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
    r"|(?P<from>\bfrom|\bsender(?:\s+address)?(?:\s+(?:to|is|as))?|发件人(?:地址)?(?:改成|改为|换成|是|用)?|"
    r"用\s*(?=[A-Za-z0-9._%+-]+@[^，。]*发))\s*(?P<faddr>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)
NUMBER = rx(r"[-+]?\d+(?:\.\d+)?")
# words before a service name that make it not a service ("every monday")
# "keep the Dropbox backup but also …", "保留钉钉通知，再…": the step named stays as it is
KEPT_BEFORE = rx(r"\bkeep(?:ing)?\s+(?:the\s+|our\s+|my\s+|that\s+)?$|保留(?:原来的|原有的)?\s*$")
NOT_A_SERVICE_BEFORE = rx(r"(?:\bevery|\beach|\bnext|\blast|每周|每个|星期)\s*$")
# "an email with a Calendly link", "带Zoom链接的邮件": the service's link is what a message
# carries, no step of that service (the words before the name, then those after it)
LINK_CARRIED_BEFORE = rx(
    r"(?:\bwith|\bincluding|\bplus|\band|带(?:上|有|着)?|附(?:上|带)?|含|加上)\s*"
    r"(?:an?|the|our|my|your|their)?\s*$"
)
LINK_CARRIED_AFTER = rx(
    r"^\s*(?:(?:booking|meeting|invite|scheduling|join)\s+)?(?:link|url)s?\b|^\s*的?(?:链接|网址)"
)
# words right before a one-word service name that make it the service ("to slack",
# "remove slack"), not a common word ("add a line break")
SERVICE_LEAD_IN = rx(
    r"(?:\b(?:to|in|into|on|onto|via|from|with|using|through|my|our|your|use|remove|delete|"
    r"drop|replace|post|send|notify|message|ping|of)\s+$)|(?:[到在从用给往至]\s*$)"
)

"""Language tables of the request parser: verbs, connectives, comparisons, step words.

These are words of English and Chinese, never of a service: every service word (an app's
names, its resources, operations and events) is read from the catalog
(:mod:`flowsmith.planner.services`). Patterns are case-insensitive.
"""

from __future__ import annotations

import re

from flowsmith.planner.lexicon_fields import FIELD_ZH_NAMES as FIELD_ZH_NAMES
from flowsmith.planner.lexicon_fields import QUOTED_ASSET as QUOTED_ASSET
from flowsmith.planner.lexicon_triggers import MANUAL_SAID as MANUAL_SAID
from flowsmith.planner.lexicon_triggers import RUN_BY_HAND as RUN_BY_HAND
from flowsmith.planner.lexicon_triggers import TRIGGER_CHAT as TRIGGER_CHAT
from flowsmith.planner.lexicon_triggers import TRIGGER_EMAIL as TRIGGER_EMAIL
from flowsmith.planner.lexicon_triggers import TRIGGER_ERROR as TRIGGER_ERROR
from flowsmith.planner.lexicon_triggers import TRIGGER_FORM as TRIGGER_FORM
from flowsmith.planner.lexicon_triggers import TRIGGER_MANUAL as TRIGGER_MANUAL
from flowsmith.planner.lexicon_triggers import TRIGGER_RSS as TRIGGER_RSS
from flowsmith.planner.lexicon_triggers import TRIGGER_WEBHOOK as TRIGGER_WEBHOOK
from flowsmith.planner.lexicon_verbs import COMMENT_WORD as COMMENT_WORD
from flowsmith.planner.lexicon_verbs import COPY_VERB as COPY_VERB
from flowsmith.planner.lexicon_verbs import CREATE_VERB as CREATE_VERB
from flowsmith.planner.lexicon_verbs import DELETE_VERB as DELETE_VERB
from flowsmith.planner.lexicon_verbs import DM_WORD as DM_WORD
from flowsmith.planner.lexicon_verbs import FROM_WORD as FROM_WORD
from flowsmith.planner.lexicon_verbs import MANY_WORD as MANY_WORD
from flowsmith.planner.lexicon_verbs import ONE_WORD as ONE_WORD
from flowsmith.planner.lexicon_verbs import OP_KEYS as OP_KEYS
from flowsmith.planner.lexicon_verbs import OP_MANY as OP_MANY
from flowsmith.planner.lexicon_verbs import OP_ONE as OP_ONE
from flowsmith.planner.lexicon_verbs import READ_VERB as READ_VERB
from flowsmith.planner.lexicon_verbs import SOURCE_VERB as SOURCE_VERB
from flowsmith.planner.lexicon_verbs import SPECIFIC_WRITE_KEYS as SPECIFIC_WRITE_KEYS
from flowsmith.planner.lexicon_verbs import TO_WORD as TO_WORD
from flowsmith.planner.lexicon_verbs import UPDATE_VERB as UPDATE_VERB
from flowsmith.planner.lexicon_verbs import ZH_KEY_WORDS as ZH_KEY_WORDS
from flowsmith.planner.text import rx, zh_number

# --- connectives -----------------------------------------------------------------------------

# a clause opening a condition ("if the budget is over 10000", "如果预算超过10000")
IF_OPEN = rx(
    r"^\s*(?:and\s+|but\s+|then\s+|并且|而且|但)?(?:only\s+)?"
    r"(?:if|when|whenever|in case of|in case|unless|"
    r"如果|假如|要是|若是|若|当|一旦|只要|只有|仅当|"
    # "for any monitor that is down, …": the items a condition picks
    r"for\s+(?:any|every|each|all(?:\s+the)?)\s+[a-z]+\s+(?:that|which|who|whose|where)\b)\s*"
)
# a condition after the action it guards ("text me only if it is down", "…，只有…才")
IF_TRAILING = rx(
    r"\s+(?:only\s+)?(?:if|when|whenever|in case(?: of)?|once|as soon as|(?:as|so) long as|"
    r"provided(?: that)?)\s+"
)
ONLY_IF_ZH = rx(r"(?:只有|仅当|仅在|只在)(.+?)(?:时|的时候)?(?:才|就)")
ELSE_OPEN = rx(
    r"^\s*(?:and\s+|but\s+)?(?:otherwise|else|if not\b|or else|in all other cases|for the rest|"
    # "If they're pre-approved, …. If they're not, …": the negation alone is the otherwise
    r"if (?:they|it|he|she|you|that|this)\s*(?:'|’)?\s*(?:re|s|are|is|was|were|do|does|did)?"
    r"\s*(?:not|n't|n’t)(?=\s*(?:[,，:：]|$|then\b))|"
    r"(?:如果|要是|假如)不是(?:的话)?(?=\s*(?:[，,就则]|$))|不是的话|"
    r"for (?:all )?(?:the )?(?:others|other|remaining)(?: [a-z]+)?\b|"
    r"for (?:everything|anything) else|"
    r"(?:all |the |any )?others?\b(?: ones)?|the rest|everything else|anything else|"
    r"否则的话|否则|要不然的话|要不然|不然的话|不然|其他情况|其余情况|其它情况|别的情况|反之|其他的?|其余的?|其它的?|剩下的?|剩余的?|别的|"
    # "不符合的…", "不满足条件的…": the items the case before did not take
    r"不(?:符合|满足)(?:条件|要求)?的)[\s,，:：]*(?:就|则)?\s*"
)
# where the action of a leading condition starts ("如果…就…", "if …, then …")
THEN_WORD = rx(r"(?:,|，)?\s*(?:then\b|就|则|那么|便)\s*")
# words that end a branch: what follows runs after it
AFTER_BRANCH = rx(
    r"^\s*(?:and\s+)?(?:(?:then|after that|afterwards|finally|in any case|always|in (?:every|each|"
    r"all|both) cases?|either way|regardless|no matter what|whatever happens)\b|"
    r"最后|之后|然后|无论如何|不管怎样|不论如何|不管如何|不论怎样|无论怎样|不管结果如何|无论结果如何)"
)
# an action said of every item ("also add every response to Airtable", "所有工单都同步到
# Notion"): it runs whatever the condition before it said, so it ends that branch
EVERY_ITEM = rx(
    r"^\s*(?:and\s+)?(?:also\s+)?[a-z]+\s+(?:every|all(?: the)?)\s+(?:[a-z]+\s+)?[a-z]+s?\b"
    r"(?!\s+(?:that|which|who|whose|with|where|worth|over|under|above|below|more|less|from|of)\b)|"
    r"^\s*(?:所有|全部|每[个条笔张份封])[\u4e00-\u9fff]{0,6}?都"
)
SENTENCE_SPLIT = re.compile(
    # "… in Excel 365. If …": a number ends a sentence when a capital opens the next one, or
    # another number does ("rate it out of 5. 4 or more: …"; a decimal has no space)
    r"(?<!\d)[.](?!\d)\s+|(?<=\d\d)[.]\s+(?=[A-Z])|(?<=\d)[.]\s+(?=\d)|[;!?。；！？\n]+|[.]\s*$"
)
# a comma between a digit and three digits groups thousands ("10,000"): not a clause break
CLAUSE_SPLIT = rx(
    r"\s*(?:，|(?<!\d),|,(?!\d{3}(?!\d)))\s*|(?<!\d)\s*[:：]\s*(?!\d)|\s+and then\s+|\s+then\s+|"
    # a full-width colon after Chinese opens a clause even before a number ("提取工作年限：5年
    # 以上的…"): a time is written digit-colon-digit, never word-colon-digit
    r"(?<=[\u4e00-\u9fff])\s*：\s*(?=\d)|"
    # a spaced dash opens a clause ("decide the topic — sales ones go to …") unless an
    # exception or a condition of the clause before follows it ("… — unless the email …")
    r"\s+[—–]\s+(?!(?:unless|except|but|only|if|or)\b)|"
    r"\s+and\s+(?=(?:also\s+)?[a-z]+\b)|\s+also\s+|\s+(?=(?:or else|otherwise)\s)|"
    r"(?<=[\u4e00-\u9fff\w])(?<!要)(?=否则|不然|要不然)|"
    # (not inside a case head: "5年以上并且会Python的，…" is one joined condition)
    r"然后|接着|并且(?![^，,。；;]{1,20}?的\s*(?:[，,：:]|$))|同时|"
    r"(?<![合归兼吞])并(?![且])(?=[\u4e00-\u9fff])|再(?=[\u4e00-\u9fff])"
)
# "once a day", "once more": "once" that is a rate or an adverb, not "as soon as"
_NOT_A_RATE = (
    r"(?!\s+(?:(?:a|an|per|each|every)\s+(?:day|week|month|hour|minute|year|fortnight)|"
    r"daily|weekly|monthly|hourly|more|again)\b)"
)
# a "when"-clause that names the trigger ("When someone stars my repo, …", "收到订单时")
WHEN_EN = rx(
    r"\b(?:when(?:ever)?|each time|every time|any ?time|as soon as|once"
    + _NOT_A_RATE
    + r"|on every|on each|upon|"
    r"after(?=\s+(?:each|every|any|a|an)\b))\b\s*"
    # an emoji code (":bug:") is a word of the clause, not a colon ending it
    r"(?P<body>(?::[\w+-]+:|[^,;.!?]|(?<=\d)[,.](?=\d{3})|(?<=[a-z])\.(?=[a-z]))+?)\s*"
    r"(?=,(?<!\d,)|,(?!\d{3})|;|:(?!\d)(?![\w+-]+:)|\.(?:\s|$)|!|\?|$|\s+then\b)"
)
WHEN_ZH = rx(
    # (a colon may end it: "…优先级改成urgent的时候：…"; a noun in 时, "工时", "耗时", is none)
    r"(?:每当|当|一旦|每次)?(?P<body>[^，,。；;！？]{2,40}?)"
    r"(?:的时候|(?<![小定实及准临随当按计工耗限])时|之后|后)(?:就|，|,|：|\s|$)|"
    # "Shopify上有人退款的时候发钉钉": 的时候 ends a when-clause even right before the action
    r"(?:每当|当|一旦|每次)?(?P<body9>[^，,。；;！？]{2,40}?)的时候(?=[\u4e00-\u9fff])|"
    # "Shopify每次有退款都记到…": the app, then 每次 and its event (named outright)
    r"^(?P<body8>[^，,。；;！？]{1,20}?每次[^，,。；;！？]{1,30}?)(?=都|就|，|,)|"
    # "…完成任务时发短信": an event's 时 right before the action's verb (not 小时, 定时, 实时 …)
    r"(?:每当|当|一旦|每次)?(?P<body4>[^，,。；;！？]{2,40}?)"
    r"(?<![小定实及同准临随当按计工耗限])时(?=发|通知|提醒|转发|推送|记|创建|添加|同步|用|给|在|把|存|加到|写)|"
    # "每有一个新订单，…", "每来一笔新的销售就…": each item that comes
    r"(?:每当|一旦|每次|每(?:有|来|收到|进来)(?=一|新|人))(?P<body2>[^，,。；;！？]{2,40}?)"
    r"(?:就|都|，|,|$)|"
    r"^(?P<body3>[^，,。；;！？]{2,30}?)(?:之后|以后|后)(?=[\u4e00-\u9fff])|"
    # "PayPal一有新的订阅激活，就…", "只要有人下单就…": the event, then 就
    r"(?:一有|只要有?)(?P<body5>[^，,。；;！？]{2,40}?)(?:，|,)?就|"
    # "Gumroad每卖出一单，就…", "每笔 Stripe 付款超过1,000元的，都…": each order or payment
    r"(?P<body6>(?:[^，,。；;！？]|(?<=\d),(?=\d{3})){0,20}?每(?:[^，,。；;！？]{0,6}?一)?[单笔]"
    r"(?:[^，,。；;！？]|(?<=\d),(?=\d{3})){0,30}?)(?=(?:的)?(?:，|,(?!\d{3})|就|都))|"
    # "WooCommerce订单状态变了就…", "GitHub上有人点了星，就…": an opening clause, then 就
    # (an event only when it names an app's event outright)
    r"^(?P<body7>[^，,。；;！？]{2,40}?)(?:，|,)?就(?=[\u4e00-\u9fff])"
)
# "urgent ones to Slack", "billing emails to Telegram", "紧急的发到Slack": a category case
CATEGORY_CASE = rx(
    r"^\s*(?:and\s+)?(?:route|send|post|forward|move|put)?\s*(?:the\s+|all\s+)?([a-z][\w-]*)\s+"
    r"(?:ones|emails?|messages?|tickets?|items?|requests?|reviews?|leads?|issues?|[a-z]+s)\b\s*"
    r"(?:(?:just|only|simply)\s+)?"
    r"(?=to\b|in\b|on\b|into\b|go\b|gets?\b|should\b|are\b|becomes?\b|turns? into\b|→|->)|"
    r"^\s*([\u4e00-\u9fff]{1,4}?)类?的(?:邮件|消息|工单|请求)?"
    r"(?=发|转|推|通知|放|存|写|保存|记录|创建|新建|建|加到|添加|回复|交给|分配|提醒|同步|上传|归档)"
)
# (新闻 is news, 新加坡 a place: no new item)
NEW_WORD = rx(r"\bnew\b|\bincoming\b|\breceived?\b|新(?!闻|加坡|西兰|疆)")
# the kind of change an event clause says, and the (stemmed) event-key words of each kind
EVENT_CHANGE = {
    "created": rx(
        r"\bnew\b|\bincoming\b|\breceiv\w*|\b(?:creat|add|open|submitt|upload|insert|post)\w*|"
        r"arriv\w*|新|创建|新增|收到"
    ),
    "updated": rx(
        r"\b(?:updat|chang|mov|edit|modif|mark|set|clos|complet|won|lost|label|tag|solv|resolv|assign|"
        r"fulfil|paid|ship)\w*|\bpa(?:ys|ying)\b|status|更新|变|移|改|标签|解决|完成|关闭|发货|分配|指派"
    ),
    "deleted": rx(r"\b(?:delet|remov|archiv|trash|cancel)\w*|删除|移除|取消|撤销"),
    "refunded": rx(r"\brefund\w*|退款"),
    "failed": rx(r"\bfail\w*|失败"),
    "commented": rx(r"\bcomment\w*|评论|留言"),
}
EVENT_KIND = {
    "creat": "created",
    "new": "created",
    "add": "created",
    "open": "created",
    "updat": "updated",
    "chang": "updated",
    "mov": "updated",
    "delet": "deleted",
    "remov": "deleted",
    "cancel": "deleted",
    "cancell": "deleted",
    "solv": "updated",
    "resolv": "updated",
    "complet": "updated",
    "clos": "updated",
    "fulfil": "updated",
    "fulfill": "updated",
    "paid": "updated",
    "refund": "refunded",
    "fail": "failed",
    "assign": "updated",
    "comment": "commented",
}

# --- channels that need no service name --------------------------------------------------------

# "email me", "邮件通知" -> the core email node unless an email service is named
# a letter is an email too: "发一封感谢信", "一封确认信" (never 短信, 微信, 信息, 信用卡)
EMAIL_WORD = rx(
    r"\be-?mail\w*|\bmail (?:me|it|us|them)\b|邮件|邮箱|电邮|"
    r"封[^，,。；;\s短微]{0,5}?(?<![短微])信(?![息用号任心])|"
    r"(?:感谢|确认|欢迎|道歉|邀请|祝贺|催款|录用|推荐)信(?![息用号任心])"
)
# words some services list among their names that name a kind of channel, not a service
GENERIC_NAME = rx(r"e-?mails?|mail|邮件|电子邮件|邮箱|message|messages|消息|通知|notification")
# Chinese characters too common to tell events apart ("新订单" ~ "订单")
ZH_WEAK_CHARS = frozenset("新的了个一有")
# a send verb, its recipient, then an article and at most two describing words right before a
# service's name said as the message sent: "send each lead a personalised gmail"
SENT_AS_NOUN = rx(
    r"\b(?:send|sends|sending|sent|shoot|drop|fire off|write)\b[^.;:,，。；]{0,60}?"
    r"\b(?:a|an|one)\s+(?:[\w'-]+\s+){0,2}$"
)
# an indefinite article right before a lowercase name, which may then be a plain noun ("a line")
INDEFINITE_BEFORE = rx(r"\b(?:a|an|one|a new|another)\s+$")
# "text me", "短信" -> the catalog's SMS service (found by the word below in its names)
SMS_WORD = rx(r"\btext (?:me|us|him|her|them|the)\b|\bsms\b|text message|短信")
SMS_NOUN = ("sms", "text message", "短信")
# "notify me" with no channel -> email (an assumption says so)
NOTIFY_WORD = rx(
    r"\bnotif\w*|\balert (?:me|us)|\blet (?:me|us) know|\btell me|通知我|提醒我|告诉我|"
    r"\bforward (?:it |them |this |that )?to (?:me|us|my (?:inbox|email))\b|转发给我|"
    r"(?:通知|提醒|告知|发给|转给|交给)(?=\S{0,8}(?:经理|主管|负责人|团队|同事|老板|客户|销售|财务|法务|运维|"
    r"管理员|用户|员工|总监|大家|我们|他们|她|他))"
)

# a kind of service named instead of a service ("my CRM"): the catalog category it stands for
CATEGORY_WORDS: dict[str, re.Pattern[str]] = {
    "crm": rx(
        r"\bcrm\b(?!\s+(?:table|list|base|sheet|database|tab|view|board))|客户管理系统|客户关系管理"
    ),
    "support": rx(
        r"\bhelp ?desk\b|\bticketing (?:system|tool)\b|\bsupport (?:system|tool)\b|"
        r"工单系统|客服系统"
    ),
    "work": rx(
        r"\bproject management (?:tool|app|software)\b|\btask tracker\b|项目管理(?:工具|软件)"
    ),
    "finance": rx(r"\baccounting (?:software|system|tool|app)\b|财务软件|记账软件"),
}

# --- conditions -------------------------------------------------------------------------------

_NUM = (
    r"(?:[$€£¥￥]\s*)?(-?\d+(?:[.,]\d+)*(?:\.\d+)?)\s*"
    r"((?:k|m)(?![a-z])|万|千|元|块|美元|%|dollars?|星|个|次|人|件|分(?!钟)|度|条|单|岁|周岁)?"
    # a currency after the number ("500 EUR or more", "1万欧元以上") keeps the comparison whole
    r"(?:\s*(?:(?:eur|usd|gbp|cny|rmb|jpy|aud|cad|chf)\b|euros?|pounds?|欧元|英镑|人民币|日元|港币))?"
)
_DURATION_UNIT = r"(?:秒|分钟|个?小时|天|周|个?月|年)"
COMPARE: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "3 stars or less", "10 people or more": a counted word may stand between
    ("gte", rx(_NUM + r"\s*(?:[a-z]+\s+)?or (?:more|higher|above|greater|over)\b")),
    ("lte", rx(_NUM + r"\s*(?:[a-z]+\s+)?or (?:less|lower|below|fewer|under)\b")),
    ("lte", rx(r"(?:hits|reaches|drops to|falls to|goes to|gets to)\s*(0)(?![\d.])")),
    ("gte", rx(r"(?:at least|no less than|>=|≥|大于等于|大于或等于|不少于|不低于|至少)\s*" + _NUM)),
    ("gte", rx(r"(?:reaches|hits|gets to)\s*" + _NUM)),
    (
        "lte",
        rx(r"(?:at most|no more than|up to|<=|≤|小于等于|小于或等于|不超过|不高于|最多)\s*" + _NUM),
    ),
    (
        "gt",
        rx(
            r"(?:over|above|more than|greater than|higher than|larger than|bigger than|exceeds?|"
            r"longer than|older than|heavier than|further than|farther than|"
            r"exceeding|is over|goes over|rises above|>|大于|超过|高于|多于|超出|涨到|涨破)\s*"
            + _NUM
        ),
    ),
    (
        "lt",
        rx(
            r"(?:under|below|less than|lower than|smaller than|cheaper than|fewer than|newer than|"
            r"younger than|shorter than|lighter than|drops? "
            r"(?:below|under|to)|falls? (?:below|under)|<|小于|低于|少于|不到|"
            r"不满|未满|不足|跌破|降到|降至)\s*" + _NUM
        ),
    ),
    ("gte", rx(_NUM + r"\s*(?:以上|及以上|或以上|or more)")),
    # "5年以上", "3天以下": a duration bound; the match stops at the number so the unit after
    # it names the field (duration_years)
    ("gte", rx(r"(-?\d+(?:\.\d+)?)(?=\s*" + _DURATION_UNIT + r"\s*[及或]?以上)")),
    ("lte", rx(r"(-?\d+(?:\.\d+)?)(?=\s*" + _DURATION_UNIT + r"\s*[及或]?以下)")),
    # "满十八岁的", "人数满10个": a limit reached ("不满", "未满" are below it; "充满" no limit)
    ("gte", rx(r"(?<![不未充])满\s*" + _NUM)),
    ("lte", rx(_NUM + r"\s*(?:以下|及以下|或以下|or less)")),
    (
        "ne",
        rx(
            r"(?:is not|isn't|was not|wasn't|are not|aren't|not equal to|!=|不等于|不是)\s*"
            r"[\"'“]?([\w.-]+)"
        ),
    ),
    ("eq", rx(r"(?:equals?|is equal to|==|=|等于)\s*[\"'“]?([\w.-]+)")),
)
FAILED = rx(
    r"\b(?:down|fail\w*|error\w*|broken|unreachable|offline|not (?:up|ok|responding|reachable)|"
    r"outage|crash\w*|times? out|timed out|5\d\d|4\d\d)\b|宕机|挂了|挂掉|失败|出错|报错|异常|"
    r"不可用|无法访问|访问不了|打不开|连不上|不通|无响应|没有?响应|超时|离线"
)
EMPTY = rx(
    r"\b(?:is|are) (?:still )?(?:empty|blank|missing)\b|\bhas no\b|"
    # ("邮箱是空的" is read with its 的 cut: "邮箱是空")
    r"(?:仍然|还是|仍)?(?:为空|是空的|是空$)|没有值|"
    # "手机号要是没填", "邮箱还没填写": nothing was entered
    r"(?:还|仍然|仍)?(?:没填|未填|没有填|没写)(?:写|上)?(?:的话)?$"
)
NOT_EMPTY = rx(r"\bis not empty\b|\bisn't empty\b|\bis set\b|\bexists\b|不为空|非空|有值")
CONTAINS = rx(
    r"\b(?:contains?|containing|mentions?|mentioning|includes?|including|has the word|"
    r"says|talks about|is about)\s+(?:the (?:word|keyword|phrase)\s+)?"
    r"[\"'“‘]?([^\"'”’,，.]+?)[\"'”’]?"
    r"\s*$|(?:包含|含有|提到|提及|出现|涉及|(?<=[里中])带有?|(?<=[里中])有(?=\s*(?:[“\"'「‘]|[A-Za-z]))|(?<=[里中])写(?:了|着|有)?(?=\s*[“\"'「‘])|带有|带(?=\s*[“\"'「‘]))\s*[“\"'「‘]?([^”\"'」’，。,]+)"
)
NOT_CONTAINS = rx(
    r"\b(?:does not|doesn't|do not|don't) (?:contain|mention|include)|不包含|不含|没有提到"
)
IS_TRUE = rx(r"\bis (?:true|yes|enabled|active|paid|approved)\b|为真|是真")
IS_FALSE = rx(r"\bis (?:false|no|disabled|inactive|unpaid)\b|为假")
# "if it is urgent" after a classifier: "is <word>"
IS_WORD = rx(
    r"(?:\bis|\bare|\bgets?|\bmarked(?: as)?|\bclassified as|\blabell?ed|被分为|被归为|属于|是)"
    r"\s*(?:an?\s+|the\s+)?[\"'“]?([\w-]+)[\"'”]?\s*$"
)
# the compared field: "the budget is over", "预算超过", "it is under" (pronoun: no field)
FIELD_BEFORE = rx(
    r"(?:(?:the|its|their|his|her|my|our|a|an)\s+)?([a-z_][\w ]{0,30}?)\s*(?:'s\s+\w+\s*)?"
    r"(?:is|are|was|goes|gets|rises|drops|falls|exceeds?|has|contains?|mentions?|includes?|"
    r"says|talks|fails?|equals?|=|>|<|≥|≤)?\s*$"
)
PRONOUN = rx(
    r"^(?:it|they|this|that|them|the result|the results|the item|its|there)$|^(?:它|其|这|结果)$"
)
FIELD_ZH = rx(r"([\u4e00-\u9fff]{1,6}?)(?:的值|数值)?$")
FIELD_STOP = frozenset(
    {"amount of", "number of", "value", "the value", "is", "are", "be", "get", "gets", "goes"}
)
# Chinese field words the user compares on -> item field names: FIELD_ZH_NAMES, imported above
# from lexicon_fields and re-exported (the parser reads every table as lx.*)
# the quantity a request is about ("our devices POST temperature readings", "查一下汇率"): what a
# comparison naming no field ("above 30", "超过7.3") compares
MEASURES: tuple[tuple[re.Pattern[str], str], ...] = (
    # a step asked to score on a scale ("have Mistral score the CV from 1 to 10", "给简历打分"):
    # the bare numbers said after it are that score
    (
        rx(
            r"\b(?:score|rate|grade)s?\s+(?:the|each|every|this|that|it|them|their)\b[^.;:]{0,40}?"
            r"\b(?:(?:from|on a scale of)\s+\d+\s+to\s+\d+|out of\s+\d+)|打分|评分"
        ),
        "score",
    ),
    (rx(r"\btemperatures?\b|温度|气温"), "temperature"),
    (rx(r"\bhumidity\b|湿度"), "humidity"),
    (rx(r"\b(?:in stock|stock levels?|inventory|units? left)\b|库存"), "stock"),
    (rx(r"\bexchange rates?\b|汇率|[\u4e00-\u9fff]{1,3}兑[\u4e00-\u9fff]{1,4}"), "rate"),
    (rx(r"\b(?:hours (?:logged|tracked|worked)|logged hours|timesheets?)\b|工时"), "hours"),
    (rx(r"\b(?:cpu|memory|disk) usage\b"), "usage"),
    (rx(r"\bbattery\b|电量"), "battery"),
    # sums of money: "anything over $500" in an expense claim, "more than 10,000 EUR" of a
    # deposit compares the amount (a product's price is named as such)
    (
        rx(
            r"\b(?:expenses?|reimburse\w*|claims?|payments?|deposits?|money|refunds?|payouts?|"
            r"invoices?|bills?|transactions?|transfers?|donations?|purchases?)\b|"
            r"报销|付款|收款|转账|到账|汇款|捐款|采购"
        ),
        "amount",
    ),
)

# --- transforms and thinking --------------------------------------------------------------------

_EN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_EN_COUNTS |= {"nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50}
# "top 5", "the first three", "limit it to ten", "前3条", "前三个" (not "前一个步骤", "之前两天")
LIMIT_N = rx(
    r"\b(?:top|first|latest|last|newest|best|limit (?:it |them )?to)\s+(\d+|"
    + "|".join(_EN_COUNTS)
    + r")\b(?!\s+(?:steps?|times?|nodes?|minutes?|hours?|days?|weeks?|months?|years?)\b)|"
    r"(?<![之以提向往面目当此事])前\s*(\d+|[二两三四五六七八九十][一二三四五六七八九十]*)\s*"
    r"(?:条|个|名|项|篇)?(?!\s*个?(?:\d|天|小时|分钟|周|星期|月|年|秒))|"
    r"(\d+)\s*(?:条|个|篇)(?:最新|热门)"
)


def limit_count(m: re.Match[str]) -> int:
    """The count a :data:`LIMIT_N` match says, in digits, English or Chinese numerals."""
    said = next(x for x in m.groups() if x)
    if said.isdigit():
        return int(said)
    return _EN_COUNTS.get(said.lower()) or zh_number(said) or 10


# "send it again", "再发一次提醒", "remind them once more": the write said before, repeated
AGAIN = rx(
    r"\bagain\b|\bonce more\b|\banother (?:reminder|one|message)\b|再\S{0,2}一次|又一次|再次"
)
# a sort said by its direction alone: "from largest to smallest", "按金额从大到小排", "由高到低排列"
_ORDER_PAIRS = (
    r"(?:大到小|小到大|高到低|低到高|新到旧|旧到新|早到晚|晚到早|多到少|少到多|近到远|远到近)"
)
SORT = rx(
    r"\bsort\w*|\border(?:ed)? by|\brank\w*|排序|排名|排(?:个|一下|下|一个)序|降序|升序|倒序|"
    r"\b(?:arrange|put|list|order)\w*\s+(?:\w+\s+){0,3}?from\s+(?:the\s+)?"
    r"(?:largest|biggest|highest|smallest|lowest|newest|oldest|earliest|latest|most|least)"
    r"\s+to\s+(?:the\s+)?\w+|"
    rf"(?:从|由){_ORDER_PAIRS}\s*(?:排|列)"
)
# duplicates of a named field count too: "remove duplicate emails", "去掉重复的邮箱"
DEDUPE = rx(
    r"dedup\w*|de-dup\w*|\b(?:remove|drop|delete|skip|filter out|get rid of)\s+"
    r"(?:any\s+|the\s+|all\s+)?duplicate\w*|duplicates|去重|重复项|"
    r"(?:去掉|去除|删掉|删除|剔除|过滤掉?)\s*重复"
)
# 订单数, 任务数, 人数: a count of the items read (参数, 函数, 分数, 总数据 … are no counts;
# 调用次数 is a counter a store keeps per event, "用Redis统计调用次数")
_NOUN_COUNT = r"(?<=[\u4e00-\u9fff])(?<![参函分总指系倍多少岁次])数(?![据字值学码])"
AGGREGATE = {
    "sum": rx(
        r"\b(?:total|sum|add (?:(?:it|them|these|those|all) )?up|sum up)\b|"
        r"合计|总额|总金额|总和|总计|求和|"
        r"加起来|加总|相加|汇总(?!成)"
    ),
    "count": rx(
        r"\b(?:count|how many|number of)\b|计数|数量统计|多少个|条数|"
        # "按项目算数量", "统计一下个数", "新注册了多少用户": how many, said in Chinese
        r"(?:算|统计|计算)\S{0,2}?(?:数量|个数)|个数|多少(?:条|人|单|笔|次)|了多少|"
        # "统计一下今天的订单数", "完成的任务数统计一下": a count said as 〈noun〉数
        r"(?:统计|计算)[^，,。；;]{0,14}?"
        + _NOUN_COUNT
        + r"|"
        + _NOUN_COUNT
        + r"(?:量)?\s*(?:统计|汇总)"
    ),
    "avg": rx(r"\b(?:average|mean|avg)\b|平均"),
    "max": rx(r"\b(?:maximum|max|highest|largest)\b|最大|最高"),
    "min": rx(r"\b(?:minimum|(?<!\d )(?<!\d)min|lowest|smallest)\b|最小|最低"),
}
# "group them by label", "per region" (with a total), "按负责人汇总": the aggregate's groups
GROUP_BY = rx(
    r"\bgroup(?:ed|ing)?\s+(?:them\s+|it\s+|these\s+|those\s+|the\s+\w+\s+)?by\s+"
    r"(?:the\s+|their\s+|its\s+)?([a-z_]+(?:\s+group)?)|"
    r"\bper\s+(?!hour|day|week|month|minute|year|cent\b)([a-z_]+)|"
    r"\b(?:total|sum|count|averag|add)\w*(?:\s+(?:up|them|it|the\s+\w+|\w+)){0,2}\s+by\s+"
    r"(?!e-?mail|sms|text|phone|slack|hand\b)([a-z_]+)|"
    r"按\s*([\u4e00-\u9fff\w]{1,6}?)\s*(?:汇总|分组|统计|合计|求和|分类|计算|计数|算)"
)
GROUP_WORD = rx(r"\bgroup(?:ed|ing)?\s+(?:\w+\s+)?by\b|按\s*\S{1,6}?\s*分组")
# "split it into one item per attendee", "break the list into one item per row", "拆成每个商品一条"
SPLIT = rx(
    r"\bsplit (?:out|into|each|them)|拆分|"
    r"\b(?:split|break|turn)\s+(?:it|them|this|that|the\s+\w+)\s+(?:up\s+)?into\s+"
    r"(?:one|an?|single|separate)\s+(?:item|row|record|entr(?:y|ies))s?\s+(?:per|for each)\b|"
    r"拆成每(?:个|一|条|位|名)?\S{0,6}?一(?:条|个|项)"
)
TEMPLATE = rx(r"\btemplate\b|\bformat (?:the|a|it|them)\b|模板|格式化")
# "keep the unpaid ones": a kept kind said with "ones" filters as "keep only" does
FILTER = rx(
    r"\bfilter\w*|\bkeep only\b|\bonly (?:keep|the ones)|"
    r"\bkeep\s+(?:just\s+)?the\s+(?=[a-z][\w-]*\s+ones\b)|筛选|过滤|只保留"
)
THINK: dict[str, re.Pattern[str]] = {
    "summarise": rx(
        r"summar(?:y|ies|i[sz]e\w*)|\bdigest\b|tl;?dr|recap|总结|摘要|概括|归纳|"
        r"(?:整理|汇总)成\S{0,4}?(?:日报|周报|月报|报告|摘要)"
    ),
    "classify": rx(
        r"classif\w*|categori[sz]\w*|(?<![#\w])triage\b(?! sheet| list| board| channel)|"
        r"\b(?:tag|label) (?:it|them|each)|分类|归类|分拣|(?:分成|分为)(?=[^，,。：:]{1,24}类)|"
        r"\b(?:decide|determine|detect|work out|figure out|tell)\s+(?:whether|if)\s+"
        r"(?:it|the \w+)\s+"
        r"(?:is|'s)\s+(?:an?\s+)?[\w-]+(?:\s*[,/]\s*(?:an?\s+)?[\w-]+)*,?\s+or\s+(?!not\b)|"
        r"(?:判断|识别|区分|看看?)(?:它|这|邮件|消息|内容)?(?:是|属于)[^，,。：:]{1,16}(?:还是|或者)"
    ),
    "extract": rx(
        r"extract\w*|pull out|\bparse\w*|提取|抽取|解析|"
        # "pull the plan prices out of the html", "从HTML里把标题取出来"
        r"\b(?:pull|get|take|grab|scrape)\s+(?:[\w$-]+\s+){1,4}?out\s+of\s+(?:the|this|that|its|each)\b|"
        r"(?:从|在)[^，,。；;]{1,12}?(?:里|中)[^，,。；;]{0,10}?(?:取|拿|摘)出来?|"
        r"识别出?(?=\S{0,8}(?:金额|总额|日期|字段|信息))"
    ),
    "sentiment": rx(r"sentiment|情感|情绪|正面还是负面|好评还是差评|差评还是好评"),
    "translate": rx(r"translat\w*|翻译|译成"),
    "prompt": rx(
        r"\bai agent\b|\bwrites? (?:a |an )?(?:short |brief |quick )?(?:status )?report\b|"
        r"\b(?:ai|gpt|llm)[- ](?:generated|written|drafted|powered)\b|ai生成|"
        r"\b(?:using|with|via|by) (?:ai|gpt|chatgpt|an llm|openai)\b|"
        r"\b(?:have|let|get) (?:the )?(?:ai|gpt|an llm|the llm)\b|"
        r"\b(?:an?|the) (?:ai|gpt|llm)[- ](?:answer|reply|response|draft|message|text)s?\b|"
        r"智能体|\bask (?:ai|gpt|chatgpt|an llm|the llm|openai)\b|\buse (?:ai|gpt|an llm)\b|"
        r"\bgenerate (?:a |an )?(?:reply|response|answer|draft)|\bdraft (?:a |an )?reply|"
        r"\bwrite (?:a |an )?(?:reply|response)|\banaly[sz]\w*|用ai|让ai|生成回复|起草|分析|"
        r"\b(?:with|using|via|by)\s+(?:ai|gpt|chatgpt|an? llm|openai|claude)\b|\bai[- ]generated\b|"
        # a verb after the model's name: "AI writes a note", "GPT scores it", "AI给开放题打分"
        r"\b(?:ai|gpt(?:-?\d[\w.]*)?|chatgpt|claude|gemini|llm)\s+(?:then\s+)?(?:writes?|drafts?|"
        r"composes?|generates?|scores?|grades?|rates?|rewrites?|suggests?|answers?|replies|"
        r"reviews?|checks?|evaluates?|picks?|comes? up with|turns?)\b|"
        r"(?<![a-z])(?:ai|gpt|chatgpt|claude|gemini|大模型)(?![a-z])\s*(?:给|帮忙?|来|去|把|对)?"
        r"[^，,。；;→>]{0,12}?(?:打分|评分|写|生成|起草|评估|批改|回复|润色|改写|点评|评判)"
    ),
}
CATEGORIES = rx(
    r"\b(?:into|as|as either)\s+([\w-]+(?:\s*(?:,|/|or|and)\s*[\w-]+)+)|"
    r"(?:分类为|分类成|分为|分成|归为)\s*([\u4e00-\u9fff\w]+?(?:\s*[、,，/和或]\s*[\u4e00-\u9fff\w]+?)+)"
    r"(?=[两三四五六七八九十\d]*(?:类|种|个类别)|$|[：:，,。；;\s])|"
    r"\b(?:whether|if)\s+(?:it|the \w+)\s+(?:is|'s)\s+(?:an?\s+)?"
    r"([\w-]+(?:\s*(?:,|/|\bor\b)\s*(?:an?\s+)?[\w-]+)+)|"
    r"(?:判断|识别|区分|看看?)(?:它|这|邮件|消息|内容)?(?:是|属于)\s*"
    r"([\u4e00-\u9fff\w]+?(?:\s*(?:[、,，/]|还是|或者)\s*[\u4e00-\u9fff\w]+?)+)(?=$|[：:，,。])"
)
TRANSLATE_TO = rx(
    r"(?:into|to|成|为)\s*(english|chinese|spanish|french|german|japanese|korean|"
    r"英文|英语|中文|汉语|日文|日语|韩文|韩语|法语|德语|西班牙语)"
)
LOOP = rx(
    r"\bfor (?:each|every)\b|\bone by one\b|\bloop\w*|\biterate\w*|"
    r"逐个|逐条|遍历|循环|每一(?:个|条|行)|对每(?:个|条|行|一)"
)
# a pause before what follows: "wait 7 days", "3 days later", "1 day before the event"
# (the run waits until then), "活动前1天", "提前2小时"; "the next morning", "第二天" are a day
WAIT = rx(
    r"\b(?:wait|delay|pause|sleep)\s+(?:for\s+)?(\d+|an?|one|two|three|five|ten)\s*"
    r"(second|sec|minute|min|hour|hr|day|week)s?\b|"
    # "等两个小时", "过一天再…" (超过/越过 say a condition, not a wait)
    r"(?:等待|等|延迟|延时|(?<![超越经])过)\s*(\d+|[一二两三四五六七八九十]+)\s*个?\s*(秒|分钟|小时|天|周)|"
    r"(\d+|an?|one|two|three|five|ten)\s*(second|minute|hour|day|week)s?\s+(?:later|before)\b|"
    # "24h before the appointment", "2d later": a unit letter after a number
    r"(\d+)\s*(h|d)\s+(?:later|before)\b|"
    r"(?:前|提前)\s*(\d+|[一二两三四五六七八九十]+)\s*个?\s*(分钟|小时|天|周)|"
    r"(\d+|[一二两三四五六七八九十半]+)\s*个?\s*(秒|分钟|小时|天|周)(?:之|以)?后|"
    r"\b(?:the\s+)?(?:next|following)\s+(?:day|morning|evening)\b|\btomorrow\b|第二天|次日|隔天"
)
APPROVAL = rx(
    # "mark it approved", "set the status to approved", "标记为已批准": a state a step writes,
    # no one asked to approve
    r"(?<!mark it )(?<!mark them )(?<!marks it )(?<!marked )(?<!mark )(?<!it as )(?<!them as )"
    r"(?<!mark as )(?<!status to )(?<!status of )(?<!label it )(?<!tag it )"
    r"approv\w*\b(?! (?:it |them |this )?automatically)|sign(?:ed|s)?[- ]?off|human review|"
    # "need my manager to okay it", "the CFO gives the go-ahead", "green-light it"
    r"\b(?:okay|ok)\s+(?:it|them|this|that|the\s+\w+)\b|\bgreen[- ]?light\w*|"
    r"\bgives?\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:go-?ahead|ok|okay)\b|"
    # "need my OK in Slack", "needs the finance lead's okay": someone's OK needed first
    r"\bneeds?\s+(?:my|our|his|her|their|an?|the\s+[\w ]{1,20}?'s)\s+(?:ok|okay|go-?ahead)\b|"
    r"manual review|"
    r"(?<!自动)(?<!提交)(?<!已)(?:审批|批准)(?!内容|结果|单|记录|信息|意见|状态|流程|数据)|人工审核|人工确认"
)
APPROVAL_REJECT = rx(
    r"\bif (?:it is |it's |they )?(?:rejected|declined|denied|not approved)|(?:被)?拒绝|驳回|"
    r"\bif (?:i|we|you|he|she|they|the \w+) (?:reject|rejects|decline|declines|deny|denies)\b|"
    r"\bif (?:i|we|you|he|she|they|hr|finance|legal|the \w+|my \w+) (?:says? no|turns? it down)\b|"
    r"不同意|不批准|没(?:有)?批准|没(?:有)?通过|未通过|未批准|(?<![能会可])不通过"
)
APPROVAL_OK = rx(
    r"\bif (?:it is |it's |they )?(?:approved|accepted)|\bonce approved|\bafter approval|"
    r"\bif (?:i|we|you|he|she|they|the \w+) (?:approve|approves|accept|accepts|ok|okay)\b|"
    r"\bif (?:i|we|you|he|she|they|hr|finance|legal|the \w+|my \w+) says? (?:yes|ok)\b|"
    r"批准后|审批通过|通过后|同意后|(?<!不)(?:批准|同意|通过)了(?:的话|就|则)?"
)
RESPOND = rx(
    r"\brespond(?!ent)\w*|回复(?:成功|失败|结果|状态|ok)|\breply to the (?:webhook|request|caller)|"
    r"\breturns? (?:it|the|a|an|them|\d{3})\b|"
    r"\b(?:answer|reply)(?:s|ing)?\s+(?:with\s+)?(?:an?\s+|the\s+)?(?:(?:http\s+)?status\s+"
    r"(?:code\s+)?)?\d{3}\b|"
    r"返回|响应|回复请求|"
    # "最后都要回 {"ok":true}", "就回400": 回 before a body or a status code answers the call
    # "给webhook回一个 {…}": a count word may stand between 回 and the body
    r"(?<![来发收退撤召寄带找打])回(?:一个|个)?\s*(?=[{\[]|__json|[2-5]\d\d(?!\d))|\breply\s+(?=\{|__json)|"
    # "we answer with {"ok": true}": a body said after the verb answers
    r"\b(?:answer|reply|respond)(?:s|ing)?\s+(?:with\s+|back\s+with\s+)?(?=\{|__json)|"
    r"回复\s*(?:给)?\s*webhook"
)

# --- approval outcomes said with the short verb 批 ------------------------------------------
# "批了就在QuickBooks开发票，没批就发邮件": 批 alone says the approval's outcome too (kept apart
# from the longer words above so each list reads on its own)
APPROVAL_REJECT = rx(APPROVAL_REJECT.pattern + r"|(?:没|不|未)批(?=就|的话|则|，|,|$)")
APPROVAL_OK = rx(APPROVAL_OK.pattern + r"|(?<![没不未审])批了(?:的话|就|则)?")

# --- approval outcomes said as headings or of the items ---------------------------------------
# "Approved: add them …. Rejected: email them", "批准：调用…；拒绝：…", "approved ones get created
# as a bill, rejected ones get an email back": the outcome heads what follows
# "要主管和财务两个人都批", "CFO 再批": 批 said last, by everyone asked or once more, asks for it
APPROVAL = rx(APPROVAL.pattern + r"|(?<=都|再)批(?=\s*(?:[，,。；;！!]|$))")
APPROVAL_REJECT = rx(
    APPROVAL_REJECT.pattern
    + r"|^\W*(?:if\s+)?(?:rejected|declined|denied|not approved)\s*(?:[:：]|$)|"
    r"^\W*(?:拒绝|驳回|不批准|不通过)\s*(?:[:：]|$)|"
    r"\b(?:rejected|declined|denied) (?:ones|requests|items|expenses|claims)\b"
)
APPROVAL_OK = rx(
    APPROVAL_OK.pattern
    + r"|^\W*(?:if\s+)?(?:approved|accepted)\s*(?:[:：]|$)|^\W*(?:批准|通过|同意)\s*(?:[:：]|$)|"
    r"\bapproved (?:ones|requests|items|expenses|claims)\b"
)

"""The words of a conditional edit (:mod:`edit_guard_read`): where a request splits into
parts (``PARTS``), the shapes a part says its condition and action in ("only …", "if …, …",
"… unless …", "如果…就…", "…的时候才…", "for billing tickets, …", "leads from Germany should …"),
the connectives a part starts with (``LEAD``), and the words that mark a denial, a
replacement, a kept step or an "otherwise" part.

Invariants: only compiled patterns live here, all case-insensitive (:func:`rx`); named
groups are the contract with the readers (``act``/``cond`` and their ``z…`` Chinese twins,
``cat``, ``what``, ``rest``, ``neg``, ``verb``, ``o1``…``n5``). Which words mean what is
decided here; what a match becomes (a guard, a step, a span) is decided by the readers.
Pure: no I/O, no state.
"""

from __future__ import annotations

from flowsmith.planner.edit_guard_said import OTHERS_SAID
from flowsmith.planner.text import rx

PARTS = rx(
    r"[;；。\n]|[,，]\s*(?:and\s+|but\s+)?(?=the rest\b|others?\b|otherwise\b|everything else\b|"
    r"anything else\b|all other|其他|其余|其它|否则|剩下|不然|别的|"
    r"(?:the ones|those)\s+(?:without|with no|missing|lacking)\b|"
    # "…, send those to Telegram as they are": where the skipped step's items go instead
    r"(?:just\s+)?(?:send|post|forward|pass|push)\s+(?:those|them|these)\b[^,，;；]*?"
    r"\b(?:as (?:they are|is)|unchanged|untouched)\b|(?:就|则)?(?:直接)?原样|"
    r"(?:较|更)?(?:短|长|小|便宜|贵|少|旧)(?:一些|一点|点)?的|"
    r"(?:ignore|skip|drop|discard)\s+(?:all\s+)?(?:the rest|the others|others|everything else)\b)|"
    r"[，,]\s*(?=如果|假如|要是)|"
    r"[,，]\s*(?=并且|而且|然后|同时|另外|and then\b|then\b)|"
    r"\s+and\s+(?=(?:only|just|never|don'?t|do not|skip)\b)|"
    r"\s+and\s+(?=(?:send|post|forward|pass|push)\s+(?:those|them|these)\b[^,，;；]*?"
    r"\b(?:as (?:they are|is)|unchanged|untouched)\b)|"
    # "…, and hot leads also get an email": other items, with their own act
    r"[,，]\s*and\s+(?=(?:the\s+)?(?:[a-z][\w-]*\s+)?[a-z][\w-]*s\s+(?:also|too)\s)|"
    r"[,，]\s*(?=[^,，;；]{0,12}(?:还是|保持|仍然|依然|照旧|照常|照样|照发|\bkeeps?\b|\bstill\b|"
    r"\bstays?\b))|"
    # "…, not stories or tasks. the slack ping stays for every issue": a sentence keeping a step
    r"\.\s+(?=[^.]{0,40}?\b(?:stays?|keeps?|still|remains?)\b)|"
    # "… more than 100 followers. everyone else: …", "…. if it came back empty, …"
    r"\.\s+(?=(?:and\s+|but\s+)?(?:" + OTHERS_SAID + r"))"
)
# "only post to Slack if …", "only process tickets whose …"
ONLY = rx(r"^\s*(?:please\s+)?(?:only|just)\s+(?P<rest>.+)$")
# "alert only for workflows whose …", "post only when …": the act, then "only" and the condition
ACT_ONLY = rx(r"^\s*(?P<act>[a-z][\w' -]*?)\s+only\s+(?P<rest>(?:for|when|if|where|whose)\s.+)$")
ONLY_SEP = (
    rx(r"\s+(?:if|when|whenever|in case)\s+"),
    rx(r"\s+(?:for|where|whose|with|that|which|who)\s+"),
    rx(r"\s+(?:on|about)\s+(?=(?:the\s+)?(?:failures?|errors?|crash(?:es)?)\b)"),
)
# "if the budget is over 10000 (then|,|also) create …"
NEGATED = rx(
    r"^\s*(?:then\s+|就)?(?:don'?t|do not|never|no need to|skip|"
    r"不要|不用|别|不再|无需|不必|跳过)\s*|"
    r"^[\u4e00-\u9fff]{1,6}?(?:就|都|也|则)?(?:不要|不用|别再?|不再|无需|不必)|"  # "线索不要发邮件"
    r"^(?:就|都|则)?不(?=记|存|发|写|保存|同步|通知|推送|加|添加|录入|转发)"  # "就不记到表格里"
)
ITEMS_LEAD = rx(
    r"^的?(?:工单|邮件|消息|请求|订单|问题|线索|客户|评论|反馈|任务|文章|用户|帖子|告警)[，,]\s*"
)
OTHERWISE = rx(r"^\s*(?:otherwise|else|否则|不然|要不然)")
ITEMS = rx(r"^(?:the\s+)?[a-z]+s\s+(?:from|in|over|under|above|below|with)\s")
DONT = rx(r"^\s*(?:please\s+)?(?:don'?t|do not|never|no need to)\s+(?P<rest>.+)$")
IF = rx(r"^\s*(?:and\s+|but\s+)?(?:only\s+)?(?:if|when|whenever|in case)\s+(?P<rest>.+)$")
ZH_IF = rx(
    r"^(?:如果|假如|要是|若是|若|当|一旦|只有当?|仅当|只要)(?P<cond>.+?)"
    r"(?:(?:的话|时|的时候)(?:[，,]\s*|就|则|才|再)?|[，,]\s*|就|则|才|再)(?P<act>.+)$"
)
# "send the email only if …", "post it to Telegram too, but only if …", "…, but only for posts
# longer than 1000 words" (the items the step is for, said with their condition)
TRAILING = rx(
    r"^(?P<act>.+?)[,，]?\s+(?:but\s+)?(?:(?:only\s+)?(?:if|when|whenever|as long as|provided)|"
    r"only\s+for)\s+(?P<cond>.+)$"
)
# "post to Slack unless the total is under 10": the step on the false output
UNLESS = rx(
    r"^(?P<act>.+?)[,，]?\s+(?:unless|except (?:when|if|for))\s+(?P<cond>.+)$|"
    r"^(?P<zact>.+?)[，,]?\s*除非(?P<zcond>.+)$"
)
# "价格低于100时才发邮件"
ZH_THEN = rx(r"^(?P<cond>.+?)(?:时|的时候|的话)[，,]?\s*(?:才|就|再)?(?P<act>.+)$")
# "change the condition to …", "把过滤条件改成…": the existing check, with a new rule
# "nightly-cleanup工作流报错就别提醒了", "5000以下的合同不用记录": a condition, then a denied act
ZH_DENIED = rx(
    r"^(?P<cond>[^，,]+?)(?:的话|时|的时候)?\s*(?:就|都|也|则)?"
    r"(?P<act>(?:不要|不用|别再?|无需|不必|不需要)[^，,]+?了(?:[，,][^，,]+)?|"
    r"(?:不要|不用|别再?|无需|不必|不需要)[^，,]+)$"
)
NEW_RULE = rx(
    r"^\s*(?:please\s+)?(?:change|set|update|make|widen|loosen)\s+(?:the\s+)?"
    r"(?:['\"‘“][^'\"’”]{1,20}['\"’”]\s+|[a-z-]+\s+)?(?:condition|filter|check|rule)"
    r"\s*(?:to|so (?:that|it checks)(?: that)?|[:：])\s*(?P<cond>.+)$|"
    r"^(?:把|将)?(?:过滤|筛选|判断)?(?:条件|规则|过滤|筛选)(?:改成|改为|换成|设为|设置为)(?P<zcond>.+)$|"
    # "X should count as critical too", "treat X as urgent", "…：X都算严重": what now passes
    # (the whole new rule: "X too" / "也算" would add to the old one, not say it)
    r"^\s*(?P<cond2>.+?)\s+should\s+(?:both\s+|all\s+)?count\s+as\s+[\w'-]+\s*$|"
    r"^\s*(?:treat|count)\s+(?P<cond3>.+?)\s+as\s+[\w'-]+\s*$|"
    r"^(?:[^：:]{0,30}[：:])?\s*(?P<zcond2>.+?)都算(?:是|作|为)?[^，,的]{1,8}$"
)
ZH_ONLY_IF = rx(
    r"^(?P<pre>.*?)(?:只有|仅当|仅在|只在)(?P<cond>.+?)(?:时|的时候)?(?:才|就)(?P<act>.+)$"
)
# "只处理优先级为High的问题", "只统计Bug类型的问题"
ZH_ONLY = rx(
    r"^(?:只|仅)(?:处理|统计|保留|要|看|同步|关注|考虑|管|发送|发|推送|转发|通知|提醒|报警|告警)"
    r"(?P<cond>.+)的"
    r"(?P<what>[^的]{1,8})$"
)
# a connective a part starts with ("，并且只发送…")
LEAD = rx(
    r"^(?:再|还要|先)?(?:加|添加|增加|新增)(?:一个|个)?(?:条件|判断|过滤|检查)\s*[：:，,]\s*|"
    # "add a step at the start:", "first thing,", "在最前面加一个判断：": a check in front of
    # every step (where it goes follows from what it guards)
    r"^\s*(?:please\s+)?(?:add|put|insert)\s+(?:a|an|one)\s+(?:new\s+)?(?:step|check|filter|"
    r"condition)\s+(?:at\s+the\s+(?:very\s+)?(?:start|beginning|front|top)|in\s+front\s+of\s+"
    r"everything|before\s+everything(?:\s+else)?|first|up\s+front)\s*[:：,，-]\s*|"
    r"^\s*(?:at\s+the\s+(?:very\s+)?(?:start|beginning)|first\s+thing|first\s+of\s+all|"
    r"before\s+anything\s+else|right\s+at\s+the\s+start|up\s+front)\s*[:：,，-]\s*|"
    r"^在?(?:最前面|最开始|一开始|开头|开始的时候)先?(?:加|添加|增加|放)?(?:一个|个|一步)?"
    r"(?:判断|检查|过滤|条件|步骤)?(?:一下)?\s*[：:，,]?\s*|"
    r"^(?:please\s+)?add (?:a |another |one more )?(?:condition|filter|check)\s*[:：,]\s*|"
    r"^(?:并且|而且|然后|同时|另外|再|and then\s+|then\s+)\s*|"
    # "before classifying, throw away …": the check goes before the steps (a flow filter)
    r"^\s*before\s+[a-z]+ing(?:\s+(?:it|them|the \w+))?\s*[,，]\s*|"
    r"^[\u4e00-\u9fff]{1,6}(?:之前|以前)[，,]?\s*|"
    r"^\s*instead of [^,，]+[,，]\s*(?=only\b|just\b)"  # "instead of posting every article, only …"
)
# "cold leads (score under 30) should get …"
PAREN = rx(r"^(?P<pre>[^()（）]*)[(（](?P<cond>[^()（）]+)[)）](?P<act>.*)$")
# "for 'other' emails, forward them …", "for billing tickets: …"
FOR_CAT = rx(
    r"^\s*for\s+(?:the\s+|all\s+)?['\"“‘]?(?P<cat>[\w-]+)['\"”’]?\s+(?:ones|emails?|messages?|"
    r"tickets?|items?|leads?|issues?|orders?|posts?|requests?|alerts?|cases?)\s*[,，:：]?\s*"
    r"(?P<act>.+)$"
)
# "add a category 'refund' that emails billing", "增加一个'退款'分类，转发给财务"
NEW_CAT = rx(
    r"^\s*(?:please\s+)?(?:add|create|introduce)\s+(?:a\s+|another\s+|one more\s+)?"
    r"(?:(?:new|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+)?"
    r"(?:category|class|type|label|bucket|case)\s*[,:：]?\s+(?:for\s+|called\s+|named\s+)?['\"“‘]?"
    r"(?P<cat>[\w-]+)['\"”’]?\s*(?:that|which|to|where|,|:|and)?\s*(?P<act>.*)$|"
    r"^(?:增加|添加|新增|加)一?个?['\"“‘]?(?P<zcat>[^'\"”’，,]{1,8}?)['\"”’]?(?:类别|分类|类)"
    r"[，,：:]?\s*(?P<zact>.*)$"
)
# "warning-level alerts should create a Jira ticket", "high priority tickets go to Jira":
# a value of the field the workflow already branches on qualifies the items
LEVEL_ITEMS = rx(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|the\s+|any\s+)?['\"“‘]?(?P<cat>[a-z][\w-]*?)['\"”’]?"
    r"(?:[- ](?:level|priority|severity|tier|grade|type|status))?\s+(?:ones|alerts?|tickets?|"
    r"issues?|items?|orders?|leads?|requests?|messages?|e-?mails?|events?|incidents?|cases?|"
    r"tasks?|deals?|bugs?|errors?|warnings?|notifications?|submissions?|customers?|users?)"
    r"\s*(?:[,，:：]|->|→)?\s*(?:should\s+|must\s+|will\s+|need to\s+|are to\s+)?"
    r"(?P<act>(?:(?:just|only|also|then)\s+)?(?:go|get|create|open|file|raise|post|send|page|call|text|notify|add|log|"
    r"email|message|ping|alert|escalate)\b.*)$"
)
# "leads from Germany should go to Pipedrive", "orders over $500 must be approved"
ITEMS_SHOULD = rx(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|any\s+|the\s+)?(?P<cond>[a-z][\w-]*\s+(?:from|over|under|"
    r"tagged|labell?ed|"
    r"above|below|with|whose|where|in|of|worth|costing|more than|less than)\s+.+?)\s+"
    r"(?:should|must|will|need to|needs to|are to|have to|has to)(?P<neg>n't|\s+not|\s+never)?"
    r"\s+(?:be\s+|also\s+)*(?P<act>.+)$"
)
# "route high priority tickets to Jira", "send low-priority ones to email instead of Teams"
VERB_LEVEL = rx(
    r"^\s*(?:please\s+)?(?P<verb>route|send|forward|move|push|put|post|escalate)\s+(?:all\s+|the\s+)?"
    r"(?P<cat>[a-z][\w-]*?)(?:[- ](?:level|priority|severity|tier|grade|type|status))?\s+"
    r"(?:ones|alerts?|tickets?|issues?|items?|orders?|leads?|requests?|messages?|e-?mails?|"
    r"events?|incidents?|cases?|tasks?|deals?|bugs?)\s+(?P<act>(?:to|into|in|on|via)\s+.+)$"
)
# "send those to Telegram as they are", "原样发到Telegram": the items of a skipped step go on
AS_IS = rx(
    r"^\s*(?:and\s+)?(?:just\s+)?(?:send|post|forward|pass|push)\s+(?:those|them|these)\b.*"
    r"\b(?:as (?:they are|is)|unchanged|untouched|directly|straight)\b|^\s*(?:就|则)?(?:直接)?原样"
)
# a part saying a case stays as it is ("critical keep SMS", "紧急的还是发短信")
KEEP = rx(
    r"\b(?:keeps?|still|stays?|remains?|as before|as is|unchanged|same as now)\b|"
    r"保持|还是|仍然|依然|照旧|照常|照样|照发|不变|继续"
)
# after a denial: "<old>, <new> instead", "<old>，改成<new>", "<old>，用<new>", "<old>, just <new>"
DONT_BUT = rx(
    r"^(?P<o1>.+?)[,，;；]\s*(?:(?:but|and|just|only|rather)\s+)*(?P<n1>.+?)\s+instead\s*$|"
    r"^(?P<o2>.+?)了?[,，;；]\s*(?:而是|改成|改为|改用|换成|直接|只|就|用|通过)(?P<n2>.+)$|"
    r"^(?P<o3>.+?)[,，;；]\s*(?:but\s+)?(?:just|only|rather)\s+(?P<n3>.+)$|"
    r"^(?P<o4>.+?)了?[,，]\s*(?P<n4>(?:给|帮)我.+)$|"
    r"^(?P<o5>[^，,]+?)了[,，]\s*(?P<n5>[^，,]+)$"  # "别发Discord了，发邮件给我"
)
DENIED = rx(r"\b(?:not|never|no longer)\b|n't\b|不要|不用|别再?|不再|无需|不必")
ONLY_WORD = rx(r"^\s*(?:should\s+|must\s+)?(?:only|just)\b|^\s*(?:只|仅)")
INSTEAD = rx(
    r"\binstead\b|\brather than\b|代替|替换|换成|改成|改走|而不是|"
    # "…go to Freshdesk now, not Zendesk", "move … off Zendesk and onto Freshdesk"
    # (a "now" said before "not" is already cut: "…go to Freshdesk not Zendesk")
    r"\b(?:to|in|on|into|via)\s+[\w.-]+[,，]?\s+(?:and\s+)?not\s+(?:to\s+|in\s+|on\s+|via\s+)?"
    r"[\w.-]+\s*[.!]?\s*$|"
    r"\boff\s+\w+\s+(?:and\s+)?onto\b"
)
# "正面的工单记录到…": a category word qualifying the items
ZH_CAT = rx(
    r"^(?P<cat>[\u4e00-\u9fffA-Za-z-]{1,6}?)(?:(?P<kind>类|类型)的?|的)(?:工单|邮件|消息|请求|订单|问题|线索|客户|"
    r"评论|反馈|任务)?(?P<act>.+)$"
)
# verbs that act on the whole flow ("only process …"), not on one step
FLOW_VERBS = rx(
    r"\b(?:process|handle|run|consider|keep|count|sync|import|track|include|take)\w*\b|"
    r"处理|统计|保留|同步|关注|考虑|管|跳过|忽略|排除|过滤"
)
# where an action starts inside "if <condition> <action>"
ACT_START = rx(
    r"[,，]|\bthen\b|\balso\b|\b(?:ask|have|let|require|request|need|get|send|post|create|add|"
    r"notify|email|e-mail|mail|text|call|ping|forward|alert|tell|message|open|file|log|record|give|"
    r"save|store|write|update|mark|move|assign|wait|approve|page|escalate|remind|share|respond|reply|return|answer)\b"
)
# an "otherwise" part: "the rest …", "smaller purchases … directly", "其他的…"
ELSE = rx(
    r"^\s*(?:and\s+|but\s+)?(?:the rest|others?\b|otherwise|everything else|anything else|"
    r"all other|else|否则|不然|其他|其余|其它|剩下|别的)|^\s*(?:and\s+|but\s+)?(?:"
    + OTHERS_SAID
    + r")|"
    r"^\s*(?:and\s+)?(?:ignore|skip|drop|discard)\s+(?:all\s+)?(?:the rest|the others|others|"
    r"everything else)\b|\bdirectly\b|\bstraight away\b|直接|"
    r"^\s*(?:smaller|larger|bigger|lower|higher|cheaper|less|more|older|newer|shorter|longer)\b|"
    r"^(?:较|更)?(?:短|长|小|大|便宜|贵|低|高|少|多|旧|新)(?:一些|一点|点)?的"
)
DESTINATION = rx(r"\s+(?:to|in|on|into|via)\s+(?:the\s+|my\s+|our\s+)?[\w#@.-]+(?:\s+\w+)?\s*$")
# the clause a leading replacement ends with, and the words saying a replacement
CLAUSE_COMMA = rx(r"[,，]")
SWAP = rx(r"\binstead\b|\brather than\b|\breplace\b|\bswap\b|换成|改成|改用|换用|改为|替换|代替")

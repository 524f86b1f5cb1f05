"""Words for what a step does to a service's items (read, create, update, delete, comment,
copy), how many items it is about, and where its data goes, English and Chinese; never a
service's own words (operations and their names come from the catalog). The request parser
reads them through :mod:`flowsmith.planner.lexicon`.
"""

from __future__ import annotations

import re

from flowsmith.planner.text import rx

# --- verbs ------------------------------------------------------------------------------------

READ_VERB = rx(
    # ("the Bugs list on Trello": a noun, where a card goes)
    r"\b(?:get|gets|fetch\w*|read\w*|retriev\w*|pull\w*|list(?!ings\b)\w*(?!\s+(?:on|in)\b)|"
    r"load\w*|look(?:s|ing|ed)? ?up|"
    r"lookup|find|look(?:s|ing|ed)? (?:\w+ ){1,2}up|enrich\w*|"
    r"search\w*|query|download\w*|check\w*|monitor\w*|watch\w*|scrap\w*|grab\w*|collect\w*|"
    r"export\w*|"
    # a casual read: "look in Zendesk for …", "take whatever is in the doc", "what's in …"
    r"look (?:in|into|through|at|over|for|on)|"
    r"take (?:whatever|what|everything|all) (?:is |'s )?(?:in|on)|"
    r"(?:whatever|what) (?:is|'s) (?:written |said )?(?:in|on))\b|"
    r"获取|读取|拉取|查询|检查|搜索|查找|下载|监控|抓取|(?<![未已])读(?!过)|拿到|取出|导出|看看|收集|"
    r"找一?下|找出|拿出|"
    r"统计|查看|列出|"
    # a casual look ("看一下", "拉一下", "查下") and 查 before what is looked up ("查汇率");
    # 调查 is a survey, 审查 a review
    r"(?:看|拉|翻|瞧|搜)一?下|拉一次|(?<![调审])查(?![看询找])"
)
CREATE_VERB = rx(
    # "add them up" sums; it adds nothing anywhere
    r"\b(?:creat(?:e|es|ed|ing)|(?:add|adds|adding|added)(?! (?:\w+ )?up\b)|"
    r"post|posting|posted|send\w*|publish\w*|"
    r"append\w*|escalat\w*|raise (?:a|an)|log(?:ging)? (?:a|an)|"
    r"insert\w*|record\w*|save\w*|upload\w*|store|put|write(?! (?:\w+ ){0,5}back\b)|share|notify|"
    r"e-?mail(?:ed)?|mail(?:ed)?|ping|"
    r"tell|copy|sync\w*|push\w*|forward\w*|invite\w*|book|make|"
    r"log (?:it|them|each|every|to|in|into|the|a|an)|file (?:a|an|the)|open (?:a|an)|"
    r"text (?:me|us|him|her|them|the)|message (?:me|us|him|her|them|the)|alert (?:me|us|the)|"
    r"dm(?:s|'?e?d)?|direct[- ]message|"
    # "the rest should become a Help Scout conversation": an item made of each
    r"(?:should|shall|will|must) (?:all )?become (?:a|an|new))\b|私信|私聊|"
    r"创建|新建|添加|加到|发送|发布|推送|追加|插入|(?<!的)记录(?!都|全|们)|保存|上传|存到|存入|写入|同步|转发|"
    r"通知|提醒|发到|发给|发个|发一|发条|发消息|发邮件|发|建一个|开一个|提交|"
    # "给病人回一封邮件": a message sent back is a message sent
    # "再自动回一封确认邮件给客户", "回一封'已收到'的邮件给…": the words of a counted message
    # (its kind, or its text quoted) may stand between
    r"回(?=\s*(?:一|个)?(?:封|条)?\s*(?:邮件|电邮|短信|消息))|"
    r"回(?=\s*(?:一|个)?(?:封|条)\s*(?:[^，,。；;\s]{1,8}?|[‘'“\"「『][^’'”\"」』]{1,80}[’'”\"」』]的?)"
    r"(?:邮件|电邮|短信|消息|(?<![短微])信(?![息用号任心])))|"
    # "自动回复客户一封邮件": a reply to someone, said with the mail it is
    r"回复(?=[^，,。；;\s]{0,6}?(?:一|个)(?:封|条)\s*(?:邮件|电邮|短信|消息))|"
    # "在Google联系人里建联系人", "逐个建条记录": a bare 建 said after a place or before a count
    # "在Trello建卡片": 建 right after the app's Latin name
    r"(?<=[里中上])建(?!议|筑|模)|(?<=[A-Za-z])\s?建(?!议|筑|模|立)|建(?:个|条|张|一条|一张)"
)
UPDATE_VERB = rx(
    r"\b(?:updat(?:e|es|ed|ing)|change|modify|edit|mark|move|assign|close|renam(?:e|es|ed|ing)|"
    r"bump\w*|reset(?:s|ting)?|zero(?:es|s|ed)? out)\b|"
    r"\bwrite (?:\w+ ){0,5}back\b|更新|修改|标记|关闭|关掉(?!的)|写回|回写|移动|重命名|改名|"
    r"清零|归零|重置|"
    # "set the product's status to draft", "把状态改成/设为/调成…": a field given a new value
    r"\bset (?:the |its |their |this |that )?(?:[\w'-]+ ){1,3}(?:to|as)\b|"
    r"(?:改|设|调|置|变)(?:成|为)"
)
DELETE_VERB = rx(
    r"\b(?:delet(?:e|es|ed|ing)|remov\w*|archiv\w*|cancel\w*|trash|purge\w*)\b|"
    # "已取消" / "被取消" is a state an item is in, no deletion asked for
    r"删除|删掉|删了|移除|归档|(?<![已被])取消|清理|清除|清掉"
)
# a direct message to a person ("DM them the link", "私信他"): a message sent on a chat app
DM_WORD = rx(r"\b(?:dm(?:s|'?e?d)?|direct[- ]message)\b|私信|私聊")
# a comment or reply on an item ("comment on the PR", "在工单下留言", "reply in the thread")
COMMENT_WORD = rx(r"\bcomment\w*|\brepl(?:y|ies|ied)\b|留言|评论|回帖|备注")
# the sources and the target of "copy A to B"
COPY_VERB = rx(
    r"\b(?:copy|sync\w*|mirror\w*|import\w*|move|transfer\w*|back(?:s|ed|ing)? ?up|backups?|"
    r"dump\w*)\b|"
    r"同步|复制|拷贝|导入|迁移|备份"
)
# verbs whose object is data to read even with no read verb ("summarise the emails in …")
SOURCE_VERB = rx(
    r"\b(?:summar\w+|digest|analy[sz]\w*|review\w*|go through|group\w*|aggregat\w*|"
    r"total|count|back ?up|backup)\b|汇总|统计|收集|整理|分析|备份|总结"
)

# API operation keys a verb class prefers (the catalog's operation keys are API verbs)
OP_KEYS: dict[str, tuple[str, ...]] = {
    "create": (
        "create",
        "post",
        "send",
        "add",
        "append",
        "insert",
        "upload",
        "publish",
        "write",
        "sendmessage",
        "postmessage",
        "message",
        "createorupdate",
        "appendorupdate",
        "upsert",
    ),
    "read": ("getall", "getmany", "list", "search", "read", "get", "query", "download", "lookup"),
    "update": ("update", "edit", "patch", "move", "upsert", "createorupdate", "appendorupdate"),
    "delete": ("delete", "remove", "archive", "trash"),
}

# write keys that say more than "make one" ("append", "upload"): said outright, they beat a
# plain create of the same app
SPECIFIC_WRITE_KEYS = ("append", "insert", "upload", "publish")

# how many items a read is about: a collection ("all", "list", "所有") or one item ("a single",
# "某个"); a resource noun's plural or bare singular says it too (read from the text)
MANY_WORD = rx(
    r"\ball\b|\blist(?:s|ing)?\b|所有|全部|列表|批量|多个|一批|清单|"
    # counting or asking which ("统计", "有多少", "有没有", "哪些") reads a collection
    r"统计|汇总|多少|数量|哪些|有没有|逐条|逐个|每条|"
    # a time window read ("今天新建的笔记", "the last 10 videos") is the items in it, even
    # where a "一份" (one summary of them) follows
    r"今天|今日|昨天|本周|这周|上周|本月|这个月|上个月|最近|过去|近\d+|"
    r"\b(?:last|latest|past|recent)\s+\d+\b"
)
ONE_WORD = rx(
    r"\b(?:a single|one specific|a specific|by id|by its id)\b|"
    r"一个|一条|一份|一张|单个|单条|某个|某条|指定|这个|该|详情"
)
# operation keys that read a collection, and those that read one item
OP_MANY = ("getall", "getmany", "list", "listall")
OP_ONE = ("get", "getrow")

# English words of API operation keys and how Chinese says them ("copy" 复制): an operation
# the catalog gives no Chinese name is still said by its key. "get" is left out: 获取 reads
# items in general, one or a collection.
ZH_KEY_WORDS: dict[str, re.Pattern[str]] = {
    word: rx(pattern)
    for word, pattern in {
        "add": r"添加|加入|新增",
        "aggregate": r"聚合",
        "analyze": r"分析",
        "append": r"追加|附加",
        "archive": r"归档",
        "assign": r"分配|指派",
        "broadcast": r"广播|群发",
        "cancel": r"取消",
        "classify": r"分类",
        "clear": r"清空|清除",
        "close": r"关闭|关掉",
        "complete": r"完成",
        "copy": r"复制|拷贝",
        "create": r"创建|新建|(?<=[里中上])建(?!议|筑|模)|(?<=[A-Za-z])\s?建(?!议|筑|模|立)",
        "delete": r"删除|删掉",
        "download": r"下载",
        "edit": r"编辑",
        "execute": r"执行",
        "generate": r"生成",
        "insert": r"插入",
        "invite": r"邀请",
        "like": r"点赞",
        "list": r"列出|列表",
        "lock": r"锁定|锁住",
        "merge": r"合并",
        "move": r"移动|移到|挪到",
        "pop": r"弹出|取出",
        "publish": r"发布",
        "push": r"推入|推送|压入",
        "query": r"查询",
        "rename": r"重命名|改名",
        "reply": r"回复",
        "restart": r"重启",
        "retweet": r"转推",
        "run": r"运行",
        "search": r"搜索|查找|检索",
        "send": r"发送|发出",
        "share": r"分享|共享",
        "start": r"开始|启动",
        "stop": r"停止",
        "subscribe": r"订阅",
        "transcribe": r"转写|转录",
        "translate": r"翻译",
        "trigger": r"触发",
        "unsubscribe": r"退订|取消订阅",
        "update": r"更新",
        "upload": r"上传|(?<![流转])传(?:到|至|进)",
        "void": r"作废",
    }.items()
}

# where the data goes: a mention preceded by one of these is written to
TO_WORD = rx(
    r"(?:\b(?:to|into|in|on|onto|via|through|with|using)\s+(?:the\s+|my\s+|our\s+|a\s+|an\s+)?"
    r"$)|(?:到|至|进|在|给|(?<!调)用|通过|往)\s*(?:我的|我们的)?$"
)
FROM_WORD = rx(
    r"(?:\b(?:from|of)\s+(?:(?:the|my|our|all|new|recent|open|today's|yesterday's|latest|"
    r"(?:this|last|past|previous) (?:week|month|quarter|year)'s)\s+){0,3}"
    # the mention's own name before its resource word: "from the Sales sheet", "from the
    # 'Orders' Google Sheet"; never a preposition, which would start another phrase
    r"(?:(?!(?:to|into|in|on|onto|and|then|for|with|via|by|at)\b)(?:'[^']{1,40}'|[\w’-]+)\s+){0,2}$)|"
    r"(?:从|自)\s*(?:我的|我们的)?$|"
    r"把(?:(?!发到|写到|存到|写入|存入|发给|加到|放到|转到|同步到|导入|推送到|发送到|上传到|传到|记录到|记到|"
    r"保存到|登记到|添加到|加入|放进|存进|贴到|录入|POST到|PUT到|提交到|回传到)"
    r"[^，,。把]){0,8}$"
)

# an HTTP method said in capitals just before an address ("with POST https://…", "PUT 到 …",
# 用GET请求): the method the user asked for, whatever the verb around it
SAID_METHOD = re.compile(
    r"(?<![A-Za-z])(GET|POST|PUT|PATCH|DELETE)(?![A-Za-z])"
    r"(?:[^A-Za-z]|\b(?:to|at|on|request|call)\b){0,12}$"
)

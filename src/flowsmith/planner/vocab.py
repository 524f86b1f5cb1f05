"""Keyword tables of the offline planner: stores, channels, AI steps, in English and Chinese.

Patterns run over lower-cased text with URLs blanked out (see ``text.strip_urls``). Each
table maps a plan kind to one regex; order in a table never matters, order of *appearance*
in the message decides the order of nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flowsmith.planner.plan import ActionKind, AIKind, TransformKind
from flowsmith.planner.text import rx


@dataclass(frozen=True)
class Store:
    """A shop the planner knows. ``catalog`` is web_page_check's ``store`` enum value."""

    key: str
    catalog: str
    name: str
    name_zh: str
    pattern: re.Pattern[str]
    domain: str
    placeholder_url: str


STORES: tuple[Store, ...] = (
    Store(
        "amazon",
        "amazon",
        "Amazon",
        "亚马逊",
        rx(r"amazon|亚马逊"),
        "amazon.",
        "https://www.amazon.com/dp/YOUR_PRODUCT_ID",
    ),
    Store(
        "bestbuy",
        "bestbuy",
        "BestBuy",
        "百思买",
        rx(r"best\s?buy|百思买"),
        "bestbuy.",
        "https://www.bestbuy.com/site/YOUR_PRODUCT_ID.p",
    ),
    Store(
        "walmart",
        "walmart",
        "Walmart",
        "沃尔玛",
        rx(r"walmart|沃尔玛"),
        "walmart.",
        "https://www.walmart.com/ip/YOUR_PRODUCT_ID",
    ),
    Store(
        "ebay",
        "ebay",
        "eBay",
        "eBay",
        rx(r"\bebay|易贝"),
        "ebay.",
        "https://www.ebay.com/itm/YOUR_ITEM_ID",
    ),
    Store(
        "newegg",
        "newegg",
        "Newegg",
        "新蛋",
        rx(r"newegg|新蛋"),
        "newegg.",
        "https://www.newegg.com/p/YOUR_ITEM_ID",
    ),
    Store(
        "target",
        "target",
        "Target",
        "Target",
        rx(
            r"target\.com|\bat target\b|\btarget (store|and|or)\b|(?<=, )target\b|(and|or) target\b"
        ),
        "target.com",
        "https://www.target.com/p/YOUR_PRODUCT_ID",
    ),
    Store(
        "jd",
        "generic",
        "JD.com",
        "京东",
        rx(r"\bjd\.com|京东"),
        "jd.com",
        "https://item.jd.com/YOUR_PRODUCT_ID.html",
    ),
    Store(
        "taobao",
        "generic",
        "Taobao",
        "淘宝",
        rx(r"taobao|淘宝"),
        "taobao.com",
        "https://item.taobao.com/item.htm?id=YOUR_ITEM_ID",
    ),
    Store(
        "tmall",
        "generic",
        "Tmall",
        "天猫",
        rx(r"tmall|天猫"),
        "tmall.com",
        "https://detail.tmall.com/item.htm?id=YOUR_ITEM_ID",
    ),
    Store(
        "costco",
        "generic",
        "Costco",
        "Costco",
        rx(r"costco|好市多|开市客"),
        "costco.",
        "https://www.costco.com/YOUR_PRODUCT.product.html",
    ),
)
STORE_BY_KEY = {s.key: s for s in STORES}
GENERIC_STORE = Store(
    "generic",
    "generic",
    "the store",
    "商店",
    rx(r"(?!x)x"),
    "",
    "https://example.com/product/YOUR_PRODUCT_ID",
)


def store_for_url(url: str) -> Store | None:
    host = re.sub(r"^https?://", "", url.lower()).split("/", 1)[0]
    return next((s for s in STORES if s.domain and s.domain in host), None)


# Destinations. Email is special-cased in intent.py (incoming mail is a trigger, not this).
ACTIONS: dict[ActionKind, re.Pattern[str]] = {
    "gmail": rx(r"gmail"),
    # "email" as a verb or a channel, not as a data field ("extract the name and email")
    "email": rx(
        r"\b(e-?mail|mail) (me|us|it|them|him|her|the|a|an|to|my|our|this|that|results?|"
        r"everyone|each)\b|send\w* (\w+ ){0,3}e-?mails?|\be-?mails? (notification|alert|"
        r"report|digest|summary|update|message)s?|\b(by|via|through|over|per) e-?mail|"
        r"\bto (my |our |an? )?e-?mail|\be-?mail (address )?[\w.+-]+@|\be-?mail$|"
        r"邮件|发(到|送到|至)?\S{0,4}邮箱|邮箱(通知|提醒)|电邮"
    ),
    "slack": rx(r"slack"),
    "telegram": rx(r"telegram|电报|\btg\b"),
    "discord": rx(r"discord"),
    "teams": rx(r"microsoft teams|ms teams|\b(to|in|on|via) teams\b|teams (message|channel|chat)"),
    "sms": rx(r"\bsms\b|text message|\btext me\b|短信|twilio"),
    "sheets_append": rx(r"google ?sheets?|spreadsheet|谷歌表格|google ?表格|在线表格|表格"),
    "notion": rx(r"notion"),
    "github_issue": rx(r"github issue|issue on github|github|(create|open|file) (an? )?issue"),
    "db_insert": rx(r"postgres\w*|mysql|database|数据库|\bdb\b"),
    "airtable": rx(r"airtable"),
    "webhook_response": rx(
        r"(respond|reply|answer|returns?|send back)\s+(\w+\s+){0,3}(response|result|to the "
        r"(webhook|caller|request))|answer the (webhook|caller|request)|返回(结果|响应)|"
        r"响应(webhook|请求)"
    ),
    "write_file": rx(
        r"(save|write|export|dump)\s+(\w+\s+){0,4}(csv|json|text|local)?\s*file|"
        r"(保存|写入|导出)(到|为|成)?(本地|csv|json)?\s*文件|导出(为|成)?csv|"
        r"(到|至|成)(本地)?(csv|json)?\s*文件|\bto (a |an )?(local |csv |json )?file\b"
    ),
}

# Direction of an ambiguous store (sheets, database): words just before the mention.
READ_BEFORE = rx(
    r"(\bfrom|\bread\w*|\bfetch\w*|\bload\w*|\bpull\w*|\bquery\w*|\bget\b|\bin\b|\bof\b|"
    r"\bexport\w*|\bback ?up|\bbackup|读取|从|获取|查询|拉取|读|备份|导出)\s*(\w+\s+){0,2}"
    r"(the |my |our |a )?$"
)
WRITE_BEFORE = rx(
    r"(\bto|\binto|\badd\w*|\bappend\w*|\blog\w*|\bsave\w*|\bwrite\w*|\binsert\w*|\brecord\w*|"
    r"\bstore\w*|写入|添加到|添加|记录到|记录|保存到|保存|存到|存入|追加|插入|同步到|到)\s*"
    r"(\w+\s+){0,2}(the |my |our |a |an |new )?(row (to|in|into) )?$"
)

AI_STEPS: dict[AIKind, re.Pattern[str]] = {
    "summarize": rx(
        r"summar(y|ies|i[sz]e\w*)|digest|tl;?dr|recap|总结|摘要|概括|概要|归纳|汇总成|简报"
    ),
    "classify": rx(r"classif\w*|categori[sz]\w*|triage|分类|归类|分拣"),
    "extract": rx(r"extract\w*|pull out|parse\w*|提取|抽取|解析"),
    "sentiment": rx(r"sentiment|情感|情绪|正面还是负面|好评|差评"),
    "translate": rx(r"translat\w*|翻译|译成"),
    "analyze": rx(r"analy[sz]\w*|insights?|分析|洞察|解读"),
    "agent": rx(
        r"\bai agent|\bagent\b|智能体|智能助手|ai ?助手|chat ?bot|聊天机器人|客服机器人|"
        r"\bassistant\b|助手"
    ),
}
# "让AI把汇总写成一段话", "let AI turn the counts into a paragraph": AI named without a word
# of what it does. Letters only around "ai" (not \b): Chinese characters are word characters,
# so "让AI把" has no word boundary around AI.
AI_NAMED = rx(r"(?<![a-z])ai(?![a-z])|gpt|(?<![a-z])llm(?![a-z])|openai|chatgpt|大模型|人工智能")
TRANSLATE_TO = rx(
    r"(?:into|to|成|为)\s*(english|chinese|spanish|french|german|japanese|korean|"
    r"英文|英语|中文|汉语|日文|日语|韩文|韩语|法语|德语|西班牙语)"
)
LANG_CODES = {
    "english": "en",
    "英文": "en",
    "英语": "en",
    "chinese": "zh",
    "中文": "zh",
    "汉语": "zh",
    "spanish": "es",
    "西班牙语": "es",
    "french": "fr",
    "法语": "fr",
    "german": "de",
    "德语": "de",
    "japanese": "ja",
    "日文": "ja",
    "日语": "ja",
    "korean": "ko",
    "韩文": "ko",
    "韩语": "ko",
}

AGENT_TOOLS: dict[str, re.Pattern[str]] = {
    "web_search_tool": rx(r"search|google|look up|browse|搜索|联网|上网|查资料"),
    "wikipedia_tool": rx(r"wikipedia|wiki|维基"),
    "calculator_tool": rx(r"calculat\w*|math|arithmetic|计算|算数|数学"),
    "http_tool": rx(r"call (an? |our |my )?(api|endpoint)|http tool|调用(接口|api)"),
    "code_tool": rx(r"run (python|code|javascript)|execute code|运行代码|执行代码"),
}
AGENT_MEMORY = rx(r"remember|memory|conversation history|context|记忆|记住|上下文|多轮")

TRANSFORMS: dict[TransformKind, re.Pattern[str]] = {
    "aggregate": rx(r"aggregat\w*|group by|\bsum up\b|\btotals?\b|统计|聚合|合计|汇总"),
    "sort": rx(r"\bsort (by|the|them|it|results)|order by|\brank\w*|排序|排名"),
    "remove_duplicates": rx(r"dedup\w*|de-dup\w*|duplicates?|去重|重复"),
    "limit": rx(r"\btop \d+|\bfirst \d+|\blimit (to|the)|前\s*\d+\s*(条|个|名|项)"),
    "split_out": rx(r"split (out|into|each)|拆分"),
    "code": rx(r"\b(custom )?code\b|\bscript\b|python|javascript|代码|脚本"),
    "text_template": rx(r"template|format (the|a|it|them)|模板|格式化"),
}
LIMIT_N = rx(r"(?:top|first|limit to|前)\s*(\d+)")

LOOP = rx(
    r"for each|for every|\beach (item|row|product|record|entry|url|link|order|user|customer|"
    r"file|one)\b|\bloop\b|iterate|one by one|in batches|逐个|逐条|遍历|循环|分批|"
    r"每(个|一)(商品|产品|条|行|记录|订单|用户|链接|文件|项)"
)
WAIT = (
    rx(
        r"\b(?:wait|delay|pause|sleep|hold)\s+(?:for\s+)?(\d+|an?|one|two|three|five|ten)\s*"
        r"(second|sec|minute|min|hour|hr|day)s?\b"
    ),
    rx(r"\b(\d+)\s*(second|minute|hour|day)s?\s+(?:later|delay|afterwards)\b"),
    # "add a 5 minute wait", "a 2-hour delay"
    rx(
        r"\b(\d+|one|two|three|five|ten)[\s-]*(second|minute|min|hour|hr|day)s?\s+(?:wait|delay|pause)\b"
    ),
    rx(r"(?:等待|等|延迟|延时|暂停)\s*(\d+|[一二两三四五六七八九十]+)\s*(秒|分钟|小时|天)"),
    rx(r"(\d+|[一二两三四五六七八九十]+)\s*(秒|分钟|小时|天)(?:之|以)?后"),
)

APPROVAL = rx(
    r"approv\w*|sign(?:ed|s)?[- ]?off|manager review|human review|review(ed)? by|审批|批准|审核|"
    r"同意后|人工确认|人工审核|确认后再|form review|review form|表单审核|审核表单"
)
# "approve it over email": the approval's own channel, no e-mail step of its own
APPROVAL_EMAIL = rx(
    r"(approv\w*|sign(?:ed|s)?[- ]?off)\s+(\w+\s+){0,3}(by|via|through|over)\s+e-?mail\b|"
    # "先发邮件让老板审批", "邮件审批": the approval is asked by email (no other email is sent)
    r"(?:发|用|通过)\s*(?:一封)?\s*(?:邮件|e-?mail)\s*(?:让|给|请|找)[^，,。；;]{0,8}?(?:审批|批准|审核)|"
    r"邮件审批"
)
APPROVAL_SLACK = rx(
    r"(approv\w*|sign[- ]?off|(okay|ok)\s+(it|them|this|that)|green[- ]?light\w*|"
    r"(my|our|his|her|their|an?)\s+(ok|okay|go-?ahead))\s+"
    r"(\w+\s+){0,3}(in|on|via|through|over)\s+slack|"
    r"slack\s+approv\w*|(在|通过|用)\s*slack\s*(上|中|里)?\s*(审批|批准|审核|确认)|"
    # "在Slack上让销售总监审批": who approves, said between the place and the verb
    r"(在|通过|用)\s*slack\s*(上|中|里)?\s*(让|请|找|给)[^，,。；;]{0,8}?(审批|批准|审核)|"
    r"slack\s*(审批|批准)"
)
APPROVAL_FORM = rx(r"form review|review form|表单审核|审核表单|填写表单审核")

IN_STOCK = rx(
    r"in[- ]stock|back in stock|restock\w*|\bis back\b|\bit'?s back\b|comes? back|"
    r"\bavailab\w*|sold out|out of stock|\bstock\b|inventory|有货|到货|补货|现货|库存|上架|缺货"
)
PRICE_WORD = rx(r"price|cost|cheap|deal|discount|\$|dollar|价格|价钱|降价|优惠|折扣|便宜|元|¥|￥")
PRICE_BELOW = (
    rx(
        r"(?:below|under|less than|lower than|cheaper than|drops? (?:below|under|to)|"
        r"falls? (?:below|under|to)|at most|<=?|≤)\s*(?:[$€£¥]|usd|rmb|cny)?\s*(\d+(?:\.\d+)?)"
    ),
    rx(r"(?:低于|少于|小于|不到|降到|降至|跌到|跌破|便宜于|≤|<)\s*[¥$￥]?\s*(\d+(?:\.\d+)?)"),
    rx(r"(\d+(?:\.\d+)?)\s*(?:元|块|美元|美金|刀)?\s*以下"),
)
PRICE_ABOVE = (
    rx(
        r"(?:above|over|more than|higher than|exceeds?|rises? (?:above|over|to)|>=?|≥)\s*"
        r"(?:[$€£¥]|usd|rmb|cny)?\s*(\d+(?:\.\d+)?)"
    ),
    rx(r"(?:高于|超过|大于|涨到|涨破|≥|>)\s*[¥$￥]?\s*(\d+(?:\.\d+)?)"),
    rx(r"(\d+(?:\.\d+)?)\s*(?:元|块|美元|美金|刀)?\s*以上"),
)
CONTAINS = (
    rx(r"\b(?:contain\w*|mention\w*|includ\w*|with the (?:word|keyword))\s+[\"'“‘]([^\"'”’]+)"),
    rx(r"\b(?:contain\w*|mention\w*|with the (?:word|keyword))\s+(\w[\w-]*)"),
    rx(r"(?:包含|含有|提到|出现)\s*[“\"'「‘]?([^”\"'」’，。,\s]+)"),
)

NOTIFY = rx(
    r"notif\w*|alert|let me know|tell me|ping me|remind|通知|提醒|告诉我|告知|报警|预警|推送"
)
ELSE_WORDS = rx(
    r"\b(others?|otherwise|else|the rest|remaining|everything else|non-\w+)\b|"
    r"其他|其余|其它|否则|剩下"
)
QUALIFIERS = rx(
    r"\b(urgent|important|high[- ]priority|critical|negative|positive|spam|vip|angry|"
    r"complaints?|bugs?|billing|refunds?)\b|紧急|重要|高优先级|负面|正面|投诉|垃圾|退款"
)
QUALIFIER_ZH = {
    "紧急": "urgent",
    "重要": "important",
    "高优先级": "high-priority",
    "负面": "negative",
    "正面": "positive",
    "投诉": "complaint",
    "垃圾": "spam",
    "退款": "refund",
}

# Triggers.
TRIGGER_ERROR = rx(
    r"when (a |any |the )?workflow (fails|errors)|on (workflow )?(error|failure)|error trigger|"
    r"(工作流|流程)(失败|出错|报错)|出错时|失败时"
)
TRIGGER_WEBHOOK = rx(r"webhook|web hook|回调|钩子|http (post|request) (comes in|arrives)")
TRIGGER_FORM = rx(
    r"form (is )?submi\w*|form submission|submits? (a |the |our )?\w*\s?form|表单提交|提交表单|"
    r"填写表单|问卷|报名表|\bforms?\b|表单"
)
TRIGGER_EMAIL = (
    rx(
        r"\b(when|whenever|if|once|each time)\s+(i|we|you|someone)?\s*(receive|get|gets|receives)"
        r"\s+(an?\s+)?(new\s+)?(\w+\s+){0,2}e-?mails?"
    ),
    rx(r"\b(incoming|inbound|new|received|unread)\s+(\w+\s+){0,2}e-?mails?"),
    rx(r"\be-?mails?\s+(arrives?|comes? in|is received|are received|lands?)"),
    rx(
        r"\b(classif\w*|categori[sz]\w*|triage|route|read|process|label|sort|"
        r"extract\w*(\s+\w+){0,3}\s+from)\s+(my\s+|our\s+|the\s+|all\s+)?(\w+\s+){0,2}e-?mails?"
    ),
    rx(r"\b(from|in) (my |our |the )?(inbox|mailbox)"),
    rx(r"收到(的)?\S{0,8}?邮件|新邮件|来信|邮件(到达|进来)|邮箱收到"),
    rx(r"(分类|归类|读取|分拣)\S{0,4}?邮件"),
)
TRIGGER_APP = rx(
    r"\b(when|whenever|on)\b[^,.;]{0,40}?\b(github|gitlab|stripe|shopify|jira|hubspot|"
    r"salesforce|trello|google calendar|calendly|typeform|zendesk)\b|"
    r"(每当|当)[^，。；]{0,20}?(github|gitlab|stripe|shopify|jira)"
)
APP_EVENTS = {
    "github": (rx(r"pull request|\bpr\b"), "pull_request", "issues"),
    "gitlab": (rx(r"merge request|\bmr\b"), "merge_request", "issues"),
    "stripe": (rx(r"refund"), "charge.refunded", "payment_intent.succeeded"),
    "shopify": (rx(r"customer"), "customers/create", "orders/create"),
}
TRIGGER_CHAT = rx(
    r"chat ?bot|chat message|聊天机器人|对话机器人|客服机器人|\bin (a |the )?chat\b|聊天"
)
TRIGGER_MANUAL = rx(r"manual\w*|on demand|on-demand|\bclick|手动|手工|点击|按需")
TRIGGER_RSS = rx(r"\brss\b|atom feed|\bfeeds?\b|订阅源|博客更新")

# Sources.
API_WORD = rx(r"\bapi\b|endpoint|接口|rest ")
SCRAPE = rx(r"scrap\w*|crawl\w*|抓取|爬取|爬虫|采集")

# Topics.
STORE_TOPIC = rx(
    r"库存|inventory|\bstock\b|restock|in[- ]stock|price (drop|watch|track|monitor|alert)|"
    r"价格监控|降价|电商|e-?commerce|商品|到货|有货|补货|price tracker|back in stock"
)
ANALYSIS_TOPIC = rx(
    r"数据分析|data analy\w*|analytics|analy[sz]\w* (the |our |my )?(data|sales|metrics|numbers)|"
    r"报表|报告|\breport\w*|dashboard|\bkpis?\b|统计|指标|metrics|销售数据|sales data"
)

# Conversation.
GREETING = rx(
    r"^\s*(hi|hello|hey|yo|howdy|good (morning|afternoon|evening)|hello there|"
    r"你好|您好|嗨|哈喽|在吗)"
    r"[\s!！,，.。~]*$"
)
CAPABILITY = rx(
    r"what can you do|what do you do|what are you|who are you|how (does this|do you|do i use)|"
    r"what (nodes|integrations|apps)|\bhelp\b\s*\??$|你能做什么|你可以做什么|你会什么|你会做什么|"
    r"怎么用|如何使用|你是谁|能干什么|有什么功能|支持哪些|能做些什么"
)
CREATE = rx(
    r"creat\w*|build|make|set ?up|generat\w*|design|automat\w*|workflow|\bflow\b|pipeline|"
    r"创建|新建|生成|搭建|建立|设计|做一个|帮我|自动化|工作流|流程"
)
THANKS = rx(r"^\s*(thanks|thank you|thx|ok|okay|great|cool|谢谢|多谢|好的|好|可以|行)[\s!！.。]*$")

# Edits: how the user names existing steps -> the subtypes meant ("remove the Slack step").
SUBJECTS: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {
    "email": (rx(r"e-?mail|邮件|邮箱|gmail"), frozenset({"send_email", "gmail_send"})),
    "slack": (rx(r"slack"), frozenset({"slack_message"})),
    "telegram": (rx(r"telegram|电报"), frozenset({"telegram_message"})),
    "discord": (rx(r"discord"), frozenset({"discord_message"})),
    "teams": (rx(r"\bteams\b"), frozenset({"microsoft_teams_message"})),
    "sms": (
        rx(r"\bsms\b|text message|\btexting\b|\btext(?:s)? (?:me|us|them)\b|短信|twilio"),
        frozenset({"twilio_sms"}),
    ),
    "sheets": (
        rx(r"google ?sheets?|spreadsheet|\bsheets?\b|表格"),
        frozenset({"google_sheets_append", "google_sheets_read"}),
    ),
    "notion": (rx(r"notion"), frozenset({"notion_create_page"})),
    "github": (rx(r"github|issue"), frozenset({"github_create_issue"})),
    "database": (
        rx(r"postgres\w*|mysql|database|数据库"),
        frozenset({"postgres_query", "mysql_query"}),
    ),
    "airtable": (rx(r"airtable"), frozenset({"airtable_create_record"})),
    "approval": (
        rx(r"approv\w*|审批|审核|批准"),
        frozenset({"approval_email", "approval_slack", "form_review"}),
    ),
    "wait": (rx(r"\bwait\w*|delay|等待|延迟|延时"), frozenset({"wait"})),
    "condition": (
        rx(r"condition|\bif\b|filter|switch|threshold|cut-?off|判断|条件|过滤|分支|阈值|门槛"),
        frozenset({"if", "switch", "filter"}),
    ),
    "summary": (rx(r"summar\w*|总结|摘要"), frozenset({"summarizer"})),
    "classifier": (rx(r"classif\w*|分类"), frozenset({"text_classifier"})),
    "sentiment": (rx(r"sentiment|情感|情绪"), frozenset({"sentiment_analysis"})),
    "analysis": (rx(r"analy\w*|translat\w*|llm|分析|翻译"), frozenset({"llm_chat"})),
    "agent": (rx(r"\bagent\b|智能体"), frozenset({"ai_agent"})),
    "merge": (rx(r"\bmerge\b|合并"), frozenset({"merge"})),
    "loop": (rx(r"\bloop\b|循环"), frozenset({"loop"})),
    "file": (rx(r"\bfile\b|文件"), frozenset({"write_file"})),
    # the answer to the call that started the run: "reply 200 right away", "先马上回200"
    "response": (
        rx(
            r"\b(?:respond|reply|answer|return)\w*\s+(?:with\s+)?(?:an?\s+|the\s+)?(?:http\s+)?"
            r"(?:status\s+)?(?:code\s+)?[2-5]\d\d\b|\bwebhook response\b|"
            r"(?<![来发收退撤召寄带找打])回\s*(?=[2-5]\d\d(?!\d))|(?:响应|回复)(?:webhook|请求)|"
            # "respond to the caller", "answer the request", "返回响应", "给调用方回个响应"
            r"\b(?:respond|reply|answer)\w*\s+(?:to\s+)?the\s+(?:caller|request|webhook)\b|"
            r"\b(?:send|return)\s+the\s+response\b|(?:返回|回)个?响应|回复调用方|给调用方(?:回|返回)"
        ),
        frozenset({"webhook_response"}),
    ),
}
# the subject an action kind is named by in edits
ACTION_SUBJECT: dict[str, str] = {
    "email": "email",
    "gmail": "email",
    "slack": "slack",
    "telegram": "telegram",
    "discord": "discord",
    "teams": "teams",
    "sms": "sms",
    "sheets_append": "sheets",
    "notion": "notion",
    "github_issue": "github",
    "db_insert": "database",
    "airtable": "airtable",
    "write_file": "file",
}
REMOVE = rx(
    r"\b(remove|delete|drop|get rid of|take out|without)\b|\bdon'?t\s+(send|post|notify|email)|"
    r"\bno longer\b|\bstop\s+(sending|posting|notifying|emailing)|删除|删掉|去掉|移除|去除|"
    r"不要|不再|取消|拿掉"
)
# (pattern, which groups are old/new): "use X instead of Y", "把 X 换成 Y", "改用 X"
REPLACE: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        rx(
            r"(?:use|switch to|send (?:it )?(?:to|via)|post (?:it )?to)\s+(.+?)\s+"
            r"instead of\s+(.+?)(?=[,.;]|$)"
        ),
        "new_old",
    ),
    (rx(r"replace\s+(?:the\s+)?(.+?)\s+(?:with|by)\s+(.+?)(?=[,.;]|$)"), "old_new"),
    (rx(r"switch\s+(?:from\s+)?(.+?)\s+to\s+(.+?)(?=[,.;]|$)"), "old_new"),
    (rx(r"把(.+?)(?:换成|改成|替换成|替换为|改为|换为)(.+?)(?=[，。；,;]|$)"), "old_new"),
    (rx(r"用(.+?)(?:代替|替换|取代)(.+?)(?=[，。；,;]|$)"), "new_old"),
    (rx(r"(?:改用|换用)(.+?)(?=[，。；,;]|$)"), "new"),
)

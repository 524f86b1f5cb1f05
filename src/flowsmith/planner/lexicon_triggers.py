"""Words that name how a workflow starts (a webhook, a form, mail, a feed, a chat, an error,
a manual run), English and Chinese; never a service's (its events come from the catalog).
The request parser reads them through :mod:`flowsmith.planner.lexicon`.
"""

from __future__ import annotations

from flowsmith.planner.text import rx

# --- triggers -------------------------------------------------------------------------------------

TRIGGER_ERROR = rx(
    r"\b(?:a|any|the|my)?\s*(?:workflow|flow|automation|run|execution)s?\s+(?:failed|fails?|errors?|"
    r"crash\w*)|\bfailed (?:workflow|execution|run)s?|\bon (?:workflow )?(?:error|failure)|"
    r"error trigger|(?:工作流|流程)(?:失败|出错|报错)|(?:失败|出错)的(?:工作流|流程)|"
    # "any of our automations errors out", "我们所有的自动化流程只要有报错": the runs of the
    # user's own workflows failing, with words between
    r"\b(?:any|one|all|each|every)\s+(?:(?:of\s+)?(?:our|my|the|your)\s+)?(?:n8n\s+)?"
    r"(?:workflows?|automations?|flows?|zaps?|scenarios?)\s+(?:\w+\s+){0,2}?"
    r"(?:fails?|failed|errors?(?:\s+out)?|errored|crash\w*|breaks?|throws? an? error)\b|"
    r"(?:工作流|自动化|流程)[^，,。；;]{0,12}?(?:失败|出错|报错|异常|崩溃|挂了)|"
    # "出错了给我发邮件", "If anything fails, …": a failure said alone, with no thing that
    # fails, opens the request (or the when-clause) and so is a failing run
    r"^\s*(?:如果|要是|一旦|只要|万一|当)?\s*(?:有|任何)?(?:出错|报错|出了?错|失败|出了?问题|出故障)"
    r"了?(?:的话|时|的时候)?(?=\s*(?:[，,：:]|就|给|发|请|通知|马上|立刻|立即))|"
    r"^\s*(?:(?:if|when|whenever)\s+)?(?:anything|something)\s+(?:ever\s+)?(?:fails|breaks|"
    r"goes wrong|errors(?:\s+out)?|crashes)\b"
)
TRIGGER_WEBHOOK = rx(
    r"webhook|web hook|回调|钩子|\bhttp (?:post|request|call)s? (?:comes? in|arrives?)|"
    r"\bendpoint is called|\bapi is called"
)
TRIGGER_FORM = rx(
    r"\bform (?:is )?submi\w*|\bform submission|\bsubmits? (?:a |the |our )?\w*\s?form|"
    r"\bfills? (?:in|out) (?:a |the |our )?form|"
    # "the signup form on our website", "through our online form", "fills in the project
    # brief form": a form said as a thing on the user's site, or named by what it is for
    r"\b(?:form|survey|questionnaire)\s+on\s+(?:our|my|the)\s+(?:[\w-]+\s+)?"
    r"(?:web\s?site|site|page|homepage|portal)\b|"
    r"\b(?:on|through|via|with|using|in)\s+(?:our|my|the|an?)\s+(?:online|web|website|site)\s+"
    r"(?:[\w-]+\s+)?form\b|"
    # "every signup from our newsletter form", "request access on an internal form": the
    # items come from a form of the user's
    r"\b(?:from|on|through|via)\s+(?:our|my|an?)\s+(?:[a-z-]+\s+){0,2}form\b"
    r"(?!\s+(?:on|in)\s+(?:typeform|jotform|google))|"
    # "Leave requests from the HR form: …", "sign-ups via the church form": the items
    # named, coming from a form of the user's
    r"\b(?:requests?|sign-?ups?|submissions?|applications?|entries|responses?|bookings?|"
    r"enquiries|inquiries|registrations?|complaints?|claims?|referrals?|rsvps?)\s+"
    r"(?:(?:that\s+)?(?:come|comes|coming|arrive|arriving)\s+in\s+)?(?:from|through|via)\s+"
    r"the\s+(?:[a-z-]+\s+){0,2}form\b(?!\s+(?:on|in)\s+(?:typeform|jotform|google))|"
    # "Visitors check in with a form (name, company)", "sign up with our form": the people
    # behind the items come with a form of the user's (never "a form letter", "a form link")
    r"\b(?:check\s+in|sign\s+(?:up|in)|register|enrol\w*|apply|book|order|rsvp)\s+"
    r"(?:[\w'-]+\s+){0,5}?(?:with|using)\s+(?:our|my|an?|the)\s+(?:[a-z-]+\s+){0,2}form\b"
    r"(?!\s*(?:link|letter|url|template|field))|"
    r"\bfills? (?:in|out) (?:a |the |our |my )?(?:[\w-]+ ){1,3}form\b"
    r"(?!\s+(?:on|in)\s+(?:typeform|jotform|google))|"
    # "填了我们的活动报名表", "填写了网站上的问卷", "客户填写反馈表后", "用表单请假": a form
    # filled in, named by what it collects ("表格" is a spreadsheet, not a form), or used
    r"(?:填了|填写了?|填好了?|填完了?|提交了?)(?:我们的|我们|网站上的|网上的|官网上的|一份|一张|"
    r"一个|张|份|个)?[^，,。；;“”\s]{0,8}?"
    r"(?:(?:报名|申请|登记|反馈|预约|调查|注册|入职|评价)表(?!格)|问卷|表单)|"
    r"(?:用|通过|在)(?:我们的|网站上?的|网上的?|在线|线上)?表单|"
    # "客户在我网站的表单上约试听会", "咨询从官网表单进来", "在官网申请表提交材料": a form
    # on the user's site, named by what it collects or said as a form
    r"(?:网站|官网|网页|主页)上?的?(?:[^，,。；;“”\s]{0,4}?(?:表单|问卷)|"
    r"(?:报名|申请|登记|反馈|预约|调查|注册|咨询|联系|订购|留言)表(?!格))|"
    # "(周末)收到的官网表单留言": the received form entries, said as a noun
    r"收到的(?:[^，,。；;“”\s]{0,6}?)(?:表单|问卷)(?:留言|回复|提交|反馈)?|"
    r"\b(?:submitted|sent|coming|arriving|entered) (?:through|via|on|with|from|in) "
    r"(?:a |an |the |our |my )?(?:[\w-]+ )?form\b|"
    r"\b(?:make|create|build|set up|give me) (?:me )?(?:a|an) (?:[\w-]+ )?form\b|"
    r"表单提交|提交表单|填写表单|提交了表单|通过表单|做一个表单|创建一个表单|"
    # "Build me a simple customer feedback form", "帮我做一个洗牙预约表单": a form the user
    # asks to be made, named by what it collects
    r"\b(?:make|create|build|set up|give|design)\s+(?:me\s+|us\s+)?(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,4}?form\b(?!\s+(?:on|in)\s+(?:typeform|jotform|google))|"
    r"(?:做|建|创建|搭|搞|弄|生成|设计)(?:一个|一份|个|一张|张)[^，,。；;（(]{0,12}?表单"
)
TRIGGER_EMAIL = rx(
    r"\b(?:receive|get|gets|receives|got)\s+(?:an?\s+)?(?:new\s+)?(?:\w+\s+){0,2}e-?mails?|"
    r"\b(?:incoming|inbound|new|received|unread)\s+(?:\w+\s+){0,1}e-?mails?|"
    # "Emails from billing@… with 'Invoice' in the subject: …", "any email to help@… gets …":
    # mail named by its sender, recipient or subject, as the request's start
    r"(?:^\s*(?:all\s+|any\s+|every\s+|each\s+)?|\b(?:any|every|each|all)\s+)e-?mails?\s+"
    r"(?:from|sent\s+(?:to|by)|to|with|whose|containing|addressed\s+to)\b"
    # the sender's address, or who it is and the address in brackets ("from my bank (a@b.c)")
    r"(?:\s*(?:__mail\d+__|[\w.+-]*@[\w-]+(?:\.[\w-]+)+)|\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+"
    r"\s*[(（]\s*(?:__mail\d+__|[\w.+-]*@[\w-]+(?:\.[\w-]+)+)\s*[)）])?|"
    r"\be-?mails?\s+(?:arrives?|comes? in|is received|lands?)|\b(?:in|to) (?:my |our |the )?inbox|"
    # "when mail from __mail0__ comes in": mail said without "e-", named by its sender
    r"\bmail\s+from\s+__mail\d+__\s+(?:arrives?|comes? in|is received|lands?)|"
    r"\b(?:arrives?|comes? in|is received|are received|is sent to (?:us|me)|are sent to (?:us|me))"
    r"\s+(?:by|via|through|over|in an?)\s+e-?mail\b|"
    # ("收到发件人是 @bank.com 结尾的邮件": a sender said with spaces around its address)
    r"收到(?:的)?\S{0,6}?邮件|收到(?:的)?(?:[^，,。；;\s后时就把给再并]|\s(?=\S)){7,24}?"
    r"(?<![发寄])邮件|新邮件|来信|邮件(?:到达|进来|到了|来了)|邮箱收到|"
    # "收到 __mail0__ 发来的邮件", "从 __mail0__ 发来的邮件": mail named by its sender
    # "emails sent to __mail0__", "Mail arriving at __mail0__", "发到 __mail0__ 的邮件": mail
    # said as arriving at an address
    r"\b(?:e-?mails?|mail)\s+(?:that\s+(?:are\s+|gets?\s+)?)?(?:sent|coming|arriving|going|"
    r"forwarded|addressed|delivered|landing)\s+(?:in)?(?:to|at|in)\s+(?:the\s+)?__mail\d+__|"
    r"(?:发到|发往|寄到|寄往|进到|进入|到达)\s*__mail\d+__\s*(?:邮箱)?(?:里)?的?(?:所有|每封)?(?:新)?"
    r"(?:邮件|信)|__mail\d+__\s*(?:邮箱)?(?:收到|进来)的(?:新)?(?:邮件|信)|"
    r"__mail\d+__\s*(?:发来|寄来|发过来)的(?:新)?邮件|来自\s*__mail\d+__\s*的(?:新)?邮件|(?:通过|用)邮件(?:收到|发来|寄来)"
)
TRIGGER_RSS = rx(
    r"(?:订阅\s*(?:__url\d+__\s*)?(?:的\s*)?)?(?<![a-z])rss(?![a-z])(?:\s*(?:feed|源|订阅))?|"
    r"atom feed|\bnew (?:blog )?posts? (?:on|in) (?:the |a |my )?feed|订阅源|"
    # "New items on https://…/rss.xml should …": new entries at a URL are a feed's
    r"\bnew (?:items?|posts?|entries|articles?|episodes?|stories)\s+(?:on|in|from|at)\s+"
    r"(?:the\s+)?__url\d+__|"
    # "订阅 https://…/feed", "the feed at https://…", "博客的feed https://…", "this blog's feed"
    r"订阅\s*(?:一下|这个)?\s*__url\d+__|(?<![a-z])feed\s*(?:at|from|of|:|：)?\s*__url\d+__|"
    r"\b(?:blog|site|podcast|channel|news)(?:'s)? feed\b|"
    # "Watch the arXiv cs.LG feed (https://…)", "关注这个博客的feed（https://…）"
    r"(?<![a-z])feed\s*[(（]\s*__url\d+__|"
    r"\b(?:watch|monitor|follow|track|subscribe to|keep an eye on)\s+(?:the|this|that|our|my)\s+"
    r"(?:[\w.:-]+\s+){0,4}?feed\b"
)
TRIGGER_CHAT = rx(
    r"\bchat ?bots?\b|\bchat messages?\b|\bchat (?:assistant|widget|window|box)\b|"
    r"\b(?:website|site|web|live|in-app|support)\s+chat\b|"
    r"\b(?:assistant|bot|agent)\s+(?:that|which|who|to)\s+(?:\w+\s+){0,2}answers?\b|"
    r"聊天机器人|对话机器人|客服机器人|问答机器人|聊天窗口?|聊天框|在线客服|智能客服|"
    r"(?:助手|机器人)[^，,。]{0,6}回答"
)
# "I run this by hand before every semester", "每学期开学前我手动跑一次": the user says they start
# the run themselves (the times around it say when they do, not a schedule)
RUN_BY_HAND = rx(
    r"\b(?:i|we)(?:'ll|'d| will| would| just| usually| always)?\s+(?:run|trigger|start|kick off|"
    r"launch|fire)\s+(?:this|it|the (?:workflow|flow|automation))\s+(?:myself\s+|ourselves\s+)?"
    r"(?:by hand|manually|myself|ourselves|on demand)\b|"
    r"\b(?:i|we)(?:'ll| will| just| usually| always)?\s+manually\s+"
    r"(?:run|trigger|start|kick off)\b|"
    r"(?:我|我们)(?:自己)?(?:会|都|就)?(?:手动|手工|自己)(?:跑|运行|执行|触发|启动|点)|"
    r"(?:手动|手工)(?:跑|运行|执行|触发|启动)一(?:次|下|遍)"
)
# "手动运行就行", "Run it manually:", "Manual run is fine": a start by hand said outright, which
# wins over any event a later step's words suggest ("用Gmail发新年邮件")
MANUAL_SAID = rx(
    r"(?:手动|手工)(?:来)?(?:跑|运行|执行|触发|启动|点)(?:一下|一次|一遍)?"
    r"(?:就行了?|就好了?|就可以了?|即可|就够了?)|"
    r"(?:^|(?<=[.;:!?\n]))\s*(?:just\s+)?(?:run|start|trigger)\s+(?:it|this|the (?:workflow|flow|"
    r"automation))\s+manually\b|"
    r"\bmanual(?:ly)?\s+(?:run|start|trigger)(?:ing)?\s+is\s+(?:fine|enough|ok|okay)\b|"
    r"\bjust\s+(?:a\s+)?manual\s+(?:run|start|trigger)\b"
)
TRIGGER_MANUAL = rx(r"\bmanual\w*|\bon demand\b|\bwhen i click\b|手动|手工|按需")

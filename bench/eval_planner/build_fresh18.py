"""Builds ``requests_fresh18.jsonl``: an eighteenth fresh set for the planner, written blind.

Who and when: a helper session started by the project's lead wrote these 80 requests (ids
``y000``–``y079``, ``"split": "fresh18"``) on 2026-12-07 between 23:10 and 23:16 UTC (machine
clock, ``date -u`` at start 23:10:20, at end 23:16:18; reading the brief and the allowed files
first, then typing the requests and their checks), in its own worktree ``/work/wt-fresh18`` on
branch ``fresh18`` (the worktree did not exist yet; it was created from main's HEAD as the brief's
setup says).

What it read: the layout of this file came from ``build_fresh16.py`` (its module docstring, its
import block and the thirty lines after it only; none of its requests; the names of its
functions); ``build_set.py`` for the helpers, check kinds and the priors P1–P20 (printing the
whole file also showed the main set's request lines, which the brief allows reading);
``fresh_rows.py``; ``checks.py`` for what each check kind means; ``test_fresh_set.py`` (its
helpers, the set registry and the fresh16 per-set tests, to copy their shape; not the other
sets' hand-written workflows and no other set's request text); the set and check sections of
``docs/evaluation.md`` (the opening of "The set" and "The checks"; no results section); the
catalog (``docs/catalog.md``'s service table and trigger sections, ``flowsmith.core.catalog``
and ``flowsmith.core.services.verb_of`` through scripts) so that apps, operations and trigger
events are real; in ``run.py`` only the lines that register sets and the usage lines; in
``tests/n8n_real/runs.py`` the HELD_OUT tuple. It did not open the planner or agent code
(``src/flowsmith/planner/``, ``src/flowsmith/agent/``), any other file of ``tests/``, any other
``requests*.jsonl`` (the tests read them to count repeats only), any other ``build_fresh*.py``
body, ``test_fresh3_set.py``, ``test_fresh7_set.py``, ``ops_sweep.py``, ``trigger_sweep.py``,
``recheck.py`` or any ``run-*.json``; it never ran the planner, the server, ``make run``,
``run.py`` or the ``flowsmith`` CLI, nor ``ruff format``.

Slips: one. Printing the HELD_OUT tuple of ``tests/n8n_real/runs.py`` by a line range showed
about eight lines after it as well: the comment opening ``KNOWN_OURS`` and the start of its
first entry, i.e. one request sentence of an earlier set (a Chinese request about a podcast RSS
feed, transcription with OpenAI, a summary and a Google Docs document) and the start of its
recorded failure reason (the episode's audio is never downloaded before transcription). No
request of this set was written from it, and none is about that.

How it was written: the ordinary mix of what new users type, across many walks of life chosen
freely (most, not all, unlike the ones fresh16's docstring lists), 40 English and 40
Chinese requests (app names kept in English inside Chinese; typos, run-ons with chatter, terse
arrow notes, a bullet list, requests that give the why first). Each request was typed first,
then its checks from what a demanding user would insist on and no more: ``either``/``anyof``
where two graphs are equally right (a filter in the query or on the trigger instead of an IF, a
cron instead of a weekday or day-of-month IF, a code node instead of an aggregate),
``condition_satisfiable`` only where an IF/Switch/Filter is the natural way. Services the catalog
lacks are a webhook or an ``http_request`` whose text names them. 16 edits, one of each prior
P1–P16 (add before/after/also, remove, replace an app, reschedule, an hour window, guard a step,
an otherwise path, answer the webhook first), each with ``kept_ids``; some conditions are
two-sided and two are three-way routes. Two vague requests whose right answer is a question
(the shared composition test, which asked for at least three, now reads a per-set
``"questions"`` minimum; fresh18's is two, as its brief says). After the first draft, and
before anything was final, three checks were widened with an ``either`` to accept an equally
right graph and one missing check was added. After writing, a throwaway script checked every
``service``+``verb`` selector against the catalog's operations, every trigger ``event_like``
word against the app's events and every ``core`` subtype (356 in all; none failed). Final
counts: 40 English / 40 Chinese, 29 with a condition, 16 edits, 29 long tail, 2 vague.
``test_fresh_set.py`` holds hand-written right workflows for five creates (y002, y011, y027,
y034, y058) and three edits (y068, y073, y078) that pass every check, and checks that each
edit's prior left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh18.py   # rewrites requests_fresh18.jsonl
    .venv/bin/pytest bench/eval_planner/test_fresh_set.py  # well formed, without the planner

No check may be changed after the set has been run (see docs/evaluation.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fresh_rows  # noqa: E402
from build_set import (  # noqa: E402
    AIRTABLE_ADD,
    APPROVAL,
    DINGTALK,
    DISCORD,
    EMAIL,
    FEISHU,
    GH_ISSUE,
    GMAIL,
    HUBSPOT_ADD,
    MONDAY_ADD,
    NOTION_ADD,
    NQ,
    P1,
    P2,
    P3,
    P4,
    P5,
    P6,
    P7,
    P8,
    P9,
    P10,
    P11,
    P12,
    P13,
    P14,
    P15,
    P16,
    SAT,
    SHEETS_ADD,
    SHEETS_READ,
    SLACK,
    SMS,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    WEBHOOK_RESPONSE,
    WECOM,
    ZENDESK_ADD,
    ai,
    anyof,
    asks,
    branches,
    cond_text,
    core,
    either,
    guarded,
    http,
    kept,
    order,
    removed,
    request,
    sched,
    svc,
    trig,
    trigger_text,
    unguarded,
)

OUT = HERE / "requests_fresh18.jsonl"
SPLIT = "fresh18"
PREFIX = "y"

# common: the brief's ten plus HubSpot, Airtable and Trello (as fresh10 counts it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# schedule phrasings and selectors used more than once
WEEKDAYS_ONLY = either(
    trigger_text(["1-5", "mon-fri"]),
    cond_text(["weekday", "dayofweek", "day_of_week", "getday", "isoweekday", "weekend"]),
)
ON_THE_25TH = either(
    trigger_text([" 25 * *"]), cond_text(["getdate", ".day", "dayofmonth", "day_of_month", "25"])
)
FIRST_OF_MONTH = either(
    trigger_text([" 1 * *"]), cond_text(["getdate", ".day", "dayofmonth", "day_of_month", "date()"])
)
COUNTED = anyof(core("aggregate"), core("code"))
THREE_WAY = {"branch_count": {"min": 3}}
PUSHOVER = svc("pushover", "create")
MATTERMOST = svc("mattermost", "create")
GCAL_ADD = svc("google_calendar", "create")
GCAL_READ = svc("google_calendar", "read")
MAILCHIMP = svc("mailchimp", "create")
PIPEDRIVE_ADD = svc("pipedrive", "create")
CLICKUP_ADD = svc("clickup", "create")
JIRA_ADD = svc("jira", "create")
POSTGRES = svc("postgres")
WHATSAPP = svc("whatsapp", "create")


# ---------------------------------------------------------------- creates, English
R("every sunday 6pm pull the hive weights from our scale api https://hives.example.org/api/weights "
  "and if any hive dropped more than 2kg since last week text me on twilio",
  trig("schedule"), sched(at="18:00", weekday="sunday"), http("hives.example.org"), SMS,
  order(http("hives.example.org"), SMS), guarded(SMS, ["weight", "drop", "kg", "diff", "loss"]),
  SAT, NQ)
R("When a musician fills in the part request form on our website, add a row to the Parts sheet "
  "in Google Sheets and email the librarian at librarian@cityorch.example.org",
  trig(["form", "webhook"]), SHEETS_ADD, EMAIL, NQ)
R("our instructors keep missing the weather cancellations so: every morning at 6:30 check "
  "https://api.snowreport.example/resort/42 and if wind_kmh is over 60 post in the #instructors "
  "Slack channel that lessons are off, otherwise just log the reading in a google sheet",
  trig("schedule"), sched(at="06:30"), http("snowreport"), SLACK, SHEETS_ADD,
  branches(SLACK, SHEETS_ADD), guarded(SLACK, "wind"), SAT, NQ)
R("Low stock list for the pharmacy: each night at 11pm read our inventory from Airtable, keep the "
  "items where qty is under reorder_level, and create ONE Trello card listing all of them",
  trig("schedule"), sched(at="23:00"), svc("airtable", "read"), TRELLO_ADD,
  order(svc("airtable", "read"), TRELLO_ADD),
  either(guarded(TRELLO_ADD, ["qty", "reorder"]), svc("airtable", "read", ["qty", "reorder"])),
  COUNTED, NQ)
R("New adoption application from the form on our shelter website -> if they say they have a "
  "yard, make a card in the Trello 'Home visit' list; if not, email them our apartment pet guide",
  trig(["form", "webhook"]), TRELLO_ADD, EMAIL, branches(TRELLO_ADD, EMAIL),
  guarded(TRELLO_ADD, "yard"), SAT, NQ)
R("When a guest cancels a booking in Cal.com, delete the matching event from our Google Calendar "
  "and post a note in the #frontdesk Discord channel",
  trig("app_event", "cal_com", "cancel"), svc("google_calendar", "delete"), DISCORD, NQ)
R("I want a button I can press to kick off the model training job on Jenkins, and when the job "
  "is done post the result to our Mattermost channel",
  trig("manual"), svc("jenkins"), MATTERMOST, order(svc("jenkins"), MATTERMOST), NQ)
R("When someone books a session through the booking form on our tattoo studio site, send them "
  "the aftercare + deposit info from Gmail and add them as a contact in HubSpot",
  trig(["form", "webhook"]), GMAIL, HUBSPOT_ADD, NQ)
R("every 10 min get the vehicle positions from https://fleet.example.com/api/positions, if any "
  "car's speed is over 130 send a telegram message to the dispatcher",
  trig("schedule"), sched(every_minutes=10), http("fleet.example.com"), TELEGRAM,
  order(http("fleet.example.com"), TELEGRAM), guarded(TELEGRAM, "speed"), SAT, NQ)
R("shift swap form for nurses -> ward manager approves by email -> approved: update the roster "
  "in Google Sheets / rejected: email the nurse back",
  trig(["form", "webhook"]), APPROVAL, svc("google_sheets", ["create", "update"]), EMAIL,
  order(APPROVAL, svc("google_sheets", ["create", "update"])),
  branches(svc("google_sheets", ["create", "update"]), EMAIL), NQ)
R("Each Friday at 5pm, grab this week's results from our chess club Google Sheet, sort them by "
  "rating change and post the top 5 to Discord",
  trig("schedule"), sched(at="17:00", weekday="friday"), SHEETS_READ, DISCORD,
  order(SHEETS_READ, DISCORD), anyof(core("sort"), core("code")),
  anyof(core("limit"), core("code")), NQ)
R("When a Square payment comes in for an escape room booking, add it to Airtable, and if the "
  "group size is 8 or more also Telegram me so I can set up the big room",
  trig("app_event", "square", "payment"), AIRTABLE_ADD, unguarded(AIRTABLE_ADD), TELEGRAM,
  guarded(TELEGRAM, ["group", "size", "party", "player", "people"]), SAT, NQ)
R("customers email us quote requests - for every incoming email whose subject contains "
  "'quote', add the sender and subject to the Quotes google sheet and reply that we'll get back "
  "within a day",
  trig(["email", "app_event"]), SHEETS_ADD, EMAIL,
  either(guarded(SHEETS_ADD, ["subject", "quote"]), trigger_text("quote")), NQ)
R("Sailing club: every day at 5pm check the marine forecast at "
  "https://marine.example.net/forecast?spot=harbour and if tomorrow's gusts are over 25 knots send "
  "the 'racing cancelled' Mailchimp campaign to the members",
  trig("schedule"), sched(at="17:00"), http("marine.example.net"), MAILCHIMP,
  guarded(MAILCHIMP, ["gust", "knot", "wind"]), SAT, NQ)
R("When a WooCommerce order comes in for something in the 'live plants' category create a "
  "Todoist task to pack it within 24h; any other order just goes into our normal Google Sheet",
  trig("app_event", "woocommerce", "order"), svc("todoist", "create"), SHEETS_ADD,
  branches(svc("todoist", "create"), SHEETS_ADD),
  guarded(svc("todoist", "create"), ["categor", "live", "plant"]), SAT, NQ)
R("Stripe checkout completed for a fishing charter -> create the trip in our Google Calendar and "
  "text the captain",
  trig("app_event", "stripe", "checkout"), GCAL_ADD, SMS, NQ)
R("new student signs up on our language school site (it posts to a webhook), enrol them in "
  "Moodle through its REST API and answer the webhook with their login link",
  trig("webhook"), http("moodle"), WEBHOOK_RESPONSE, order(http("moodle"), WEBHOOK_RESPONSE), NQ)
R("On the 1st of every month at 9am pull last month's bookings from our Postgres database, total "
  "the revenue per room, and write the report into a new Google Doc",
  trig("schedule"), sched(at="09:00"), FIRST_OF_MONTH, POSTGRES,
  either(COUNTED, svc("postgres", None, ["sum(", "group by"])),
  svc("google_docs", "create"), order(POSTGRES, svc("google_docs", "create")), NQ)
R("whenever someone opens an issue on our GitHub repo with the label crash, post it in the #bugs "
  "channel on our Discord server. other issues can be ignored",
  trig("app_event", "github", "issue"), DISCORD,
  either(guarded(DISCORD, ["label", "crash"]), trigger_text("crash")), NQ)
R("When a homeowner submits our Google Form for a solar quote, take the roof size they entered, "
  "ask OpenAI for a rough panel count and price, email that estimate to them and add a deal in "
  "Pipedrive",
  trig("app_event", "google_forms", "form"), ai("any"), EMAIL, PIPEDRIVE_ADD,
  order(ai("any"), EMAIL), NQ)
R("Remind my grooming clients the day before - every day at 4pm read tomorrow's appointments from "
  "Google Calendar and send each client an SMS through Twilio",
  trig("schedule"), sched(at="16:00"), GCAL_READ, svc("twilio", "create"),
  order(GCAL_READ, svc("twilio", "create")), NQ)
R("every time someone posts in our choir telegram group with the word absent, put their name "
  "and the date in the attendance google sheet",
  trig("app_event", "telegram", "message"), SHEETS_ADD, guarded(SHEETS_ADD, "absent"), SAT, NQ)
R("Every 30 minutes read the greenhouse temperature from Home Assistant "
  "(sensor.greenhouse_temp) and if it is below 5 or above 35 send me a Pushover notification",
  trig("schedule"), sched(every_minutes=30), svc("home_assistant", "read"), PUSHOVER,
  order(svc("home_assistant", "read"), PUSHOVER), guarded(PUSHOVER, ["temp", "state"]), SAT, NQ)
R("Every weekday at 7am get today's USD to CNY rate from https://api.rates.example/latest and "
  "append it to the Rates tab of our google sheet",
  trig("schedule"), sched(at="07:00"), WEEKDAYS_ONLY, http("api.rates.example"), SHEETS_ADD,
  order(http("api.rates.example"), SHEETS_ADD), NQ)
R("When a new file lands in the Invoices folder on Google Drive, pull out vendor, amount and due "
  "date with AI and create a bill in QuickBooks",
  trig("app_event", "google_drive", "file"), ai("extract"), svc("quickbooks", "create"),
  order(ai("extract"), svc("quickbooks", "create")), NQ)
R("Every Thursday at 10am fetch next week's showtimes from https://cinema.example/api/showtimes "
  "and post them on our Facebook page",
  trig("schedule"), sched(at="10:00", weekday="thursday"), http("cinema.example"),
  svc("facebook", "create"), order(http("cinema.example"), svc("facebook", "create")), NQ)
R("Site managers send photos to our WhatsApp Business number. When a message comes in, save the "
  "photo to OneDrive under /Sites and log the sender and time in our Excel 365 sheet",
  trig("app_event", "whatsapp", "message"), svc("onedrive", "create"), svc("excel_365", "create"),
  NQ)
R("Marathon sign ups come through our form. Route by distance: full marathon entries get an email "
  "about the medical certificate, half marathon entries get added to the Mailchimp 'half' "
  "audience, fun run entries just go on the Google Sheet",
  trig(["form", "webhook"]), EMAIL, MAILCHIMP, SHEETS_ADD, branches(EMAIL, MAILCHIMP, SHEETS_ADD),
  THREE_WAY, SAT, NQ)
R("If any of our workflows errors out, open a GitHub issue in our it-helpdesk repo with the error "
  "message and ping me in Slack",
  trig("error"), GH_ISSUE, SLACK, NQ)
R("watch the rss https://climatefeed.example.org/rss, for each new item ask AI whether it's about "
  "climate tech, and only if yes save it to my Notion reading list",
  trig("rss"), ai("any"), NOTION_ADD, order(ai("any"), NOTION_ADD), guarded(NOTION_ADD), NQ)
R("hey! so we rent out campervans and log returns in Airtable. when a record changes to status "
  "Returned I want the cleaning crew to get a ClickUp task, and if damage_notes isn't empty also "
  "email our insurance guy",
  trig("app_event", "airtable", "record"), CLICKUP_ADD, EMAIL, guarded(EMAIL, "damage"),
  either(guarded(CLICKUP_ADD, ["status", "returned"]), trigger_text("returned")), SAT, NQ)
R("can you automate our onboarding?",
  asks("onboard", "which", "what", "tool", "app", "step", "who"))

# ---------------------------------------------------------------- creates, Chinese
R("每天早上7点把今天的预约从Google表格读出来，发到诊所医生的Telegram群里",
  trig("schedule"), sched(at="07:00"), SHEETS_READ, TELEGRAM, order(SHEETS_READ, TELEGRAM), NQ)
R("学员在驾校官网表单报名 → 存到Airtable → 给教练发邮件",
  trig(["form", "webhook"]), AIRTABLE_ADD, EMAIL, order(AIRTABLE_ADD, EMAIL), NQ)
R("客人在我们民宿网站上提交入住登记（走webhook），如果人数超过4人就发邮件给我确认要不要加床，"
  "不然直接回复登记成功",
  trig("webhook"), EMAIL, WEBHOOK_RESPONSE, branches(EMAIL, WEBHOOK_RESPONSE),
  guarded(EMAIL, ["人数", "guest", "people", "count", "num", "人"]), SAT, NQ)
R("护工每次在Google表单里填完巡房记录，如果血压那一栏高于160，立刻在钉钉群里通知值班护士长",
  trig("app_event", "google_forms", "form"), DINGTALK,
  guarded(DINGTALK, ["血压", "pressure", "bp"]), SAT, NQ)
R("我们是卖茶叶的小网店，用的有赞，好像没有现成的节点吧？那就这样：有赞的订单推送（webhook）进来以后，"
  "把订单写进Google Sheets，然后Telegram上提醒我发货",
  trig("webhook"), SHEETS_ADD, TELEGRAM, NQ)
R("每周一上午9点，从Notion的案件数据库里找出本周开庭的案子，汇总成一条消息发到Slack的#legal频道",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("notion", "read"), SLACK,
  order(svc("notion", "read"), SLACK),
  either(guarded(SLACK, ["开庭", "date", "hearing", "week"]),
         svc("notion", "read", ["date", "开庭", "hearing"])), NQ)
R("健身房会员在官网表单上提交退卡申请以后，帮我在HubSpot里更新这个联系人的状态为流失，再发邮件告诉店长",
  trig(["form", "webhook"]), svc("hubspot", "update"), EMAIL, NQ)
R("学生考试成绩录进Google表格新增一行的时候：90分以上发邮件给家长表扬一下，60分以下在Trello建一张补课卡片，"
  "其他的不用管",
  trig("app_event", "google_sheets", "row"), EMAIL, TRELLO_ADD, branches(EMAIL, TRELLO_ADD),
  guarded(TRELLO_ADD, ["分", "score", "成绩", "grade"]), SAT, NQ)
R("每隔15分钟调一下美团外卖开放平台的接口 https://waimai-openapi.example.com/orders 拉新订单，"
  "去重以后写进Airtable",
  trig("schedule"), sched(every_minutes=15), http("waimai-openapi"),
  anyof(core("remove_duplicates"), core("code")), AIRTABLE_ADD,
  order(http("waimai-openapi"), AIRTABLE_ADD), NQ)
R("订阅这个RSS https://sspai.example.com/feed ，每篇新文章让AI写个三句话的摘要，"
  "发到我的Discord频道",
  trig("rss"), ai("summarize"), DISCORD, order(ai("summarize"), DISCORD), NQ)
R("每天下午4点读一下Google表格里今天的接送记录，如果有小朋友还没被接走（状态不是已接），就发Telegram消息给班主任",
  trig("schedule"), sched(at="16:00"), SHEETS_READ, TELEGRAM, order(SHEETS_READ, TELEGRAM),
  guarded(TELEGRAM, ["状态", "status", "已接"]), SAT, NQ)
R("业主报修的小程序会POST到我们的webhook，先马上返回200，然后把报修内容写进Notion，再发邮件给维修师傅",
  trig("webhook"), NOTION_ADD, EMAIL,
  either(order(WEBHOOK_RESPONSE, NOTION_ADD), trigger_text("on_received")), NQ)
R("顾客在Shopify下单的时候，如果买的是活体（商品类型是活体），就在飞书群里提醒店员准备健康证明",
  trig("app_event", "shopify", "order"), FEISHU,
  guarded(FEISHU, ["类型", "type", "活体", "product"]), SAT, NQ)
R("图书馆新书登记在Airtable里，每次有新记录就自动在我们的Telegram频道发一条新书推荐",
  trig("app_event", "airtable", "record"), TELEGRAM, NQ)
R("GitHub上我们仓库有人提PR的时候，用AI把代码改动总结一下，再评论到这个PR下面",
  trig("app_event", "github", "pull"), ai("any"), svc("github", "create"),
  order(ai("any"), svc("github", "create")), NQ)
R("给餐厅做一个聊天机器人，客人问菜单、营业时间这些就用AI回答，回答不了的转到Slack的#前台频道",
  trig("chat"), ai("any"), SLACK, NQ)
R("手动运行就行：把Trello看板上所有还没完成的卡片导出到Google表格",
  trig("manual"), svc("trello", "read"), SHEETS_ADD, order(svc("trello", "read"), SHEETS_ADD), NQ)
R("每周日晚上8点从arxiv的接口 http://export.arxiv.example.org/api/query?cat=cs.CL 取新论文，"
  "让AI挑出跟RAG有关的，整理好存进Notion",
  trig("schedule"), sched(at="20:00", weekday="sunday"), http("arxiv"), ai("any"), NOTION_ADD,
  order(http("arxiv"), NOTION_ADD), NQ)
R("官网有人留言（webhook进来）就看一下预算，预算20万以上的存进HubSpot，并且发邮件通知销售经理；"
  "20万以下的只存到Google表格",
  trig("webhook"), HUBSPOT_ADD, SHEETS_ADD, EMAIL, branches(HUBSPOT_ADD, SHEETS_ADD),
  guarded(HUBSPOT_ADD, ["预算", "budget"]), guarded(EMAIL), SAT, NQ)
R("每天晚上11点统计一下Trello上“已发布”列表里有几张卡片，把数量发到Telegram",
  trig("schedule"), sched(at="23:00"), svc("trello", "read"), TELEGRAM,
  either(COUNTED, svc("telegram", "create", ["length", "count"])),
  order(svc("trello", "read"), TELEGRAM), NQ)
R("社团招新表单提交以后，在我们的Discord里发一条欢迎新成员的消息",
  trig(["form", "webhook"]), DISCORD, NQ)
R("Stripe有退款的时候，不管多少都记到Google表格；退款金额大于100美元的再单独发邮件给我",
  trig("app_event", "stripe", "refund"), SHEETS_ADD, unguarded(SHEETS_ADD), EMAIL,
  guarded(EMAIL, ["amount", "金额"]), SAT, NQ)
R("需求：\n- 每天早上8点\n- 从Airtable读今天要开工的工地\n"
  "- 每个工地给工长发一封邮件，写上地址和材料清单",
  trig("schedule"), sched(at="08:00"), svc("airtable", "read"), EMAIL,
  order(svc("airtable", "read"), EMAIL), NQ)
R("学员在我网站的表单上传饮食照片以后，用AI估算一下热量，再把结果发邮件回给学员",
  trig(["form", "webhook"]), ai("any"), EMAIL, order(ai("any"), EMAIL), NQ)
R("GitHub仓库发新release的时候，自动同步到我们的Telegram频道和Discord",
  trig("app_event", "github", "release"), TELEGRAM, DISCORD, NQ)
R("月底老是忘了催客户交材料，所以每个月25号上午10点，从Google表格读客户名单，给每个客户发一封催交材料的邮件",
  trig("schedule"), sched(at="10:00"), ON_THE_25TH, SHEETS_READ, EMAIL,
  order(SHEETS_READ, EMAIL), NQ)
R("客户在网站下单保洁服务（webhook）以后按服务类型分派：深度保洁在Trello建卡片，日常保洁发Telegram到阿姨群，"
  "其他类型发邮件给我",
  trig("webhook"), TRELLO_ADD, TELEGRAM, EMAIL, branches(TRELLO_ADD, TELEGRAM, EMAIL),
  THREE_WAY, SAT, NQ)
R("每天早上9点查一下比特币价格（用 https://api.coingecko.example/simple/price?ids=bitcoin ），"
  "跌破5万美元就发Telegram提醒我",
  trig("schedule"), sched(at="09:00"), http("coingecko"), TELEGRAM,
  order(http("coingecko"), TELEGRAM), guarded(TELEGRAM, ["price", "usd", "价格", "bitcoin"]), SAT,
  NQ)
R("gmail收到主题带“报价”的邮件 -> AI提取客户名、预算、活动日期 -> 存Airtable",
  trig(["email", "app_event"]), ai("extract"), AIRTABLE_ADD, order(ai("extract"), AIRTABLE_ADD),
  either(guarded(AIRTABLE_ADD, ["报价", "subject"]), trigger_text("报价")), NQ)
R("仓库这边每小时查一次MySQL的库存表，库存低于安全库存的商品发到钉钉群里",
  trig("schedule"), sched(every_minutes=60), svc("mysql"), DINGTALK,
  order(svc("mysql"), DINGTALK),
  either(guarded(DINGTALK, ["库存", "stock", "qty", "safety"]),
         svc("mysql", None, ["安全", "safety", "stock <", "< safety"])), NQ)
R("每周五下午3点，把Notion里本周的作业清单发到家长的企业微信群",
  trig("schedule"), sched(at="15:00", weekday="friday"), svc("notion", "read"), WECOM,
  order(svc("notion", "read"), WECOM), NQ)
R("帮我做一个自动化，让我们店的生意更好",
  asks("哪", "什么", "which", "what", "店", "业务"))

# ---------------------------------------------------------------- edits, one of each prior P1-P16
R("also save the raw sales JSON to Google Drive every day, right after we fetch it",
  svc("google_drive", "create"), order(http("api.example.com"), svc("google_drive", "create")),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P1)
R("只有公司邮箱的线索才给我发邮件，gmail、qq邮箱这种个人邮箱的就只记到表格里",
  guarded(GMAIL, ["email", "邮箱", "gmail", "qq"]), unguarded(SHEETS_ADD),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("we moved off monday.com to ClickUp last week, swap that step over pls",
  CLICKUP_ADD, removed(MONDAY_ADD), kept("n1", "n3"), NQ, prior=P3)
R("stop emailing me at 3am lol. only check between 8am and 10pm",
  either(trigger_text(["8-21", "8-22", "08-21", "08-22"]),
         cond_text(["hour", "gethours", "$now", "date_time"])),
  kept("n2", "n3", "n4"), NQ, prior=P4)
R("其他类别的邮件现在没人管，全部转到Slack的#support频道",
  SLACK, branches(ZENDESK_ADD, JIRA_ADD, SLACK), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("we don't need the slack ping anymore, the channel is just noise. keep logging to the sheet",
  removed(SLACK), kept("n1", "n2"), NQ, prior=P6)
R("查询结果也存一份到Google表格里，留个历史记录",
  SHEETS_ADD, order(POSTGRES, SHEETS_ADD), kept("n1", "n2", "n3"), NQ, prior=P7)
R("我们很多工单是西班牙语的，情感分析之前先用DeepL翻译成英文",
  anyof(svc(["deepl", "google_translate"]), ai("translate")),
  order(anyof(svc(["deepl", "google_translate"]), ai("translate")), ai("sentiment")),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("if their budget is under 1k don't bother putting them in HubSpot, but everyone still gets the "
  "thank you email",
  guarded(svc("hubspot"), "budget"), unguarded(EMAIL), kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
R("the monitoring tool retries when we don't answer within 5 seconds, so reply 200 right away "
  "before doing anything else",
  either(unguarded(WEBHOOK_RESPONSE), trigger_text("on_received")),
  kept("n1", "n2", "n3", "n4"), NQ, prior=P10)
R("机器人账号点的star就别发了，用户名里带bot的跳过",
  guarded(DISCORD, ["login", "bot", "sender", "user"]), kept("n1", "n2"), SAT, NQ, prior=P11)
R("Telegram换成LINE推送吧",
  svc("line", "create"), removed(TELEGRAM), kept("n1", "n2"), NQ, prior=P12)
R("once a purchase is approved also post it to #purchasing on Slack",
  SLACK, guarded(SLACK), order(APPROVAL, SLACK), kept("n1", "n2", "n3", "n4"), NQ, prior=P13)
R("改成工作日早上8点半跑",
  sched(at="08:30"), WEEKDAYS_ONLY, kept("n2", "n3", "n4"), NQ, prior=P14)
R("写数据库之前先在Postgres里查一下这个邮箱是不是注册过，注册过的直接返回409，别的照旧",
  core("webhook_response", "409"), branches(core("webhook_response", "409"), MAILCHIMP),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("if nobody resolved anything that week just skip the Teams post",
  guarded(TEAMS), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P16)


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


def composition(rows: list[dict[str, Any]]) -> dict[str, int]:
    return fresh_rows.composition(rows)


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()

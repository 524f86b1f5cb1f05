"""Builds ``requests.jsonl``: the planner evaluation set, written by hand.

Every request's checks say what a demanding user would want from it, written before the
planner ever ran on it and without reading the planner (see docs/evaluation.md). This file is
only a compact way to write them; ``requests.jsonl`` is what the scorer reads.

    .venv/bin/python bench/eval_planner/build_set.py   # rewrites requests.jsonl

Split, fixed before any run: request number i (0-based, file order) is held out when
i % 3 == 2; the rest is ``dev``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "requests.jsonl"

TOP_TEN = {"slack", "gmail", "google_sheets", "email", "telegram", "discord", "notion",
           "github", "http", "webhook"}


# ---------------------------------------------------------------- selectors
def svc(app: str | list[str], verb: str | None = None, text: str | list[str] | None = None):
    s: dict[str, Any] = {"service": app}
    if verb:
        s["verb"] = verb
    if text:
        s["text"] = text
    return s


def core(subtype: str | list[str], text: str | list[str] | None = None):
    s: dict[str, Any] = {"core": subtype}
    if text:
        s["text"] = text
    return s


def ai(kind: str = "any"):
    return {"ai": kind}


def anyof(*sels):
    return {"any": list(sels)}


APPROVAL = {"approval": True}
EMAIL = anyof(core(["send_email", "gmail_send"]), svc(["gmail", "microsoft_outlook", "outlook"], "create"))
GMAIL = anyof(core("gmail_send"), svc("gmail", "create"))
OUTLOOK = svc(["microsoft_outlook", "outlook"], "create")
SLACK = svc("slack", "create")
TEAMS = svc("microsoft_teams", "create")
TELEGRAM = svc("telegram", "create")
DISCORD = svc("discord", "create")
SHEETS_ADD = svc("google_sheets", "create")
SHEETS_READ = svc("google_sheets", "read")
SHEETS_UPDATE = svc("google_sheets", "update")
NOTION_ADD = svc("notion", "create")
GH_ISSUE = svc("github", "create")
JIRA_ADD = svc("jira", "create")
HUBSPOT_ADD = svc("hubspot", "create")
SF_ADD = svc("salesforce", "create")
ASANA_ADD = svc("asana", "create")
TRELLO_ADD = svc("trello", "create")
ZENDESK_ADD = svc("zendesk", "create")
SNOW_ADD = svc("servicenow", "create")
AIRTABLE_ADD = svc("airtable", "create")
MAILCHIMP_ADD = svc("mailchimp", "create")
PIPEDRIVE_ADD = svc("pipedrive", "create")
LINEAR_ADD = svc("linear", "create")
CLICKUP_ADD = svc("clickup", "create")
MONDAY_ADD = svc(["monday_com", "monday", "mondaycom"], "create")
DINGTALK = svc("dingtalk", "create")
FEISHU = svc(["feishu", "lark"], "create")
WECOM = svc(["wecom", "wechat_work"], "create")
SMS = svc(["twilio", "vonage", "messagebird", "plivo", "aliyun_sms"], "create")
POSTGRES = svc("postgres")
MONGO = svc("mongodb")
DROPBOX_UP = svc("dropbox", "create")
BOX_UP = svc("box", "create")
OPENAI = anyof(ai("any"))
WEBHOOK_RESPONSE = core("webhook_response")
WAIT = core("wait")
COND = {"condition_node": True}


def http(text: str | list[str] | None = None):
    return core("http_request", text)


# ---------------------------------------------------------------- checks
def trig(kind: str | list[str], app: str | list[str] | None = None,
         event: str | list[str] | None = None):
    c: dict[str, Any] = {"trigger": kind}
    if app:
        c["app"] = app
    if event:
        c["event_like"] = event
    return c


def order(a, b):
    return {"order": [a, b]}


def guarded(a, field: str | list[str] | None = None):
    c: dict[str, Any] = {"guarded": a}
    if field:
        c["by_field"] = field
    return c


def branches(*sels):
    return {"branches": list(sels)}


def unguarded(a):
    return {"unguarded": a}


def absent(a):
    return {"absent": a}


def removed(a):
    return {"removed": a}


def kept(*ids):
    return {"kept_ids": list(ids)}


def sched(every_minutes: int | None = None, at: str | None = None, weekday: str | None = None):
    c: dict[str, Any] = {}
    if every_minutes:
        c["every_minutes"] = every_minutes
    if at:
        c["at"] = at
    if weekday:
        c["weekday"] = weekday
    return {"schedule": c}


def asks(*words):
    return {"asks_about": list(words)}


def trigger_text(words: str | list[str]) -> dict[str, Any]:
    """A trigger node whose parameters mention one of ``words`` (a filter set on the trigger)."""
    return {"trigger_node": True, "text": words}


def cond_text(words: str | list[str]) -> dict[str, Any]:
    """A condition node (IF, Switch, Filter) whose parameters mention one of ``words``."""
    return {"condition_node": True, "text": words}


def either(*checks) -> dict[str, Any]:
    """Any of these checks passes."""
    return {"any": list(checks)}


def appr(text: str) -> dict[str, Any]:
    """An approval step whose parameters name ``text`` (the approver)."""
    return {"approval": True, "text": text}


def avoiding(to: dict[str, Any], avoid: dict[str, Any]) -> dict[str, Any]:
    """Some path from the trigger reaches ``to`` without passing ``avoid``."""
    return {"path_avoiding": {"to": to, "avoid": avoid}}


def both_paths(sel: dict[str, Any]) -> dict[str, Any]:
    """``sel`` runs whatever the condition says: once before the split, or once on each side."""
    return either(unguarded(sel), branches(sel, sel))


SAT = {"condition_satisfiable": True}
NQ = {"no_question": True}
UNCHANGED = {"unchanged": True}


# ---------------------------------------------------------------- priors
TRIGGERS = {"manual_trigger", "schedule_trigger", "webhook_trigger", "email_trigger",
            "form_trigger", "chat_trigger", "rss_trigger", "error_trigger", "app_event_trigger"}
FAMILY = {
    "http_request": "ACTION", "set_fields": "ACTION", "aggregate": "ACTION", "sort": "ACTION",
    "remove_duplicates": "ACTION", "limit": "ACTION", "split_out": "ACTION", "code": "ACTION",
    "web_page_check": "ACTION", "html_extract": "ACTION", "date_time": "ACTION",
    "text_template": "ACTION",
    "if": "FLOW", "switch": "FLOW", "merge": "FLOW", "loop": "FLOW", "filter": "FLOW",
    "wait": "FLOW", "no_op": "FLOW", "stop_and_error": "FLOW",
    "llm_chat": "AI_AGENT", "summarizer": "AI_AGENT", "text_classifier": "AI_AGENT",
    "sentiment_analysis": "AI_AGENT", "information_extractor": "AI_AGENT",
    "ai_agent": "AI_AGENT",
    "approval_email": "HUMAN_IN_THE_LOOP", "approval_slack": "HUMAN_IN_THE_LOOP",
    "form_review": "HUMAN_IN_THE_LOOP",
}


def N(node_id: str, subtype: str, params: dict[str, Any], name: str | None = None):
    if subtype in TRIGGERS or subtype.endswith("_trigger"):
        family = "TRIGGER"
    else:
        family = FAMILY.get(subtype, "EXTERNAL_ACTION")
    return {"id": node_id, "name": name or subtype.replace("_", " ").title(), "type": family,
            "subtype": subtype, "parameters": params}


def W(name: str, nodes: list[dict[str, Any]], edges: list[Any]):
    conns = []
    for e in edges:
        if len(e) == 2:
            conns.append({"from_node": e[0], "to_node": e[1], "from_output": "main"})
        else:
            conns.append({"from_node": e[0], "to_node": e[1], "from_output": e[2]})
    return {"name": name, "nodes": nodes, "connections": conns}


def chain(*ids):
    return [(a, b) for a, b in zip(ids, ids[1:], strict=False)]


SCHED_HOURLY = {"interval": "hours", "every": 1}
SCHED_DAILY8 = {"interval": "days", "every": 1, "at_time": "08:00"}


# ---------------------------------------------------------------- the set
REQUESTS: list[dict[str, Any]] = []


def request(text: str, *checks, prior=None, tags=(), note: str | None = None) -> dict[str, Any]:
    """One request of a set: its text, checks and optional prior, tags and note."""
    r: dict[str, Any] = {"request": text, "checks": list(checks)}
    if prior is not None:
        r["prior"] = prior
    if tags:
        r["tags"] = list(tags)
    if note:
        r["note"] = note
    return r


def R(text: str, *checks, prior=None, tags=(), note: str | None = None):
    REQUESTS.append(request(text, *checks, prior=prior, tags=tags, note=note))


# ---- creates, English
R("Every morning at 8 fetch https://api.example.com/sales/yesterday and post a summary to our #sales Slack channel",
  trig("schedule"), sched(at="08:00"), http("api.example.com/sales"), SLACK, order(http("api.example.com"), SLACK), NQ)
R("When someone stars my GitHub repo acme/widgets, send a message to our Discord #community channel",
  trig("app_event", "github", ["star", "watch"]), DISCORD, NQ)
R("When a new Shopify order comes in, add it as a row to my Google Sheet 'Orders' and, if the order total is over 500, also text me on my phone via Twilio",
  trig("app_event", "shopify", "order"), SHEETS_ADD, unguarded(SHEETS_ADD), SMS,
  guarded(SMS, ["total", "price", "amount"]), SAT, NQ)
R("When a Typeform is submitted, create a contact in HubSpot and email the person a thank-you note",
  trig("app_event", "typeform", ["submit", "response", "form"]), HUBSPOT_ADD, EMAIL, NQ)
R("If a new Jira issue is created with priority Highest, page the on-call team in Microsoft Teams; otherwise just add it to the weekly triage sheet in Google Sheets",
  trig("app_event", "jira", ["issue", "created"]), TEAMS, SHEETS_ADD, branches(TEAMS, SHEETS_ADD),
  guarded(TEAMS, "priority"), SAT, NQ)
R("Every 15 minutes check https://status.example.com/api/health and if it isn't returning ok, post an alert in Slack #ops",
  trig("schedule"), sched(every_minutes=15), http("status.example.com"), SLACK, guarded(SLACK),
  order(http("status.example.com"), SLACK), SAT, NQ)
R("When a Stripe payment fails, create a Zendesk ticket for the customer and notify #billing on Slack",
  trig(["app_event", "webhook"], "stripe", ["fail", "charge", "payment"]), ZENDESK_ADD, SLACK, NQ)
R("Each Monday at 9am, pull all open deals from Pipedrive, sort them by value, keep the top 10 and email the list to sales-lead@acme.io",
  trig("schedule"), sched(at="09:00", weekday="monday"), svc("pipedrive", "read"), core("sort"),
  core("limit"), EMAIL, order(svc("pipedrive", "read"), core("sort")), order(core("sort"), core("limit")),
  order(core("limit"), EMAIL), NQ)
R("When a new lead fills the contact form on our website (a webhook), add them to Salesforce as a lead and reply to the webhook with {\"ok\": true}",
  trig("webhook"), SF_ADD, WEBHOOK_RESPONSE, NQ)
R("Watch the RSS feed https://blog.example.com/feed and for every new post, summarise it with AI and send the summary to my Telegram",
  trig("rss"), ai("summarize"), TELEGRAM, order(ai("summarize"), TELEGRAM), NQ)
R("When I get an email in Gmail from my boss with an invoice attached, save the attachment to Dropbox folder /Invoices",
  trig(["email", "app_event"], "gmail"), DROPBOX_UP, NQ)
R("When a new ticket is created in Zendesk, run sentiment analysis on it; if the sentiment is negative escalate it by creating a Jira bug, otherwise do nothing",
  trig("app_event", "zendesk", "ticket"), ai("sentiment"), JIRA_ADD, guarded(JIRA_ADD, ["sentiment", "negative"]),
  order(ai("sentiment"), JIRA_ADD), SAT, NQ)
R("Ask my manager (manager@acme.io) to approve any purchase request submitted through our form. If approved, create a purchase order row in Airtable; if rejected, email the requester that it was declined.",
  trig("form"), APPROVAL, AIRTABLE_ADD, EMAIL, branches(AIRTABLE_ADD, EMAIL), order(APPROVAL, AIRTABLE_ADD), NQ)
R("Every day at 6pm query our Postgres orders table for today's orders, total them per region, and post the totals to Microsoft Teams",
  trig("schedule"), sched(at="18:00"), POSTGRES, core("aggregate"), TEAMS, order(POSTGRES, TEAMS), NQ)
R("When a new subscriber is added in Mailchimp, add them to the 'Newsletter' Airtable base",
  trig("app_event", "mailchimp", "subscribe"), AIRTABLE_ADD, NQ)
R("When a new issue is opened in our GitHub repo, classify it as bug, feature or question with AI; bugs go to Linear, features to our Notion roadmap database, questions get a Slack ping to #support",
  trig("app_event", "github", "issue"), ai("classify"), LINEAR_ADD, NOTION_ADD, SLACK,
  branches(LINEAR_ADD, NOTION_ADD, SLACK), NQ)
R("Send me an SMS via Twilio if the temperature from https://api.weather.example.com/berlin goes below 0, check every hour",
  trig("schedule"), sched(every_minutes=60), http("api.weather.example.com"), SMS,
  guarded(SMS, ["temp"]), SAT, NQ)
R("When a new row is added to my Google Sheet 'Leads', create a deal in Pipedrive",
  trig("app_event", "google_sheets", ["row", "add", "append"]), PIPEDRIVE_ADD, NQ)
R("build me a workflow that takes new Trello cards in the Bugs list and creates matching issues in Jira",
  trig("app_event", "trello", "card"), JIRA_ADD, NQ)
R("If the budget field of a new Asana task is over 10000, ask the finance lead to approve it in Slack; otherwise just mark it approved by adding a comment to the task",
  trig("app_event", "asana", "task"), APPROVAL, guarded(APPROVAL, "budget"), svc("asana", ["create", "update"]),
  SAT, NQ)
R("Every hour, get new orders from Shopify, remove duplicates by order id and insert them into MongoDB",
  trig("schedule"), sched(every_minutes=60), svc("shopify", "read"), core("remove_duplicates"), MONGO,
  order(core("remove_duplicates"), MONGO), NQ)
R("When a customer submits a refund request on our form: under $100 refund automatically in Stripe, over $1000 ask my manager to approve first, otherwise create a Zendesk ticket for the support team",
  trig(["form", "webhook"]), svc("stripe", "create"), APPROVAL, ZENDESK_ADD,
  branches(svc("stripe"), APPROVAL, ZENDESK_ADD), SAT, NQ)
R("Translate every new message in our #global Slack channel to English with OpenAI and post the translation in the thread",
  trig("app_event", "slack", "message"), ai("translate"), SLACK, order(ai("translate"), SLACK), NQ)
R("On a schedule every weekday at 7:30, get today's meetings from my Outlook calendar and send me a summary on Microsoft Teams",
  trig("schedule"), sched(at="07:30"), svc(["microsoft_outlook", "outlook"], "read"), TEAMS, NQ)
R("When a file is uploaded to our Box folder 'Contracts', extract the parties, start date and amount with AI and add a row to the Contracts sheet in Google Sheets",
  trig("app_event", "box", ["upload", "file", "created"]), ai("extract"), SHEETS_ADD,
  order(ai("extract"), SHEETS_ADD), NQ)
R("When a ServiceNow incident is created with priority 1, call the on-call engineer with Twilio and open a channel message in Slack #incidents",
  trig(["app_event", "webhook"], "servicenow", "incident"), SMS, SLACK, guarded(SMS, "priority"), SAT, NQ)
R("Create a webhook that receives JSON with name and email, validates that email is not empty, creates a HubSpot contact and returns the contact id in the response; if email is empty return a 400 error",
  trig("webhook"), HUBSPOT_ADD, WEBHOOK_RESPONSE, guarded(HUBSPOT_ADD, "email"),
  branches(HUBSPOT_ADD, core("webhook_response", "400")), SAT, NQ)
R("When a Typeform survey response arrives, if the NPS score is 9 or 10 add the respondent to the Mailchimp 'Promoters' audience, if it's 6 or lower create a ClickUp task for customer success to follow up",
  trig("app_event", "typeform", ["submit", "response", "form"]), MAILCHIMP_ADD, CLICKUP_ADD,
  branches(MAILCHIMP_ADD, CLICKUP_ADD), guarded(MAILCHIMP_ADD, ["nps", "score"]), SAT, NQ)
R("Every night at 2am export all new HubSpot contacts from the day and upload them as a CSV file to Dropbox",
  trig("schedule"), sched(at="02:00"), svc("hubspot", "read"), DROPBOX_UP, order(svc("hubspot", "read"), DROPBOX_UP), NQ)
R("When a new Linear issue gets the label 'customer', create a matching ticket in Zendesk and post a link in Slack",
  trig("app_event", "linear", "issue"), ZENDESK_ADD, SLACK, guarded(ZENDESK_ADD, "label"), SAT, NQ)
R("When a payment succeeds in Stripe, wait 3 days and then send the customer a feedback email",
  trig(["app_event", "webhook"], "stripe", ["succeed", "payment", "charge"]), WAIT, EMAIL, order(WAIT, EMAIL), NQ)
R("I want an AI chatbot on my website that answers questions about our product using our docs at https://docs.example.com and remembers the conversation",
  trig("chat"), ai("agent"), NQ)
R("If any workflow fails, send the error details to #alerts in Slack and email ops@acme.io",
  trig("error"), SLACK, EMAIL, NQ)
R("Every 30 min read the 'Inventory' Google Sheet and for each product with stock below 5 create a purchase task in Asana",
  trig("schedule"), sched(every_minutes=30), SHEETS_READ, ASANA_ADD, guarded(ASANA_ADD, "stock"),
  order(SHEETS_READ, ASANA_ADD), SAT, NQ)
R("Whenever a deal in Salesforce moves to Closed Won, create a project board item in monday.com and tell the delivery team in Microsoft Teams",
  trig("app_event", "salesforce", ["opportunity", "deal", "update"]), MONDAY_ADD, TEAMS,
  guarded(MONDAY_ADD, ["stage", "closed", "won"]), SAT, NQ)
R("Post a message to our DingTalk group every Friday at 5pm reminding everyone to fill in their timesheets",
  trig("schedule"), sched(at="17:00", weekday="friday"), DINGTALK, NQ)
R("When an email arrives in my support inbox, classify it as billing, technical or other with AI, and create a ticket in the matching Zendesk group; for 'other' just forward it to me",
  trig(["email", "app_event"]), ai("classify"), ZENDESK_ADD, EMAIL, branches(ZENDESK_ADD, EMAIL), NQ)
R("Send a welcome SMS through Twilio to every new Shopify customer",
  trig("app_event", "shopify", "customer"), SMS, NQ)
R("Monitor competitor prices on https://shop.example.com/item/42 every 6 hours and if the price drops below $80 notify me on Telegram, otherwise log the price to Airtable",
  trig("schedule"), sched(every_minutes=360), TELEGRAM, AIRTABLE_ADD, branches(TELEGRAM, AIRTABLE_ADD),
  guarded(TELEGRAM, "price"), SAT, NQ)
R("When a new Airtable record is created in the Applicants table, use AI to score the CV and, only if the score is above 7, schedule an interview by sending a Calendly link via Gmail",
  trig("app_event", "airtable", "record"), ai("any"), GMAIL, guarded(GMAIL, "score"), SAT, NQ)
R("Collect all GitHub issues closed this week every Friday, group them by label and write a summary page in Notion",
  trig("schedule"), sched(weekday="friday"), svc("github", "read"), core("aggregate"), NOTION_ADD,
  order(svc("github", "read"), NOTION_ADD), NQ)
R("When someone books a meeting through our webhook, check the meeting size: small meetings go to the Slack channel #small, large ones need approval from the office manager by email, and if approved add them to the Outlook calendar",
  trig("webhook"), SLACK, APPROVAL, svc(["microsoft_outlook", "outlook"], "create"),
  branches(SLACK, APPROVAL), order(APPROVAL, svc(["microsoft_outlook", "outlook"])), SAT, NQ)
R("every day at noon get the top 5 posts from https://hacker-news.firebaseio.com/v0/topstories.json and send them to my email",
  trig("schedule"), sched(at="12:00"), http("hacker-news.firebaseio.com"), core("limit"), EMAIL,
  order(http("hacker-news"), EMAIL), NQ)
R("When a ClickUp task is marked complete, send the client a notification email through Outlook and update the project row in Airtable",
  trig("app_event", "clickup", ["task", "status", "updated"]), OUTLOOK, svc("airtable", ["update", "create"]), NQ)
R("Whenever a new issue is created in Jira project OPS, create a card in Trello board 'Ops' and post the link to Microsoft Teams",
  trig("app_event", "jira", ["issue", "created"]), TRELLO_ADD, TEAMS, NQ)
R("Sync new Pipedrive deals into HubSpot every hour, skipping ones already there",
  trig("schedule"), sched(every_minutes=60), svc("pipedrive", "read"), svc("hubspot", ["create", "update"]), NQ)
R("When a customer's subscription is cancelled in Stripe, ask OpenAI to write a personalised win-back email and send it with Mailchimp or Gmail",
  trig(["app_event", "webhook"], "stripe", ["cancel", "subscription", "deleted"]), ai("any"),
  anyof(EMAIL, svc("mailchimp")), NQ)
R("If the weather API at https://api.weather.example.com/today says rain, post 'bring an umbrella' to Slack #office at 7am, if it says snow post 'work from home' instead, otherwise post nothing",
  trig("schedule"), sched(at="07:00"), http("api.weather.example.com"), SLACK, guarded(SLACK), SAT, NQ)
R("Import every row of our 'Customers' Google Sheet into Salesforce as accounts; run it when I click a button",
  trig("manual"), SHEETS_READ, SF_ADD, order(SHEETS_READ, SF_ADD), NQ)
R("Alert me on Telegram when the response time of https://api.acme.io/ping is over 2 seconds, checking every 5 minutes",
  trig("schedule"), sched(every_minutes=5), http("api.acme.io"), TELEGRAM, guarded(TELEGRAM), SAT, NQ)
R("When a new form submission comes in with a job application, send the CV text to AI to extract name, email and years of experience, and save those into Postgres",
  trig(["form", "webhook"]), ai("extract"), POSTGRES, order(ai("extract"), POSTGRES), NQ)
R("When a new order arrives from Shopify, if the customer is from Germany send the order to our EU warehouse API https://eu.warehouse.example.com/orders, otherwise to https://us.warehouse.example.com/orders",
  trig("app_event", "shopify", "order"), http("eu.warehouse"), http("us.warehouse"),
  branches(http("eu.warehouse"), http("us.warehouse")), SAT, NQ)
R("Every Sunday at 10 pm back up my Notion database 'Projects' to Google Drive as JSON",
  trig("schedule"), sched(at="22:00", weekday="sunday"), svc("notion", "read"),
  svc(["google_drive", "drive"], "create"), NQ)
R("When a high-value HubSpot deal (amount > 50000) is created, create a ServiceNow request for legal review and notify the account owner by email",
  trig("app_event", "hubspot", "deal"), SNOW_ADD, EMAIL, guarded(SNOW_ADD, "amount"), SAT, NQ)
R("Summarise the unread emails in my Outlook inbox every evening at 8 and send the digest to me on Microsoft Teams",
  trig("schedule"), sched(at="20:00"), svc(["microsoft_outlook", "outlook"], "read"), ai("summarize"), TEAMS,
  order(ai("summarize"), TEAMS), NQ)
R("Receive leads on a webhook; dedupe them by email against our MongoDB leads collection and only insert the new ones",
  trig("webhook"), MONGO, NQ)
R("When a Linear issue is moved to Done, close the matching GitHub issue",
  trig("app_event", "linear", ["issue", "update"]), svc("github", ["update", "delete"]), NQ)
R("When someone fills in our feedback Typeform, translate the answer to English, run sentiment analysis, and add both to a row in Airtable",
  trig("app_event", "typeform", ["submit", "response", "form"]), ai("translate"), ai("sentiment"), AIRTABLE_ADD, NQ)
R("Every morning, check our Stripe balance and if it is under 1000 USD email finance@acme.io",
  trig("schedule"), svc("stripe", "read"), EMAIL, guarded(EMAIL, ["balance", "amount"]), SAT, NQ)
R("When a new contact is created in HubSpot, add them to the Mailchimp list 'Customers' and send a welcome Slack DM to the account owner",
  trig("app_event", "hubspot", "contact"), MAILCHIMP_ADD, SLACK, NQ)
R("A webhook gets GitHub push events; if the branch is main, trigger a deploy by calling POST https://deploy.acme.io/hooks/prod, otherwise do nothing",
  trig(["webhook", "app_event"]), http("deploy.acme.io"), guarded(http("deploy.acme.io"), ["branch", "ref"]), SAT, NQ)
R("Make a workflow where each Friday at 4pm we read this week's completed tasks from ClickUp, count them per assignee and post the leaderboard to Discord",
  trig("schedule"), sched(at="16:00", weekday="friday"), svc("clickup", "read"), core("aggregate"), DISCORD,
  order(core("aggregate"), DISCORD), NQ)
R("When a support ticket in Zendesk hasn't been answered, wait 4 hours and then if it's still open, notify the support lead on WeCom",
  WAIT, WECOM, order(WAIT, WECOM), guarded(WECOM, ["status", "open"]), SAT, NQ)
R("When a new message arrives in Feishu group 'Ops', summarise it with AI and save it to a Notion page",
  trig("app_event", "feishu", "message"), ai("summarize"), NOTION_ADD, NQ)
R("Check https://api.example.com/tickets every 10 minutes, keep only tickets with status 'urgent', and create an incident in ServiceNow for each",
  trig("schedule"), sched(every_minutes=10), http("api.example.com/tickets"), SNOW_ADD,
  guarded(SNOW_ADD, ["status", "urgent"]), SAT, NQ)
R("create a workflow for onboarding: when a new employee is added in our HR webhook, create their accounts by calling https://it.acme.io/api/accounts, wait 1 day, then send them a welcome email, and add an onboarding task in Asana for their manager",
  trig("webhook"), http("it.acme.io"), WAIT, EMAIL, ASANA_ADD, order(WAIT, EMAIL), NQ)
R("Every hour get unread messages from my Gmail, keep only those from @bigclient.com, and forward them to our Microsoft Teams channel",
  trig(["schedule", "email", "app_event"]), TEAMS, guarded(TEAMS, ["bigclient", "from"]), SAT, NQ)
R("When an invoice is paid in Stripe, mark the matching deal as won in Pipedrive",
  trig(["app_event", "webhook"], "stripe", ["invoice", "paid"]), svc("pipedrive", "update"), NQ)
R("Automatically reply to new Intercom conversations with an AI-generated answer",
  ai("any"), svc("intercom", "create"), NQ)
R("When a new user signs up (webhook), store them in Postgres, send a welcome email, and if their company size is over 100 employees also create a lead in Salesforce for the sales team",
  trig("webhook"), POSTGRES, EMAIL, SF_ADD, unguarded(EMAIL), guarded(SF_ADD, ["size", "employees"]), SAT, NQ)
R("Every day at 9 pull yesterday's failed payments from Stripe and create one Jira issue per failed payment",
  trig("schedule"), sched(at="09:00"), svc("stripe", "read"), JIRA_ADD, order(svc("stripe", "read"), JIRA_ADD), NQ)
R("I need to post our daily standup reminder in Slack at 9:45 on weekdays only",
  trig("schedule"), sched(at="09:45"), SLACK, NQ)
R("when a new video is published on our YouTube channel post it to Twitter and LinkedIn",
  trig(["app_event", "rss"]), svc(["twitter", "x"], "create"), svc("linkedin", "create"), NQ)
R("If an uploaded Dropbox file is a PDF, send it to the AI to summarise and email the summary to me; if it's an image, just notify me on Slack",
  trig("app_event", "dropbox", ["file", "upload", "created"]), ai("summarize"), EMAIL, SLACK,
  branches(EMAIL, SLACK), SAT, NQ)
R("Whenever a deal is updated in Pipedrive and its value goes above 20000, ask the sales director to approve the discount by email; if approved update the deal, if rejected notify the rep in Slack",
  trig("app_event", "pipedrive", "deal"), APPROVAL, svc("pipedrive", "update"), SLACK,
  guarded(APPROVAL, "value"), branches(svc("pipedrive", "update"), SLACK), SAT, NQ)
R("Every 5 minutes, read new rows in our Postgres 'events' table and push each to MongoDB, in batches of 100",
  trig("schedule"), sched(every_minutes=5), POSTGRES, MONGO, order(POSTGRES, MONGO), NQ)

# ---- creates, Chinese
R("每天早上9点从 https://api.example.com/report 获取日报数据，用AI总结后发到钉钉群",
  trig("schedule"), sched(at="09:00"), http("api.example.com/report"), ai("summarize"), DINGTALK,
  order(ai("summarize"), DINGTALK), NQ)
R("当有人在GitHub上给我的仓库点star时，发一条消息到飞书群",
  trig("app_event", "github", ["star", "watch"]), FEISHU, NQ)
R("有新的Shopify订单时，把订单信息写入Google表格，如果订单金额超过1000元，再通过企业微信通知销售经理",
  trig("app_event", "shopify", "order"), SHEETS_ADD, unguarded(SHEETS_ADD), WECOM,
  guarded(WECOM, ["total", "amount", "price", "金额"]), SAT, NQ)
R("每隔30分钟检查一下 https://status.example.cn/health ，只有当状态不是正常时才发钉钉告警",
  trig("schedule"), sched(every_minutes=30), http("status.example.cn"), DINGTALK, guarded(DINGTALK), SAT, NQ)
R("客户在表单提交报销申请后，如果金额超过5000元需要经理审批，审批通过就记录到飞书多维表格，被拒绝就发邮件通知申请人；5000元以下直接记录",
  trig(["form", "webhook"]), APPROVAL, EMAIL, guarded(APPROVAL, ["amount", "金额"]),
  order(APPROVAL, EMAIL), SAT, NQ)
R("每周一上午10点从Jira拉取上周完成的任务，按负责人汇总，然后发到企业微信群",
  trig("schedule"), sched(at="10:00", weekday="monday"), svc("jira", "read"), core("aggregate"), WECOM,
  order(svc("jira", "read"), WECOM), NQ)
R("当Typeform表单有新提交时，在HubSpot里创建联系人，并发一封感谢邮件",
  trig("app_event", "typeform", ["submit", "response", "form"]), HUBSPOT_ADD, EMAIL, NQ)
R("收到新邮件时，用AI判断是投诉、咨询还是其他：投诉就在Zendesk建工单，咨询就转发到Slack的#sales频道，其他的不处理",
  trig(["email", "app_event"]), ai("classify"), ZENDESK_ADD, SLACK, branches(ZENDESK_ADD, SLACK), NQ)
R("每天晚上11点把Postgres里当天的订单导出，去重后写入MongoDB",
  trig("schedule"), sched(at="23:00"), POSTGRES, core("remove_duplicates"), MONGO,
  order(POSTGRES, MONGO), NQ)
R("监控这个商品页面 https://item.jd.com/100012043978.html 的价格，每小时检查一次，低于3000元就发短信提醒我",
  trig("schedule"), sched(every_minutes=60), SMS, guarded(SMS, ["price", "价格"]), SAT, NQ)
R("当Stripe付款失败时，在Jira创建一个问题，并在Microsoft Teams通知财务团队",
  trig(["app_event", "webhook"], "stripe", ["fail", "payment", "charge"]), JIRA_ADD, TEAMS, NQ)
R("帮我做一个工作流：每天下午6点读取Google Sheets里的销售数据，计算总额，发邮件给老板",
  trig("schedule"), sched(at="18:00"), SHEETS_READ, core("aggregate"), EMAIL, order(SHEETS_READ, EMAIL), NQ)
R("有新的Salesforce商机时，如果金额大于10万，创建一个Asana任务给法务审核，否则只在Slack里发通知",
  trig("app_event", "salesforce", ["opportunity", "deal"]), ASANA_ADD, SLACK, branches(ASANA_ADD, SLACK),
  guarded(ASANA_ADD, ["amount", "金额"]), SAT, NQ)
R("当有人提交网站上的联系表单（webhook）时，把数据存到Airtable，然后返回 {\"status\":\"ok\"}",
  trig("webhook"), AIRTABLE_ADD, WEBHOOK_RESPONSE, order(AIRTABLE_ADD, WEBHOOK_RESPONSE), NQ)
R("订阅 https://www.36kr.com/feed 的RSS，每篇新文章用AI翻译成英文后发到Telegram",
  trig("rss"), ai("translate"), TELEGRAM, order(ai("translate"), TELEGRAM), NQ)
R("只有当Zendesk工单的优先级是紧急时，才在企业微信里@值班工程师，其他工单都记录到Google表格",
  trig("app_event", "zendesk", "ticket"), WECOM, SHEETS_ADD, branches(WECOM, SHEETS_ADD),
  guarded(WECOM, ["priority", "优先级", "urgent"]), SAT, NQ)
R("每5分钟调用一次 https://api.example.com/orders/pending ，对每个待处理订单调用OpenAI生成回复，然后通过Twilio发短信给客户",
  trig("schedule"), sched(every_minutes=5), http("orders/pending"), ai("any"), SMS, order(ai("any"), SMS), NQ)
R("新员工入职流程：HR表单提交后，先请经理审批；批准后在ClickUp创建入职任务并发飞书消息欢迎新人，被拒绝就邮件通知HR",
  trig(["form", "webhook"]), APPROVAL, CLICKUP_ADD, FEISHU, EMAIL, branches(CLICKUP_ADD, EMAIL),
  order(APPROVAL, FEISHU), NQ)
R("当Mailchimp有人退订时，在HubSpot里更新该联系人的状态",
  trig("app_event", "mailchimp", ["unsubscribe"]), svc("hubspot", "update"), NQ)
R("每周五下午5点从Pipedrive拿本周新增的交易，按金额排序取前5个，发到钉钉群",
  trig("schedule"), sched(at="17:00", weekday="friday"), svc("pipedrive", "read"), core("sort"), core("limit"),
  DINGTALK, order(core("sort"), core("limit")), NQ)
R("如果温度低于10度就在Slack发'记得穿外套'，如果高于30度就发'注意防暑'，否则发'天气不错'；数据来自 https://api.weather.example.com/shanghai，每天早上7点运行",
  trig("schedule"), sched(at="07:00"), http("api.weather.example.com"), SLACK,
  {"branch_count": {"min": 3}}, SAT, NQ)
R("当Linear里有新的bug时，同步创建到Jira，并且在飞书群里通知",
  trig("app_event", "linear", "issue"), JIRA_ADD, FEISHU, NQ)
R("客户在Shopify下单后等待7天，然后发邮件邀请他们写评价",
  trig("app_event", "shopify", "order"), WAIT, EMAIL, order(WAIT, EMAIL), NQ)
R("工作流出错时给我发邮件，并在钉钉群里报警",
  trig("error"), EMAIL, DINGTALK, NQ)
R("每天凌晨1点备份MongoDB里的users集合到Dropbox",
  trig("schedule"), sched(at="01:00"), MONGO, DROPBOX_UP, order(MONGO, DROPBOX_UP), NQ)
R("做一个聊天机器人，能回答客户关于订单的问题，需要查询我们的订单API https://api.shop.example.com/orders",
  trig("chat"), ai("agent"), NQ)
R("当Trello卡片移到'完成'列表时，在monday.com更新对应的项目状态",
  trig("app_event", "trello", ["card", "update", "move"]), svc(["monday_com", "monday", "mondaycom"], "update"), NQ)
R("每小时读取Airtable的'待发货'表，对每条记录调用物流接口 https://api.kuaidi.example.com/track 查询状态，已签收的就更新Airtable记录",
  trig("schedule"), sched(every_minutes=60), svc("airtable", "read"), http("kuaidi"), svc("airtable", "update"),
  guarded(svc("airtable", "update")), SAT, NQ)
R("收到新的ServiceNow事件单时，用AI提取关键信息（系统、影响范围、紧急程度），然后创建Jira问题",
  trig(["app_event", "webhook"], "servicenow", "incident"), ai("extract"), JIRA_ADD, order(ai("extract"), JIRA_ADD), NQ)
R("当Box里上传新合同时，请法务经理审批；批准了就发邮件给客户，拒绝了就在Teams里通知销售",
  trig("app_event", "box", ["upload", "file", "created"]), APPROVAL, EMAIL, TEAMS, branches(EMAIL, TEAMS), NQ)
R("每天检查Google Sheets里的合同到期日，如果30天内到期就发Outlook邮件提醒客户经理",
  trig("schedule"), SHEETS_READ, OUTLOOK, guarded(OUTLOOK), SAT, NQ)
R("用户在网站聊天窗口提问时，用OpenAI回答，并把对话记录保存到Postgres",
  trig(["chat", "webhook"]), ai("any"), POSTGRES, NQ)
R("当HubSpot中有新的成交交易时，在Stripe中创建发票并发送给客户",
  trig("app_event", "hubspot", "deal"), svc("stripe", "create"), NQ)
R("每周日晚上汇总本周所有Zendesk工单的情感分析结果，生成报告发到企业微信",
  trig("schedule"), sched(weekday="sunday"), svc("zendesk", "read"), ai("sentiment"), WECOM, NQ)
R("当有人在我们的Typeform问卷里打分低于5分时，自动在ClickUp创建跟进任务，否则只保存到Airtable",
  trig("app_event", "typeform", ["submit", "response", "form"]), CLICKUP_ADD, AIRTABLE_ADD,
  branches(CLICKUP_ADD, AIRTABLE_ADD), SAT, NQ)
R("帮我每隔2小时抓取 https://news.example.com/api/latest 的新闻，过滤掉已经发过的，只发新的到Discord",
  trig("schedule"), sched(every_minutes=120), http("news.example.com"), DISCORD,
  anyof(core("remove_duplicates"), COND), NQ)
R("收到客户邮件后，先用AI翻译成中文，再把翻译结果发到飞书",
  trig(["email", "app_event"]), ai("translate"), FEISHU, order(ai("translate"), FEISHU), NQ)
R("有新的GitHub pull request时，用AI审查代码变更并在PR下留言",
  trig("app_event", "github", ["pull", "pr"]), ai("any"), svc("github", "create"), NQ)
R("当订单金额小于100时自动确认，大于1000时需要主管审批，其他情况通知客服人工处理；订单从webhook进来",
  trig("webhook"), APPROVAL, guarded(APPROVAL, ["amount", "金额", "total"]), {"branch_count": {"min": 3}}, SAT, NQ)
R("每个月1号上午9点从Salesforce导出上个月的新客户，写入Google Sheets并邮件通知销售总监",
  trig("schedule"), sched(at="09:00"), svc("salesforce", "read"), SHEETS_ADD, EMAIL, NQ)
R("当企业微信收到审批通过的消息时，在Asana创建采购任务",
  ASANA_ADD, NQ)
R("监控我们的网站 https://www.example.cn ，如果打不开就打电话（Twilio）给运维，每分钟检查一次",
  trig("schedule"), sched(every_minutes=1), http("example.cn"), SMS, guarded(SMS), SAT, NQ)
R("每天早上8点把今天到期的ClickUp任务列出来，发到钉钉给各负责人",
  trig("schedule"), sched(at="08:00"), svc("clickup", "read"), DINGTALK, order(svc("clickup", "read"), DINGTALK), NQ)
R("当Shopify库存低于10件时，在Trello创建补货卡片并通知采购经理（邮件）",
  TRELLO_ADD, EMAIL, guarded(TRELLO_ADD, ["inventory", "stock", "库存", "quantity"]), SAT, NQ)
R("新的Jira问题创建时，如果类型是Bug并且优先级是High，就在PagerDuty触发告警，否则不处理",
  trig("app_event", "jira", ["issue", "created"]), svc("pagerduty", "create"), guarded(svc("pagerduty"), ["priority", "type"]), SAT, NQ)
R("每天下班前（18:00）收集Slack #daily 频道今天的消息，用AI生成日报，保存到Notion",
  trig("schedule"), sched(at="18:00"), svc("slack", "read"), ai("summarize"), NOTION_ADD, order(ai("summarize"), NOTION_ADD), NQ)
R("当表单提交时，检查邮箱是否是公司邮箱（@acme.com结尾），是的话加入Mailchimp的员工列表，不是的话加入客户列表",
  trig(["form", "webhook"]), MAILCHIMP_ADD, guarded(MAILCHIMP_ADD, ["email", "邮箱", "acme.com"]), SAT, NQ)
R("我想每天把飞书多维表格里新增的记录同步到Postgres数据库",
  trig("schedule"), svc(["feishu", "lark"], "read"), POSTGRES, order(svc(["feishu", "lark"]), POSTGRES), NQ)
R("webhook收到支付回调后，验证签名，成功就更新MongoDB里的订单状态为已支付并返回200，失败就返回401",
  trig("webhook"), svc("mongodb", "update"), WEBHOOK_RESPONSE, guarded(svc("mongodb")), SAT, NQ)
R("每隔一小时从HubSpot获取新的联系人，用AI根据公司规模打分，分数高于80的在Salesforce建线索",
  trig("schedule"), sched(every_minutes=60), svc("hubspot", "read"), ai("any"), SF_ADD, guarded(SF_ADD, ["score", "分数"]), SAT, NQ)
R("客户在Zendesk提交工单后，等2小时，如果还没人回复，就在企业微信群提醒客服主管",
  trig("app_event", "zendesk", "ticket"), WAIT, WECOM, order(WAIT, WECOM), guarded(WECOM), SAT, NQ)
R("当有新的Stripe订阅时，在Airtable记录客户信息，并在Slack #growth频道庆祝一下",
  trig(["app_event", "webhook"], "stripe", ["subscription", "created"]), AIRTABLE_ADD, SLACK, NQ)
R("请帮我建一个流程：每周一早上把上周GitHub仓库的新issue数量和关闭数量统计出来，发邮件给我",
  trig("schedule"), sched(weekday="monday"), svc("github", "read"), EMAIL, order(svc("github", "read"), EMAIL), NQ)
R("手动运行：读取Google表格里的客户名单，逐个调用OpenAI生成个性化邮件内容，再通过Gmail发送",
  trig("manual"), SHEETS_READ, ai("any"), GMAIL, order(SHEETS_READ, ai("any")), order(ai("any"), GMAIL), NQ)
R("如果预算超过1万元，需要财务审批后再在monday.com创建项目，否则直接创建。申请从表单提交。",
  trig(["form", "webhook"]), APPROVAL, MONDAY_ADD, guarded(APPROVAL, ["budget", "预算"]), SAT, NQ)
R("每天检查一次Dropbox的共享文件夹，有新文件就发飞书消息通知团队",
  {"any": [trig("app_event", "dropbox"), svc("dropbox", "read")]}, FEISHU, NQ)
R("当有人在Discord服务器发消息提到'bug'时，自动在Linear里创建问题",
  LINEAR_ADD, guarded(LINEAR_ADD, ["bug", "content", "message"]), SAT, NQ)
R("把每天的Stripe收入数据汇总后写入Google Sheets，再把总额发到钉钉群，每天晚上10点执行",
  trig("schedule"), sched(at="22:00"), svc("stripe", "read"), SHEETS_ADD, DINGTALK, NQ)
R("收到Outlook新邮件时，如果主题包含'发票'，就提取发票金额和日期保存到Airtable",
  trig(["email", "app_event"]), ai("extract"), AIRTABLE_ADD, guarded(AIRTABLE_ADD, ["subject", "主题", "发票"]), SAT, NQ)
R("每周三下午3点提醒团队在企业微信里更新OKR进度",
  trig("schedule"), sched(at="15:00", weekday="wednesday"), WECOM, NQ)
R("当ClickUp任务逾期时，给负责人发短信，并在Microsoft Teams里通知项目经理",
  SMS, TEAMS, NQ)
R("给我做个工作流，当新的Pipedrive联系人被创建时，检查有没有邮箱，有就加到Mailchimp，没有就创建一个Asana任务让销售补充",
  trig("app_event", "pipedrive", ["person", "contact"]), MAILCHIMP_ADD, ASANA_ADD, branches(MAILCHIMP_ADD, ASANA_ADD),
  guarded(MAILCHIMP_ADD, ["email", "邮箱"]), SAT, NQ)
R("每天早上7点获取天气 https://api.weather.example.com/beijing，如果会下雨就在飞书提醒我带伞",
  trig("schedule"), sched(at="07:00"), http("api.weather.example.com"), FEISHU, guarded(FEISHU), SAT, NQ)
R("每10分钟读取我们的Postgres告警表，只保留严重级别为critical的记录，按服务名去重，然后在ServiceNow创建事件",
  trig("schedule"), sched(every_minutes=10), POSTGRES, core("remove_duplicates"), SNOW_ADD,
  guarded(SNOW_ADD, ["severity", "critical", "级别"]), SAT, NQ)
R("当有人在Typeform报名活动后，发送确认短信，然后在活动前1天再发一次提醒",
  trig("app_event", "typeform", ["submit", "response", "form"]), SMS, WAIT, order(WAIT, SMS), NQ)
R("新客户在Shopify注册后，添加到HubSpot，并且如果他们的订单数大于3，标记为VIP并发邮件给客户经理",
  trig("app_event", "shopify", "customer"), HUBSPOT_ADD, EMAIL, guarded(EMAIL, ["order", "订单"]), SAT, NQ)

# ---- a few more creates, mixed
R("Run an AI agent every morning that reads our Jira sprint board, writes a short status report and posts it to Microsoft Teams",
  trig("schedule"), svc("jira", "read"), ai("any"), TEAMS, order(ai("any"), TEAMS), NQ)
R("Get the list of new Salesforce leads every hour, remove any without an email, limit to 50, and add them to a Mailchimp audience",
  trig("schedule"), sched(every_minutes=60), svc("salesforce", "read"), MAILCHIMP_ADD,
  guarded(MAILCHIMP_ADD, "email"), SAT, NQ)
R("when a new row is added to the Google sheet 'Support requests', create a Zendesk ticket; if the row's 'vip' column is yes, also page the team lead on Twilio",
  trig("app_event", "google_sheets", ["row", "add", "append"]), ZENDESK_ADD, unguarded(ZENDESK_ADD), SMS,
  guarded(SMS, "vip"), SAT, NQ)
R("Make a form for vacation requests (name, dates, reason); send it to my manager for approval on Slack, if approved add it to the Outlook calendar, if rejected email the employee",
  trig("form"), APPROVAL, svc(["microsoft_outlook", "outlook"], "create"), EMAIL,
  branches(svc(["microsoft_outlook", "outlook"]), EMAIL), NQ)
R("Every 2 hours pull mentions of our brand from https://api.mentions.example.com/search?q=acme, run sentiment on each, and post only the negative ones to Slack #pr",
  trig("schedule"), sched(every_minutes=120), http("mentions.example.com"), ai("sentiment"), SLACK,
  guarded(SLACK, ["sentiment", "negative"]), SAT, NQ)
R("When a new MongoDB document is inserted in the 'signups' collection, send a Slack message",
  trig(["app_event", "schedule"]), SLACK, NQ)
R("Whenever a HubSpot ticket is closed, send the customer a satisfaction survey by email and log it in Airtable",
  trig("app_event", "hubspot", "ticket"), EMAIL, AIRTABLE_ADD, NQ)
R("when a GitHub release is published, post the changelog to Discord, Slack and Telegram",
  trig("app_event", "github", "release"), DISCORD, SLACK, TELEGRAM, NQ)
R("Create a monday.com item whenever someone submits our Typeform 'Project intake', and if the budget is over 10000 also notify the director on Microsoft Teams",
  trig("app_event", "typeform", ["submit", "response", "form"]), MONDAY_ADD, unguarded(MONDAY_ADD), TEAMS,
  guarded(TEAMS, "budget"), SAT, NQ)
R("Set up a daily 8:30 digest: get open ServiceNow incidents, group by assignment group and email the counts to itops@acme.io",
  trig("schedule"), sched(at="08:30"), svc("servicenow", "read"), core("aggregate"), EMAIL, NQ)
R("Every weekday at 5 pm read today's time entries from ClickUp and if anyone logged fewer than 4 hours, DM them in Slack",
  trig("schedule"), sched(at="17:00"), svc("clickup", "read"), SLACK, guarded(SLACK, ["hour", "time"]), SAT, NQ)
R("When a Shopify refund is created, create a credit note row in Airtable and a task in Asana for accounting",
  trig("app_event", "shopify", "refund"), AIRTABLE_ADD, ASANA_ADD, NQ)
R("Scrape https://careers.example.com every day and if there's a job with 'Python' in the title that wasn't there yesterday, email me",
  trig("schedule"), EMAIL, guarded(EMAIL), SAT, NQ)
R("When an email with subject containing 'Order' arrives, extract the order number with AI and look it up in our Postgres DB, then reply with the status",
  trig(["email", "app_event"]), ai("extract"), POSTGRES, EMAIL, order(POSTGRES, EMAIL), NQ)
R("Every 20 minutes call https://api.example.com/queue/length; if over 1000 scale up by POSTing to https://ops.example.com/scale/up, if under 100 POST to https://ops.example.com/scale/down, otherwise do nothing",
  trig("schedule"), sched(every_minutes=20), http("queue/length"), http("scale/up"), http("scale/down"),
  branches(http("scale/up"), http("scale/down")), SAT, NQ)
R("when i get a slack DM with the word 'invoice', create a draft invoice in Stripe",
  trig("app_event", "slack", "message"), svc("stripe", "create"), guarded(svc("stripe"), ["invoice", "text"]), SAT, NQ)
R("Post new Reddit posts from r/selfhosted to our Discord every hour, skip ones we've already posted",
  trig(["schedule", "rss"]), DISCORD, NQ)
R("When our webhook gets a sensor reading, store it in Postgres; if temperature > 80 send an SMS with Twilio and an email to facilities@acme.io",
  trig("webhook"), POSTGRES, unguarded(POSTGRES), SMS, EMAIL, guarded(SMS, "temp"), guarded(EMAIL, "temp"), SAT, NQ)

# ---- conversational / should-ask and vague requests
R("Send a message when something happens",
  asks("trigger", "when", "what", "which", "service", "app"))
R("把数据同步一下",
  asks("数据", "哪", "什么", "source", "which"))
R("Connect my CRM to my email",
  asks("crm", "hubspot", "salesforce", "pipedrive", "which"))
R("Every day, email me the weather",
  trig("schedule"), EMAIL)
R("帮我自动化一下",
  asks("什么", "哪", "what", "自动化"))

# ---------------------------------------------------------------- edits
P1 = W("Daily sales to Slack", [
    N("n1", "schedule_trigger", SCHED_DAILY8, "Every day at 8"),
    N("n2", "http_request", {"method": "GET", "url": "https://api.example.com/sales/yesterday"}, "Get sales"),
    N("n3", "summarizer", {"input_text": "{{ JSON.stringify($json) }}", "max_words": 80}, "Summarise"),
    N("n4", "slack_message", {"channel": "#sales", "text": "{{ $json.summary }}"}, "Post to Slack"),
], chain("n1", "n2", "n3", "n4"))
R("also post it to Teams", TEAMS, SLACK, kept("n1", "n2", "n3", "n4"), order(ai("summarize"), TEAMS), NQ, prior=P1)
R("change the schedule to every 30 minutes", sched(every_minutes=30), kept("n2", "n3", "n4"), NQ, prior=P1)
R("把Slack换成钉钉", DINGTALK, removed(SLACK), kept("n1", "n2", "n3"), order(ai("summarize"), DINGTALK), NQ, prior=P1)
R("only post to Slack if the total sales are below 1000", guarded(SLACK, ["total", "sales"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P1)

P2 = W("Website leads", [
    N("n1", "webhook_trigger", {"path": "leads", "method": "POST"}, "Lead webhook"),
    N("n2", "google_sheets_append", {"spreadsheet_id": "1AbC", "sheet_name": "Leads", "columns": {"email": "{{ $json.email }}"}}, "Add to sheet"),
    N("n3", "gmail_send", {"to": "me@acme.io", "subject": "New lead", "body": "{{ $json.email }}"}, "Email me"),
], chain("n1", "n2", "n3"))
R("don't email me anymore", removed(EMAIL), kept("n1", "n2"), NQ, prior=P2)
R("请在现有workflow中添加邮件通知功能", UNCHANGED, prior=P2,
  note="the prior already emails; the right answer is no change")
R("also create the lead in HubSpot", HUBSPOT_ADD, kept("n1", "n2", "n3"), NQ, prior=P2)
R("instead of the Google Sheet, store leads in Airtable", AIRTABLE_ADD, removed(SHEETS_ADD), kept("n1", "n3"), NQ, prior=P2)
R("如果邮箱是gmail.com结尾的就不要发邮件给我", guarded(EMAIL, ["email", "gmail"]), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
R("reply to the webhook caller with {\"received\": true}", WEBHOOK_RESPONSE, kept("n1", "n2", "n3"), NQ, prior=P2)

P3 = W("Jira to monday", [
    N("n1", "jira_trigger", {"event": "issue_created"}, "New Jira issue"),
    N("n2", "monday_com", {"resource": "boardItem", "operation": "create", "board_id": "123", "group_id": "topics", "name": "{{ $json.fields.summary }}"}, "Create monday item"),
    N("n3", "slack_message", {"channel": "#eng", "text": "New issue {{ $json.key }}"}, "Tell #eng"),
], chain("n1", "n2", "n3"))
R("use Trello instead of monday.com", TRELLO_ADD, removed(svc(["monday_com", "monday", "mondaycom"])), kept("n1", "n3"), NQ, prior=P3)
R("Post to Microsoft Teams instead of Slack", TEAMS, removed(SLACK), kept("n1", "n2"), NQ, prior=P3)
R("只处理优先级为High的问题", guarded(svc(["monday_com", "monday", "mondaycom"]), ["priority", "优先级"]), kept("n1", "n3"), SAT, NQ, prior=P3)
R("also add a comment on the Jira issue saying it was synced", svc("jira", "create"), kept("n1", "n2", "n3"), NQ, prior=P3)

P4 = W("Stock watch", [
    N("n1", "schedule_trigger", SCHED_HOURLY, "Every hour"),
    N("n2", "web_page_check", {"url": "https://www.bestbuy.com/site/ps5", "store": "bestbuy"}, "Check BestBuy"),
    N("n3", "if", {"conditions": [{"left": "{{ $json.in_stock }}", "operator": "is_true"}]}, "In stock?"),
    N("n4", "send_email", {"to": "me@example.com", "subject": "In stock!", "body": "{{ $json.url }}"}, "Email me"),
], [("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true")])
R("also text me on Twilio when it's in stock", SMS, guarded(SMS), kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
R("check every 10 minutes instead", sched(every_minutes=10), kept("n2", "n3", "n4"), NQ, prior=P4)
R("同时也监控Amazon", anyof(core("web_page_check", "amazon"), http("amazon")), kept("n1", "n4"), NQ, prior=P4)
R("when it's not in stock, log the check to a Google Sheet", SHEETS_ADD, branches(EMAIL, SHEETS_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P4)
R("发邮件改成发到企业微信", WECOM, removed(EMAIL), guarded(WECOM), kept("n1", "n2", "n3"), NQ, prior=P4)

P5 = W("Support triage", [
    N("n1", "email_trigger", {"mailbox": "INBOX"}, "New support email"),
    N("n2", "text_classifier", {"input_text": "{{ $json.text }}", "categories": [{"name": "billing"}, {"name": "bug"}, {"name": "other"}]}, "Classify"),
    N("n3", "switch", {"field": "{{ $json.category }}", "rules": [{"operator": "equals", "value": "billing"}, {"operator": "equals", "value": "bug"}]}, "Route"),
    N("n4", "zendesk", {"resource": "ticket", "operation": "create", "description": "{{ $json.text }}"}, "Billing ticket"),
    N("n5", "jira", {"resource": "issue", "operation": "create", "project": "BUG", "issue_type": "Bug", "summary": "{{ $json.subject }}"}, "Bug in Jira"),
], [("n1", "n2"), ("n2", "n3"), ("n3", "n4", "output_0"), ("n3", "n5", "output_1")])
R("for 'other' emails, forward them to me at me@acme.io", EMAIL, branches(ZENDESK_ADD, JIRA_ADD, EMAIL), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("bugs should go to Linear instead of Jira", LINEAR_ADD, removed(JIRA_ADD), guarded(LINEAR_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P5)
R("Add a category 'sales' that creates a deal in Pipedrive", PIPEDRIVE_ADD, guarded(PIPEDRIVE_ADD), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("账单类的工单也在飞书群里通知一下", FEISHU, guarded(FEISHU), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
R("remove the Jira step", removed(JIRA_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P5)

P6 = W("Order sync", [
    N("n1", "shopify_trigger", {"event": "order_created"}, "New Shopify order"),
    N("n2", "google_sheets_append", {"spreadsheet_id": "1Ord", "sheet_name": "Orders", "columns": {"id": "{{ $json.id }}"}}, "Log order"),
    N("n3", "slack_message", {"channel": "#orders", "text": "Order {{ $json.id }}"}, "Tell #orders"),
], chain("n1", "n2", "n3"))
R("only notify slack for orders over $200", guarded(SLACK, ["total", "price", "amount"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
R("also save each order to Postgres", POSTGRES, kept("n1", "n2", "n3"), NQ, prior=P6)
R("订单金额大于1000的，需要我审批后才通知Slack", APPROVAL, guarded(SLACK), order(APPROVAL, SLACK), kept("n1", "n2"), SAT, NQ, prior=P6)
R("wait 1 hour before posting to Slack", WAIT, order(WAIT, SLACK), kept("n1", "n2", "n3"), NQ, prior=P6)
R("Send the customer a thank you SMS via Twilio too", SMS, kept("n1", "n2", "n3"), NQ, prior=P6)

P7 = W("每日销售报告", [
    N("n1", "schedule_trigger", {"interval": "days", "every": 1, "at_time": "09:00"}, "每天9点"),
    N("n2", "postgres_query", {"query": "select region, sum(total) from orders where day = current_date - 1 group by region"}, "查询销售"),
    N("n3", "dingtalk", {"resource": "message", "operation": "send", "access_token": "TOKEN", "text": "{{ JSON.stringify($json) }}"}, "发钉钉"),
], chain("n1", "n2", "n3"))
R("再加一个邮件通知，发给boss@acme.cn", EMAIL, kept("n1", "n2", "n3"), NQ, prior=P7)
R("改成每周一早上9点运行", sched(at="09:00", weekday="monday"), kept("n2", "n3"), NQ, prior=P7)
R("钉钉换成飞书", FEISHU, removed(DINGTALK), kept("n1", "n2"), NQ, prior=P7)
R("如果总销售额低于5000，额外在企业微信里提醒销售总监", WECOM, guarded(WECOM, ["total", "sum", "销售"]), unguarded(DINGTALK), kept("n1", "n2", "n3"), SAT, NQ, prior=P7)
R("发钉钉之前先用AI总结一下数据", ai("summarize"), order(ai("summarize"), DINGTALK), kept("n1", "n2", "n3"), NQ, prior=P7)
R("请在现有workflow中添加钉钉通知", UNCHANGED, prior=P7, note="already posts to DingTalk")

P8 = W("新工单提醒", [
    N("n1", "zendesk_trigger", {"event": "ticket_created"}, "新Zendesk工单"),
    N("n2", "sentiment_analysis", {"input_text": "{{ $json.description }}"}, "情感分析"),
    N("n3", "if", {"conditions": [{"left": "{{ $json.sentiment }}", "operator": "equals", "right": "negative"}]}, "负面?"),
    N("n4", "wecom", {"resource": "webhook", "operation": "send", "key": "BOT_KEY", "msgtype": "text", "text": {"content": "负面工单 {{ $json.id }}"}}, "企业微信告警"),
], [("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true")])
R("负面工单除了企业微信，还要在Jira创建问题", JIRA_ADD, guarded(JIRA_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("不要情感分析了，所有工单都发企业微信", removed(ai("sentiment")), unguarded(WECOM), kept("n1", "n4"), NQ, prior=P8)
R("正面的工单记录到Google表格", SHEETS_ADD, branches(WECOM, SHEETS_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P8)
R("把企业微信改成Microsoft Teams", TEAMS, removed(WECOM), guarded(TEAMS), kept("n1", "n2", "n3"), NQ, prior=P8)

P9 = W("Form to CRM", [
    N("n1", "form_trigger", {"title": "Contact us", "fields": [{"label": "Name"}, {"label": "Email"}, {"label": "Budget"}]}, "Contact form"),
    N("n2", "hubspot", {"resource": "contact", "operation": "upsert", "email": "{{ $json.Email }}"}, "Create contact"),
    N("n3", "send_email", {"to": "{{ $json.Email }}", "subject": "Thanks", "body": "We'll be in touch"}, "Thank you email"),
], chain("n1", "n2", "n3"))
R("if the budget is over 10000 also create a deal in Salesforce", SF_ADD, guarded(SF_ADD, "budget"), unguarded(svc("hubspot")), kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
R("replace HubSpot with Pipedrive", svc("pipedrive", "create"), removed(svc("hubspot")), kept("n1", "n3"), NQ, prior=P9)
R("add the submission to our Mailchimp newsletter list as well", MAILCHIMP_ADD, kept("n1", "n2", "n3"), NQ, prior=P9)
R("send the thank-you email the next day instead of immediately", WAIT, order(WAIT, EMAIL), kept("n1", "n2", "n3"), NQ, prior=P9)
R("请在现有workflow中添加邮件通知功能", UNCHANGED, prior=P9, note="already emails the submitter")

P10 = W("Incident alerts", [
    N("n1", "webhook_trigger", {"path": "alerts", "method": "POST"}, "Alert webhook"),
    N("n2", "if", {"conditions": [{"left": "{{ $json.severity }}", "operator": "equals", "right": "critical"}]}, "Critical?"),
    N("n3", "twilio_sms", {"to": "+15550100", "from": "+15550199", "message": "CRITICAL {{ $json.title }}"}, "SMS on-call"),
    N("n4", "slack_message", {"channel": "#alerts", "text": "{{ $json.title }}"}, "Post alert"),
], [("n1", "n2"), ("n2", "n3", "true"), ("n2", "n4", "false")])
R("also create a ServiceNow incident for critical alerts", SNOW_ADD, guarded(SNOW_ADD, "severity"), kept("n1", "n2", "n3", "n4"), NQ, prior=P10)
R("non-critical alerts should go to Teams instead of Slack", TEAMS, removed(SLACK), branches(SMS, TEAMS), kept("n1", "n2", "n3"), NQ, prior=P10)
R("stop texting me", removed(SMS), kept("n1", "n4"), NQ, prior=P10)
R("warning-level alerts should create a Jira ticket; critical keep SMS; everything else Slack",
  JIRA_ADD, branches(SMS, JIRA_ADD, SLACK), kept("n1", "n3", "n4"), SAT, NQ, prior=P10)
R("respond 202 to the caller right away", WEBHOOK_RESPONSE, kept("n1", "n2", "n3", "n4"), NQ, prior=P10)

P11 = W("GitHub stars", [
    N("n1", "app_event_trigger", {"app": "github", "event": "star", "resource": "acme/widgets"}, "New star"),
    N("n2", "discord_message", {"channel_id": "123", "content": "New star from {{ $json.sender.login }}"}, "Tell Discord"),
], chain("n1", "n2"))
R("also thank the person on Twitter", svc(["twitter", "x"], "create"), kept("n1", "n2"), NQ, prior=P11)
R("改成发到飞书", FEISHU, removed(DISCORD), kept("n1"), NQ, prior=P11)
R("also add the stargazer to a Google Sheet", SHEETS_ADD, kept("n1", "n2"), NQ, prior=P11)
R("Only announce it when the star count is a multiple of 100", guarded(DISCORD, ["star", "count"]), kept("n1", "n2"), SAT, NQ, prior=P11)

P12 = W("RSS digest", [
    N("n1", "rss_trigger", {"url": "https://blog.example.com/feed", "poll_minutes": 60}, "Blog feed"),
    N("n2", "summarizer", {"input_text": "{{ $json.content }}"}, "Summarise"),
    N("n3", "telegram_message", {"chat_id": "12345", "text": "{{ $json.summary }}"}, "Send to Telegram"),
], chain("n1", "n2", "n3"))
R("translate the summary into Chinese before sending",
  anyof(ai("translate"), core("summarizer", ["zh", "chinese", "中文"])),
  order(anyof(ai("translate"), core("summarizer", ["zh", "chinese", "中文"])), TELEGRAM), kept("n1", "n3"), NQ, prior=P12)
R("也存到Notion数据库里", NOTION_ADD, kept("n1", "n2", "n3"), NQ, prior=P12)
R("skip posts whose title contains 'sponsored'", guarded(TELEGRAM, "title"), kept("n1", "n3"), SAT, NQ, prior=P12)
R("send it to my email instead of Telegram", EMAIL, removed(TELEGRAM), kept("n1", "n2"), NQ, prior=P12)

P13 = W("Purchase approval", [
    N("n1", "form_trigger", {"title": "Purchase request", "fields": [{"label": "Item"}, {"label": "Amount"}]}, "Purchase form"),
    N("n2", "approval_email", {"to": "manager@acme.io", "subject": "Approve purchase", "message": "{{ $json.Item }}"}, "Manager approval"),
    N("n3", "airtable_create_record", {"base_id": "appX", "table": "POs", "fields": {"item": "{{ $json.Item }}"}}, "Create PO"),
    N("n4", "send_email", {"to": "{{ $json.email }}", "subject": "Declined", "body": "Your request was declined"}, "Tell requester"),
], [("n1", "n2"), ("n2", "n3", "approved"), ("n2", "n4", "rejected")])
R("only ask for approval when the amount is over 1000; smaller purchases create the PO directly",
  guarded(APPROVAL, "amount"), {"path_avoiding": {"to": AIRTABLE_ADD, "avoid": APPROVAL}}, kept("n2", "n3", "n4"), SAT, NQ, prior=P13)
R("ask for approval in Slack instead of email", core("approval_slack"), removed(core("approval_email")), kept("n1", "n3", "n4"), NQ, prior=P13)
R("审批通过后也在Asana创建采购任务", ASANA_ADD, order(APPROVAL, ASANA_ADD), guarded(ASANA_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P13)
R("if nobody answers in 48 hours, remind the manager on Microsoft Teams", TEAMS, guarded(TEAMS), kept("n1", "n2", "n3", "n4"), NQ, prior=P13)

P14 = W("客户跟进", [
    N("n1", "schedule_trigger", {"interval": "days", "every": 1, "at_time": "10:00"}, "每天10点"),
    N("n2", "google_sheets_read", {"spreadsheet_id": "1Cust", "sheet_name": "客户"}, "读取客户表"),
    N("n3", "filter", {"conditions": [{"left": "{{ $json.status }}", "operator": "equals", "right": "待跟进"}]}, "待跟进"),
    N("n4", "feishu", {"resource": "webhook", "operation": "send", "hook_id": "HOOK_ID", "msg_type": "text", "content": {"text": "请跟进 {{ $json.name }}"}}, "飞书提醒"),
], chain("n1", "n2", "n3", "n4"))
R("同时在ClickUp给销售建一个跟进任务", CLICKUP_ADD, guarded(CLICKUP_ADD), kept("n1", "n2", "n3", "n4"), NQ, prior=P14)
R("改成每小时运行一次", sched(every_minutes=60), kept("n2", "n3", "n4"), NQ, prior=P14)
R("数据源从Google表格改成Airtable", svc("airtable", "read"), removed(SHEETS_READ), kept("n1", "n3", "n4"), NQ, prior=P14)
R("飞书提醒不要了，改成发邮件给销售", EMAIL, removed(FEISHU), kept("n1", "n2", "n3"), NQ, prior=P14)
R("请添加飞书通知", UNCHANGED, prior=P14, note="already notifies on Feishu")

P15 = W("Signup pipeline", [
    N("n1", "webhook_trigger", {"path": "signup", "method": "POST"}, "Signup"),
    N("n2", "postgres_query", {"query": "insert into users(email) values ($1)", "parameters": ["{{ $json.email }}"]}, "Save user"),
    N("n3", "mailchimp", {"resource": "member", "operation": "create", "list": "abc", "email": "{{ $json.email }}", "status": "subscribed"}, "Add to list"),
    N("n4", "webhook_response", {"respond_with": "json", "body": {"ok": True}, "status_code": 200}, "Respond"),
], chain("n1", "n2", "n3", "n4"))
R("also add them as a contact in HubSpot", HUBSPOT_ADD, kept("n1", "n2", "n3", "n4"), NQ, prior=P15)
R("use MongoDB instead of Postgres", MONGO, removed(POSTGRES), kept("n1", "n3", "n4"), NQ, prior=P15)
R("only add to Mailchimp if they ticked the newsletter box", guarded(MAILCHIMP_ADD, "newsletter"), unguarded(POSTGRES), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P15)
R("新用户注册后在钉钉群里也通知一下", DINGTALK, kept("n1", "n2", "n3", "n4"), NQ, prior=P15)

P16 = W("Weekly report", [
    N("n1", "schedule_trigger", {"interval": "weeks", "every": 1, "weekday": "friday", "at_time": "16:00"}, "Fridays 4pm"),
    N("n2", "jira", {"resource": "issue", "operation": "getAll", "jql": "resolved >= -7d"}, "Resolved issues"),
    N("n3", "aggregate", {"group_by": ["assignee"], "operations": [{"field": "key", "operation": "count"}]}, "Count per person"),
    N("n4", "microsoft_teams_message", {"team_id": "t", "channel_id": "c", "message": "{{ JSON.stringify($json) }}"}, "Post to Teams"),
], chain("n1", "n2", "n3", "n4"))
R("move it to Monday 9am", sched(at="09:00", weekday="monday"), kept("n2", "n3", "n4"), NQ, prior=P16)
R("use Linear instead of Jira", svc("linear", "read"), removed(svc("jira")), kept("n1", "n3", "n4"), NQ, prior=P16)
R("also email the report to cto@acme.io", EMAIL, kept("n1", "n2", "n3", "n4"), NQ, prior=P16)
R("只统计Bug类型的问题，并且按数量从高到低排序", core("sort"),
  {"any": [{"condition_node": True, "text": "bug"}, svc("jira", "read", "bug")]}, kept("n1", "n2", "n3", "n4"), NQ, prior=P16)
R("post it to Slack too, but only if there were more than 20 resolved issues", SLACK, guarded(SLACK), unguarded(TEAMS), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P16)

P17 = W("Contract intake", [
    N("n1", "app_event_trigger", {"app": "box", "event": "file.uploaded", "resource": "Contracts"}, "New contract"),
    N("n2", "information_extractor", {"input_text": "{{ $json.text }}", "attributes": [{"name": "party"}, {"name": "amount"}]}, "Extract"),
    N("n3", "google_sheets_append", {"spreadsheet_id": "1Con", "sheet_name": "Contracts", "columns": {"party": "{{ $json.party }}"}}, "Log contract"),
], chain("n1", "n2", "n3"))
R("if the amount is over 100000 ask legal to approve it by email", APPROVAL, guarded(APPROVAL, "amount"), kept("n1", "n2", "n3"), SAT, NQ, prior=P17)
R("store in Airtable instead of Sheets", AIRTABLE_ADD, removed(SHEETS_ADD), kept("n1", "n2"), NQ, prior=P17)
R("合同登记后发企业微信消息给法务", WECOM, order(SHEETS_ADD, WECOM), kept("n1", "n2", "n3"), NQ, prior=P17)

P18 = W("Error alerts", [
    N("n1", "error_trigger", {}, "On error"),
    N("n2", "slack_message", {"channel": "#alerts", "text": "Workflow failed: {{ $json.execution.error.message }}"}, "Alert Slack"),
], chain("n1", "n2"))
R("also email ops@acme.io", EMAIL, kept("n1", "n2"), NQ, prior=P18)
R("改为发到钉钉，不要Slack了", DINGTALK, removed(SLACK), kept("n1"), NQ, prior=P18)
R("create a Jira bug for every failure too", JIRA_ADD, kept("n1", "n2"), NQ, prior=P18)
R("please add Slack alerts", UNCHANGED, prior=P18, note="already alerts Slack")

P19 = W("Lead scoring", [
    N("n1", "hubspot_trigger", {"event": "contact_created"}, "New HubSpot contact"),
    N("n2", "llm_chat", {"prompt": "Score this lead 0-100: {{ $json }}"}, "Score lead"),
    N("n3", "if", {"conditions": [{"left": "{{ $json.score }}", "operator": "greater_than", "right": 70}]}, "Hot lead?"),
    N("n4", "salesforce", {"resource": "lead", "operation": "create", "company": "{{ $json.company }}", "last_name": "{{ $json.lastname }}"}, "Create SF lead"),
], [("n1", "n2"), ("n2", "n3"), ("n3", "n4", "true")])
R("cold leads (score under 30) should get a nurture email from Mailchimp, and the rest a Slack ping to #sales",
  MAILCHIMP_ADD, SLACK, branches(svc("salesforce"), MAILCHIMP_ADD, SLACK), kept("n1", "n2", "n4"), SAT, NQ, prior=P19)
R("raise the threshold to 85", kept("n1", "n2", "n3", "n4"), {"condition_node": True, "text": "85"}, absent({"condition_node": True, "text": "70"}), NQ, prior=P19)
R("把Salesforce换成Pipedrive", PIPEDRIVE_ADD, removed(svc("salesforce")), guarded(PIPEDRIVE_ADD), kept("n1", "n2", "n3"), NQ, prior=P19)
R("also notify the account owner on Teams for hot leads", TEAMS, guarded(TEAMS), kept("n1", "n2", "n3", "n4"), NQ, prior=P19)

P20 = W("Drive backup", [
    N("n1", "schedule_trigger", {"interval": "days", "every": 1, "at_time": "02:00"}, "Nightly"),
    N("n2", "notion", {"resource": "databasePage", "operation": "getAll", "database_id": "db1"}, "Read Notion"),
    N("n3", "dropbox", {"resource": "file", "operation": "upload", "path": "/backup/notion.json"}, "Upload to Dropbox"),
], chain("n1", "n2", "n3"))
R("upload to Box instead of Dropbox", BOX_UP, removed(svc("dropbox")), kept("n1", "n2"), NQ, prior=P20)
R("run it every 12 hours", sched(every_minutes=720), kept("n2", "n3"), NQ, prior=P20)
R("备份完成后发一条Telegram消息给我", TELEGRAM, order(svc("dropbox"), TELEGRAM), kept("n1", "n2", "n3"), NQ, prior=P20)


# ---------------------------------------------------------------- output
ZH = re.compile(r"[\u4e00-\u9fff]")
CONDITION_CHECKS = {"guarded", "branches", "branch_count"}


LONGTAIL = re.compile(
    r"(?i)(?<![a-z])(jira|salesforce|hubspot|asana|trello|zendesk|servicenow|box|dropbox|outlook|shopify|"
    r"stripe|typeform|airtable|mailchimp|pipedrive|linear|clickup|monday(\.com)?|teams|twilio|"
    r"postgres|mongodb|openai|intercom|twitter|linkedin|reddit|pagerduty|youtube|google drive|"
    r"calendly|feishu|dingtalk|wecom)(?![a-z])|钉钉|飞书|企业微信"
)


def _apps(obj: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("service", "app"):
                out.update([v] if isinstance(v, str) else v)
            else:
                out |= _apps(v)
    elif isinstance(obj, list):
        for v in obj:
            out |= _apps(v)
    return out


def build() -> list[dict[str, Any]]:
    rows = []
    for i, r in enumerate(REQUESTS):
        lang = "zh" if ZH.search(r["request"]) else "en"
        cats = set(r.get("tags", []))
        if any(CONDITION_CHECKS & set(c) for c in r["checks"]):
            cats.add("condition")
        if "prior" in r:
            cats.add("edit")
        if LONGTAIL.search(r["request"]) or (_apps(r["checks"]) - TOP_TEN and "prior" not in r):
            cats.add("longtail")
        rows.append({
            "id": f"r{i:03d}",
            "split": "heldout" if i % 3 == 2 else "dev",
            "lang": lang,
            "categories": sorted(cats),
            **{k: v for k, v in r.items() if k != "tags"},
        })
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    n = len(rows)

    def share(pred):
        k = sum(1 for r in rows if pred(r))
        return f"{k} ({k / n:.0%})"

    print(f"{n} requests -> {OUT}")
    print("zh:", share(lambda r: r["lang"] == "zh"))
    print("condition:", share(lambda r: "condition" in r["categories"]))
    print("edit:", share(lambda r: "edit" in r["categories"]))
    print("longtail:", share(lambda r: "longtail" in r["categories"]))
    print("heldout:", share(lambda r: r["split"] == "heldout"))


if __name__ == "__main__":
    main()

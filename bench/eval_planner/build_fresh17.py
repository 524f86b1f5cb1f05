# ruff: noqa: E501
"""Builds ``requests_fresh17.jsonl``: a seventeenth fresh set for the planner, written blind (diagnostic).

Who and when: a helper session started by the project's lead wrote these 100 requests (ids
``v000``–``v099``, ``"split": "fresh17"``) on 2026-12-07 between 23:10 and 23:23 UTC (machine
clock, ``date -u``; reading the brief and the allowed files first, then typing the requests and
their checks), in its own worktree ``/work/wt-fresh17`` on branch ``fresh17`` (made from
``main`` at 2dbc86b with ``git worktree add``, its own ``.venv`` from ``make install``).

What it read: the layout of this file came from ``build_fresh16.py`` (its module docstring, its
import block and the lines after it, its function names and its last nineteen lines; none of
its requests); ``build_set.py`` for the helpers, check kinds and the priors P1–P20; ``fresh_rows.py``;
``checks.py`` for what each check kind means; ``test_fresh_set.py`` (its helpers, the set
registry and the fresh16 per-set tests and hand-written fresh16 workflows, to copy their shape);
the set and check sections of ``docs/evaluation.md`` (no results section); the catalog
(``docs/catalog.md``'s head, service rows for three apps and the ``app_event_trigger`` and ``if``
sections, and ``flowsmith.core.catalog`` through a script listing every app's verbs and trigger
events and every core subtype) so that apps, operations and trigger events are real; and in
``run.py`` only the lines that register sets. It did not open the planner or agent code
(``src/flowsmith/planner/``, ``src/flowsmith/agent/``), ``tests/``, any other
``requests*.jsonl``, any other ``build_fresh*.py`` body, ``test_fresh3_set.py``,
``test_fresh7_set.py``, ``ops_sweep.py``, ``trigger_sweep.py``, ``recheck.py`` or any
``run-*.json``; it never ran the planner, the server, ``make run``, ``run.py`` or the
``flowsmith`` CLI, and never ran ``ruff format``. Slips, all without request text of another
set as far as it knows: (1) reading ``build_fresh16.py`` it printed its lines 140–200 with every
line starting ``R(`` or an indent filtered out, which showed about a dozen constant lines past the
thirty allowed (``S3_UP``, ``GCAL_READ`` and the "creates, English" header), and its last
nineteen lines (to see ``build``/``composition``/``main``), whose first three close that set's
last edit: ``kept("n1", "n2", "n3", "n4")``, ``NQ``, ``prior=P19``; (2) in ``test_fresh_set.py``
it read fresh16's hand-written workflows (``x002``…``x093``), whose one-line comments paraphrase
those fresh16 requests (a maintenance form, line sensors, keg orders, trainer bookings, reviews
under 3 stars, a company-size edit of P9); the brief allows the fresh16 per-set tests, but these
comments are close to request text, so they are named here. No fresh17 request copies them.
(3) A grep of ``docs/evaluation.md``'s headings listed the titles of its results sections
(titles only, nothing under them was read).

How it was written: a set that leans on conditions, by people in walks of life the earlier sets
may not have covered — a dairy farm and a cattle ranch, a ski school and a driving school, a
mosque's volunteer desk, a logistics dispatcher and a cross-border shipper, HR teams, game
studios, a hospital lab, a city council and a 街道办, a print shop, car rentals, university
admissions, a wedding DJ, hotel front desks and a 民宿, insurance brokers, SaaS on-call teams, a
beekeeper, a climbing gym, a choir, a pharmacy, a solar installer, a cinema, a dog kennel, a
bike courier, a 月子中心, a tea garden, a fish farm, a 社区团购 group. 50 English and 50 Chinese
requests (app names kept in English inside Chinese; a few typos — thursady, evry, forwrd,
delivred, chek; terse arrow notes, two bullet lists, run-ons, chatter, the why first). Conditions
said many ways: if/otherwise, unless, only, except, "X go to A, Y go to B", thresholds with and
without "if" ("donations of 1000 or more", "Potassium of 6.0 or above", "3星及以下"), empty or
missing fields (waiver, damage notes, 临床诊断), contains/mentions/starts with, dates and times
(overdue rentals, after 10pm, midnight to 8am, weekends, expiring policies, anniversaries), a
status that failed or a site that is down, and/or joins (GPA and international, lifts closed or
wind, production and users > 50), read-then-decide (a Salesforce policy, an Airtable waiver, a
licence API, a free-car sheet, a weekend rota), approvals with approved/rejected paths, three-
and four-way routes by a field or an AI category; Chinese with 如果/否则/不然/的话/就/只有…才/
除了/其余/其他的/凡是/超过/不到/没有. 20 edits, one of each prior P1–P20, each with ``kept_ids``;
12 of them add or change a condition (a threshold, a country or VIP split, a weekend guard, a
middle score band, a widened filter, a per-person count), 8 add, reschedule or re-link without
one. Three vague requests whose right answer is a question (v015 bees, v026 renewals, v059
库存). Each request was typed first, then its checks from what a demanding user would insist on
and no more: ``either``/``anyof`` where two graphs are equally right (a filter in the read or
on the trigger instead of an IF, the Stripe failure event instead of an IF on status, a cron
instead of a weekday IF, two trigger events…), ``condition_satisfiable`` only where an
IF/Switch/Filter is the natural way (not on approvals alone nor where a read's filter will do).
A service the catalog lacks (阿里云短信, InfluxDB, DHL, Steam, a farm API, a licence check, a
partner print shop, a North-American WMS, the LIMS) is an ``http_request`` whose text names it,
or the webhook that calls us. The plan, before typing, had a condition in nearly
every request; eight edits and fifteen creates were then planned without one. The first typed
draft had 78 long-tail requests; 38 were moved onto common apps (Telegram, Slack, email, Sheets,
Airtable, Notion, GitHub, HubSpot, Trello instead of WhatsApp, Teams, Twilio, 钉钉, 企业微信,
Jira…) with their text changed to match, and the P16 edit lost a check that only restated a
kept prior node (its Teams post), all before any check was final; one English edit (P14) lost a
Chinese word so that it stays English. After writing, a throwaway script checked every ``service``+``verb`` selector
against the catalog's operations, every trigger ``event_like`` word against the app's events and
every ``core`` subtype (575 in all; none failed), and that no edit's prior passes its checks.
Final counts: 50 English / 50 Chinese, 65 with a condition (53 creates, 12 edits; four with a
three-way ``branch_count``), 20 edits, 38 long tail, 3 vague. ``test_fresh_set.py`` holds
hand-written right workflows for five creates (v000, v007, v013, v046, v077) and three edits
(v080, v088, v098) that pass every check, and checks that each edit's prior left unchanged fails.

    .venv/bin/python bench/eval_planner/build_fresh17.py   # rewrites requests_fresh17.jsonl
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
    HUBSPOT_ADD,
    JIRA_ADD,
    LINEAR_ADD,
    MAILCHIMP_ADD,
    MONDAY_ADD,
    NOTION_ADD,
    NQ,
    OUTLOOK,
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
    P17,
    P18,
    P19,
    P20,
    SAT,
    SHEETS_ADD,
    SHEETS_READ,
    SHEETS_UPDATE,
    SLACK,
    SMS,
    SNOW_ADD,
    TEAMS,
    TELEGRAM,
    TOP_TEN,
    TRELLO_ADD,
    WEBHOOK_RESPONSE,
    WECOM,
    ZENDESK_ADD,
    ai,
    asks,
    avoiding,
    both_paths,
    branches,
    cond_text,
    core,
    either,
    guarded,
    http,
    kept,
    order,
    request,
    sched,
    svc,
    trig,
    trigger_text,
    unguarded,
)

OUT = HERE / "requests_fresh17.jsonl"
SPLIT = "fresh17"
PREFIX = "v"

# common: the brief's ten plus HubSpot, Airtable and Trello (as fresh10 and fresh16 count it)
COMMON = TOP_TEN | {"hubspot", "airtable", "trello"}

REQUESTS: list[dict[str, Any]] = []


def R(text: str, *checks, prior=None, note: str | None = None) -> None:
    REQUESTS.append(request(text, *checks, prior=prior, note=note))


# selectors and checks used more than once
THREE_WAY = {"branch_count": {"min": 3}}
WEEKDAYS_ONLY = either(
    sched(weekday="monday"),
    cond_text(["weekday", "weekend", "saturday", "sunday", "dayofweek", "getday", "周末", "工作日"]),
)
PAGERDUTY = svc("pagerduty", "create")
OPSGENIE = svc("opsgenie", "create")
VONAGE = svc("vonage", "create")
WHATSAPP = svc("whatsapp", "create")
FRESHDESK_ADD = svc("freshdesk", "create")
ASANA_ADD = svc("asana", "create")
PIPEDRIVE_ADD = svc("pipedrive", "create")
GCAL_ADD = svc("google_calendar", "create")
QUICKBOOKS_ADD = svc("quickbooks", "create")
PG_ADD = svc("postgres", "create")
AIRTABLE_READ = svc("airtable", "read")
TIME_WORDS = ["hour", "now", "time", "gethours", "18", "22", "23"]

# ---------------------------------------------------------------- creates, English
# a dairy farm: milking robot yields, under a threshold -> SMS, otherwise a sheet
R("Our milking robot posts every cow's yield to a webhook after each session. If a cow gives under 12 litres, text the herd manager with Twilio; otherwise just append the reading to the 'Yields' Google Sheet.",
  trig("webhook"), SMS, SHEETS_ADD, branches(SMS, SHEETS_ADD), guarded(SMS, ["litre", "liter", "yield", "milk"]), SAT, NQ)
# a ski school: three-way route by the level field
R("Ski school lesson booking form (name, age, level). Beginners -> add them to the 'Beginners' Airtable table, intermediate -> a Trello card on the Group Lessons board, advanced -> email race-coach@alpska.ch",
  trig(["form", "webhook"]), AIRTABLE_ADD, TRELLO_ADD, EMAIL, branches(AIRTABLE_ADD, TRELLO_ADD, EMAIL),
  guarded(TRELLO_ADD, "level"), THREE_WAY, SAT, NQ)
# a mosque's volunteer desk: unless, or a filter in the read
R("every thursady at 5pm pull the volunteer rota for friday prayers from our google sheet and message each volunteer on Telegram unless their 'confirmed' column already says yes",
  trig("schedule"), sched(at="17:00", weekday="thursday"), SHEETS_READ, TELEGRAM, order(SHEETS_READ, TELEGRAM),
  either(guarded(TELEGRAM, "confirm"), svc("google_sheets", "read", "confirm")), NQ)
# a logistics dispatcher: after hours / weekends
R("When a new delivery job lands in our dispatch webhook after 6pm or on a weekend, page the night dispatcher through PagerDuty; during office hours post it in the #dispatch Slack channel instead.",
  trig("webhook"), PAGERDUTY, SLACK, branches(PAGERDUTY, SLACK),
  guarded(PAGERDUTY, [*TIME_WORDS, "weekday", "weekend", "day"]), SAT, NQ)
# an HR team: onboarding, no condition
R("HR onboarding: when the onboarding form is submitted, make the new hire a page in our Notion people directory, open a GitHub issue in acme/it-requests so IT gets a laptop ready and post a welcome in #general on slack",
  trig(["form", "webhook"]), NOTION_ADD, GH_ISSUE, SLACK, NQ)
# a game studio: subject mentions crash/freeze (an IF or a filter on the trigger)
R("game studio here. when players email support@ with 'crash' or 'freeze' in the subject, open an issue in our GitHub repo for the QA team and reply to the player that we're on it. ignore other emails",
  trig(["email", "app_event"]), GH_ISSUE, EMAIL,
  either(guarded(GH_ISSUE, ["crash", "freeze", "subject"]), trigger_text(["crash", "freeze"])), NQ)
# a hospital lab: a critical value without "if"
R("Lab results come to a webhook. Every result goes into the Postgres results table. Potassium of 6.0 or above is a critical value: send the ward an SMS through Vonage and log an incident in ServiceNow.",
  trig("webhook"), PG_ADD, unguarded(PG_ADD), VONAGE, SNOW_ADD, guarded(VONAGE, ["potassium", "kalium", "analyte", "test"]),
  guarded(SNOW_ADD, ["potassium", "kalium", "analyte", "test"]), SAT, NQ)
# a city council office: four-way AI route
R("Residents' complaints arrive at complaints@council.gov (Outlook). Have AI sort them into potholes, bins, noise or other. potholes -> Asana task in the Roads project, bins -> email the waste contractor, noise -> Freshdesk ticket, other -> a row in a Google Sheet for the clerk",
  trig(["email", "app_event"]), ai("classify"), ASANA_ADD, FRESHDESK_ADD, SHEETS_ADD, EMAIL,
  branches(ASANA_ADD, FRESHDESK_ADD, SHEETS_ADD, EMAIL), NQ)
# a print shop: a job's status failed or done
R("Print shop: our print server calls a webhook when a job finishes. If the status is 'failed' ping the operator on Telegram, if it's 'done' email the customer that the order is ready for pickup.",
  trig("webhook"), TELEGRAM, EMAIL, branches(TELEGRAM, EMAIL), guarded(TELEGRAM, "status"), SAT, NQ)
# a car rental: overdue returns (filter in the read or an IF)
R("Every morning at 7:30 look up rentals in our Airtable 'Bookings' table whose return date has passed and that aren't marked returned, email each of those customers a reminder and also list them in #fleet on Slack",
  trig("schedule"), sched(at="07:30"), AIRTABLE_READ, EMAIL, SLACK, order(AIRTABLE_READ, EMAIL),
  either(guarded(EMAIL, ["return", "date"]), svc("airtable", "read", ["return", "date"])), NQ)
# a university admissions office: two conditions joined by and
R("Applications come in through Typeform. If GPA >= 3.5 AND the applicant is international, forward it to intl-admit@uni.edu; if GPA >= 3.5 and domestic, add them to HubSpot as a priority contact; below 3.5 just add them to the 'Review later' Google sheet.",
  trig("app_event", "typeform", "form"), EMAIL, HUBSPOT_ADD, SHEETS_ADD, branches(EMAIL, HUBSPOT_ADD, SHEETS_ADD),
  guarded(HUBSPOT_ADD, "gpa"), guarded(EMAIL, ["international", "country", "intl", "domestic"]), SAT, NQ)
# a DJ: approval with approved/rejected paths
R("I'm a DJ. Booking requests come through the form on my website (date, venue, fee). Send me an approval email first; approved -> create the gig in Google Calendar and email the client a confirmation, rejected -> email them a polite no.",
  trig(["form", "webhook"]), APPROVAL, GCAL_ADD, EMAIL, order(APPROVAL, GCAL_ADD), guarded(GCAL_ADD),
  branches(GCAL_ADD, EMAIL), NQ)
# a hotel front desk: message mentions housekeeping words
R("hotel front desk. guest messages come into our Telegram bot. if a message mentions towels, cleaning or housekeeping forward it to #housekeeping on Slack, anything else goes to #front-desk on Slack",
  trig("app_event", "telegram", "message"), SLACK,
  branches(svc("slack", "create", "housekeeping"), svc("slack", "create", "front")),
  guarded(svc("slack", "create", "housekeeping"), ["towel", "clean", "housekeeping"]), SAT, NQ)
# an insurance broker: read the policy first, then decide
R("When a claim is filed on our Jotform, look the policy up in Salesforce by policy number. If the policy has lapsed, email the client that it isn't covered; otherwise create a Salesforce case and tell the adjuster on Teams.",
  trig("app_event", "jotform", "form"), svc("salesforce", "read"), svc("salesforce", "create"), TEAMS, EMAIL,
  order(svc("salesforce", "read"), svc("salesforce", "create")), branches(EMAIL, svc("salesforce", "create")),
  guarded(TEAMS), SAT, NQ)
# a SaaS on-call team: health check down
R("evry 5 min hit https://api.tallybook.io/health -> if it's down (not 200 / times out) create an Opsgenie alert + post in #oncall on slack. if it's up do nothing",
  trig("schedule"), sched(every_minutes=5), http("tallybook.io"), OPSGENIE, SLACK, guarded(OPSGENIE), guarded(SLACK),
  order(http("tallybook.io"), OPSGENIE), NQ)
# a beekeeper: vague, the right answer is a question
R("I keep bees, about 40 hives. can you make me something smart for them? alerts or whatever makes sense",
  asks(["hive", "sensor", "data", "alert", "which", "what", "how"]))
# a climbing gym: read then decide, missing waiver
R("Climbing gym: when someone books a session on Calendly, check our Airtable 'Members' table for their waiver. No waiver on file -> email them the waiver link before they come. Waiver there -> nothing.",
  trig("app_event", "calendly", "invitee"), AIRTABLE_READ, EMAIL, order(AIRTABLE_READ, EMAIL), guarded(EMAIL, "waiver"), SAT, NQ)
# a choir: subject starts with (an IF or a filter on the trigger)
R("Our choir's shared Gmail gets loads of mail. Any email whose subject starts with 'ABSENCE:' should be added as a row to the attendance sheet and the choir director gets a Telegram message. leave the rest alone.",
  trig(["email", "app_event"]), SHEETS_ADD, TELEGRAM,
  either(guarded(SHEETS_ADD, "subject"), trigger_text("absence")),
  either(guarded(TELEGRAM, "subject"), trigger_text("absence")), NQ)
# a pharmacy: low stock, threshold without "if"
R("Pharmacy stock chek each night at 11pm: read stock levels from our Airtable 'Inventory' table; items with fewer than 20 units left go into ONE email to the supplier (not one per item). if everything's fine no email",
  trig("schedule"), sched(at="23:00"), AIRTABLE_READ, EMAIL, order(AIRTABLE_READ, EMAIL),
  either(guarded(EMAIL, ["stock", "unit", "quantity", "qty", "count", "length"]), svc("airtable", "read", ["< 20", "<20"])), NQ)
# a solar installer: the weather decides
R("we install solar panels and rain kills install days. at 6am check https://api.open-meteo.com/v1/forecast for the job site; if rain probability is over 60% post in #installs on Slack that today's install is postponed and email the customer. otherwise do nothing",
  trig("schedule"), sched(at="06:00"), http("open-meteo"), SLACK, EMAIL, guarded(SLACK, ["rain", "precip"]),
  guarded(EMAIL, ["rain", "precip"]), order(http("open-meteo"), SLACK), SAT, NQ)
# a cinema: refunds, X go to A, Y go to B
R("Cinema: when a charge is refunded in Stripe, refunds over $100 go to the manager as a Slack DM, smaller ones just get logged in the Refunds sheet.",
  trig("app_event", "stripe", "refund"), SLACK, SHEETS_ADD, branches(SLACK, SHEETS_ADD), guarded(SLACK, "amount"), SAT, NQ)
# a dog kennel: no condition
R("dog kennel — when a booking is paid in our WooCommerce shop, put the stay in the 'Kennel' Google Calendar and send the owner a WhatsApp message with the drop off instructions",
  trig("app_event", "woocommerce", "order"), GCAL_ADD, WHATSAPP, NQ)
# a bike courier: four-way route by status, every change logged
R("courier app posts delivery status changes to our webhook: picked_up -> nothing, delivred -> mark the order fulfilled in Shopify, failed -> SMS the customer via Twilio, returned -> create a Zendesk ticket. Log every status change to Postgres too.",
  trig("webhook"), svc("shopify", ["update", "create"]), SMS, ZENDESK_ADD, branches(svc("shopify", ["update", "create"]), SMS, ZENDESK_ADD),
  guarded(SMS, "status"), PG_ADD, unguarded(PG_ADD), SAT, NQ)
# a SaaS on-call team: error trigger, time of day
R("If any of our workflows errors between midnight and 8am, send it to the on-call Telegram group. During the day just post it to #automation-errors in Slack.",
  trig("error"), TELEGRAM, SLACK, branches(TELEGRAM, SLACK), guarded(TELEGRAM, [*TIME_WORDS, "8"]), SAT, NQ)
# an HR team: leave requests, condition then approval
R("Leave requests from the HR form: up to 2 days are approved automatically and added to the 'Leave' Google Sheet; more than 2 days go to the line manager for approval by email. approved -> the sheet as well, rejected -> email the employee.",
  trig(["form", "webhook"]), APPROVAL, guarded(APPROVAL, "day"), SHEETS_ADD, avoiding(SHEETS_ADD, APPROVAL),
  order(APPROVAL, SHEETS_ADD), branches(SHEETS_ADD, EMAIL), SAT, NQ)
# a game studio: Steam reviews digest, no condition
R("Every 2 hours pull the newest Steam reviews for our game from https://store.steampowered.com/appreviews/1874320?json=1, summarize them with AI and post the summary in our Discord #community channel",
  trig("schedule"), sched(every_minutes=120), http("steampowered"), ai("summarize"), DISCORD,
  order(http("steampowered"), ai("summarize")), order(ai("summarize"), DISCORD), NQ)
# an insurance broker: vague
R("automate renewals pls",
  asks(["renew", "policy", "policies", "which", "what", "where", "crm", "when"]))
# a hotel: late arrivals
R("Hotel: when a reservation is created in our booking system (it calls a webhook) and the arrival time is after 10pm, email the night porter at night@hotelmira.it with the guest's name and email the guest the key-box code.",
  trig("webhook"), EMAIL, guarded(EMAIL, "arrival"), SAT, NQ)
# a dairy farm: tank temperature or an error (or)
R("Milk tank sensor is in Home Assistant. Every 10 minutes read the tank temperature; if it's above 6°C or the cooler reports an error, call me through Twilio and post in the farm Telegram group",
  trig("schedule"), sched(every_minutes=10), svc("home_assistant", "read"), SMS, TELEGRAM,
  guarded(SMS, ["temp", "error"]), guarded(TELEGRAM), order(svc("home_assistant", "read"), SMS), SAT, NQ)
# an insurance broker: except
R("insurance broker: forwrd every quote request from our website form to HubSpot as a contact, except people from outside Ontario, those just get a 'sorry, we only serve Ontario' email",
  trig(["form", "webhook"]), HUBSPOT_ADD, EMAIL, branches(HUBSPOT_ADD, EMAIL),
  guarded(HUBSPOT_ADD, ["province", "ontario", "region", "state"]), SAT, NQ)
# a university admissions office: missing documents, a count to the director
R("Admissions: every Monday 8am go through the applicants in our Google Sheet. Anyone missing a transcript or a reference letter gets a reminder email, and the number of incomplete files goes to the admissions director as a Slack DM.",
  trig("schedule"), sched(at="08:00", weekday="monday"), SHEETS_READ, EMAIL, SLACK,
  guarded(EMAIL, ["transcript", "reference"]), order(SHEETS_READ, EMAIL), order(SHEETS_READ, SLACK), SAT, NQ)
# a logistics dispatcher: three weight bands
R("parcels from the warehouse webhook:\n- under 2kg -> add a row to the 'Letterbox' Airtable\n- 2 to 30kg -> create a DHL shipment with a POST to https://api-eu.dhl.com/parcel/de/shipping/v2/orders\n- over 30kg -> it's freight, email freight@haulco.com",
  trig("webhook"), AIRTABLE_ADD, http("dhl.com"), EMAIL, branches(AIRTABLE_ADD, http("dhl.com"), EMAIL),
  guarded(http("dhl.com"), "weight"), THREE_WAY, SAT, NQ)
# a city council office: minutes, contains "budget"
R("When a new file lands in the council's Google Drive folder 'Minutes', summarise it with AI and post it to the councillors' Microsoft Teams channel. If the minutes contain the word 'budget', also send the summary to the finance officer by Outlook email.",
  trig("app_event", "google_drive", "file"), ai("summarize"), TEAMS, unguarded(TEAMS), OUTLOOK,
  guarded(OUTLOOK, "budget"), SAT, NQ)
# a ski school: lifts closed or wind (or), read numbers from a sheet
R("Ski school. At 6:30 every morning read the snow report from https://api.skiresort.example/report. If the lifts are closed or wind is over 70 km/h we cancel today's lessons: tell the instructors in #instructors on Slack and email the parents (their addresses are in today's tab of the 'Bookings' google sheet).",
  trig("schedule"), sched(at="06:30"), http("skiresort"), SLACK, EMAIL, SHEETS_READ,
  guarded(SLACK, ["lift", "wind"]), guarded(EMAIL, ["lift", "wind"]), order(SHEETS_READ, EMAIL), SAT, NQ)
# a mosque: donations, the big ones also to the treasurer
R("When a donation comes in on PayPal email every donor a thank-you receipt; donations of 1000 or more also go to the treasurer as a Slack DM so he can call them personally",
  trig("app_event", "paypal", ["payment", "order"]), EMAIL, unguarded(EMAIL), SLACK, guarded(SLACK, "amount"), SAT, NQ)
# a print shop: bullets, file type
R("print shop upload flow:\n* customer uploads artwork on our site (webhook)\n* if the file isn't a PDF -> email them asking for a PDF\n* if it is a PDF -> create a Trello card for prepress with the file link",
  trig("webhook"), EMAIL, TRELLO_ADD, branches(EMAIL, TRELLO_ADD),
  guarded(TRELLO_ADD, ["pdf", "type", "ext", "mime"]), SAT, NQ)
# a car rental: damage notes empty or not
R("car returns: staff fill in our return form with mileage and damage notes. If the damage notes field isn't empty, have AI rate the severity and open a HubSpot ticket; if it's empty, mark the car available in our Airtable fleet table",
  trig(["form", "webhook"]), HUBSPOT_ADD, svc("airtable", "update"), ai("any"),
  branches(HUBSPOT_ADD, svc("airtable", "update")), guarded(HUBSPOT_ADD, ["damage", "note"]), guarded(ai("any")), SAT, NQ)
# a DJ: no condition
R("After each gig I add a page to my Notion 'Gigs' database. when that happens add a row to my 'Earnings' Airtable table and email the venue a thank-you note",
  trig("app_event", "notion", "page"), AIRTABLE_ADD, EMAIL, NQ)
# a hospital lab: turnaround, a filter in the API call or an IF
R("Lab: every 30 minutes check our LIMS (GET https://lims.stmarys.local/api/samples?status=pending) for samples received more than 4 hours ago that still have no result, and post each one to the #lab-tat channel in Slack",
  trig("schedule"), sched(every_minutes=30), http("lims.stmarys"), SLACK, order(http("lims.stmarys"), SLACK),
  either(guarded(SLACK, ["received", "hour", "result", "time"]), http(["received_before", "older", "hours", "received"])), NQ)
# an HR team: work anniversaries, weekdays, 5 and 10 years
R("Every weekday at 9 check the HR sheet for anyone whose work anniversary is today and post a congrats in #general on Slack; if it's their 5th or 10th year also order flowers, just email flowers@bloomco.com with the office address",
  trig("schedule"), sched(at="09:00"), WEEKDAYS_ONLY, SHEETS_READ, SLACK, EMAIL, guarded(SLACK),
  guarded(EMAIL, ["year", "anniversary"]), order(SHEETS_READ, SLACK), SAT, NQ)

# ---------------------------------------------------------------- creates, Chinese
# 奶牛场：产奶量下降，如果/否则
R("每天早上6点从牧场管理系统的接口 https://api.farmhub.cn/milk/yesterday 读昨天每头牛的产奶量，如果有牛比前一天少了20%以上，就发Telegram通知兽医；否则只把当天汇总写进Google表格",
  trig("schedule"), sched(at="06:00"), http("farmhub"), TELEGRAM, SHEETS_ADD, branches(TELEGRAM, SHEETS_ADD),
  order(http("farmhub"), TELEGRAM), SAT, NQ)
# 滑雪学校：只有…才
R("滑雪学校的报名表单提交以后，只有年龄满12岁才能报高级班。年龄不到12岁却选了高级班的，自动发邮件告诉家长改报中级班；其他的直接在Airtable里建报名记录",
  trig(["form", "webhook"]), EMAIL, AIRTABLE_ADD, branches(EMAIL, AIRTABLE_ADD), guarded(EMAIL, ["age", "年龄"]), SAT, NQ)
# 清真寺志愿者：凡是
R("清真寺志愿者服务台：凡是通过我们的报名表单报名斋月送餐志愿者的人，都加到Google表格“志愿者”里；其中有车的，另外发Telegram消息给协调员安排当司机",
  trig(["form", "webhook"]), SHEETS_ADD, unguarded(SHEETS_ADD), TELEGRAM,
  guarded(TELEGRAM, ["car", "车", "driver", "vehicle"]), SAT, NQ)
# 物流调度：超过，阿里云短信不在目录里
R("物流调度：司机每次到站会调用我们的webhook上报位置和预计到达时间，预计晚点超过30分钟的，用阿里云短信(dysmsapi.aliyuncs.com)给客户发短信，同时在飞书调度群里提醒一下，没晚点的不用管",
  trig("webhook"), http(["aliyun", "dysmsapi"]), FEISHU,
  guarded(http(["aliyun", "dysmsapi"]), ["delay", "late", "晚", "eta", "minute", "分钟", "arriv"]), guarded(FEISHU), SAT, NQ)
# HR：入职，没有条件
R("新员工入职表单提交后，在Notion员工档案库里建一页，给他发一封欢迎邮件，再在Slack的 #hr 频道里说一声",
  trig(["form", "webhook"]), NOTION_ADD, EMAIL, SLACK, NQ)
# 游戏工作室：标题包含hotfix
R("游戏工作室：GitLab上每次有新的merge request，如果标题里含有hotfix，就立刻发到企业微信的发布群，并且在Jira建一个发布任务；其他的MR只在Slack #dev 里说一声",
  trig("app_event", "gitlab", "merge"), WECOM, JIRA_ADD, SLACK, branches(WECOM, SLACK), branches(JIRA_ADD, SLACK),
  guarded(WECOM, ["title", "hotfix"]), SAT, NQ)
# 医院检验科：三路
R("检验科的结果：LIS系统会把每个结果推到我们的webhook。标记为“危急”的，马上用Twilio打电话给病区，并在企业微信里通知值班医生；“异常”的发到企业微信检验群；“正常”的写进Postgres就行",
  trig("webhook"), SMS, WECOM, PG_ADD, branches(SMS, PG_ADD), THREE_WAY,
  guarded(SMS, ["flag", "status", "level", "危急", "result"]), SAT, NQ)
# 街道办：没有条件
R("街道办收到的市民来信都进Outlook邮箱，每封信让AI写个摘要，在Notion的工单库里建一条，然后回一封邮件告诉市民已受理",
  trig(["email", "app_event"]), ai("summarize"), NOTION_ADD, EMAIL, order(ai("summarize"), NOTION_ADD), NQ)
# 印刷厂：一个都没有就不发
R("印刷厂：每天下午5点从Airtable订单表读出所有交期是明天、状态还不是“已完成”的订单，汇总成一条发到Telegram生产群。一个都没有的话就不发",
  trig("schedule"), sched(at="17:00"), AIRTABLE_READ, TELEGRAM, order(AIRTABLE_READ, TELEGRAM),
  either(guarded(TELEGRAM), svc("airtable", "read", ["due", "date", "交期"])), NQ)
# 租车：除了…其余
R("租车行：客户在我们小程序上下单会调webhook。除了周末取车的订单要先让店长在Slack里审批，其余的直接在Airtable的车辆排期表里锁车并给客户发确认邮件",
  trig("webhook"), APPROVAL, guarded(APPROVAL, ["weekend", "day", "周末", "date", "pickup", "取车"]), AIRTABLE_ADD,
  avoiding(AIRTABLE_ADD, APPROVAL), EMAIL, SAT, NQ)
# 大学招生：并且
R("研究生招生：申请人在官网申请表提交材料后，如果GRE超过320并且本科GPA在3.5以上，就加到HubSpot标记为优先面试，同时在Slack上通知招生老师；其他的申请只发一封“已收到”的邮件",
  trig(["form", "webhook"]), HUBSPOT_ADD, SLACK, EMAIL, branches(HUBSPOT_ADD, EMAIL),
  guarded(HUBSPOT_ADD, ["gre", "gpa"]), guarded(SLACK), SAT, NQ)
# DJ：没有条件
R("我是婚礼DJ，客户在我网站的表单上约试听会，就在Notion的日程库里建一条，再发Telegram告诉我",
  trig(["form", "webhook"]), NOTION_ADD, TELEGRAM, NQ)
# 酒店前台：晚上11点到早上7点
R("酒店前台：客人通过Telegram机器人发来的消息，晚上11点到早上7点之间的，自动回复“夜班同事会尽快回复您”，并发邮件给夜班经理；白天的消息直接转到Slack的 #frontdesk 频道",
  trig("app_event", "telegram", "message"), TELEGRAM, EMAIL, SLACK, branches(EMAIL, SLACK),
  guarded(TELEGRAM, [*TIME_WORDS, "7"]), SAT, NQ)
# 保险经纪：到期提醒，两档
R("保险经纪：每天早上8点读Airtable里的保单表，30天内到期的客户发续保提醒邮件；7天内到期还没续保的，另外在HubSpot给负责的经纪人建一个跟进任务",
  trig("schedule"), sched(at="08:00"), AIRTABLE_READ, EMAIL, HUBSPOT_ADD, order(AIRTABLE_READ, EMAIL),
  guarded(EMAIL, ["expir", "到期", "date", "end", "renew"]), guarded(HUBSPOT_ADD), SAT, NQ)
# SaaS值班：down/不然
R("值班：Uptime Robot发现网站挂了会调我们的webhook，如果是down就在Opsgenie建告警、飞书群里发消息；不然(恢复up了)就在飞书群里说已恢复，并把Opsgenie的告警关掉",
  trig("webhook"), OPSGENIE, svc("opsgenie", ["update", "delete"]), FEISHU,
  branches(OPSGENIE, svc("opsgenie", ["update", "delete"])), guarded(OPSGENIE, ["down", "status", "alert", "type"]), SAT, NQ)
# 驾校：没有条件
R("驾校：每周日晚上8点从Google表格读出这周每个学员的练车时长，按教练汇总一下发到Telegram教练群",
  trig("schedule"), sched(at="20:00", weekday="sunday"), SHEETS_READ, TELEGRAM, order(SHEETS_READ, TELEGRAM), NQ)
# 月子中心：其他的
R("月子中心：客户咨询从官网表单进来。预产期在3个月以内的，马上发Telegram给销售顾问，并在HubSpot建一个deal；其他的加到Airtable的“培育名单”表里以后慢慢跟",
  trig(["form", "webhook"]), TELEGRAM, HUBSPOT_ADD, AIRTABLE_ADD, branches(HUBSPOT_ADD, AIRTABLE_ADD),
  branches(TELEGRAM, AIRTABLE_ADD), guarded(HUBSPOT_ADD, ["due", "预产期", "date"]), SAT, NQ)
# 茶园：没有条件
R("茶园每天下午4点查一下和风天气 https://devapi.qweather.com/v7/weather/3d 的未来三天预报，整理成一句话发到茶农的Telegram群",
  trig("schedule"), sched(at="16:00"), http("qweather"), TELEGRAM, order(http("qweather"), TELEGRAM), NQ)
# 民宿：3星及以下
R("民宿：Airbnb没有接口，我们用webhook收评价。3星及以下的评价，让AI起草一条回复，连同评价一起发邮件给店长；4星5星的什么都不用做",
  trig("webhook"), EMAIL, ai("any"), guarded(EMAIL, ["rating", "star", "评分", "score"]), guarded(ai("any")),
  order(ai("any"), EMAIL), SAT, NQ)
# 模糊：库存
R("帮我搞个自动化，跟库存有关的",
  asks(["库存", "inventory", "哪", "什么", "which", "what", "系统", "stock"]))
# 水产养殖：几个条件各走各的
R("水产养殖场的水质传感器每15分钟推一次数据到webhook：溶氧低于4的，立刻用Twilio打电话给场长；pH超出6.5到8.5的，发钉钉给技术员；水温超过30度的，发企业微信给值班的；全部正常的写进InfluxDB(http://influx.farm.local:8086)",
  trig("webhook"), SMS, DINGTALK, WECOM, http("influx"), guarded(SMS, ["oxygen", "溶氧", "o2", "dissolved"]),
  guarded(DINGTALK, "ph"), guarded(WECOM, ["temp", "水温"]), guarded(http("influx")), SAT, NQ)
# 社区团购：超过/再超过，审批
R("社区团购：Shopify店铺来了新订单，金额超过500的发企业微信给团长确认；超过2000的还要财务审批一下，批了才在Shopify里发货",
  trig("app_event", "shopify", "order"), WECOM, guarded(WECOM, ["total", "amount", "price", "金额"]), APPROVAL,
  guarded(APPROVAL, ["total", "amount", "price", "金额"]), order(APPROVAL, svc("shopify", ["create", "update"])), SAT, NQ)
# 物流：先查表再决定
R("调度：Trello“用车申请”列表里每新建一张卡，先去Google表格“车辆”里查有没有空闲的车，有的话把那辆车在表里标成已占用，再在卡片上评论车牌号；没有的话发Slack给调度主管",
  trig("app_event", "trello"), SHEETS_READ, SHEETS_UPDATE, SLACK, svc("trello", ["create", "update"]),
  order(SHEETS_READ, SHEETS_UPDATE), branches(SHEETS_UPDATE, SLACK), SAT, NQ)
# 游戏工作室：没有条件
R("玩家在Discord #反馈 频道里的留言我们用webhook收过来，每条让AI提炼成一句话的需求，存进Notion的需求库",
  trig("webhook"), ai("any"), NOTION_ADD, order(ai("any"), NOTION_ADD), NQ)
# 医院排班：周末没人排
R("检验科排班：每周五下午3点从Google表格“排班”读下个周末的值班安排，如果周六或者周日有班没人排，就发邮件给科主任；都排满了就在Telegram群里发一句“下周末排班已齐”",
  trig("schedule"), sched(at="15:00", weekday="friday"), SHEETS_READ, EMAIL, TELEGRAM, branches(EMAIL, TELEGRAM),
  order(SHEETS_READ, EMAIL), SAT, NQ)
# HR：离职，没有条件
R("员工在表单上提交离职申请后：在GitHub的 it-requests 仓库给IT建一个回收电脑和账号的issue，HR的Slack频道通知一下，再给员工发邮件说明离职流程",
  trig(["form", "webhook"]), GH_ISSUE, SLACK, EMAIL, NQ)
# 印刷厂：超过5000张外协
R("印刷订单从WooCommerce来，数量超过5000张的交给外协厂，用HTTP POST到 https://api.printpartner.cn/orders 下单；5000张以内的在我们自己的Trello生产看板上建卡片",
  trig("app_event", "woocommerce", "order"), http("printpartner"), TRELLO_ADD, branches(http("printpartner"), TRELLO_ADD),
  guarded(TRELLO_ADD, ["quantity", "qty", "数量"]), SAT, NQ)
# 租车：超时没还车（查询里筛或者IF）
R("租车：每小时检查一次Airtable里的租车单，超过还车时间2小时还没还车的，给客户发邮件提醒，同时在Slack #fleet 里提醒值班经理",
  trig("schedule"), sched(every_minutes=60), AIRTABLE_READ, EMAIL, SLACK, order(AIRTABLE_READ, EMAIL),
  either(guarded(EMAIL), svc("airtable", "read", ["now", "return", "还车"])), NQ)
# 大学招生：按录取结果三路
R("招生办：Salesforce里申请人的记录更新时，录取结果是“录取”就发录取邮件并在Slack #admissions 庆祝一下，“候补”就加到Mailchimp的候补名单，“拒绝”就只发一封拒信",
  trig("app_event", "salesforce", "updated"), SLACK, MAILCHIMP_ADD, EMAIL, branches(SLACK, MAILCHIMP_ADD), THREE_WAY,
  guarded(MAILCHIMP_ADD, ["result", "decision", "录取", "status", "候补"]), SAT, NQ)
# DJ：没有条件
R("DJ接单：客户付完定金后(支付页面会调我们的webhook)，发确认邮件给客户，并在Notion的“演出”库里建一条记录，写上尾款在活动前7天付",
  trig("webhook"), EMAIL, NOTION_ADD, NQ)
# 酒店：扣款失败（事件本身或者IF）
R("前台用Stripe收押金，扣款失败的话，用Vonage给客人发短信让他来前台换张卡，同时在Slack前台频道提醒一下，成功的不用管",
  VONAGE, SLACK, either(trig("app_event", "stripe", "fail"), guarded(VONAGE, ["status", "fail"])), NQ)
# 保险理赔：金额，审批
R("保险理赔：客户在Jotform提交理赔申请，理赔金额1万以下的直接在Zendesk建工单给理赔专员；1万及以上的先发邮件让理赔经理审批，批准后再建Zendesk工单，拒绝的话发邮件通知客户",
  trig("app_event", "jotform", "form"), ZENDESK_ADD, APPROVAL, guarded(APPROVAL, ["amount", "金额", "claim"]),
  avoiding(ZENDESK_ADD, APPROVAL), order(APPROVAL, ZENDESK_ADD), EMAIL, guarded(EMAIL), SAT, NQ)
# SaaS值班：且/并且，三种
R("Sentry的新错误会调我们的webhook。环境是production并且影响用户超过50个的，发到Telegram值班群；production但是用户少的，发Slack #bugs；staging的全部忽略",
  trig("webhook"), TELEGRAM, SLACK, branches(TELEGRAM, SLACK), guarded(TELEGRAM, ["user", "count"]),
  guarded(SLACK, ["environment", "env", "production"]), SAT, NQ)
# 牧场：没有条件
R("牧场每天早上5点半读Google表格里母牛的预产期，把整张表的待产情况整理一下发Telegram给夜班饲养员",
  trig("schedule"), sched(at="05:30"), SHEETS_READ, TELEGRAM, order(SHEETS_READ, TELEGRAM), NQ)
# 清真寺：没有条件
R("清真寺的捐款用PayPal收。每笔捐款都在QuickBooks里记一笔收入，再给捐款人发感谢邮件",
  trig("app_event", "paypal", ["payment", "order"]), QUICKBOOKS_ADD, EMAIL, NQ)
# 街道办：工作日，超期催办
R("街道办：每个工作日上午9点，从Airtable读出状态是“处理中”而且已经超过7天的市民诉求，按负责科室分组，给每个科室发一封催办邮件",
  trig("schedule"), sched(at="09:00"), WEEKDAYS_ONLY, AIRTABLE_READ, EMAIL, order(AIRTABLE_READ, EMAIL),
  either(guarded(EMAIL), svc("airtable", "read", ["status", "处理中"])), NQ)
# 游戏工作室：没有条件
R("GitHub上我们的游戏仓库发新release的时候，在Discord #announcements 里发更新日志，再在Slack #general 里转一下",
  trig("app_event", "github", "release"), DISCORD, SLACK, NQ)
# 医院：空字段就退回
R("检验科：HIS系统把新的检验申请推到webhook，如果“临床诊断”字段是空的就退回：回复webhook 400，并发邮件给开单医生；有诊断的追加到Google表格“检验申请”，回复200",
  trig("webhook"), WEBHOOK_RESPONSE, EMAIL, SHEETS_ADD, branches(EMAIL, SHEETS_ADD),
  branches(core("webhook_response", "400"), SHEETS_ADD), guarded(SHEETS_ADD, ["诊断", "diagnosis"]), SAT, NQ)
# 跨境物流：或者
R("跨境物流：Shopify新订单，目的地是美国或者加拿大的，推给北美仓的系统(POST https://wms.na-hub.com/api/orders)；其他国家的在Google表格“国际件”追加一行，再飞书通知仓库主管",
  trig("app_event", "shopify", "order"), http("na-hub"), SHEETS_ADD, FEISHU, branches(http("na-hub"), SHEETS_ADD),
  guarded(http("na-hub"), ["country", "国家"]), SAT, NQ)
# 租车：先查驾照再决定
R("租车：新客户在官网注册(webhook)，先把驾照号发到 https://api.licensecheck.cn/verify 查一下，驾照无效或者扣分超过9分的拒绝：回复webhook rejected并发邮件说明；正常的在HubSpot建联系人并回复ok",
  trig("webhook"), http("licensecheck"), HUBSPOT_ADD, WEBHOOK_RESPONSE, EMAIL, branches(EMAIL, HUBSPOT_ADD),
  order(http("licensecheck"), HUBSPOT_ADD), guarded(HUBSPOT_ADD), SAT, NQ)

# ---------------------------------------------------------------- edits
# P1 (en): a threshold adds an email, the Slack post stays for every day
R("if yesterday's sales total is below 10000, also email the summary to director@acme.io. the slack post stays as it is",
  EMAIL, guarded(EMAIL, ["total", "revenue", "sales", "amount"]), unguarded(SLACK), kept("n1", "n2", "n3", "n4"), SAT, NQ,
  prior=P1)
# P2 (zh): company email domains only go to HubSpot
R("如果线索的邮箱是公司邮箱（不是gmail、qq、163这种），就再在HubSpot建一个联系人，表格和邮件照旧",
  HUBSPOT_ADD, guarded(HUBSPOT_ADD, "email"), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P2)
# P3 (en): bugs to monday, the rest to Trello, Slack for all
R("Only bugs should go to monday. Stories and tasks go to Trello instead. Keep the Slack ping in #eng for everything.",
  TRELLO_ADD, branches(MONDAY_ADD, TRELLO_ADD), guarded(MONDAY_ADD, ["type", "bug"]), unguarded(SLACK),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P3)
# P4 (zh): in stock and price under 3500 -> Telegram too
R("有货的时候除了发邮件，如果价格低于3500再给我发一条Telegram",
  TELEGRAM, guarded(TELEGRAM, ["price", "价格"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P4)
# P5 (en): log every classified email, no condition
R("also log every email we classify in a google sheet (category + subject), whatever the category is",
  SHEETS_ADD, unguarded(SHEETS_ADD), order(ai("classify"), SHEETS_ADD), kept("n1", "n2", "n3", "n4", "n5"), NQ, prior=P5)
# P6 (zh): only big orders to Slack
R("订单金额超过300美元的才发Slack，表格还是每一单都记",
  guarded(SLACK, ["total", "price", "amount", "金额"]), unguarded(SHEETS_ADD), kept("n1", "n2", "n3"), SAT, NQ, prior=P6)
# P7 (zh): reschedule and add an email, no condition
R("改成每天早上8点半发，另外钉钉之外再发一封邮件给老板 boss@company.cn",
  sched(at="08:30"), EMAIL, kept("n2", "n3"), NQ, prior=P7)
# P8 (en): VIP negative tickets also call the lead
R("negative tickets from VIP customers (they have the tag 'vip') should also call our support lead via Twilio",
  SMS, guarded(SMS, ["vip", "tag"]), kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P8)
# P9 (zh): country decides HubSpot or WeCom, the thank-you mail for all
R("表单加一个“国家”字段：中国的客户不进HubSpot，改成发企业微信给国内销售；其他国家的照旧进HubSpot。感谢邮件都要发",
  WECOM, branches(WECOM, svc("hubspot")), guarded(svc("hubspot"), ["country", "国家"]), both_paths(EMAIL),
  kept("n1", "n2", "n3"), SAT, NQ, prior=P9)
# P10 (en): critical on a weekend also PagerDuty
R("critical alerts that come in on a weekend should also open a PagerDuty incident",
  PAGERDUTY, guarded(PAGERDUTY, "severity"), guarded(PAGERDUTY, ["weekend", "day", "saturday", "sunday", "now"]),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P10)
# P11 (zh): add the stargazer to Airtable, no condition
R("star我们仓库的人也加到Airtable的“粉丝”表里，Discord照发",
  AIRTABLE_ADD, DISCORD, kept("n1", "n2"), NQ, prior=P11)
# P12 (en): Notion too and a link, no condition
R("save every summary to a Notion database too, and put the post's link in the telegram message",
  NOTION_ADD, svc("telegram", "create", ["link", "url"]), kept("n1", "n2", "n3"), NQ, prior=P12)
# P13 (zh): after approval, over 50k also a QuickBooks PO
R("审批通过以后，如果金额超过5万，还要在QuickBooks里建一张采购单",
  QUICKBOOKS_ADD, order(APPROVAL, QUICKBOOKS_ADD), guarded(QUICKBOOKS_ADD, ["amount", "金额"]),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P13)
# P14 (en): the filter also lets 'quote sent' through; those also a Pipedrive activity
R("the filter should also let through customers whose status is 'quote sent', not only the ones waiting for follow-up. for the quote sent ones also create an activity in Pipedrive",
  PIPEDRIVE_ADD, guarded(PIPEDRIVE_ADD, ["quote", "status"]), cond_text("quote sent"), kept("n1", "n2", "n4"), SAT, NQ,
  prior=P14)
# P15 (zh): a welcome SMS before answering, no condition
R("注册成功后再给用户发一条欢迎短信(Twilio)，在回复webhook之前发",
  SMS, order(SMS, WEBHOOK_RESPONSE), kept("n1", "n2", "n3", "n4"), NQ, prior=P15)
# P16 (en): more than 15 closed issues -> kudos in Slack
R("if someone closed more than 15 issues this week give them a shout-out in #kudos on Slack",
  SLACK, guarded(SLACK, ["count", "key", "total", "issues", "15"]), order(core("aggregate"), SLACK),
  kept("n1", "n2", "n3", "n4"), SAT, NQ, prior=P16)
# P17 (zh): an Asana review task, no condition
R("合同登记到表格之后，在Asana里给法务建一个审核任务",
  ASANA_ADD, order(SHEETS_ADD, ASANA_ADD), kept("n1", "n2", "n3"), NQ, prior=P17)
# P18 (en): a Linear issue per error, no condition
R("also open a Linear issue for every error, with the workflow name in the title",
  LINEAR_ADD, unguarded(LINEAR_ADD), kept("n1", "n2"), NQ, prior=P18)
# P19 (zh): a middle band 40-70 -> a HubSpot task
R("分数在40到70之间的中等线索，在HubSpot里给它们建一个跟进任务",
  svc("hubspot", "create"), branches(svc("salesforce"), svc("hubspot", "create")),
  guarded(svc("hubspot", "create"), "score"), kept("n1", "n2", "n4"), SAT, NQ, prior=P19)
# P20 (en): Slack after the upload and a dated file name, no condition
R("after the upload post 'backup done' in #ops on slack, and put the date in the file name so we keep old backups",
  SLACK, order(svc("dropbox"), SLACK), svc("dropbox", "create", ["$now", "date", "today"]),
  kept("n1", "n2", "n3"), NQ, prior=P20)


def build() -> list[dict[str, Any]]:
    return fresh_rows.rows_of(REQUESTS, PREFIX, SPLIT, COMMON)


composition = fresh_rows.composition


def main() -> None:
    fresh_rows.write(build(), OUT)


if __name__ == "__main__":
    main()

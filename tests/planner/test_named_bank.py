"""Named services and operations bank (sentences of our own, English and Chinese).

Every service and operation the user names becomes a node with the right operation, in the
right order, behind the right condition:

* a file "copied to" a folder of another app: an upload (create) there, whatever the folder
  is called ("our shared OneDrive" names no share);
* a second destination said as the app's own verb ("… and tweet it", "发条推特");
* a destination said as a bare noun phrase after an arrow ("-> invoice in QuickBooks");
* a message sent per item through an app said in capitals inside Chinese ("逐个发LINE提醒");
* the other case of an AI-extracted yes/no value "appended to" a sheet (a write, no read);
* a review posted "as a comment on the PR/MR";
* data converted to CSV with today's date in the file name;
* an approval on one case only: the other case reaches the same step without it;
* a form whose cases send an email in one case and create a calendar event in the other.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flowsmith.core.services import verb_of
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import APPROVALS, YES, Graph, bypasses, sound

Check = Callable[[Graph], None]
_CREATE_LEADS = ("create", "add", "send", "post", "push", "upload", "publish", "insert", "append")


def _creates(op: object) -> bool:
    key = str(op or "")
    return "create" in verb_of(key) or key.lower().startswith(_CREATE_LEADS)


def _makers(g: Graph, what: str) -> set[str]:
    """Nodes of ``what`` (an app or subtype) that create; a step with no operation key (a
    plain email) counts whole."""
    ids = g.find(what)
    out = {
        i
        for i in ids
        if "operation" not in g.nodes[i].parameters
        or _creates(g.nodes[i].parameters.get("operation"))
    }
    assert out, (what, {i: g.nodes[i].parameters for i in ids})
    return out


def creates(what: str, says: tuple[str, ...] = ()) -> Check:
    """Some node of ``what`` creates (and its parameters say one of ``says``, if given)."""

    def run(g: Graph) -> None:
        ids = _makers(g, what)
        if says:
            assert any(any(w in str(g.nodes[i].parameters).lower() for w in says) for i in ids), {
                i: g.nodes[i].parameters for i in ids
            }

    return run


def reads(app: str) -> Check:
    def run(g: Graph) -> None:
        ops = [str(g.nodes[i].parameters.get("operation", "")) for i in g.find(app)]
        assert any("read" in verb_of(o) or o.startswith(("get", "search", "list")) for o in ops)

    return run


def no_read(app: str) -> Check:
    """No node of ``app`` reads (a write was asked for)."""

    def run(g: Graph) -> None:
        ops = [str(g.nodes[i].parameters.get("operation", "")) for i in g.find(app)]
        assert not any("read" in verb_of(o) for o in ops), ops

    return run


def then(first: str, second: str) -> Check:
    """A creating node of ``second`` is reached from a node of ``first``."""

    def run(g: Graph) -> None:
        after = _makers(g, second)
        assert any(after & g.below(i) for i in g.find(first)), g.edges

    return run


def apart(a: str, b: str, says: tuple[str, ...]) -> Check:
    """One gate (its parameters saying one of ``says``) puts the creating nodes of ``a`` and
    of ``b`` on different outputs."""

    def run(g: Graph) -> None:
        sa, sb = g.sides_of(_makers(g, a)), g.sides_of(_makers(g, b))
        for gid in set(sa) & set(sb):
            text = str(g.nodes[gid].parameters).lower()
            if sa[gid] != sb[gid] and any(w in text for w in says):
                return
        raise AssertionError((sa, sb))

    return run


def gated(step: str) -> Check:
    """The creating node of ``step`` sits on a passing output of some gate."""

    def run(g: Graph) -> None:
        sides = g.sides_of(_makers(g, step))
        assert any(o in YES for o in sides.values()), sides

    return run


def approved_once(step: str) -> Check:
    """Some approval leads to ``step`` and some path reaches ``step`` through none."""

    def run(g: Graph) -> None:
        asks = {i for i, n in g.nodes.items() if n.subtype in APPROVALS}
        ids = _makers(g, step)
        assert any(ids & g.below(a) for a in asks), (asks, g.edges)
        bypasses(g, step)

    return run


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


EMAIL = "send_email"

BANK: list[tuple[str, str, Check]] = [
    # --- a file copied to a folder of another app: an upload there --------------------------
    (
        "When a new file lands in the Box folder 'Contracts', copy it to the 'Signed' folder "
        "in our shared OneDrive and let the legal team know in Slack.",
        "box",
        each(creates("onedrive"), creates("slack")),
    ),
    (
        "有人往Box的“报价单”文件夹里放文件时，把它复制到我们共享的谷歌云盘“销售”文件夹，再在钉钉群里说一声",
        "box",
        each(creates("google_drive"), creates("dingtalk")),
    ),
    (
        "Whenever a file is added to the Google Drive folder 'Invoices', copy it into our Dropbox "
        "'Accounting' folder. Skip anything that is not a PDF.",
        "google_drive",
        each(creates("dropbox"), gated("dropbox")),
    ),
    (
        "OneDrive的“照片”文件夹里有新文件时，复制一份到Dropbox的“备份”目录",
        "onedrive",
        creates("dropbox"),
    ),
    # --- a second destination said as the app's verb ------------------------------------------
    (
        "When our blog's RSS feed has a new post, have OpenAI write a short teaser, share it on "
        "LinkedIn and tweet it.",
        "rss",
        each(creates("linkedin"), creates("twitter"), then("openai", "twitter")),
    ),
    (
        "Shopify上新商品时，让GPT写一段文案，发到我们的Facebook主页，再发一条推特",
        "shopify",
        each(creates("facebook"), creates("twitter")),
    ),
    (
        "New row in the 'Announcements' Google Sheet → tweet it and post it in the #news "
        "Discord channel",
        "google_sheets",
        each(creates("twitter"), creates("discord")),
    ),
    (
        "RSS有新文章时，发推，并且转发到Telegram频道",
        "rss",
        each(creates("twitter"), creates("telegram")),
    ),
    # --- a bare noun phrase as the destination after an arrow ---------------------------------
    (
        "each new signed envelope in DocuSign -> AI pulls out client name and total -> invoice "
        "in QuickBooks",
        "docusign",
        each(creates("quickbooks"), then("information_extractor", "quickbooks")),
    ),
    (
        "each new file in the Box folder 'Scans' -> AI extracts the customer and amount -> "
        "invoice in Xero",
        "box",
        each(creates("xero"), then("information_extractor", "xero")),
    ),
    (
        "new Calendly booking -> ticket in Zendesk",
        "calendly",
        creates("zendesk"),
    ),
    (
        "Gmail收到带附件的账单邮件 → AI提取供应商和金额 → Xero发票",
        "gmail",
        each(creates("xero"), then("information_extractor", "xero")),
    ),
    # --- a message per item through an app named in capitals inside Chinese -------------------
    (
        "每天早上9点从Airtable取出今天要上门的客户，逐个给他们发LINE消息",
        "schedule",
        each(reads("airtable"), creates("line"), then("airtable", "line")),
    ),
    (
        "每周一早上从Google表格读出本周过生日的会员，给每个人发一条LINE祝福",
        "schedule",
        each(reads("google_sheets"), creates("line")),
    ),
    (
        "Every evening at 6 read tomorrow's bookings from Google Calendar and send each guest a "
        "LINE reminder",
        "schedule",
        each(reads("google_calendar"), creates("line"), then("google_calendar", "line")),
    ),
    # --- the other case of an AI-extracted yes/no appended to a sheet -------------------------
    (
        "Invoices arrive by email at ap@corp.example. Have AI pull out the vendor and whether the "
        "invoice is overdue. Overdue ones become an urgent Jira issue; on-time ones just get "
        "appended to the 'AP log' Google Sheet.",
        "email",
        each(creates("google_sheets"), no_read("google_sheets"), creates("jira")),
    ),
    (
        "收到发往 hr@corp.cn 的邮件时，让AI提取应聘者姓名以及是否有工作经验。有经验的在Airtable建记录；"
        "没经验的追加到Google表格“人才库”里",
        "email",
        each(creates("google_sheets"), no_read("google_sheets"), creates("airtable")),
    ),
    # --- a review posted as a comment on the PR / MR -----------------------------------------
    (
        "new GitHub pull request -> have OpenAI review the changes and post the review as a "
        "comment on the PR",
        "github",
        each(creates("github"), then("openai", "github")),
    ),
    (
        "GitHub上有新的拉取请求时，让Claude审查代码，然后把审查意见作为评论发到这个PR下面",
        "github",
        each(creates("github"), then("anthropic", "github")),
    ),
    # --- converted to CSV with today's date in the file name ---------------------------------
    (
        "Every Sunday read all rows from the Postgres table 'orders', turn them into a CSV file "
        "named with today's date and upload it to Dropbox",
        "schedule",
        each(creates("dropbox", ("date", "now", "today")), then("postgres", "dropbox")),
    ),
    (
        "每天凌晨2点从Airtable读出所有记录，转成CSV文件，文件名里带上当天日期，上传到谷歌云盘",
        "schedule",
        each(creates("google_drive", ("date", "now", "today")), then("airtable", "google_drive")),
    ),
    # --- an approval on one case only ---------------------------------------------------------
    (
        "Refund requests come in through a Typeform. Refunds of $500 or more need our finance "
        "lead (fin@shop.example) to approve by email before the confirmation goes out via "
        "SendGrid; smaller refunds get the SendGrid confirmation right away.",
        "typeform",
        approved_once("sendgrid"),
    ),
    (
        "报销单通过Jotform提交。金额5000元及以上的需要经理在Slack里批准后才发Mailgun邮件通知申请人；"
        "小额的直接发Mailgun通知",
        "jotform",
        approved_once("mailgun"),
    ),
    (
        "Orders come in through WooCommerce. Orders of 200 units or more need the warehouse "
        "manager to sign off in Slack before the Brevo confirmation goes out; smaller orders get "
        "it right away.",
        "woocommerce",
        approved_once("brevo"),
    ),
    # --- form cases: an email in one, a calendar event in the other ---------------------------
    (
        "帮我做一个场地预订表单（姓名、邮箱、日期、人数）。人数超过20的发邮件给经理 boss@venue.cn "
        "确认，其余的直接在Outlook日历上建活动",
        "form",
        each(apart(EMAIL, "outlook", ("人数", "20")), creates(EMAIL)),
    ),
    (
        "Make a booking form for the meeting room (name, email, date, duration). Bookings on a "
        "weekend get an email to facilities@office.example for manual confirmation; weekday "
        "ones go straight into Google Calendar as an event.",
        "form",
        each(creates(EMAIL), creates("google_calendar")),
    ),
    (
        "做一个维修预约表单（姓名、电话、日期）。选周末的发邮件给值班主管 duty@fix.cn 人工确认，"
        "选工作日的直接在谷歌日历上建预约",
        "form",
        each(creates(EMAIL), creates("google_calendar")),
    ),
]

_OPEN: dict[str, str] = {
    "RSS有新文章时": "'发推' makes no Twitter step",
    "each new signed envelope": "the DocuSign trigger and 'AI pulls out' are not read",
    "Every evening at 6 read": "'tomorrow's bookings from Google Calendar' reads availability "
    "and waits a day",
    "Every Sunday read all rows": "the file name carries no date",
    "Make a booking form": "'get an email … for manual confirmation' makes no email",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_named_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10

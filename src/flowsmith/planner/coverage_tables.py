"""Which workflow nodes count as doing what a frame step asks: the request check's tables.

Invariants: every table maps a frame kind (trigger kind, transform, thinking, approval)
to the frozen set of node subtypes that do it; the sets are read-only, and a subtype may
appear under several kinds (a general AI node does any thinking). Pure data, no logic.
"""

from __future__ import annotations

GUARDS = frozenset({"if", "switch", "filter"})
TRIGGER_SUBTYPES: dict[str, frozenset[str]] = {
    "manual": frozenset({"manual_trigger"}),
    "schedule": frozenset({"schedule_trigger"}),
    "webhook": frozenset({"webhook_trigger"}),
    "form": frozenset({"form_trigger"}),
    "email": frozenset({"email_trigger"}),
    "chat": frozenset({"chat_trigger"}),
    "app_event": frozenset({"app_event_trigger"}),
    "error": frozenset({"error_trigger"}),
    "rss": frozenset({"rss_trigger"}),
}
# apps whose events are how mail arrives
MAIL_APPS = frozenset({"gmail", "outlook", "microsoft_outlook", "imap", "email"})
# core steps done equally well by another core node
CORE_EQUIVALENT: dict[str, frozenset[str]] = {
    "send_email": frozenset({"send_email", "gmail_send"}),
    "gmail_send": frozenset({"send_email", "gmail_send"}),
    "http_request": frozenset({"http_request", "web_page_check", "http_tool"}),
    "web_page_check": frozenset({"web_page_check", "http_request", "html_extract"}),
    "html_extract": frozenset({"html_extract", "web_page_check", "code"}),
    "set_fields": frozenset({"set_fields", "code"}),
    "text_template": frozenset({"text_template", "set_fields", "code"}),
    "date_time": frozenset({"date_time", "code", "set_fields"}),
    "read_file": frozenset({"read_file", "http_request"}),
}
TRANSFORM_SUBTYPES: dict[str, frozenset[str]] = {
    "filter": frozenset({"filter", "if", "code"}),
    "aggregate": frozenset({"aggregate", "code"}),
    "dedupe": frozenset({"remove_duplicates", "code"}),
    "sort": frozenset({"sort", "code"}),
    "limit": frozenset({"limit", "code"}),
    "split": frozenset({"split_out", "loop", "code"}),
    "template": frozenset({"text_template", "set_fields", "code"}),
    "set": frozenset({"set_fields", "code"}),
    "code": frozenset({"code"}),
}
GENERAL_AI = frozenset({"ai_agent", "llm_chat", "n8n_ai_node"})
THINK_SUBTYPES: dict[str, frozenset[str]] = {
    "classify": frozenset({"text_classifier"}) | GENERAL_AI,
    "extract": frozenset({"information_extractor"}) | GENERAL_AI,
    "summarise": frozenset({"summarizer"}) | GENERAL_AI,
    "sentiment": frozenset({"sentiment_analysis", "text_classifier"}) | GENERAL_AI,
    "translate": GENERAL_AI,
    "prompt": GENERAL_AI,
}
APPROVAL_SUBTYPES = frozenset({"approval_email", "approval_slack", "form_review"})
# nodes that work on the items they are given (they make none of their own)
CONSUMERS = frozenset(
    {
        "limit",
        "aggregate",
        "sort",
        "remove_duplicates",
        "split_out",
        "filter",
        "summarizer",
        "text_classifier",
        "information_extractor",
        "sentiment_analysis",
    }
)
# nodes that bring data into a run (besides triggers other than schedule/manual)
PRODUCERS = frozenset(
    {
        "http_request",
        "web_page_check",
        "read_file",
        "google_sheets_read",
        "postgres_query",
        "mysql_query",
        "code",
        "set_fields",
        "ai_agent",
        "llm_chat",
        "n8n_ai_node",
        "n8n_node",
        "rss_trigger",
    }
)
EMPTY_TRIGGERS = frozenset({"schedule_trigger", "manual_trigger"})
SIDE_PORTS = frozenset({"ai_tool", "ai_memory"})

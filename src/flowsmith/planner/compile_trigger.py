"""The trigger node of a compiled frame.

Invariants: exactly one trigger node per workflow, built from the frame's
:class:`~flowsmith.planner.frame.Trigger` alone (plus the request's words for values an
app trigger needs), added first with no feeds; a webhook whose request the frame answers
(a Respond step) replies from a response node. Pure: no I/O, no clock.
"""

from __future__ import annotations

from typing import Any

from flowsmith.core.models import Node
from flowsmith.planner.compile_state import ALL_JSON, CompileState
from flowsmith.planner.frame import (
    Trigger,
)
from flowsmith.planner.nodes import make, schedule_name, schedule_params
from flowsmith.planner.schedule import Schedule
from flowsmith.planner.services import field_value
from flowsmith.planner.text import slug
from flowsmith.text import text as say


def trigger_node(st: CompileState, t: Trigger, responds: bool) -> Node:
    lang = st.lang
    if t.kind == "schedule":
        sched = (
            Schedule.model_validate(t.params) if t.params else Schedule(kind="interval", minutes=60)
        )
        if t.params.get("assumed"):
            st.note("planner.compile_trigger.checks_for_new_items_every_hour")
        return st.add(
            make(
                st.ids,
                "schedule",
                schedule_name(sched, lang),
                "schedule_trigger",
                schedule_params(sched),
            ),
            [],
        )
    if t.kind == "app_event" and t.app and st.catalog.get(f"{t.app}_trigger") is not None:
        app = st.index.apps[t.app]
        assert app.triggers is not None
        event = t.event if t.event in app.triggers.events else next(iter(app.triggers.events))
        ev = app.triggers.events[event]
        st.text = ALL_JSON
        name = f"{app.display_name}: {ev.description.rstrip('.')}"
        if lang == "zh" and ev.names.zh:
            name = f"{app.display_name}：{ev.names.zh[0]}"
        params: dict[str, Any] = {"event": event}
        placeheld: list[str] = []
        for fname in app.triggers.required:
            field_ = app.triggers.fields.get(fname)
            frag = field_.schema_fragment() if field_ is not None else {"type": "string"}
            value, guessed = field_value(
                fname, frag, t.phrase + " " + st.request, ALL_JSON, st.title
            )
            params[fname] = t.params.get(fname, value)
            if guessed and fname not in t.params:
                placeheld.append(fname)
        if placeheld:
            st.note_pair(
                f"{app.display_name} trigger: set " + ", ".join(placeheld) + " (placeholders)",
                f"{app.display_name} 触发器：请设置 " + "、".join(placeheld) + "（占位符）",
            )
        return st.add(make(st.ids, f"{t.app}_{event}", name, f"{t.app}_trigger", params), [])
    if t.kind == "app_event":
        params = {"app": t.app or "app", "event": t.event or "event"}
        return st.add(
            make(
                st.ids,
                f"{t.app}_event",
                say("planner.compile_trigger.app_event", lang),
                "app_event_trigger",
                params,
            ),
            [],
        )
    if t.kind == "webhook":
        params = {
            "path": slug(st.title, "incoming").replace("_", "-"),
            "method": "POST",
        }
        if responds:
            params["response_mode"] = "response_node"
        title = say("planner.compile_trigger.incoming_webhook", lang)
        if t.app in st.index.apps:
            name = st.index.apps[t.app].display_name
            st.note("planner.compile_trigger.the_catalog_has_no_trigger_set", name=name)
            # the app that calls it names the node (the app has no trigger of its own)
            title = say("planner.compile_trigger.app_webhook", lang, name=name)
        st.text = "{{ JSON.stringify($json.body) }}"
        return st.add(make(st.ids, "webhook", title, "webhook_trigger", params), [])
    if t.kind == "email":
        st.text = "{{ $json.text }}"
        return st.add(
            make(
                st.ids,
                "email_received",
                say("planner.compile_trigger.email_received", lang),
                "email_trigger",
                {"mailbox": "INBOX", "filter": "UNSEEN"},
            ),
            [],
        )
    if t.kind == "form":
        said = [str(label) for label in t.params.get("fields", [])]
        fields = [
            {
                "label": label[:1].upper() + label[1:],
                "type": "email" if "mail" in label.lower() or "邮箱" in label else "text",
                "required": True,
            }
            for label in said
        ] or [
            {"label": "Name", "type": "text", "required": True},
            {"label": "Email", "type": "email", "required": True},
            {"label": "Message", "type": "textarea", "required": True},
        ]
        if not said:
            st.note("planner.compile_trigger.the_form_asks_for_name_email")
        return st.add(
            make(
                st.ids,
                "form",
                say("planner.compile_trigger.form_submitted", lang),
                "form_trigger",
                {"title": st.title, "fields": fields},
            ),
            [],
        )
    if t.kind == "rss":
        url = t.params.get("url") or "https://example.com/feed.xml"
        if t.app in st.index.apps:
            name = st.index.apps[t.app].display_name
            st.note("planner.compile_trigger.the_catalog_has_no_trigger_its", name=name)
        elif "url" not in t.params:
            st.note("planner.compile_trigger.feed_url_is_a_placeholder_set")
        st.text = "{{ $json.content }}"
        return st.add(
            make(
                st.ids,
                "rss_feed",
                say("planner.compile_trigger.new_feed_item", lang),
                "rss_trigger",
                {"url": url, "poll_minutes": 15},
            ),
            [],
        )
    if t.kind == "chat":
        st.text = "{{ $json.chatInput }}"
        return st.add(
            make(
                st.ids,
                "chat",
                say("planner.compile_trigger.chat_message", lang),
                "chat_trigger",
                {"public": False},
            ),
            [],
        )
    if t.kind == "error":
        st.text = "{{ $json.execution.error.message }}"
        return st.add(
            make(
                st.ids,
                "on_error",
                say("planner.compile_trigger.when_a_workflow_fails", lang),
                "error_trigger",
                {},
            ),
            [],
        )
    st.note("planner.compile_trigger.starts_manually_no_trigger_was_named")
    return st.add(
        make(
            st.ids,
            "manual",
            say("planner.compile_trigger.run_manually", lang),
            "manual_trigger",
            {},
        ),
        [],
    )

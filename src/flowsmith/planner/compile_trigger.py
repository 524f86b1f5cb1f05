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
from flowsmith.planner.text import pick, slug


def trigger_node(st: CompileState, t: Trigger, responds: bool) -> Node:
    lang = st.lang
    if t.kind == "schedule":
        sched = (
            Schedule.model_validate(t.params) if t.params else Schedule(kind="interval", minutes=60)
        )
        if t.params.get("assumed"):
            st.note(
                "Checks for new items every hour (no schedule was named)",
                "每小时检查一次新数据（未指定频率）",
            )
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
            st.note(
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
                pick(lang, "App event", "应用事件"),
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
        if t.app in st.index.apps:
            name = st.index.apps[t.app].display_name
            st.note(
                f"The catalog has no {name} trigger: set {name} to send its events "
                "(an outgoing webhook) to this workflow's webhook URL",
                f"节点目录中没有 {name} 触发器：请在 {name} 中把事件推送（出站 Webhook）"
                "到本工作流的 Webhook 地址",
            )
        st.text = "{{ JSON.stringify($json.body) }}"
        return st.add(
            make(
                st.ids,
                "webhook",
                pick(lang, "Incoming webhook", "收到 Webhook 请求"),
                "webhook_trigger",
                params,
            ),
            [],
        )
    if t.kind == "email":
        st.text = "{{ $json.text }}"
        return st.add(
            make(
                st.ids,
                "email_received",
                pick(lang, "Email received", "收到邮件"),
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
            st.note(
                "The form asks for name, email and message; edit its fields as needed",
                "表单默认包含姓名、邮箱和留言字段，可按需修改",
            )
        return st.add(
            make(
                st.ids,
                "form",
                pick(lang, "Form submitted", "表单提交"),
                "form_trigger",
                {"title": st.title, "fields": fields},
            ),
            [],
        )
    if t.kind == "rss":
        url = t.params.get("url") or "https://example.com/feed.xml"
        if t.app in st.index.apps:
            name = st.index.apps[t.app].display_name
            st.note(
                f"The catalog has no {name} trigger: its RSS feed is watched; set the feed URL",
                f"节点目录中没有 {name} 触发器：改为监听它的 RSS 订阅源，请填入订阅源地址",
            )
        elif "url" not in t.params:
            st.note(
                "Feed URL is a placeholder: set your feed", "订阅源地址为占位符，请替换为你的订阅源"
            )
        st.text = "{{ $json.content }}"
        return st.add(
            make(
                st.ids,
                "rss_feed",
                pick(lang, "New feed item", "订阅源新内容"),
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
                pick(lang, "Chat message", "聊天消息"),
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
                pick(lang, "When a workflow fails", "工作流失败时"),
                "error_trigger",
                {},
            ),
            [],
        )
    st.note("Starts manually (no trigger was named)", "手动触发（未指定触发方式）")
    return st.add(
        make(st.ids, "manual", pick(lang, "Run manually", "手动运行"), "manual_trigger", {}), []
    )

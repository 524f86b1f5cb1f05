"""The node of each leaf step of a frame: services, core nodes, transforms, thinking.

Invariants: each function returns exactly one node and adds nothing to the workflow
itself (the caller connects it); a service the catalog has becomes its app node with
the operation's required fields (placeholders noted as assumptions), one it lacks an
HTTP Request named for it. Pure: no I/O, no clock.
"""

from __future__ import annotations

from typing import Any

from flowsmith.core.models import Node
from flowsmith.core.services import verb_of
from flowsmith.planner.compile_state import ALL_JSON, CompileState, combine_of, if_rules
from flowsmith.planner.frame import (
    Condition,
    CoreStep,
    ServiceStep,
    Think,
    Transform,
)
from flowsmith.planner.nodes import make
from flowsmith.planner.parse_changes import only_new_code, remember_code
from flowsmith.planner.parse_one_message import collect_code
from flowsmith.planner.services import field_value
from flowsmith.planner.text import Lang, pick, slug
from flowsmith.text import text as say


def service_node(st: CompileState, step: ServiceStep) -> Node:
    if step.app is not None and step.app in st.index.apps and step.resource and step.operation:
        app = st.index.apps[step.app]
        op = app.operation(step.resource, step.operation)
        if op is not None:
            label = st.title
            params, placeheld = st.index.fill(
                step.app, step.resource, step.operation, step.phrase, st.text, label
            )
            params.update({k: v for k, v in step.params.items() if k in op.fields})
            if placeheld:
                st.note_pair(
                    f"{app.display_name} {step.operation}: set "
                    + ", ".join(placeheld)
                    + " (placeholders)",
                    f"{app.display_name} {step.operation}：请设置 "
                    + "、".join(placeheld)
                    + "（占位符）",
                )
            res_name = (
                app.resources[step.resource].names.zh
                if st.lang == "zh"
                else app.resources[step.resource].names.en
            )
            what = res_name[0] if res_name else step.resource
            name = f"{app.display_name}: {step.operation} {what}"
            node = make(
                st.ids,
                f"{slug(step.operation)}_{step.app}",
                name,
                step.app,
                {"resource": step.resource, "operation": step.operation, **params},
            )
            if reads(step.operation):
                st.text = ALL_JSON
            return node
    service = step.service or "service"
    op_key = step.operation or "get"
    method = (
        "GET"
        if op_key in ("get", "getAll", "read", "list", "search")
        else ("DELETE" if op_key == "delete" else "PATCH" if op_key == "update" else "POST")
    )
    url = step.params.get("url") or (
        f"https://api.example.com/{slug(service, 'service').replace('_', '-')}"
    )
    if step.params.get("url"):
        st.note(
            "planner.compile_nodes.the_catalog_s_node_cannot_an",
            service=service,
            op_key=op_key,
            method=method,
            url=url,
        )
    else:
        st.note("planner.compile_nodes.the_catalog_has_no_node_an", service=service, method=method)
    http: dict[str, Any] = {"url": url, "method": method}
    if method != "GET":
        http["body"] = {"data": st.text}
    node = make(
        st.ids, f"{slug(op_key)}_{slug(service)}", f"{service}: {op_key}", "http_request", http
    )
    return node


def reads(operation: str) -> bool:
    """Whether an operation key only reads (``getAll``, ``select``, ``executeQuery``,
    ``readRows``): the core verb groups, else a read prefix."""
    if "read" in verb_of(operation):
        return True
    return operation.lower().startswith(_READ_PREFIXES)


# an item's key for a dedupe across runs: its id, else its link, else the whole item
_ITEM_KEY = "{{ $json.id ?? $json.link ?? JSON.stringify($json) }}"
_READ_PREFIXES = ("get", "list", "search", "read", "lookup", "find", "query", "download")


def core_node(st: CompileState, step: CoreStep) -> Node:
    spec = st.catalog.get(step.subtype) or st.catalog.get("http_request")
    assert spec is not None
    lang = st.lang
    params: dict[str, Any] = dict(step.params)
    if spec.subtype == "http_request":
        url = params.get("url") or "https://api.example.com/data"
        method = params.get("method", "GET")
        st.text = ALL_JSON
        name = pick(lang, f"HTTP {method} {url}"[:100], f"HTTP {method} 请求 {url}"[:100])
        return make(
            st.ids,
            "http_request",
            name,
            "http_request",
            {
                "url": url,
                "method": method,
                **({"body": {"data": ALL_JSON}} if method != "GET" else {}),
            },
        )
    if spec.subtype == "send_email":
        if "to" not in params:
            params["to"] = "you@example.com"
            st.note("planner.compile_nodes.email_goes_to_you_example_com")
        params.setdefault("subject", st.title)
        params.setdefault("body", st.text)
        return make(
            st.ids,
            "send_email",
            say("planner.compile_nodes.send_email", lang),
            "send_email",
            params,
        )
    if spec.subtype == "n8n_node":  # n8n's file conversion: named by the format it writes
        raw = params.get("n8n_parameters", {})
        fmt = str(raw.get("operation", "file") if isinstance(raw, dict) else "file")
        fmt = {"toJson": "JSON"}.get(fmt, fmt.upper())
        name = say("planner.compile_nodes.convert_to_file", lang, fmt=fmt)
        return make(st.ids, "convert", name, "n8n_node", params)
    props = spec.parameters.get("properties", {})
    placeheld: list[str] = []
    for name in spec.required_parameters:
        if name in params:
            continue
        value, guessed = field_value(name, props.get(name, {}), step.phrase, st.text, st.title)
        params[name] = value
        if guessed:
            placeheld.append(name)
    if placeheld:
        st.note_pair(
            f"{spec.display_name}: set " + ", ".join(placeheld) + " (placeholders)",
            f"{spec.display_name}：请设置 " + "、".join(placeheld) + "（占位符）",
        )
    return make(st.ids, spec.subtype, spec.display_name, spec.subtype, params)


def transform_node(st: CompileState, step: Transform) -> Node:
    lang, p = st.lang, step.params
    if step.kind == "limit":
        n = int(p.get("max_items", 10))
        return make(
            st.ids,
            "limit",
            say("planner.compile_nodes.keep_the_first", lang, n=n),
            "limit",
            {"max_items": n, "keep": "first"},
        )
    if step.kind == "aggregate":
        op = p.get("operation", "sum")
        fld = p.get("field", "amount")
        st.text = f"{{{{ $json.{op}_{fld} }}}}"
        if "field" not in p or fld == "amount":
            st.note("planner.compile_nodes.the_is_over_the_field_rename", op=op, fld=fld)
        agg: dict[str, Any] = {
            "operations": [{"field": fld, "operation": op, "output_field": f"{op}_{fld}"}]
        }
        if p.get("group_by"):
            agg["group_by"] = list(p["group_by"])
        return make(
            st.ids,
            "aggregate",
            pick(lang, f"{op.title()} of {fld}", f"{fld} 的 {op}"),
            "aggregate",
            agg,
        )
    if step.kind == "dedupe":
        # "skip what we already posted": drop the keys an earlier run passed on
        seen = {"scope": "previous_runs", "dedupe_value": _ITEM_KEY} if p.get("across_runs") else {}
        return make(
            st.ids,
            "remove_duplicates",
            say("planner.compile_nodes.remove_duplicates", lang),
            "remove_duplicates",
            seen,
        )
    if step.kind == "sort":
        fld = p.get("field", "date")
        return make(
            st.ids,
            "sort",
            say("planner.compile_nodes.sort_by", lang, fld=fld),
            "sort",
            {"fields": [{"field": fld, "order": "desc"}]},
        )
    if step.kind == "split":
        return make(
            st.ids,
            "split_out",
            say("planner.compile_nodes.split_out_items", lang),
            "split_out",
            {"field": p.get("field", "items")},
        )
    if step.kind == "filter" and isinstance(p.get("conditions"), list):
        return _all_of_filter(st, step, lang)
    if step.kind == "filter":
        cond = p.get("condition")
        rules = (
            if_rules(cond)[0]
            if isinstance(cond, Condition)
            else [{"left": "{{ $json.value }}", "operator": "is_not_empty"}]
        )
        return make(
            st.ids,
            "filter",
            say("planner.compile_nodes.filter", lang),
            "filter",
            {
                "conditions": rules,
                "combine": combine_of(cond) if isinstance(cond, Condition) else "and",
            },
        )
    if step.kind == "template":
        return make(
            st.ids,
            "text_template",
            say("planner.compile_nodes.format_text", lang),
            "text_template",
            {"template": p.get("template", st.text)},
        )
    if step.kind == "code" and p.get("only_new"):
        return make(
            st.ids,
            "only_new",
            say("planner.compile_nodes.only_new", lang),
            "code",
            {"language": "javascript", "code": only_new_code()},
        )
    if step.kind == "code" and p.get("collect"):
        st.text = "{{ $json.text }}"  # the message carries every item's line
        return make(
            st.ids,
            "gather_items",
            pick(lang, "Gather into one message", "汇总成一条消息"),
            "code",
            {"language": "javascript", "code": collect_code()},
        )
    if step.kind == "code" and p.get("remember"):
        field = str(p["remember"])
        return make(
            st.ids,
            "remember_previous",
            say("planner.compile_nodes.remember_previous", lang, field=field),
            "code",
            {"language": "javascript", "code": remember_code(field)},
        )
    if step.kind == "code":
        return make(
            st.ids,
            "code",
            say("planner.compile_nodes.code", lang),
            "code",
            {"language": "javascript", "code": "return $input.all();"},
        )
    return make(
        st.ids,
        "set_fields",
        say("planner.compile_nodes.set_fields", lang),
        "set_fields",
        {"fields": p.get("fields") or {"text": st.text}},
    )


def think_node(st: CompileState, step: Think) -> Node:
    lang, p, text = st.lang, step.params, st.text
    if step.kind == "classify":
        cats = p.get("categories") or ["urgent", "normal"]
        if not p.get("categories"):
            st.note("planner.compile_nodes.categories_urgent_normal_none_were_named")
        st.text = text
        return make(
            st.ids,
            "classify",
            say("planner.compile_nodes.classify", lang),
            "text_classifier",
            {"input_text": text, "categories": [{"name": c} for c in cats]},
        )
    if step.kind == "summarise":
        st.text = "{{ $json.summary }}"
        return make(
            st.ids,
            "summarize",
            say("planner.compile_nodes.summarise", lang),
            "summarizer",
            {"input_text": text},
        )
    if step.kind == "extract":
        fields = p.get("fields") or ["value"]
        if not p.get("fields"):
            st.note("planner.compile_nodes.extracts_a_field_value_name_the")
        return make(
            st.ids,
            "extract",
            say("planner.compile_nodes.extract_fields", lang),
            "information_extractor",
            {"input_text": text, "attributes": [{"name": f, "type": "string"} for f in fields]},
        )
    if step.kind == "sentiment":
        return make(
            st.ids,
            "sentiment",
            say("planner.compile_nodes.sentiment", lang),
            "sentiment_analysis",
            {"input_text": text},
        )
    if step.kind == "translate":
        language = p.get("language", "english")
        st.text = "{{ $json.text }}"
        return make(
            st.ids,
            "translate",
            say("planner.compile_nodes.translate_to", lang, language=language),
            "llm_chat",
            {"prompt": f"Translate to {language}: {text}"},
        )
    st.text = "{{ $json.text }}"
    prompt = p.get("prompt") or step.phrase or "Answer"
    return make(
        st.ids,
        "llm",
        say("planner.compile_nodes.ask_the_ai", lang),
        "llm_chat",
        {"prompt": f"{prompt}\n\n{text}"},
    )


def _all_of_filter(st: CompileState, step: Transform, lang: Lang) -> Node:
    """A filter whose conditions must all hold (the kind of change a start names)."""
    rules = [
        r for c in step.params["conditions"] if isinstance(c, Condition) for r in if_rules(c)[0]
    ]
    change = step.params.get("change")
    name = (
        say("planner.compile_nodes.only_change", lang, change=str(change).replace("_", " "))
        if change
        else say("planner.compile_nodes.filter", lang)
    )
    return make(
        st.ids,
        f"only_{change}" if change else "filter",
        name,
        "filter",
        {"conditions": rules, "combine": "and"},
    )

"""Reply texts of the offline planner, in English and Chinese.

The sentences are in the text catalogs (:mod:`flowsmith.text`, keys ``planner.*``); this
module only assembles them. Every reply starts with the offline marker so users know no
language model answered. Clarifying replies contain ``CLARIFY_MARKERS`` so a later turn can
recognise them in the history and combine the original request with the answer.
"""

from __future__ import annotations

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.planner.graph import flow_order
from flowsmith.planner.text import Lang
from flowsmith.text import text

OFFLINE_EN = text("planner.offline", "en")
OFFLINE_ZH = text("planner.offline", "zh")
CLARIFY_EN = text("planner.clarify_marker", "en")
CLARIFY_ZH = text("planner.clarify_marker", "zh")
CLARIFY_MARKERS = (CLARIFY_EN, CLARIFY_ZH)


def offline(lang: Lang) -> str:
    return text("planner.offline", lang)


def capabilities(lang: Lang) -> str:
    return text("planner.capabilities", lang)


def thanks(lang: Lang) -> str:
    return text("planner.thanks", lang)


def clarify(lang: Lang, questions: list[tuple[str, list[str]]], example: str) -> str:
    lines = [text("planner.clarify.intro", lang)]
    sep = text("planner.clarify.separator", lang)
    for i, (question, suggestions) in enumerate(questions, 1):
        hint = text("planner.clarify.hint", lang, suggestions=sep.join(suggestions))
        lines.append(f"{i}. {question}{hint}")
    lines.append(text("planner.clarify.answer", lang, example=example))
    return "\n".join(lines)


def describe_workflow(wf: Workflow, lang: Lang) -> list[str]:
    """One line per step in flow order; siblings fed from the same place share a line
    (they run in parallel), branch outputs and attached tools are spelled out."""
    by_id = {x.id: x for x in wf.nodes}
    groups: list[tuple[frozenset[tuple[str, str]], list[str]]] = []
    for node_id in flow_order(wf):
        node = by_id[node_id]
        if node.type in (NodeFamily.TOOL, NodeFamily.MEMORY):
            continue
        feed = frozenset(
            (c.from_node, c.from_output) for c in wf.connections if c.to_node == node_id
        )
        if groups and feed and groups[-1][0] == feed:
            groups[-1][1].append(node_id)
        else:
            groups.append((feed, [node_id]))
    return [_describe_group(by_id, feed, ids, lang) for feed, ids in groups]


def _describe_group(
    by_id: dict[str, Node], feed: frozenset[tuple[str, str]], ids: list[str], lang: Lang
) -> str:
    parts = []
    for node_id in ids:
        node = by_id[node_id]
        label = node.name
        if node.attached_nodes:
            tools = ", ".join(by_id[a].name for a in node.attached_nodes if a in by_id)
            label += text("planner.step.tools", lang, tools=tools)
        parts.append(label)
    line = " + ".join(parts)
    if ids and by_id[ids[0]].type == NodeFamily.TRIGGER:
        return text("planner.step.trigger", lang, steps=line)
    if len(ids) > 1:
        line = text("planner.step.parallel", lang, steps=line)
    branch = sorted((src, out) for src, out in feed if out != "main" and src in by_id)
    if branch:
        src, out = branch[0]
        line += text("planner.step.branch", lang, source=by_id[src].name, output=out)
    return line


def generated(lang: Lang, wf: Workflow, assumptions: list[str]) -> str:
    steps = describe_workflow(wf, lang)
    out = [text("planner.generated.intro", lang, name=wf.name)]
    out += [f"{i}. {s}" for i, s in enumerate(steps, 1)]
    if assumptions:
        out.append(text("planner.generated.assumptions", lang))
        out += [f"- {a}" for a in assumptions]
    out.append(text("planner.generated.outro", lang))
    return "\n".join(out)


def edited(lang: Lang, name: str, notes: list[str]) -> str:
    out = [text("planner.edited.intro", lang, name=name)]
    out += [f"- {n}" for n in notes]
    out.append(text("planner.edited.outro", lang))
    return "\n".join(out)


def unchanged(lang: Lang, name: str, notes: list[str]) -> str:
    out = [text("planner.unchanged.intro", lang, name=name)]
    out += [f"- {n}" for n in notes]
    out.append(text("planner.unchanged.outro", lang))
    return "\n".join(out)


def no_workflow_yet(lang: Lang) -> str:
    return text("planner.no_workflow_yet", lang)

"""File edits: a conversion in front of the step that writes the file ("备份之前先把Notion的
数据转成CSV", "save it as an Excel file before it goes to Google Drive") and a dated file
name ("文件名里带上当天日期", "include today's date in the file name").

Invariants: the conversion is n8n's convertToFile (``parse_convert``), put between the first
file-writing step (an upload, a written file) and what fed it, so every other node keeps its
id, name, parameters and wiring; the date goes into the writer's own path or file name,
before its extension. The words a reader uses are marked as spans, so the data's source
("Notion的数据") is not read as a new step. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Node, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import edit_read as er
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.parse_convert import file_conversion
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

__all__ = ["CONVERT", "DATED", "apply_conversion", "apply_dated_name", "read_file_edits"]

Span = tuple[int, int]
CONVERT = "convert_file"  # add_transform value: a conversion to a file format
DATED = "file_name:date"  # set_param param: the day's date in the file name
_DATE_EXPR = "{{ $now.toFormat('yyyy-MM-dd') }}"
_FILE = r"(?:file\s*name|filename|name of the file|file's name|file)"
_DATED = re.compile(
    r"\b(?:today'?s?|the|current|a|the day'?s)?\s*(?:date|timestamp)\b[^.;,]{0,30}?\b"
    + _FILE
    + r"\b|\b"
    + _FILE
    + r"\b[^.;,]{0,30}?\b(?:date|dated|timestamp|today)\b|"
    r"文件名[^，。；,;]{0,10}?(?:日期|当天|今天|今日|时间戳|年月日)|"
    r"(?:日期|当天|今天|今日)[^，。；,;]{0,6}?文件名",
    re.IGNORECASE,
)
_NAME_KEYS = ("path", "file_name", "fileName", "name")
_EXTENSIONS = {"toJson": "json"}  # convertToFile's operation -> the file's extension
_FORMAT_WORD = re.compile(r"csv|excel|xlsx|xls|json", re.IGNORECASE)


def read_file_edits(low: str, spans: list[Span]) -> list[EditOp]:
    """The conversion and the dated file name ``low`` asks for (marking their words)."""
    ops: list[EditOp] = []
    found = file_conversion(low, "")
    if found is not None and not er.inside(found[0], spans):
        start, step = found
        a, _ = er.clause_at(low, start)
        operation = str(step.params["n8n_parameters"]["operation"])
        ops.append(EditOp(kind="add_transform", value=CONVERT, param=operation))
        spans.append((a, _format_end(low, start)))
    m = _DATED.search(low)
    if m is not None and not er.inside(m.start(), spans):
        ops.append(EditOp(kind="set_param", param=DATED, value=_DATE_EXPR))
        spans.append(er.clause_at(low, m.start()))
    return ops


def _format_end(low: str, start: int) -> int:
    """Where the conversion phrase starting at ``start`` ends (after its format word)."""
    m = _FORMAT_WORD.search(low, start)
    return m.end() if m else len(low)


def _writers(wf: Workflow) -> list[Node]:
    """The steps that write a file (an upload, a written file), in flow order."""
    out = []
    for node in g.ordered(wf):
        op = node_service(node)
        file_op = op is not None and not op.trigger and op.resource == "file"
        if node.subtype == "write_file" or (file_op and ec.writes(node)):
            out.append(node)
    return out


def apply_conversion(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Put the conversion in front of the first file writer (else the result steps)."""
    targets = _writers(wf)[:1] or eg.guarded(wf, None)
    if not targets:
        return eo.skip(lang, "planner.edit_transform.found_no_step_to_put_it")
    fmt = op.param or "csv"
    params = {
        "n8n_type": "n8n-nodes-base.convertToFile",
        "n8n_type_version": 1.1,
        "n8n_parameters": {"operation": fmt, "options": {}},
    }
    label = {"toJson": "JSON"}.get(fmt, fmt.upper())
    name = say("planner.compile_nodes.convert_to_file", lang, fmt=label)
    node = n.make(eo.ids(wf), "convert", name, "n8n_node", params)
    g.insert_before(wf, targets, node, "main")
    for target in targets:
        _retyped(target, _EXTENSIONS.get(fmt, fmt))
    names = eo.names(targets, lang)
    return eo.done(lang, "planner.edit_transform.added_before", value=eo.q(node), names=names)


def apply_dated_name(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Put the day's date into the first file writer's path or name, before its extension."""
    for node in _writers(wf):
        key = next((k for k in _NAME_KEYS if isinstance(node.parameters.get(k), str)), None)
        if key is None:
            continue
        old = str(node.parameters[key])
        if "$now" in old:
            return eo.skip(lang, "planner.edit_ops.already_uses_3", node=eo.q(node), value=old)
        new = _dated(old, op.value or _DATE_EXPR)
        node.parameters = {**node.parameters, key: new}
        return eo.done(lang, "planner.edit_ops.set_of_to", key=key, node=eo.q(node), value=new)
    return eo.skip(lang, "planner.edit_ops.found_no_step_with_a_to", param="file name")


def _retyped(node: Node, ext: str) -> None:
    """The writer of a converted file names it by its new format ("notion.json" -> ".csv")."""
    key = next((k for k in _NAME_KEYS if isinstance(node.parameters.get(k), str)), None)
    if key is None:
        return
    old = str(node.parameters[key])
    new = re.sub(r"\.[A-Za-z0-9]{1,5}$", f".{ext}", old)
    node.parameters = {**node.parameters, key: new}


def _dated(name: str, date: str) -> str:
    """ "/backup/notion.json" -> "/backup/notion-<date>.json" (a name without an extension
    gets the date at its end)."""
    m = re.search(r"(\.[A-Za-z0-9]{1,5})$", name)
    if m is None:
        return f"{name}-{date}" if name else date
    return f"{name[: m.start()]}-{date}{m.group(1)}"

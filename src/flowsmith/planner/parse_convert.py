"""A file conversion the request asks for before a file step: "转成CSV上传到Google Drive",
"export our HubSpot contacts to CSV and upload it to Dropbox", "save it as an Excel file".

Invariants: the step is n8n's own file conversion (convertToFile), planned as the generic
``n8n_node`` core node because flowsmith has no node of its own for it; only the formats
n8n's convertToFile writes are named; the step runs where the clause's transforms run
(after its reads, before its writes), so the upload gets the file. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner.frame import CoreStep

__all__ = ["CONVERT_TYPE", "file_conversion", "format_span"]

CONVERT_TYPE = "n8n-nodes-base.convertToFile"
_VERSION = 1.1
# the format word -> convertToFile's operation
_FORMATS = {"csv": "csv", "excel": "xlsx", "xlsx": "xlsx", "xls": "xls", "json": "toJson"}
_FORMAT = r"(csv|excel|xlsx|xls|json)"
_CONVERT = re.compile(
    r"\b(?:convert|turn|export|save|dump|write|format)\w*\b[^,.;]{0,40}?\b(?:to|into|as)\s+"
    r"(?:an?\s+)?" + _FORMAT + r"\b|"
    r"\bas\s+(?:an?\s+)?" + _FORMAT + r"(?:\s+file)?\b|\bin\s+" + _FORMAT + r"\s+format\b|"
    r"(?:转成|转换成|转为|转换为|导出成|导出为|导成|存成|保存成|保存为|生成|做成)\s*(?:一个|一份)?\s*"
    + _FORMAT
    + r"|(?:以|用|按)\s*"
    + _FORMAT
    + r"\s*格式",
    re.IGNORECASE,
)


def format_span(text: str) -> tuple[int, int] | None:
    """Where the format word of a conversion is ("导出成Excel": the file format, not the
    Excel app), or None."""
    m = _CONVERT.search(text)
    if m is None:
        return None
    group = next(i for i, g in enumerate(m.groups(), 1) if g)
    return m.start(group), m.end(group)


def file_conversion(text: str, phrase: str) -> tuple[int, CoreStep] | None:
    """(where it is said, the convertToFile step) when the clause converts to a file format."""
    m = _CONVERT.search(text)
    if m is None:
        return None
    operation = _FORMATS[next(g for g in m.groups() if g).lower()]
    params: dict[str, Any] = {
        "n8n_type": CONVERT_TYPE,
        "n8n_type_version": _VERSION,
        "n8n_parameters": {"operation": operation, "options": {}},
    }
    return m.start(), CoreStep(subtype="n8n_node", params=params, phrase=phrase)

"""关掉的 describes the items read ("the closed issues"); only 关掉 said as an act closes
(regression: "把这周GitHub上关掉的issue导出到Google表格" became a Sheets update instead of an
append once 关掉 was read as a closing verb)."""

from __future__ import annotations

from tests.planner.branch_graph import Graph


def _ops(text: str) -> dict[str, str]:
    return {
        n.subtype: str(n.parameters.get("operation"))
        for n in Graph(text).wf.nodes
        if n.type != "TRIGGER"
    }


def test_the_closed_issues_are_exported() -> None:
    ops = _ops("每周日晚上把这周GitHub上关掉的issue导出到Google表格")
    assert ops["google_sheets"] == "append"


def test_closing_the_alert_still_closes() -> None:
    assert _ops("Uptime Robot报警恢复时，把Opsgenie的告警关掉")["opsgenie"] == "close"

"""A start said as the question of which item changed: "谷歌表格“库存”里哪个商品的数量被改成0了，
就…", "Airtable里哪条记录的状态被改为“流失”，就…", "表格里有人把某行的状态改成“已发货”，就…".

Invariants: only the request's opening clause is read; the app is the one app with triggers
the clause names before 里/中/上; the event is that app's event for an item being changed (as
the catalog names it), never a new item; the value the field was changed to stays as an
"if"-clause ("如果数量是0，…") before the actions. None when any part is missing. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_context import Context, unmask

__all__ = ["changed_item_event"]

_CHANGE_TO = r"(?:改成|改为|更新为|更新成|设为|设成|设置为|变成|变为|调成|调为|修改为|修改成)"
_CHANGED_ZH = re.compile(
    r"^\s*(?:如果|要是|当|只要)?(?P<subj>[^，,。；;]{2,30}?)(?:里|中|上)(?:面)?"
    r"(?:哪|有人把(?:某|一)?|谁把(?:某|一)?)(?:个|一个|一行|行|条|一条|位|笔|些|项|张)?"
    r"(?P<item>[^，,。；;的被]{0,8}?)的(?P<field>[^，,。；;的被]{1,10}?)(?:被|给)?(?:人)?"
    rf"{_CHANGE_TO}(?P<value>[^，,。；;]{{1,20}}?)(?:了|的话|时|的时候)*\s*[，,]\s*"
    r"(?:就|马上|立刻|立即|则|那么)?(?P<rest>\S.*)$",
    re.DOTALL,
)


def changed_item_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The app's item-changed event and the text left with the new value as a condition."""
    m = _CHANGED_ZH.match(text)
    if m is None:
        return None
    subject = m.group("subj")
    apps = [
        x.app
        for x in ctx.index.mentions(subject, implicit=False)
        if x.app is not None and ctx.index.apps[x.app].triggers is not None
    ]
    if len(set(apps)) != 1:
        return None
    app_id = apps[0] or ""
    # the event of an item being modified, named the way the catalog names its change events
    event, score = ctx.index.event(app_id, f"{subject}里有一行被修改 {m.group('item')}被修改")
    if event is None or score < 1.0:
        return None
    trig = Trigger(
        kind="app_event",
        app=app_id,
        event=event,
        phrase=unmask(m.group(0)[: m.start("rest")], ctx).strip(" ，,"),
    )
    return trig, f"如果{m.group('field')}是{m.group('value')}，{m.group('rest')}"

"""The words of a request to skip items ("skip posts whose title …", "throw away anything
sent from noreply@", "把noreply@发来的邮件过滤掉", "发件人是…的邮件先过滤掉，再去分类"): the
condition part (``cond``/``cond2``/``cond3``) and, when said, what is skipped (``what``)."""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.core.services import node_service
from flowsmith.planner.text import rx

# "skip posts whose title contains 'x'", "ignore emails from …"
SKIP = rx(
    r"^\s*(?:please\s+)?(?:skip|ignore|exclude|drop|filter out|leave out|throw (?:away|out)|"
    r"discard|get rid of)\s+(?P<what>.+?)\s+(?:whose|that|which|where|if|when|with|for)\s+"
    r"(?P<cond>.+)$"
)
# "throw away anything sent from noreply@": the items and their condition in one phrase
SKIP_ALL = rx(
    r"^\s*(?:please\s+)?(?:skip|ignore|exclude|drop|filter out|leave out|throw (?:away|out)|"
    r"discard|get rid of)\s+(?P<cond>.+?)"
    # "… before it gets classified": where the check goes (first), not part of the condition
    r"(?:\s+before\s+(?:it\s+|they\s+)?(?:gets?\s+|is\s+|are\s+)?[a-z]+(?:ed|ing))?$"
)
ZH_SKIP = rx(
    r"^先?(?:跳过|忽略|排除|过滤掉|丢掉|扔掉|去掉|丢弃|不处理|不要(?:再)?(?:发送?|推送|通知|转发|处理|"
    r"同步|记录)?)(?P<cond>.+?)的(?P<what>[^的，,]{1,8})(?:[，,]\s*(?:再|然后).*)?$|"
    # "把noreply@发来的邮件过滤掉"
    r"^先?把(?P<cond2>.+?)的(?P<what2>[^的，,]{1,8})(?:都|全部)?(?:过滤掉|丢掉|扔掉|去掉|排除掉?|"
    r"忽略掉?|删掉|丢弃)(?:[，,]\s*(?:再|然后).*)?$|"
    # "发件人是noreply@的邮件先过滤掉，再去分类"
    # "标题里有“招聘”的文章直接跳过", "…的就跳过": the items, skipped whole
    r"^(?P<cond3>[^，,]+?)的(?P<what3>[^的，,]{0,8}?)(?:都|全部|直接|就)*先?(?:过滤掉|丢掉|扔掉|"
    r"去掉|排除掉|忽略掉?|删掉|丢弃|跳过去?|不处理|不管)了?(?:[，,]\s*(?:再|然后).*)?$"
)
# "skip the email …", "skip the Slack step …": one step, not the items
THE_STEP = rx(r"^\s*the\s+\S+(?:\s+(?:step|message|notification|node|post|action))?\s*$")


def stem_said(what: str, current: Workflow) -> bool:
    """Whether ``what`` says the first word of the app id of a step the flow has ("monday"
    for monday_com), a name the catalog keeps out of its aliases (a weekday) yet plain here."""
    words = set(re.findall(r"[a-z]+", what.lower()))
    stems = {op.app.split("_")[0] for x in current.nodes if (op := node_service(x)) is not None}
    return bool(words & {x for x in stems if len(x) >= 4})

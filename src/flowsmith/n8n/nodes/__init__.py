"""Per-subtype parameter translation between our nodes and n8n nodes.

Each :class:`Translator` turns one subtype's parameters into the parameters of the n8n node
named by the catalog's ``n8n`` mapping (``forward``) and, where it can, back (``reverse``).
Both directions follow one rule: a key present on one side maps to a key present on the other,
an absent key stays absent (n8n itself leaves default values out). ``reverse`` returns
``None`` when the n8n node uses a feature we cannot express (the importer then keeps it as a
generic ``n8n_node``); otherwise it returns the closest parameters of ours, and the importer
keeps the exact n8n parameters aside whenever ``forward(reverse(p))`` would not give ``p``
back, so nothing is lost either way.

The table is split by family: :mod:`.triggers`, :mod:`.actions` (data and core actions),
:mod:`.external` (per-action external subtypes), :mod:`.flow`, :mod:`.human`, :mod:`.ai`.
Where a translation is only a renaming of keys (plus simple value maps) it is one declarative
:class:`~.base.FieldMap`; code remains for conditions, the Switch, approvals, the AI agent
and the few others that need it. App nodes (catalog ``apps/``) get their translator from
:func:`flowsmith.n8n.apps.app_translator`, built from the app entry.

Subtypes without a translator are exported by :func:`fallback_forward` (parameter names read
off the catalog mapping notes) and always carry their own parameters in the node's round-trip
note, so they import back exactly while the n8n node stays editable.
"""

from __future__ import annotations

from flowsmith.n8n.nodes import actions, ai, external, flow, human, triggers
from flowsmith.n8n.nodes.ai import CHAT_INPUT, MODEL_KEYS
from flowsmith.n8n.nodes.base import (
    Ctx,
    Field,
    FieldMap,
    Translator,
    fallback_forward,
    reverse_deep,
)
from flowsmith.n8n.nodes.external import DEFAULT_FROM_EMAIL
from flowsmith.n8n.nodes.human import APPROVAL_OUTPUTS, DECISION_FIELD, DECISION_VALUES

_TABLE = [
    *triggers.TABLE,
    *actions.TABLE,
    *external.TABLE,
    *flow.TABLE,
    *human.TABLE,
    *ai.TABLE,
]
TRANSLATORS: dict[str, Translator] = {t.subtype: t for t in _TABLE}
assert len(TRANSLATORS) == len(_TABLE), "a subtype has two translators"

__all__ = [
    "APPROVAL_OUTPUTS",
    "CHAT_INPUT",
    "DECISION_FIELD",
    "DECISION_VALUES",
    "DEFAULT_FROM_EMAIL",
    "MODEL_KEYS",
    "TRANSLATORS",
    "Ctx",
    "Field",
    "FieldMap",
    "Translator",
    "fallback_forward",
    "reverse_deep",
]

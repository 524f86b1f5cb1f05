"""Which catalog specs a prompt needs: keyword retrieval over the node catalog.

A prompt carries only the specs relevant to the request, so it stays small however large
the catalog grows. :class:`SpecIndex` scores every spec with BM25 over its subtype, display
name, keywords and description (English words with a light stemmer; Chinese as character
unigrams and bigrams, since it has no spaces). :func:`retrieve` returns the top ``k`` plus a
small core every workflow may need (the common triggers, HTTP request, set fields, IF,
merge, send email) plus the specs of every subtype already in the workflow being edited.

Pure and deterministic: the same catalog and query always give the same specs in the same
order. Imported n8n placeholders (``n8n_*``: kept verbatim from an n8n import) are never
offered to a model, only kept in view when the current workflow already has them.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from flowsmith.core.catalog import App, Catalog, NodeSpec, load_catalog
from flowsmith.core.models import Workflow

DEFAULT_K = 12
MIN_RATIO = 0.15
CORE_SUBTYPES: tuple[str, ...] = (
    "manual_trigger",
    "schedule_trigger",
    "webhook_trigger",
    "http_request",
    "set_fields",
    "if",
    "merge",
    "send_email",
)
_IMPORTED_PREFIX = "n8n_"

# weights: how many times a field's tokens count in a spec's document
_FIELD_WEIGHTS = (("subtype", 3), ("display_name", 2), ("keywords", 2), ("description", 1))
_K1 = 1.2
_B = 0.75

_WORD = re.compile(r"[a-z0-9]+")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _words(
    """a an the and or but to of in on at for from by with into onto as is are be been it its
    this that these those me my i we our you your us them they their he she his her when then
    than so if do does did done can could should would will shall may might must please want
    need needs like just also each every any some all via using use new workflow workflows
    automation automate automatically make create build set up get send sends sent"""
)
# CJK characters and words too common in requests to say anything about a node
_CJK_STOP = frozenset(
    "的了我你他她它们个一是在和与或就都要把给请帮用到有这那么吗呢吧啊为并及后时中"
)
_CJK_STOP_WORDS = _words(
    "创建 新建 需要 生成 现有 功能 工作 作流 流程 自动 动化 设置 帮忙 然后 可以 能够 希望 "
    "一下 实现 添加 增加 使用 通过 进行 每当"
)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Words (lower-cased, stemmed, stop words dropped; ``_`` splits words) and, for CJK
    runs, every character bigram plus the single characters that are not stop characters."""
    lowered = text.lower().replace("_", " ")
    tokens = [_stem(w) for w in _WORD.findall(lowered) if w not in _STOPWORDS]
    for run in _CJK_RUN.findall(lowered):
        if len(run) == 1:
            if run not in _CJK_STOP:
                tokens.append(run)
            continue
        for i in range(len(run) - 1):
            pair = run[i : i + 2]
            if pair[0] in _CJK_STOP or pair[1] in _CJK_STOP or pair in _CJK_STOP_WORDS:
                continue
            tokens.append(pair)
    return tokens


def _document(spec: NodeSpec) -> list[str]:
    fields: dict[str, str] = {
        "subtype": spec.subtype,
        "display_name": spec.display_name,
        "keywords": " ; ".join(spec.keywords),
        "description": spec.description,
    }
    tokens: list[str] = []
    for name, weight in _FIELD_WEIGHTS:
        tokens.extend(tokenize(fields[name]) * weight)
    return tokens


class SpecIndex:
    """BM25 over the catalog's specs (built once per catalog; searching is cheap)."""

    def __init__(self, specs: Iterable[NodeSpec]) -> None:
        # per-action subtypes kept for stored workflows (alias_of) are not offered: their app
        # node does the same, and two specs for one operation crowd out other node kinds
        self.specs = [
            s for s in specs if not s.subtype.startswith(_IMPORTED_PREFIX) and s.alias_of is None
        ]
        self._tf: list[Counter[str]] = []
        self._len: list[int] = []
        df: Counter[str] = Counter()
        for spec in self.specs:
            tokens = _document(spec)
            counts = Counter(tokens)
            self._tf.append(counts)
            self._len.append(len(tokens))
            df.update(counts.keys())
        self._names = [_name_pattern(spec) for spec in self.specs]
        n = len(self.specs)
        self._avg = (sum(self._len) / n) if n else 1.0
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}

    def _named(self, i: int, query: str) -> bool:
        pattern = self._names[i]
        return pattern is not None and pattern.search(query) is not None

    def search(
        self, query: str, k: int = DEFAULT_K, min_ratio: float = MIN_RATIO
    ) -> list[tuple[NodeSpec, float]]:
        """The ``k`` best-scoring specs, best first (ties in catalog order), leaving out
        those scoring under ``min_ratio`` of the best (weak, incidental matches)."""
        terms = Counter(tokenize(query))
        if not terms:
            return []
        scored: list[tuple[float, int]] = []
        for i, counts in enumerate(self._tf):
            score = 0.0
            norm = _K1 * (1 - _B + _B * self._len[i] / self._avg)
            for term, q in terms.items():
                tf = counts.get(term)
                if tf:
                    # repeated query words count, but less than linearly
                    score += self._idf[term] * tf * (_K1 + 1) / (tf + norm) * (1 + math.log(q))
            if score > 0 and self.specs[i].app is not None:
                # a service is wanted when the user names it; one matched only through
                # shared words ("issue", "order") must not crowd out the node kinds asked for
                score *= 1.0 if self._named(i, query) else _UNNAMED_APP
            if score > 0:
                scored.append((score, i))
        scored.sort(key=lambda item: (-item[0], item[1]))
        floor = scored[0][0] * min_ratio if scored else 0.0
        return [(self.specs[i], score) for score, i in scored[:k] if score >= floor]


_UNNAMED_APP = 0.25


def _name_pattern(spec: NodeSpec) -> re.Pattern[str] | None:
    """Matches a query that names the spec's app (its names are its keywords)."""
    if spec.app is None:
        return None
    parts = []
    for name in sorted(spec.keywords, key=len, reverse=True):
        escaped = re.escape(name)
        parts.append(escaped if _CJK_RUN.search(name) else rf"(?<![a-z0-9]){escaped}(?![a-z0-9])")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


_INDEXES: dict[int, tuple[Catalog, SpecIndex]] = {}


def index_for(catalog: Catalog) -> SpecIndex:
    """The (cached) index of ``catalog``."""
    cached = _INDEXES.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    index = SpecIndex(catalog)
    _INDEXES[id(catalog)] = (catalog, index)
    return index


def retrieve(
    query: str,
    *,
    current: Workflow | None = None,
    k: int = DEFAULT_K,
    catalog: Catalog | None = None,
    extra: Sequence[str] = (),
) -> list[NodeSpec]:
    """Specs for a prompt: the top ``k`` for ``query``, then the core, then the subtypes
    named in ``extra`` and those of ``current`` (each spec once, unknown subtypes skipped).

    The result's size is at most ``k + len(CORE_SUBTYPES) + len(extra) + distinct subtypes
    of current``, whatever the catalog's size."""
    cat = catalog if catalog is not None else load_catalog()
    chosen: dict[str, NodeSpec] = {}
    for spec, _score in index_for(cat).search(query, k):
        chosen.setdefault(spec.subtype, spec)
    wanted = [*CORE_SUBTYPES, *extra]
    if current is not None:
        wanted.extend(n.subtype for n in current.nodes)
    for subtype in wanted:
        found = cat.get(subtype)
        if found is not None:
            chosen.setdefault(subtype, found)
    return list(chosen.values())


# --- rendering ------------------------------------------------------------------------------

_MAX_ENUM = 12
_MAX_PARAMS = 10
_MAX_FIELDS = 10
_MAX_EXAMPLE = 240
_MAX_DESCRIPTION = 300


def _type_of(schema: Any, depth: int = 0) -> str:
    """A compact signature of a JSON Schema: ``string``, ``enum(a|b)``, ``[{x*: string}]``."""
    if not isinstance(schema, Mapping):
        return "any"
    if "enum" in schema:
        values = [str(v) for v in schema["enum"]]
        more = "|…" if len(values) > _MAX_ENUM else ""
        return "enum(" + "|".join(values[:_MAX_ENUM]) + more + ")"
    if "const" in schema:
        return json.dumps(schema["const"], ensure_ascii=False)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(_type_of(s, depth) for s in schema[key][:3])
    kind = schema.get("type")
    if isinstance(kind, list):
        scalars = {"string", "number", "integer", "boolean"}
        kind = "scalar" if scalars <= set(kind) else "/".join(str(k) for k in kind)
    if kind == "array":
        items = schema.get("items")
        return f"[{_type_of(items, depth + 1)}]" if items is not None else "array"
    if kind == "object" and depth < 3 and schema.get("properties"):
        return "{" + _fields(schema, depth + 1) + "}"
    return str(kind or "any")


def _fields(schema: Mapping[str, Any], depth: int, limit: int = _MAX_PARAMS) -> str:
    properties: Mapping[str, Any] = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    names = sorted(properties, key=lambda n: (n not in required, list(properties).index(n)))
    parts = [f"{n}{'*' if n in required else ''}: {_type_of(properties[n], depth)}" for n in names]
    if len(parts) > limit:
        parts = [*parts[:limit], "…"]
    return "; ".join(parts)


def _outputs(spec: NodeSpec) -> str:
    parts = []
    for name, out in spec.outputs.items():
        fields = list((out.item_schema.get("properties") or {}).keys())
        if name.startswith("output_") and name[7:].isdigit() and int(name[7:]) > 3:
            continue
        shown = ", ".join(fields[:_MAX_FIELDS]) + (", …" if len(fields) > _MAX_FIELDS else "")
        parts.append(f"{name}{{{shown}}}" if shown else name)
    return " | ".join(parts) or "none"


def _app_operations(app: App) -> str:
    """``resource.operation(field*, field)`` for every operation of an app, ``;``-joined."""
    parts = []
    for resource, operation, op in app.operations():
        names = sorted(op.fields, key=lambda n: (n not in op.required, list(op.fields).index(n)))
        fields = ", ".join(f"{n}{'*' if n in op.required else ''}" for n in names)
        parts.append(f"{resource}.{operation}({fields})")
    return "; ".join(parts)


def render_spec(spec: NodeSpec, catalog: Catalog | None = None) -> str:
    app = (catalog if catalog is not None else load_catalog()).app(spec.subtype)
    if app is not None and spec.subtype == app.app:
        return _render_app(spec, app)
    example = json.dumps(spec.example.parameters, ensure_ascii=False, separators=(",", ":"))
    if len(example) > _MAX_EXAMPLE:
        example = example[: _MAX_EXAMPLE - 1] + "…"
    description = " ".join(spec.description.split())
    if len(description) > _MAX_DESCRIPTION:
        description = description[: _MAX_DESCRIPTION - 1] + "…"
    lines = [
        f"- {spec.subtype} [{spec.family.value}] {spec.display_name}: {description}",
        f"  params (* required): {_fields(spec.parameters, 1) or 'none'}",
        f"  outputs: {_outputs(spec)}",
        f"  example: {example}",
    ]
    return "\n".join(lines)


def _render_app(spec: NodeSpec, app: App) -> str:
    example = json.dumps(spec.example.parameters, ensure_ascii=False, separators=(",", ":"))
    return "\n".join(
        [
            f"- {spec.subtype} [{spec.family.value}] {app.display_name}: {app.description}",
            "  parameters: resource and operation, then that operation's fields "
            f"(* required): {_app_operations(app)}",
            f"  example: {example[:_MAX_EXAMPLE]}",
        ]
    )


def render_specs(specs: Iterable[NodeSpec], catalog: Catalog | None = None) -> str:
    """The specs as compact text for a prompt: one short block per spec."""
    return "\n".join(render_spec(s, catalog) for s in specs)

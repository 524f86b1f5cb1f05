"""Read the installed n8n's own node descriptions and check exported node parameters against them.

n8n ships every node's description (its properties, their ``displayOptions``, options and
which are required) as ``dist/types/nodes.json`` in ``n8n-nodes-base`` and
``@n8n/n8n-nodes-langchain``. :class:`Descriptions` loads them and :meth:`Descriptions.check`
says, for one exported node (type, typeVersion, parameters), what n8n would not accept:

* an unknown node type, or a typeVersion that node lacks;
* a parameter name the node has no visible property for (given the other values, the way
  n8n's editor shows and hides properties);
* an options value (e.g. ``resource`` / ``operation``) that is not one of the property's;
* a required visible property left out (n8n's default counts when it is non-empty);
* a key inside a ``collection`` / ``fixedCollection`` that the collection does not offer.

Used by the real-n8n test and by ``python -m tests.n8n_real.describe`` (a report over the
whole catalog). Pure reading; nothing here runs n8n.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGES = (
    ("n8n-nodes-base", "n8n-nodes-base."),
    ("@n8n/n8n-nodes-langchain", "@n8n/n8n-nodes-langchain."),
)
_VALUE_TYPES = {"options", "multiOptions"}
_CONTAINERS = {"collection", "fixedCollection"}
_NO_VALUE = {"notice", "hidden", "button", "callout"}


def _versions(desc: dict[str, Any]) -> list[float]:
    v = desc["version"]
    return [float(x) for x in (v if isinstance(v, list) else [v])]


@dataclass(frozen=True)
class Problem:
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


def _cnd_holds(cnd: dict[str, Any], value: Any) -> bool:
    ops = {
        "gte": lambda a, b: a >= b,
        "lte": lambda a, b: a <= b,
        "gt": lambda a, b: a > b,
        "lt": lambda a, b: a < b,
        "eq": lambda a, b: a == b,
        "not": lambda a, b: a != b,
    }
    for op, arg in cnd.items():
        if op == "between":
            if not (arg["from"] <= value <= arg["to"]):
                return False
        elif op in ops:
            try:
                if not ops[op](value, arg):
                    return False
            except TypeError:
                return False
        elif op == "exists":
            if value is None:
                return False
        else:  # startsWith, regex …: evaluated leniently (shown)
            continue
    return True


def _matches(allowed: list[Any], value: Any) -> bool:
    for a in allowed:
        if isinstance(a, dict) and "_cnd" in a:
            if _cnd_holds(a["_cnd"], value):
                return True
        elif a == value:
            return True
    return False


class Descriptions:
    """All node descriptions of one n8n install, by full type name."""

    def __init__(self, app_dir: Path) -> None:
        self.by_type: dict[str, list[dict[str, Any]]] = {}
        modules = app_dir / "node_modules"
        for package, prefix in PACKAGES:
            path = modules / package / "dist/types/nodes.json"
            for desc in json.loads(path.read_text()):
                self.by_type.setdefault(prefix + desc["name"], []).append(desc)

    def node(self, node_type: str, version: float) -> dict[str, Any] | None:
        for desc in self.by_type.get(node_type, []):
            if float(version) in _versions(desc):
                return desc
        return None

    def has(self, node_type: str, version: float) -> bool:
        return self.node(node_type, version) is not None

    # -- visibility ----------------------------------------------------------------------

    @staticmethod
    def _value(params: dict[str, Any], name: str, props: list[dict[str, Any]]) -> Any:
        v = params.get(name)
        if isinstance(v, dict) and v.get("__rl"):
            return v.get("value")
        return v

    def effective(
        self, desc: dict[str, Any], params: dict[str, Any], version: float
    ) -> dict[str, Any]:
        """The parameters with n8n's defaults filled in, in property order (as n8n does)."""
        props: list[dict[str, Any]] = desc["properties"]
        out = dict(params)
        for p in props:
            if p["name"] not in out and self._visible(p, out, props, version):
                out[p["name"]] = p.get("default")
        return out

    def _visible(
        self,
        prop: dict[str, Any],
        params: dict[str, Any],
        props: list[dict[str, Any]],
        version: float,
    ) -> bool:
        opts = prop.get("displayOptions") or {}
        for key, allowed in (opts.get("show") or {}).items():
            value = version if key == "@version" else self._value(params, key.lstrip("/"), props)
            values = value if isinstance(value, list) else [value]
            if not any(_matches(allowed, v) for v in values):
                return False
        for key, hidden in (opts.get("hide") or {}).items():
            value = version if key == "@version" else self._value(params, key.lstrip("/"), props)
            values = value if isinstance(value, list) else [value]
            if any(_matches(hidden, v) for v in values):
                return False
        return True

    def visible(
        self, desc: dict[str, Any], params: dict[str, Any], version: float
    ) -> list[dict[str, Any]]:
        props: list[dict[str, Any]] = desc["properties"]
        full = self.effective(desc, params, version)
        return [p for p in props if self._visible(p, full, props, version)]

    # -- checks ----------------------------------------------------------------------------

    def check(self, node_type: str, version: float, params: dict[str, Any]) -> list[Problem]:
        desc = self.node(node_type, version)
        if desc is None:
            known = [v for d in self.by_type.get(node_type, []) for v in _versions(d)]
            kind = "unknown_version" if known else "unknown_type"
            return [Problem(kind, f"{node_type} {version} (n8n has {sorted(known)})")]
        shown = self.visible(desc, params, version)
        by_name: dict[str, list[dict[str, Any]]] = {}
        for p in shown:
            by_name.setdefault(p["name"], []).append(p)
        problems: list[Problem] = []
        for name, value in params.items():
            candidates = by_name.get(name)
            if not candidates:
                problems.append(Problem("unknown_parameter", f"{node_type} {version}: {name}"))
                continue
            problems += self._check_value(node_type, name, candidates[0], value)
        for p in shown:
            if p.get("required") and p["type"] not in _NO_VALUE and p["name"] not in params:
                default = p.get("default")
                if default in ("", None, [], {}) or (
                    isinstance(default, dict) and default.get("value") in ("", None)
                ):
                    problems.append(
                        Problem("missing_required", f"{node_type} {version}: {p['name']}")
                    )
        return problems

    def _check_value(
        self, node_type: str, name: str, prop: dict[str, Any], value: Any
    ) -> list[Problem]:
        kind = prop["type"]
        if kind in _VALUE_TYPES and isinstance(value, (str, list)) and not _is_expr(value):
            allowed = {o.get("value") for o in prop.get("options", [])}
            if not prop.get("typeOptions", {}).get("loadOptionsMethod") and allowed:
                values = value if isinstance(value, list) else [value]
                bad = [v for v in values if v not in allowed]
                if bad:
                    return [
                        Problem(
                            "bad_option",
                            f"{node_type}: {name}={bad} not in {sorted(map(str, allowed))}",
                        )
                    ]
        if kind in _CONTAINERS and isinstance(value, dict):
            offered = {o.get("name") for o in prop.get("options", [])}
            bad = [k for k in value if k not in offered]
            if bad:
                return [
                    Problem(
                        "unknown_parameter",
                        f"{node_type}: {name}.{bad} not in {sorted(map(str, offered))}",
                    )
                ]
        return []


def _is_expr(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def main(argv: list[str]) -> int:
    """Report every catalog app's exported example against n8n: ``… describe N8N_APP_DIR``."""
    from flowsmith.core.catalog import load_catalog
    from flowsmith.core.models import Node, Workflow
    from flowsmith.n8n.convert import to_n8n

    app_dir = Path(argv[0]) if argv else Path("/tmp/n8n-try/app")
    descs = Descriptions(app_dir)
    catalog = load_catalog()
    failures = 0
    for spec in catalog.specs:
        if spec.n8n is None:
            continue
        node = Node(
            id="n1",
            name=spec.display_name,
            type=spec.family,
            subtype=spec.subtype,
            parameters=dict(spec.example.parameters),
        )
        exported = to_n8n(Workflow(nodes=[node]))
        for n in exported["nodes"]:
            problems = descs.check(n["type"], n["typeVersion"], n.get("parameters", {}))
            for pr in problems:
                failures += 1
                print(f"{spec.subtype}: {pr}")
    print(f"{failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

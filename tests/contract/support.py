"""Running schemathesis' engine (the one ``st run`` drives) against a live flowsmith server.

Every operation of the server's own ``/openapi.json``, with every check schemathesis has
(status codes, content types, response schemas and headers, positive data accepted, negative
data rejected, undeclared methods answered with 405 and the right ``Allow``, missing
credentials refused), over the examples, coverage and fuzzing phases; the stateful phase is
off. Event streams are read by schemathesis itself: up to ``max-stream-events`` events or
``request-timeout`` seconds, each event checked against the response's ``itemSchema``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

_ACCEPTANCES = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
_REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "5xx"]


@dataclass(frozen=True)
class Finding:
    operation: str
    check: str
    code: str
    title: str
    message: str
    curl: str

    def __str__(self) -> str:
        return f"{self.code} {self.check} on {self.operation}: {self.title}\n  {self.message}\n  {self.curl}"


@dataclass
class RunResult:
    findings: list[Finding]
    errors: list[str]
    operations: set[str]
    cases: int
    seconds: dict[str, float]
    # (operation, status, media type) of every response
    responses: Counter[tuple[str, int, str]] = field(default_factory=Counter)

    def report(self) -> str:
        lines = [str(f) for f in self.findings] + self.errors
        return "\n".join(lines)


def config(token: str, *, max_examples: int, seed: int = 1) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": seed,
            "headers": {"Authorization": f"Bearer {token}"},
            "workers": 1,
            "request-timeout": 10,
            "generation": {
                "mode": "all",
                "max-examples": max_examples,
                "deterministic": True,
                "database": "none",
                # the routes refuse a NUL in any text with 422 invalid_text (documented,
                # not a JSON Schema keyword for every string of a free-form body)
                "allow-x00": False,
            },
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": False},
            },
            "operations": [
                {
                    # whether an n8n instance answers at the URL is not the document's to
                    # say: an unreachable one is the documented 422 (n8n_unreachable)
                    "include-name": "POST /api/v1/integrations/n8n",
                    "checks": {
                        "positive_data_acceptance": {"expected-statuses": [*_ACCEPTANCES, "422"]}
                    },
                },
            ],
            # a stream is read up to its first event (a turn's ``status``, a generation's
            # ``waiting`` or first stage), checked against the document's ``itemSchema``, and
            # dropped (the turn goes on by itself); whole streams are read by test_streams
            "max-stream-events": 1,
            "checks": {
                "enabled": True,
                # a request too large is refused with 413 (documented on every operation)
                "negative_data_rejection": {"expected-statuses": [*_REJECTIONS, "413"]},
            },
        }
    )


def run(url: str, token: str, *, max_examples: int) -> RunResult:
    schema = schemathesis.openapi.from_url(
        f"{url}/openapi.json", config=config(token, max_examples=max_examples)
    )
    schema.config.base_url = url
    findings: dict[tuple[str, str, str], Finding] = {}
    errors: list[str] = []
    operations: set[str] = set()
    seconds: dict[str, float] = {}
    responses: Counter[tuple[str, int, str]] = Counter()
    cases = 0
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            cases += len(recorder.cases)
            if event.label:
                operations.add(event.label)
                key = f"{event.phase.value if hasattr(event.phase, 'value') else event.phase} {event.label}"
                seconds[key] = seconds.get(key, 0.0) + event.elapsed_time
            _collect(recorder, findings)
            for interaction in recorder.interactions.values():
                response = interaction.response
                if response is not None and event.label:
                    media = (response.headers.get("content-type") or [""])[0].split(";")[0]
                    responses[(event.label, response.status_code, media)] += 1
        elif isinstance(event, events.NonFatalError):
            errors.append(
                f"error on {event.label}: {event.info.format() if hasattr(event.info, 'format') else event.value!r}"
            )
        elif isinstance(event, events.FatalError):
            errors.append(f"fatal: {event.exception!r}")
    return RunResult(list(findings.values()), errors, operations, cases, seconds, responses)


def _collect(recorder: Any, findings: dict[tuple[str, str, str], Finding]) -> None:
    for checks in recorder.checks.values():
        for check in checks:
            if check.status != Status.FAILURE or check.failure_info is None:
                continue
            failure = check.failure_info.failure
            key = (failure.operation, check.name, failure.title)
            findings.setdefault(
                key,
                Finding(
                    operation=failure.operation,
                    check=check.name,
                    code=getattr(failure, "code", "?"),
                    title=failure.title,
                    message=failure.message[:600],
                    curl=check.failure_info.code_sample[:600],
                ),
            )

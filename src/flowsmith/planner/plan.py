"""The offline planner's intent: what ``decide`` understood and ``build`` materialises.

A ``Plan`` is the JSON the caller stores between the chat turn and the generation job
(``Decision.request``). It speaks in the user's terms (stores, channels, conditions), not in
catalog parameter names, so a plan stays buildable when parameter spelling evolves.
Defaults are filled in *before* a plan is stored: ``build`` never guesses, it only lays
out what the plan says, which keeps generation deterministic and the reply truthful.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from flowsmith.planner.schedule import Schedule
from flowsmith.planner.text import Lang

PLAN_FORMAT: Literal["flowsmith.offline/1"] = "flowsmith.offline/1"

TriggerKind = Literal[
    "schedule", "webhook", "email", "form", "manual", "rss", "chat", "error", "app_event"
]
SourceKind = Literal["store", "page", "scrape", "api", "feed", "sheets", "postgres", "mysql"]
ActionKind = Literal[
    "email",
    "gmail",
    "slack",
    "telegram",
    "discord",
    "teams",
    "sms",
    "sheets_append",
    "notion",
    "github_issue",
    "db_insert",
    "airtable",
    "webhook_response",
    "write_file",
]
AIKind = Literal["summarize", "classify", "extract", "sentiment", "translate", "analyze", "agent"]
TransformKind = Literal[
    "aggregate", "sort", "remove_duplicates", "limit", "split_out", "code", "text_template"
]
ConditionKind = Literal["in_stock", "price_below", "price_above", "contains", "category"]
# "main" (no routing), "true"/"false" (an IF), "output_<i>"/"fallback" (a switch)
Branch = str
Topic = Literal["store_monitor", "data_analysis", "digest", "triage", "agent", "generic"]


class TriggerSpec(BaseModel):
    kind: TriggerKind
    schedule: Schedule | None = None  # kind == "schedule"
    url: str | None = None  # kind == "rss": the feed
    app: str | None = None  # kind == "app_event"
    event: str | None = None  # kind == "app_event"


class SourceSpec(BaseModel):
    """Where the data comes from. ``store`` is a key of ``intent.STORES`` for store checks."""

    kind: SourceKind
    store: str | None = None
    url: str | None = None


class ConditionSpec(BaseModel):
    """``field``: the item field compared (``price``, ``amount``, ``category``...)."""

    kind: ConditionKind
    value: float | str | None = None
    field: str | None = None


class ActionSpec(BaseModel):
    """Where results go. ``target``: address, channel, phone, sheet; already defaulted."""

    kind: ActionKind
    target: str | None = None
    branch: Branch = "main"


class AIStep(BaseModel):
    kind: AIKind
    categories: list[str] = Field(default_factory=list)  # classify
    language: str | None = None  # translate
    tools: list[str] = Field(default_factory=list)  # agent: TOOL subtypes
    memory: str | None = None  # agent: MEMORY subtype


class ApprovalSpec(BaseModel):
    kind: Literal["email", "slack", "form"] = "email"
    approver: str = "manager@example.com"


class WaitSpec(BaseModel):
    amount: int = 5
    unit: Literal["seconds", "minutes", "hours", "days"] = "minutes"


class Intent(BaseModel):
    """A whole workflow to create. Lists keep the order the user named things in."""

    topic: Topic
    trigger: TriggerSpec
    sources: list[SourceSpec] = Field(default_factory=list)
    transforms: list[TransformKind] = Field(default_factory=list)
    limit: int | None = None  # the "limit" transform's max_items
    loop: bool = False
    ai: list[AIStep] = Field(default_factory=list)
    conditions: list[ConditionSpec] = Field(default_factory=list)
    combine: Literal["and", "or"] = "and"
    # "if": all conditions in one IF; "switch": one rule per (category) condition
    route: Literal["if", "switch"] = "if"
    approval: ApprovalSpec | None = None
    wait: WaitSpec | None = None
    actions: list[ActionSpec] = Field(default_factory=list)
    product_name: str = "Your product"
    # the text to send when nothing upstream produces one (manual start, no source)
    message: str | None = None


EditKind = Literal[
    "add_action",
    "add_source",
    "add_ai",
    "add_approval",
    "add_wait",
    "add_condition",
    "remove",
    "set_schedule",
    "set_target",
    "replace_action",
    # service-aware edits (edit_parse / edit_apply): catalog apps, positions, parameters
    "add_step",
    "replace_step",
    "move",
    "set_param",
    # a condition put in front of steps (edit_guard): "only … if …", "if …, also …"
    "add_guard",
    # a sort / dedupe / limit in front of the result steps (edit_transform)
    "add_transform",
    # a new start for the workflow (edit_trigger): "trigger it from a webhook instead"
    "replace_trigger",
]


class EditOp(BaseModel):
    """One change to an existing workflow; resolved against the workflow at build time.

    ``subject``: which existing nodes the op is about, as a keyword ("slack", "email",
    "amazon", "approval"...), matched against node subtypes, ids and names.
    """

    kind: EditKind
    subject: str | None = None
    action: ActionSpec | None = None
    source: SourceSpec | None = None
    ai: AIStep | None = None
    approval: ApprovalSpec | None = None
    wait: WaitSpec | None = None
    condition: ConditionSpec | None = None
    schedule: Schedule | None = None
    value: str | None = None
    # service-aware edits: the step to add or put in place ("app:jira/issue/create",
    # resource and operation optional), where it goes ("after", "before", "beside", "loop",
    # "otherwise") relative to ``anchor`` (a subject), the parameter ``set_param`` changes,
    # and the subjects a "remove all ... except" keeps
    step: str | None = None
    where: str | None = None
    anchor: str | None = None
    param: str | None = None
    keep: list[str] = Field(default_factory=list)
    # add_guard: the IF parameters (``rule``), whether the guarded steps go on its false
    # output (``negate``: "skip …"), new steps behind it (``steps``: "app:…", "action:<kind>
    # [:<target>]", "approval:<channel>"), what runs otherwise (``else_subject`` /
    # ``else_steps``) and the category or value it routes on, for an existing branch
    rule: dict[str, Any] | None = None
    negate: bool = False
    steps: list[str] = Field(default_factory=list)
    else_subject: str | None = None
    else_steps: list[str] = Field(default_factory=list)
    category: str | None = None
    # add_guard chained on an existing branch: the new case's items get only its new steps
    # ("low-priority tickets only go to Trello"), no longer the steps already on that output
    only: bool = False
    # add_guard routed on an existing branch: a further check on that branch in front of the
    # new steps ("billing emails that mention a chargeback should also …")
    also_rule: dict[str, Any] | None = None


class Plan(BaseModel):
    """The stored request. ``intent`` for a new workflow, ``edits`` to change ``current``.

    When both are present (an edit request whose workflow did not exist yet when it was
    planned), ``build`` creates from ``intent`` and then applies ``edits``.
    """

    format: Literal["flowsmith.offline/1"] = PLAN_FORMAT
    lang: Lang
    text: str
    title: str
    intent: Intent | None = None
    # a workflow compiled from the request's frame (parse → compile), stored as built
    workflow: dict[str, Any] | None = None
    edits: list[EditOp] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)

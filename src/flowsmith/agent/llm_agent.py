"""The LLM agent: the conversation policy and the workflow builder on top of a real model.

* ``respond`` (here): ONE streamed call with the policy, the retrieved catalog specs, the
  current workflow (when editing) and the history, offering one tool, ``decide``. The
  model's text reaches the user as it arrives; its ``decide`` call becomes the turn's
  ``Decision``. No tool call means ``answer``; a malformed one too (the text stands). A
  decision without text gets a reply written from it; parts the text left out (questions,
  assumptions, a missing integration) are added.
* ``draft`` and ``repair``: :mod:`flowsmith.agent.llm_draft` (:class:`LLMDrafter`, the base
  of :class:`LLMAgent`).
* Accounting, ``AgentError`` and per-kind call options: :mod:`flowsmith.agent.llm_calls`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any, Literal

from jsonschema import Draft202012Validator

from flowsmith.agent import prompts
from flowsmith.agent.interface import AgentEvent, Decided, TextDelta
from flowsmith.agent.llm_calls import _agent_error
from flowsmith.agent.llm_draft import LLMDrafter
from flowsmith.agent.offline_agent import stream_pieces
from flowsmith.agent.retrieval import retrieve
from flowsmith.core.models import Workflow
from flowsmith.llm.base import Finished, LLMError, Message, ToolCall, ToolCallDone, ToolSpec, Usage
from flowsmith.llm.base import TextDelta as LLMTextDelta
from flowsmith.planner import offline
from flowsmith.planner.offline import Decision, Question
from flowsmith.planner.parse import parse_request
from flowsmith.planner.text import Lang, detect_lang
from flowsmith.text import text as say

log = logging.getLogger(__name__)

REQUEST_FORMAT = "flowsmith.llm/1"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MAX_HISTORY_CHARS = 4000
_ASSUMPTION_WORDS = re.compile(r"assum|default|placeholder|假设|默认|占位", re.IGNORECASE)


def conversation_language(message: str, history: Sequence[tuple[str, str]]) -> Lang:
    """The message's language; a short Latin-only answer ("Slack") keeps the session's."""
    if _CJK.search(message) or len(message.split()) >= 3:
        return detect_lang(message)
    for role, earlier in reversed(history):
        if role == "user" and earlier.strip():
            return detect_lang(earlier)
    return detect_lang(message)


_DECIDE_VALIDATOR = Draft202012Validator(prompts.DECIDE_SCHEMA)
# what a server says when a turn cannot offer the decide tool with tool_choice auto
_NO_TOOLS = frozenset({"tools", "tool_choice_auto", "tool_choice"})
# structured-decision failures that mean "this model cannot decide", not an outage
_CANNOT_DECIDE = frozenset({"llm_bad_response"})
# words of a reply that promises to build something (a decision is asked for after it)
_BUILD_WORDS = re.compile(
    r"\b(i'll|i will|i am going to|i'm going to|let me|i'm|i am|now)\s+(now\s+)?"
    r"(build|create|set up|generate|make|put together)\w*|\b(building|creating|generating)"
    r"\b|(我来|我将|我会|正在|马上|现在)(为你|帮你)?(生成|创建|搭建|构建)",
    re.IGNORECASE,
)
# a message asking something, not asking for something ("when" starts triggers: "When a
# new row is added ..., post it to Slack" is a request)
_QUESTION = re.compile(
    r"[?？]\s*$|^(how|what|why|which|who|can|could|does|do|is|are|should)\b|"
    r"^(如何|怎么|怎样|为什么|什么|能否|可以吗|是否)",
    re.IGNORECASE,
)


@dataclass
class _Turn:
    """What one ``respond`` gathers as it goes."""

    message: str
    history: list[tuple[str, str]]
    current: Workflow | None
    lang: Lang
    specs: list[Any]
    texts: list[str] = field(default_factory=list)
    args: dict[str, Any] | None = None
    offline: Decision | None = None
    done: bool = False
    reply_written: bool = False
    # the offline planner's generate decision (False: it reads none; None: not asked yet)
    reading: Decision | Literal[False] | None = None


def _decide_call(args: dict[str, Any] | None) -> ToolCall | None:
    return None if args is None else ToolCall("decision", prompts.DECIDE_TOOL, args)


_DECIDE_TOOL = ToolSpec(prompts.DECIDE_TOOL, prompts.DECIDE_DESCRIPTION, prompts.DECIDE_SCHEMA)


class LLMAgent(LLMDrafter):
    """The ``Agent`` for a real model behind ``provider``."""

    # -- the chat turn -----------------------------------------------------------------------

    def _history(self, history: Sequence[tuple[str, str]]) -> list[Message]:
        out: list[Message] = []
        for role, text in list(history)[-self.history_messages :]:
            if role not in ("user", "assistant") or not text.strip():
                continue
            if not out and role == "assistant":
                continue  # the conversation must open with the user
            out.append(Message(role, text[:_MAX_HISTORY_CHARS]))  # type: ignore[arg-type]
        return out

    async def respond(
        self, message: str, history: list[tuple[str, str]], current: Workflow | None
    ) -> AsyncIterator[AgentEvent]:
        """One turn. With ``tools`` (while the server takes tools): the reply streams with
        the ``decide`` tool beside it; a reply without a decide call that may ask for a
        workflow gets a structured decision after it. With ``decide_first`` (a server that
        refused tools, or the setting): a structured decision through whichever mode the
        server has, then the streamed reply. A model that cannot decide (unusable output)
        still gets an actionable request built by the offline planner, and says so."""
        lang = conversation_language(message, history)
        earlier = [text for role, text in history if role == "user"][-3:]
        specs = retrieve(
            "\n".join([*earlier, message]),
            current=current,
            k=self.retrieval_k,
            catalog=self.catalog,
        )
        turn = _Turn(message, list(history), current, lang, specs)
        if self._turn_mode() == "tools":
            async for event in self._respond_with_tool(turn):
                yield event
        if turn.args is None and not turn.done:
            async for event in self._respond_decide_first(turn):
                yield event
        if turn.offline is not None:
            decision = turn.offline
            said = "".join(turn.texts)
            rest = decision.reply[len(said) :] if decision.reply.startswith(said) else ""
            for piece in stream_pieces(rest):
                yield TextDelta(piece)
            yield Decided(decision)
            return
        text = "".join(turn.texts)
        decision, extra = self._decision(
            _decide_call(turn.args), text, message, history, current, lang
        )
        if decision.kind == "answer" and self._reads_as_request(turn):
            # "no workflow change" for a message the offline planner reads as a concrete
            # request (not a question): the model did not make a usable decision
            fallback = self._offline_decision(turn, "llm_bad_response")
            if fallback is not None and fallback.kind == "generate":
                rest = fallback.reply[len(text) :] if fallback.reply.startswith(text) else ""
                for piece in stream_pieces(rest):
                    yield TextDelta(piece)
                yield Decided(fallback)
                return
        if extra:
            separator = "\n\n" if text.strip() else ""
            for piece in stream_pieces(separator + extra):
                yield TextDelta(piece)
            decision = decision.model_copy(update={"reply": text + separator + extra})
        yield Decided(decision)

    def _turn_mode(self) -> str:
        if self.turn_mode != "auto":
            return self.turn_mode
        refused: set[str] = getattr(getattr(self.provider, "modes", None), "refused", set())
        return "decide_first" if "tool" in refused or self._tools_refused else "tools"

    async def _respond_with_tool(self, turn: _Turn) -> AsyncIterator[AgentEvent]:
        """The reply streamed with the ``decide`` tool offered beside it."""
        messages = [
            Message("system", prompts.respond_system(turn.lang, turn.specs, turn.current)),
            *self._history(turn.history),
            Message("user", turn.message),
        ]
        call: ToolCall | None = None
        recorded = False
        started = time.monotonic()
        try:
            stream = self.provider.stream(
                messages,
                tools=[_DECIDE_TOOL],
                tool_choice="auto",
                # one response carries the reply and the decision
                max_tokens=(self.options["reply"].max_tokens or 1024)
                + (self.options["decide"].max_tokens or 1024),
                options=dataclasses.replace(self.options["reply"], max_tokens=None),
            )
            # aclosing: when the turn is cancelled (the user sent the next message), the
            # HTTP response to the model closes now, not at garbage collection
            async with aclosing(stream) as events:
                async for event in events:
                    if isinstance(event, LLMTextDelta):
                        if event.text:
                            turn.texts.append(event.text)
                            yield TextDelta(event.text)
                    elif isinstance(event, ToolCallDone):
                        if call is None and event.call.name == prompts.DECIDE_TOOL:
                            call = event.call
                    elif isinstance(event, Finished):
                        recorded = True
                        self._record(event.usage, started)
        except LLMError as error:
            recorded = True
            self._record(error.usage, started, error.code)
            if error.unsupported in _NO_TOOLS and not turn.texts:
                # the server has no (automatic) tool calling: decide first from now on
                log.warning("%s: no tool calling (%s); deciding first", self.name, error.message)
                self._tools_refused = True
                return
            # unreadable tool arguments after a streamed reply: the reply stands as an answer
            if error.code == "llm_bad_response" and "".join(turn.texts).strip():
                log.warning("%s: unusable decide call (%s)", self.name, error.message)
                turn.done = True
                return
            raise _agent_error(error, turn.lang) from error
        finally:
            if not recorded:
                # interrupted mid-stream: the call was made, its token counts never came
                self._record(Usage(calls=1), started, "interrupted")
        if call is not None:
            turn.args = call.arguments
            turn.done = True
            return
        text = "".join(turn.texts)
        if not self._may_want_workflow(turn, text):
            turn.done = True  # a plain answer
            return
        # text without a decision, on a message that may ask for a workflow: decide now,
        # the reply as written being part of the conversation
        turn.reply_written = True
        args = await self._structured_decision(turn, reply=text)
        if args is not None:
            turn.args = args
        turn.done = True

    def _reads_as_request(self, turn: _Turn) -> bool:
        if _QUESTION.search(turn.message.strip()):
            return False
        return self._offline_reading(turn) is not None

    def _offline_reading(self, turn: _Turn) -> Decision | None:
        """The offline planner's generate decision for the turn, when it reads one (a
        request ``parse_request`` parses, one of its templates, or an edit of the
        session's workflow); None otherwise. Computed once per turn."""
        if turn.reading is None:
            try:
                decision = offline.decide(turn.message, turn.history, turn.current)
            except Exception:  # the planner is a fallback; it must not end the turn
                log.exception("%s: offline reading failed", self.name)
                decision = None
            ok = decision is not None and decision.kind == "generate" and decision.request
            turn.reading = decision if ok else False
        return turn.reading or None

    def _may_want_workflow(self, turn: _Turn, text: str) -> bool:
        if turn.current is not None and turn.current.nodes:
            return True
        combined = "\n".join([*offline.pending_request(turn.history), turn.message])
        return (
            parse_request(combined) is not None
            or bool(_BUILD_WORDS.search(text))
            or self._reads_as_request(turn)
        )

    async def _respond_decide_first(self, turn: _Turn) -> AsyncIterator[AgentEvent]:
        """A structured decision, then the reply streamed from it."""
        args = await self._structured_decision(turn, reply=None)
        if args is None:
            return
        turn.args = args
        decision = _normalized(args)
        messages = [
            Message("system", prompts.reply_system(turn.lang, decision)),
            *self._history(turn.history),
            Message("user", turn.message),
        ]
        recorded = False
        started = time.monotonic()
        try:
            stream = self.provider.stream(
                messages,
                max_tokens=self.options["reply"].max_tokens or 1024,
                options=self.options["reply"],
            )
            async with aclosing(stream) as events:
                async for event in events:
                    if isinstance(event, LLMTextDelta) and event.text:
                        turn.texts.append(event.text)
                        yield TextDelta(event.text)
                    elif isinstance(event, Finished):
                        recorded = True
                        self._record(event.usage, started)
        except LLMError as error:
            recorded = True
            self._record(error.usage, started, error.code)
            # the decision stands; what the reply lacks is written from it
            log.warning("%s: the reply failed after the decision (%s)", self.name, error)
        finally:
            if not recorded:
                self._record(Usage(calls=1), started, "interrupted")

    async def _structured_decision(self, turn: _Turn, reply: str | None) -> dict[str, Any] | None:
        """The ``decide`` object through the provider's structured output; None when the
        model could not produce one (``turn.offline`` then holds the fallback)."""
        messages = [
            Message("system", prompts.decide_system(turn.lang, turn.specs, turn.current)),
            *self._history(turn.history),
            Message("user", turn.message),
        ]
        if reply is not None and reply.strip():
            messages += [
                Message("assistant", reply[:_MAX_HISTORY_CHARS]),
                Message("user", prompts.DECIDE_AFTER_REPLY),
            ]
        started = time.monotonic()
        try:
            value, usage = await self.provider.structured(
                messages,
                schema=prompts.DECIDE_SCHEMA,
                name=prompts.DECIDE_TOOL,
                max_tokens=self.options["decide"].max_tokens or 1024,
                options=self.options["decide"],
            )
        except LLMError as error:
            self._record(error.usage, started, error.code)
            if error.code not in _CANNOT_DECIDE and error.unsupported is None:
                if reply is not None and reply.strip():
                    log.warning("%s: no decision after the reply (%s)", self.name, error)
                    return None  # the streamed reply stands as an answer
                raise _agent_error(error, turn.lang) from error
            log.warning("%s: the model could not decide (%s)", self.name, error)
            turn.offline = self._offline_decision(turn, error.code)
            return None
        self._record(usage, started)
        problems = list(_DECIDE_VALIDATOR.iter_errors(_normalized(value)))
        if problems:
            turn.offline = self._offline_decision(turn, "llm_bad_response")
            return None
        return value

    def _offline_decision(self, turn: _Turn, code: str) -> Decision | None:
        """What the offline planner makes of the turn when the model could not decide: a
        request it can build (drafted by the offline planner too), else None (the model's
        text, if any, stands as an answer; without text the user is told)."""
        said = "".join(turn.texts).strip()
        decision = self._offline_reading(turn)
        if decision is None or decision.request is None:
            if said:
                return None
            return Decision(
                kind="answer",
                reply=prompts.could_not_decide(turn.lang, code),
                waiting_message=_waiting(turn.lang, None),
            )
        note = prompts.offline_note(turn.lang)
        request = {**decision.request, "drafter": "offline", "message": turn.message}
        written = "".join(turn.texts)
        reply = (written + "\n\n" if said else "") + note + "\n\n" + decision.reply
        return decision.model_copy(update={"reply": reply, "request": request})

    def _decision(
        self,
        call: ToolCall | None,
        text: str,
        message: str,
        history: Sequence[tuple[str, str]],
        current: Workflow | None,
        lang: Lang,
    ) -> tuple[Decision, str]:
        """The decision and the text to add to the streamed reply (often nothing)."""
        args = _normalized(call.arguments) if call is not None else None
        if args is not None:
            problems = sorted(_DECIDE_VALIDATOR.iter_errors(args), key=str)
            if problems:
                log.warning("%s: invalid decide arguments: %s", self.name, problems[0].message)
                args = None
        if args is None:
            return self._answer(text, lang)
        kind = args["kind"]
        questions = [
            Question(question=q["question"].strip(), suggestions=[s for s in q["suggestions"] if s])
            for q in args.get("questions") or []
            if q["question"].strip()
        ][: prompts.MAX_QUESTIONS]
        assumptions = [a.strip() for a in args.get("assumptions") or [] if a.strip()]
        unsupported = [
            (u["name"].strip(), u["alternative"].strip())
            for u in args.get("unsupported_integrations") or []
            if u["name"].strip()
        ]
        if kind == "clarify" and not questions:
            kind = "answer"
        extra = self._missing_parts(text, kind, args, questions, assumptions, unsupported, lang)
        reply = text if text.strip() else extra
        waiting = (args.get("waiting_message") or "").strip() or None
        if kind == "answer":
            return (
                Decision(
                    kind="answer",
                    reply=reply,
                    assumptions=assumptions,
                    waiting_message=waiting or _waiting(lang, None),
                ),
                extra,
            )
        if kind == "clarify":
            return (
                Decision(
                    kind="clarify",
                    reply=reply,
                    questions=questions,
                    assumptions=assumptions,
                    waiting_message=waiting or _waiting(lang, questions[0].question),
                ),
                extra,
            )
        spec = (args.get("spec") or "").strip() or _carried_spec(message, history)
        editing = current is not None and bool(current.nodes)
        mode = "edit" if editing and args.get("mode") != "create" else "create"
        request: dict[str, Any] = {
            "format": REQUEST_FORMAT,
            "lang": lang,
            "mode": mode,
            "spec": spec,
            "title": (args.get("title") or "").strip(),
            "assumptions": assumptions,
            "unsupported": [{"name": n, "alternative": a} for n, a in unsupported],
        }
        return (
            Decision(kind="generate", reply=reply, assumptions=assumptions, request=request),
            extra,
        )

    def _answer(self, text: str, lang: Lang) -> tuple[Decision, str]:
        extra = ""
        if not text.strip():
            extra = say("agent.not_understood", lang)
        reply = text if text.strip() else extra
        return Decision(kind="answer", reply=reply, waiting_message=_waiting(lang, None)), extra

    @staticmethod
    def _missing_parts(
        text: str,
        kind: str,
        args: dict[str, Any],
        questions: list[Question],
        assumptions: list[str],
        unsupported: list[tuple[str, str]],
        lang: Lang,
    ) -> str:
        """What the reply must say and the model's text did not: all of the decision when
        there is no text; else a missing service not named, questions not asked, and
        assumptions never mentioned."""
        if not text.strip():
            return prompts.synthesized_reply(
                lang,
                kind,
                spec=(args.get("spec") or "").strip(),
                questions=[(q.question, q.suggestions) for q in questions],
                assumptions=assumptions,
                unsupported=unsupported,
            )
        lowered = text.lower()
        missing = [(n, a) for n, a in unsupported if n.lower() not in lowered]
        ask = (
            [(q.question, q.suggestions) for q in questions]
            if kind == "clarify" and "?" not in text and "？" not in text
            else []
        )
        assume = (
            assumptions
            if kind == "generate"
            and not _ASSUMPTION_WORDS.search(text)
            and not any(a.lower() in lowered for a in assumptions)
            else []
        )
        return prompts.synthesized_reply(
            lang, kind, questions=ask, assumptions=assume, unsupported=missing, include_intro=False
        )


# --- helpers -----------------------------------------------------------------------------------


def _waiting(lang: Lang, question: str | None) -> str:
    if question:
        return say("agent.waiting.answer", lang, question=question)
    return say("agent.waiting.request", lang)


def _normalized(arguments: dict[str, Any]) -> dict[str, Any]:
    """Lenient fixes before validation: nulls of fields that do not apply dropped (the
    strict form sends every field), more than three questions cut to three."""
    args = {k: v for k, v in arguments.items() if v is not None}
    questions = args.get("questions")
    if isinstance(questions, list) and len(questions) > prompts.MAX_QUESTIONS:
        args["questions"] = questions[: prompts.MAX_QUESTIONS]
    return args


def _carried_spec(message: str, history: Sequence[tuple[str, str]]) -> str:
    """A generate decision without a spec: the user's recent messages stand in for it."""
    said = [text for role, text in history if role == "user"][-3:]
    return "\n".join([*said, message])

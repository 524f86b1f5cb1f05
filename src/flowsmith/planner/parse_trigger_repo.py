"""An app event said by its event words and a repository ("owner/name") with no app named:
"on every new PR in acme/api kick off the CircleCI pipeline", "for each push to octo/site …".
The repository names the place; the app is the one whose trigger watches repositories and
whose event the words name.

Invariants: only a clause at the text's start (after "on each", "for every", "when", …)
that names no app; the apps considered are those whose trigger fields name a repository (read
from the catalog: a field key with "repo" in it), never a table here; an event counts only
when the words before the repository name it outright (score at least 1.0), the best score
winning and, on a tie, the catalog's first app; the clause is cut from the text with the
comma after it. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_context import Context, unmask

__all__ = ["repository_event"]

# "new pull request in acme/api", "push to octo/site", "PR opened on the repo acme/web"
_IN_REPO = re.compile(
    r"(?P<ev>(?:[\w'-]+\s+){1,4}?)(?:in|on|to|into|for|at|against)\s+(?:the\s+)?"
    r"(?:(?:repo|repository)\s+)?(?P<slug>(?<![\w/.:@-])[A-Za-z][\w.-]*/[A-Za-z][\w.-]*)"
    r"(?![\w/])",
    re.IGNORECASE,
)
# what may stand before such a clause at the text's start: "on each", "for every", "when"
_LEAD = re.compile(
    r"\s*(?:(?:on|for|with|at|after)\s+)?(?:(?:each|every|any|all)\s+)?"
    r"(?:(?:whenever|when|once|as soon as|if)\s+)?(?:(?:a|an|the)\s+)?",
    re.IGNORECASE,
)


def repository_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The event of the repository-watching app the opening words before an "owner/name"
    name, and the text left; None when the text does not open so."""
    m = _IN_REPO.match(text, len(_LEAD.match(text).group(0)))  # type: ignore[union-attr]
    if m is None or ctx.index.mentions(m.group(0), implicit=False):
        return None
    found = _best_event(m.group("ev"), ctx)
    if found is None:
        return None
    app, event = found
    phrase = unmask(text[: m.end()], ctx).strip()
    trig = Trigger(kind="app_event", app=app, event=event, phrase=phrase)
    return trig, re.sub(r"^\s*[,:;]?\s*", "", text[m.end() :])


def _best_event(words: str, ctx: Context) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for key, app in ctx.index.apps.items():
        if app.triggers is None or not any("repo" in f for f in app.triggers.fields):
            continue
        event, score = ctx.index.event(key, words)
        if event is not None and score >= 1.0 and (best is None or score > best[0]):
            best = (score, key, event)
    return None if best is None else (best[1], best[2])

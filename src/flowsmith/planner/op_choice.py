"""Which resource and operation of an app a text asks for, read off the catalog only: the
resource and operation names (English and Chinese), the keys themselves, the app's example,
and the verb class the parser found. No service is named here; scores only order the
app's own operations, so the same text and app always give the same choice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from flowsmith.core.catalog.apps import App, Names
from flowsmith.planner import lexicon as lx
from flowsmith.planner.service_words import names_score, phrase_in, stem, tokens

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Choice:
    resource: str
    operation: str
    score: float


def choose_operation(app: App, text: str, verb: str) -> Choice:
    """The resource and operation of ``app`` that ``text`` (verb class ``verb``) asks for:
    named operations and resources first, then the verb's usual API keys (the first of the
    best scores, in catalog order)."""
    best: Choice | None = None
    for choice in scored_operations(app, text, verb):
        if best is None or choice.score > best.score:
            best = choice
    assert best is not None
    return best


def scored_operations(app: App, text: str, verb: str) -> list[Choice]:
    """Every operation of ``app`` with how well ``text`` (verb class ``verb``) asks for it."""
    low = participles_masked(_SET_UP.sub(" ", _ENOUGH_ZH.sub(" ", text.lower())))
    prefs = lx.OP_KEYS.get(verb, ())
    deliver = verb == "create" and _DELIVER.search(text) is not None
    comment = lx.COMMENT_WORD.search(text) is not None
    if verb == "create":
        low = places_masked(app, low)
    res_scores = _verb_named_weakened(app, low, resource_scores(app, low))
    op_low = app_words_masked(app, low)
    op_toks = set(tokens(op_low))
    keyed = {
        okey
        for _, okey, _ in app.operations()
        if key_said(okey, op_low, op_toks)
        and not (verb == "read" and (said_as_state(okey, op_low) or _copies(okey)))
    }
    # of the keys said, the longest: "send template" says "send" too
    longest = max((len(_raw_key_words(k)) for k in keyed), default=0)
    out: list[Choice] = []
    for index, (rkey, okey, op) in enumerate(app.operations()):
        res = app.resources[rkey]
        score = 1.5 * min(res_scores[rkey], 2.5)
        said = said_operation(app, rkey, okey, verb, op_low, op_toks)
        if said and verb == "read" and _names_said_as_state(op.names, op_low):
            said = 0.0  # "取出本周完成的任务": finished tasks to read, not "complete task"
        score += 2.0 * min(said, 3.0)
        k = okey.lower()
        key_bonus = _key_bonus(app, rkey, okey, verb) if okey in keyed else 0.0
        if len(_raw_key_words(okey)) < longest:
            key_bonus = 0.0  # "send template" says "send" too: the longer key is meant
        score += key_bonus
        by_key = key_bonus > 0
        commented = comment and _is_comment(rkey, okey, res.names, op.names)
        if k in prefs:
            score += 2.0 - 0.1 * prefs.index(k)
            if okey in keyed and k in lx.SPECIFIC_WRITE_KEYS:
                score += 1.0  # "append it to that page": the word said, not a plain create
        elif any(k.startswith(p) for p in prefs):
            score += 1.0
        elif _verb_of(k) not in (None, verb) and not commented and said < 2.0 and not by_key:
            score -= 2.0  # another verb's operation, unless the text says it outright
        if commented:
            score += 4.0  # "comment on the Jira issue": the app's comment or reply
        if deliver and is_message(rkey, res.names):
            score += 2.0  # "notify the team in Teams": a message goes there, no channel
        if _reads_one_and_many(res.operations):
            score += _number_fit(k, number_said(res.names, op_low))
        if rkey == app.example.resource:
            score += 0.8
        if (rkey, okey) == (app.example.resource, app.example.operation):
            score += 0.8
        score -= 0.01 * index
        out.append(Choice(rkey, okey, score))
    return out


# where items go, then a quoted name: "to the 'invoices' ", "in our Box 'Q3' ", "到Dropbox的'发票'"
_PLACE_NAMED = (
    r"(?:(?:\b(?:in|into|to|onto|under)\s+(?:the\s+|my\s+|our\s+|your\s+)?(?:[\w.-]+\s+){0,3}|"
    r"[到进在入][^，。；,.;'\"‘“「『]{0,20}?的?\s*)"
    r"['\"‘“「『][^'\"’”」』]{1,40}['\"’”」』]\s*|"
    # "to the #big-deals Slack channel": a channel said by its name is where items go
    r"\b(?:in|into|to|onto)\s+(?:the\s+|my\s+|our\s+|your\s+)?#[\w-]+\s+(?:[\w.-]+\s+){0,2}|"
    # "append it to that page", "追加到那个页面": the item the run is about, already there
    r"\b(?:in|into|to|onto)\s+(?:that|this|the same|its)\s+|"
    r"[到进在入]\s*(?:那个|这个|该|那张|这张|那条|这条)\s*)"
)


# "set up a webhook that counts …": the phrasal verb builds something, it is no "set" key
_SET_UP = re.compile(r"\bset(?:ting|s)? up\b")
# "写进Postgres就行", "存到表里即可": a "that's all" tail says no operation (its 行 is no 执行)
_ENOUGH_ZH = re.compile(r"(?:就|便)(?:行|好|可以|够)了?|即可")
# "our shared Google Drive", "我们共享的谷歌云盘": a participle after an owner describes the
# place, it asks for no operation
_OWNED_PARTICIPLE = re.compile(
    r"\b(?:our|my|your|their|the team's|the company's)\s+(\w+ed)\b(?=\s+\w)|"
    r"(?:我们|我的|大家|团队|公司)(?:的)?([\u4e00-\u9fff]{2})的(?=[\w\u4e00-\u9fff“'\"])"
)


def participles_masked(low: str) -> str:
    """``low`` with a participle said of an owned place blanked ("our shared drive"): the
    place is described, no share (or any other operation) is asked for."""
    for m in reversed(list(_OWNED_PARTICIPLE.finditer(low))):
        g = 1 if m.group(1) is not None else 2
        low = low[: m.start(g)] + " " * (m.end(g) - m.start(g)) + low[m.end(g) :]
    return low


def places_masked(app: App, low: str) -> str:
    """``low`` without a resource named as the existing place items are written to ("to the
    'invoices' folder", "进'跟进'列表", "of our S3 bucket"): a file goes into the folder, a
    row into the sheet, so the folder or sheet is not what is made."""
    app_names = "|".join(
        re.escape(n) for n in sorted({*app.names.all(), app.display_name.lower()}, key=len)[::-1]
    )
    # "… of our S3 bucket", "into my Dropbox folder": the app's place, then its resource noun
    of_app = r"\b(?:in|into|to|onto|of)\s+(?:the\s+|my\s+|our\s+|your\s+)?(?:" + app_names + r")\s*"
    for res in app.resources.values():
        for name in sorted(res.names.all(), key=len, reverse=True):
            said = "(" + re.escape(name) + r")(?![a-z])"
            # "to the 'raw' S3 bucket": the quoted name, then the app, then its resource noun
            pattern = f"(?:{_PLACE_NAMED}(?:(?:{app_names})\\s*)?|{of_app}){said}"
            for m in reversed(list(re.finditer(pattern, low))):
                low = low[: m.start(1)] + " " * len(m.group(1)) + low[m.end(1) :]
    return low


def _verb_named_weakened(app: App, low: str, scores: dict[str, float]) -> dict[str, float]:
    """``scores`` with a resource said only by a name that is a verb ("查询" of a query
    resource, "search") weakened when another resource is named too: "查询Salesforce里的商机"
    reads opportunities, it runs no query; "get all lists" (no other resource said whole)
    still reads lists."""
    others = {r for r, sc in scores.items() if sc >= 2.0}  # named by a whole name
    out = dict(scores)
    for rkey, res in app.resources.items():
        said = [n for n in res.names.all() if phrase_in(n, low) >= 0]
        if said and all(_is_verb_class_word(n) for n in said) and others - {rkey}:
            out[rkey] = min(scores[rkey], 0.5)
    return out


def key_words(key: str) -> list[str]:
    """A resource or operation key's stemmed words (``timeEntry`` -> ``time``, ``entry``)."""
    return [stem(w) for w in _raw_key_words(key)]


def resource_scores(app: App, low: str) -> dict[str, float]:
    """How well ``low`` names each resource of ``app``. A span one resource's longer name
    covers is that resource's ("文件夹" is a folder, not a 文件 file; "time entry" is not an
    entry), so each resource is scored on the text with the longer names of the others
    that contain one of its own names blanked out; a resource no name fits is still named
    by its key's words ("timeEntry": "time entries")."""
    out: dict[str, float] = {}
    for rkey, res in app.resources.items():
        own = res.names.all()
        masked = low
        for other, ores in app.resources.items():
            if other == rkey:
                continue
            for name in ores.names.all():
                if name not in own and any(n != name and n in name for n in own):
                    masked = masked.replace(name, " " * len(name))
        toks = set(tokens(masked))
        score = names_score(res.names, masked, toks)
        words = key_words(rkey)
        if score == 0 and words and all(w in toks for w in words):
            score = 1.0
        out[rkey] = score
    return out


def said_operation(app: App, rkey: str, okey: str, verb: str, low: str, toks: set[str]) -> float:
    """How well the text says operation ``okey`` of ``rkey`` by name: its own names, or
    when it has none those of the same key on another resource (one verb, named once in the
    catalog); a bare word of the clause's verb class on an operation of that class ("send"
    on a send) is left to the verb's preferences. A name's resource nouns may be left out
    ("complete task" is said as "complete the task") unless what is left is a bare verb
    class word ("create", "get")."""
    own = app.resources[rkey].operations[okey]
    sources = [(rkey, own)] if own.names.all() else []
    if not sources:
        sources = [
            (r, res.operations[okey])
            for r, res in app.resources.items()
            if okey in res.operations and r != rkey
        ]
    names: list[str] = []
    bare: list[str] = []  # names without their resource nouns
    own_class = _verb_of(okey.lower())
    for r, op in sources:
        nouns = app.resources[r].names
        noun_words = {w for n in nouns.en for w in tokens(n)}
        for name in op.names.all():
            if name in nouns.all() or _verb_class_of(name) == own_class == verb:
                continue  # a bare "send" on a send is the verb's preference, counted apart
            rest = _without_nouns(name, nouns, noun_words)
            if verb in ("create", "update") and rest.isascii() and lx.READ_VERB.fullmatch(rest):
                # "into the reading list table": a write said; "list" is part of a noun.
                # Chinese keeps it: "跑一下…的查询" runs the query the name says
                continue
            names.append(name)
            if rest and rest != name and not _is_verb_class_word(rest):
                bare.append(rest)
    toks = toks - {w for n in app.resources[rkey].names.en for w in tokens(n)}
    # a Chinese operation name counts only said whole: one shared character is no verb
    # (集合 "collection" says nothing of 聚合 "aggregate")
    said_zh = [n for n in names if not _CJK.search(n) or n in low]
    full = names_score(_names_of(said_zh), low, toks)
    # a name said whole ("run with parameters") outweighs one said without its noun ("run")
    return max(full, 0.8 * names_score(_names_of(bare), low, toks)) if bare else full


def _without_nouns(name: str, nouns: Names, noun_words: set[str]) -> str:
    """An operation name without its resource's nouns: "run job" -> "run", "运行任务" ->
    "运行" (Chinese: the resource's Chinese names cut out, longest first). A single Chinese
    character left is no verb ("记工时" -> "记" is in "工时记录", which logs nothing): ""."""
    if not _CJK.search(name):
        return " ".join(w for w in name.split() if stem(w) not in noun_words)
    for noun in sorted(nouns.zh, key=len, reverse=True):
        name = name.replace(noun, "")
    rest = name.strip()
    return rest if len(rest) >= 2 else ""


def _names_of(words: list[str]) -> Names:
    unique = list(dict.fromkeys(words))
    return Names(
        en=[n for n in unique if not _CJK.search(n)], zh=[n for n in unique if _CJK.search(n)]
    )


def key_said(okey: str, low: str, toks: set[str]) -> bool:
    """Whether the text says every word of the operation key ("lock", "send template"), in
    English or by the Chinese of a key word (复制 is "copy")."""
    words = _raw_key_words(okey)
    return bool(words) and all(
        stem(w) in toks or (w in lx.ZH_KEY_WORDS and lx.ZH_KEY_WORDS[w].search(low) is not None)
        for w in words
    )


def said_as_state(okey: str, low: str) -> bool:
    """Whether every word of the key is said only as a state of the items a read wants
    ("the pull requests merged today", "closed issues", "上周关闭的issue", "已完成的任务"),
    so a read of them is meant, not the operation."""
    words = _raw_key_words(okey)
    return bool(words) and all(_state_word(w, low) for w in words)


def _names_said_as_state(names: Names, low: str) -> bool:
    """Whether the verbs of an operation's names that the text says are all said as a
    state of the items (see :func:`said_as_state`)."""
    verbs = {n.split()[0].lower() for n in names.en if n.split()}
    verbs |= {n[:2] for n in names.zh if len(n) >= 2}
    said = [
        v for v in verbs if (v in low if _CJK.search(v) else re.search(r"\b" + re.escape(v), low))
    ]
    return bool(said) and all(_state_form(v, low) for v in said)


def _state_form(verb: str, low: str) -> bool:
    if _CJK.search(verb):
        return all(_zh_state(low, m) for m in re.finditer(re.escape(verb), low))
    return _state_word(verb, low)


def _state_word(word: str, low: str) -> bool:
    forms = re.findall(r"\b" + re.escape(word.rstrip("e")) + r"\w*", low)
    zh = lx.ZH_KEY_WORDS.get(word)
    said_zh = list(zh.finditer(low)) if zh is not None else []
    if not forms and not said_zh:
        return False
    en_state = all(f.endswith("ed") or f in _PARTICIPLES for f in forms)
    return en_state and all(_zh_state(low, m) for m in said_zh)


# participles not formed with -ed: "tasks that aren't done yet" are items in a state
_PARTICIPLES = frozenset({"done", "sent", "paid", "won", "lost", "made", "built", "written"})


def _zh_state(low: str, m: re.Match[str]) -> bool:
    """A Chinese verb said as a state: followed by 的 ("关闭的issue") or after 已/被 ("已完成")."""
    before = low[m.start() - 1] if m.start() > 0 else ""
    return low[m.end() : m.end() + 1] == "的" or before in ("已", "被")


def _key_bonus(app: App, rkey: str, okey: str, verb: str) -> float:
    """What saying an operation's key is worth: much for its own words ("lock", "copy",
    "send template"); less for a verb class's key ("get", "search") or a key whose other
    words name another resource ("getPullRequests"), which the verb's preferences already
    count, and nothing for those of another verb class than the clause's ("新建的工单" are
    new tickets, not tickets to create)."""
    words = _raw_key_words(okey)
    verb_part = _key_verb_part(app, rkey, okey)
    if verb_part and any(_verb_of(w) is None for w in verb_part):
        return 2.0 + len(words)
    return 1.5 if _verb_of(okey.lower()) in (None, verb) else 0.0


def _key_verb_part(app: App, rkey: str, okey: str) -> list[str]:
    """The words of an operation key that name no other resource of the app."""
    others = {
        w for r, res in app.resources.items() if r != rkey for n in res.names.en for w in tokens(n)
    }
    return [w for w in _raw_key_words(okey) if stem(w) not in others]


def _raw_key_words(key: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ")
    return [w.lower() for w in spaced.split()]


def _is_verb_class_word(word: str) -> bool:
    return _verb_class_of(word) is not None


def _verb_class_of(word: str) -> str | None:
    """The verb class a bare word is ("archive" deletes), None when it is none."""
    if _verb_of(word) is not None:
        return _verb_of(word)
    for verb, pattern in (
        ("read", lx.READ_VERB),
        ("create", lx.CREATE_VERB),
        ("update", lx.UPDATE_VERB),
        ("delete", lx.DELETE_VERB),
    ):
        if pattern.fullmatch(word):
            return verb
    return None


def app_words_masked(app: App, low: str) -> str:
    """``low`` without the app's own names ("Google Slides" says no slides, "Help Scout"
    no scouting): what is left names resources and operations."""
    for name in sorted({*app.names.all(), app.display_name.lower()}, key=len, reverse=True):
        if name in low:
            low = low.replace(name, " " * len(name))
    return low


def number_said(res: Names, low: str) -> str | None:
    """Whether the text asks for one item of the resource or a collection: "all", "list",
    "所有" or a plural noun are many; "a single", "某个" or a singular noun one; Chinese
    with neither says nothing."""
    if lx.MANY_WORD.search(low):
        return "many"
    if lx.ONE_WORD.search(low):
        return "one"
    for name in sorted(res.en, key=len, reverse=True):
        m = re.search(r"(?<![a-z0-9])" + re.escape(name) + r"(e?s)?(?![a-z0-9])", low)
        if m:
            if m.group(1) and not name.endswith("s"):
                return "many"
            # Chinese marks no plural: "分配给我的issue" may be many
            return None if _CJK.search(low) else "one"
    return None


def _reads_one_and_many(ops: Mapping[str, object]) -> bool:
    """Whether a resource reads both one item and a collection (only then does the number
    the text says choose between its reads)."""
    numbers = {_key_number(k.lower()) for k in ops}
    return {"many", "one"} <= numbers


def _key_number(key: str) -> str | None:
    """How many items a read key returns: "getall", "getallrows", "list" many; "get",
    "getrow" one; None for any other key ("getslides" reads slides, not presentations, so
    the number of the resource said does not choose it)."""
    if key.startswith(lx.OP_MANY):
        return "many"
    return "one" if key in lx.OP_ONE else None


def _number_fit(key: str, number: str | None) -> float:
    """+1 for a collection read when many are asked for (a single read when one is), -1 for
    the other; 0 for every other operation or when the text says neither."""
    if number is None:
        return 0.0
    kind = _key_number(key)
    if kind is not None:
        return 1.0 if number == kind else -1.0
    return 0.0


# a verb that delivers something somewhere: with it, a channel or chat named in the text is
# where a message goes, and the app's message resource is the one meant
_DELIVER = re.compile(
    r"\b(?:send|post|notify|notif\w+|forward|tell|ping|alert|announce|message|reply|respond)\w*|"
    # "Slack DM the member": a direct message is delivered, whoever it names
    r"\b(?:dms?|dm'?e?d|direct[- ]messag\w*)\b|私信|私聊|"
    r"通知|告诉|提醒|推送|转发|发消息|发送|发到|发给|发条|发个|回复",
    re.IGNORECASE,
)


def _copies(okey: str) -> bool:
    """A copy or move key ("copy", "move"): the app's own copy writes, so an app read as the
    source of a copy to another app ("copy every file from Box to Nextcloud") is not it."""
    return lx.COPY_VERB.fullmatch(" ".join(_raw_key_words(okey))) is not None


def _is_comment(rkey: str, okey: str, res: Names, op: Names) -> bool:
    """A comment or reply resource or operation, by its key or its names."""
    keys = f"{rkey} {okey}".lower()
    said = " ".join([*res.all(), *op.all()]).lower()
    return "comment" in keys or "reply" in keys or bool(re.search(r"comment|reply|评论|回复", said))


def is_message(rkey: str, names: Names) -> bool:
    """Whether resource ``rkey`` (named ``names``) is a message, by its key or names."""
    return (
        "message" in rkey.lower()
        or any("message" in n.lower() for n in names.en)
        or any("消息" in n for n in names.zh)
    )


def _verb_of(key: str) -> str | None:
    for verb, keys in lx.OP_KEYS.items():
        if key in keys:
            return verb
    return None

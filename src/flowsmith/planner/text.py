"""Small text helpers shared by the offline planner: language, URLs, numbers, spans, and
``rx``, the case-insensitive pattern compiler the planner's word tables share.

Everything here is pure and deterministic; regexes are compiled once at import time.
"""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["zh", "en"]


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_URL = re.compile(r"https?://[^\s<>\"'，。；！？、）)】\]]+", re.IGNORECASE)
# ASCII local part, anchored at its start: "发给boss@x.com" finds boss@x.com, and long runs
# of word characters (CJK counts as \w) cannot make the search quadratic
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
# a channel may follow Chinese directly ("发到#ops频道") and ends where Chinese starts again
_CHANNEL = re.compile(r"(?<![A-Za-z0-9_&])#([A-Za-z0-9_][A-Za-z0-9_-]{0,79})")

_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_ZH_DIGITS |= {"七": 7, "八": 8, "九": 9}


def detect_lang(text: str) -> Lang:
    """Chinese when CJK characters outnumber Latin words ("请监控Amazon" is Chinese)."""
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    return "zh" if cjk > 0 and cjk >= words else "en"


def pick(lang: Lang, en: str, zh: str) -> str:
    """The text in ``lang``; keeps call sites one line long."""
    return zh if lang == "zh" else en


def urls(text: str) -> list[str]:
    """URLs in order of appearance, without trailing punctuation, deduplicated."""
    found = [u.rstrip(".,;:!?") for u in _URL.findall(text)]
    return list(dict.fromkeys(found))


def emails(text: str) -> list[str]:
    """E-mail addresses in order of appearance, deduplicated."""
    found = [e.rstrip(".") for e in _EMAIL.findall(strip_urls(text))]
    return list(dict.fromkeys(found))


def channels(text: str) -> list[str]:
    """Slack-style ``#channel`` names (with the ``#``), URLs' fragments excluded."""
    return list(dict.fromkeys("#" + c for c in _CHANNEL.findall(strip_urls(text))))


def quoted(text: str) -> list[str]:
    """Phrases the user put in quotes (any kind :func:`quote_spans` knows), in order."""
    inner = (text[a + 1 : b - 1].strip() for a, b in quote_spans(text))
    return [q for q in inner if q]


# a quote said as the words of a message: right after a verb of saying ("提醒我“超支了”",
# "发一句“继续保持”", "saying \"over budget\"", "send \"good job\""), and not a name of a
# place the quote is followed by ("“缺邮箱”表", "the 'Leads' sheet")
_SAID_QUOTE = re.compile(
    r"(?:说一?声?|说|发一?句话?|一句|回复|提醒我?|通知我?|写上|内容是|消息是|"
    r"\b(?:saying|says|say|that\s+reads|reading|with\s+the\s+text|send|post|text)\s*:?)"
    r"\s*[:：]?\s*[\"“「『]([^\"”」』]{1,80})[\"”」』](?!\s*(?:表|列表|文件夹|频道|群|数据库|"
    r"(?:sheet|table|list|folder|channel|database|tab|board)\b))",
    re.IGNORECASE,
)


def said_quote(text: str) -> str | None:
    """The words of a message ``text`` quotes after a verb of saying, else None."""
    m = _SAID_QUOTE.search(text)
    return m.group(1).strip() if m and m.group(1).strip() else None


def strip_urls(text: str) -> str:
    """``text`` with each URL replaced by as many spaces: keywords inside URLs vanish,
    positions of everything else stay the same (callers compare positions)."""
    return _URL.sub(lambda m: " " * len(m.group(0)), text)


# "/备份/notion", "under /exports/mysql": a folder path, begun by a slash that follows no
# letter, digit, slash or colon (so "Slack/Teams" and URLs are not paths)
_PATH = re.compile(r"(?<![\w/:.])/[^\s<>\"'，。；！？、,;）)】\]]+")


def strip_paths(text: str) -> str:
    """``text`` with each folder path replaced by as many spaces: a service named inside
    a path ("save to Nextcloud (/backup/notion)") is no mention of that service."""
    return _PATH.sub(lambda m: " " * len(m.group(0)), text)


def zh_number(token: str) -> int | None:
    """Parse ``"15"``, ``"十五"``, ``"两"``, ``"二十"``; ``None`` when it is not a number."""
    if token.isdigit():
        return int(token)
    if token == "半":
        return None
    if not token or any(ch not in _ZH_DIGITS and ch != "十" for ch in token):
        return None
    if "十" not in token:
        return _ZH_DIGITS[token] if len(token) == 1 else None
    tens, _, ones = token.partition("十")
    value = (_ZH_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_ZH_DIGITS.get(ones, 0) if ones else 0)


def slug(text: str, fallback: str = "node") -> str:
    """A lower-case ``[a-z0-9_]`` slug of ``text``; ``fallback`` when nothing is left."""
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s[:40] or fallback


# A span the user put in quotes: “…”, ‘…’, 「…」, 『…』, "…", or '…' opened after no letter or
# digit and closed before none (an apostrophe, "don't", "Mailchimp's", opens no quote).
_QUOTE_SPAN = re.compile(
    r"“[^“”\n]{1,120}”|‘[^‘’\n]{1,120}’|「[^「」\n]{1,120}」|『[^『』\n]{1,120}』|"
    r"\"[^\"\n]{1,120}\"|(?<![A-Za-z0-9])'(?=[^\s'])[^'\n]{1,120}(?<=[^\s'])'(?![A-Za-z0-9])"
)
# a masked span: two private-use characters, the second its index (no word, digit, space or
# punctuation any parser pattern acts on)
_QUOTE_TOKEN = re.compile("\ue000([\ue100-\uf8ff])")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has quoted spans (quotes included), in order, never overlapping."""
    return [m.span() for m in _QUOTE_SPAN.finditer(text)]


def in_quoted_name(s: int, e: int, text: str) -> bool:
    """Whether ``text[s:e]`` lies inside a quoted span that holds more than it: a word of a
    name the user typed ("the 'Slack later' list", "bucket 'notion-archive'"), while one
    quoted alone ("“飞书”") is still a word of its own."""
    return any(
        a < s and e < b and text[a + 1 : b - 1].strip(" \t.,，。") != text[s:e]
        for a, b in quote_spans(text)
    )


def blank_quotes(text: str) -> str:
    """``text`` with what each quoted span holds blanked (same length, quotes kept): a name
    the user typed says no operation ("bucket 'notion-archive'" archives nothing)."""
    out = text
    for a, b in quote_spans(text):
        out = out[: a + 1] + " " * (b - a - 2) + out[b - 1 :]
    return out


def mask_quotes(text: str) -> tuple[str, list[str]]:
    """``text`` with each quoted span (quotes included) replaced by an opaque token, and the
    spans in order: words inside quotes are a name or a value the user typed, so no splitter
    or keyword acts on them. :func:`unmask_quotes` with the list restores the text exactly."""
    spans: list[str] = []

    def token(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return "\ue000" + chr(0xE100 + len(spans) - 1)

    return _QUOTE_SPAN.sub(token, text), spans


def unmask_quotes(text: str, spans: list[str]) -> str:
    """``text`` (a part of a :func:`mask_quotes` result) with its tokens put back."""
    if not spans:
        return text
    return _QUOTE_TOKEN.sub(lambda m: spans[ord(m.group(1)) - 0xE100], text)

"""Numbers said in words read as digits, so every reader of a number (thresholds, ranges,
limits, waits) sees one spelling: "两千块" -> "2000块", "三百万" -> "3000000", "一千五" ->
"1500", "1.5万" -> "15000", "超过三十天" -> "超过30天"; "over two thousand dollars" ->
"over 2000 dollars", "above 3 million" -> "above 3000000".

Invariants: a Chinese numeral with a magnitude (百千万亿) after a digit is always a number
("两千", "五百", "一万"); one without (十八, 三, 二十) is read only where a number is expected
— after a comparison word ("超过", "不满", "低于"), before "以上/以下/之间", or at either end of
a range ("五百到五千"). So words that merely contain numerals ("一下", "一个一个", "星期三",
"千万别", "万一", "第一", "百度") stay as they are. English number words are read only after a
comparison word or before "or more/or less"; digits with "thousand/million/billion" always.
Digits grouped by commas lose them ("10,000" -> "10000") and a range drops its currency
signs ("$500 to $5,000" -> "500 to 5000"), so a range reads as one. Idempotent: digits stay
digits. Pure: no I/O.
"""

from __future__ import annotations

import re

__all__ = ["said_numbers", "zh_value"]

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGIT |= {"六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH = "零〇一二两三四五六七八九十百千万亿"

# a numeral (or digits) followed by a magnitude: a number wherever it stands; "千万" and
# "万一" do not start with a digit, so they never match
_MAGNITUDE = re.compile(
    r"(?<![\d.一二两三四五六七八九十百千万亿第])"
    r"((?:\d+(?:\.\d+)?|[一二两三四五六七八九十])[" + _ZH + r"]*[百千万亿][" + _ZH + r"]*)"
)
# what says a bare numeral is a number: a comparison word before it ("不满三十", "低于三分") ...
_NUMERAL = r"([一二两三四五六七八九十][零一二两三四五六七八九十]*)" + r"(?![" + _ZH + r"])"
_ZH_BARE = re.compile(
    r"((?:超过|大于|高于|多于|少于|低于|小于|不到|不满|未满|不足|满|达到|至少|最多|不超过|不低于|"
    r"不少于|不高于|等于|跌破|降到|降至|涨到|涨破|超出|逾期)\s*"
    r"|\d\s*(?:[个件人岁分星天周度条单次元块]|小时|分钟)?\s*(?:到|至|-|~|～)\s*)" + _NUMERAL
)
# ... or a range or a bound after it ("十八岁以上", "三到五", "三十天之内"); not a weekday
# or an ordinal ("周一到周五", "第三")
_ZH_BOUND = re.compile(
    r"(?<![期周拜第初月号零一二两三四五六七八九十百千万亿])"
    r"([一二两三四五六七八九十][零一二两三四五六七八九十]*)"
    r"(?=\s*(?:[个件人岁分星天度条单次元块]|小时|分钟)?\s*"
    # "一到家就…" is no range: a number follows the range word
    r"(?:以上|以下|以内|之间|及以上|及以下|(?:到|至|-|~|～)\s*[\d一二两三四五六七八九十]))"
)


def zh_value(said: str) -> float | None:
    """The value of a Chinese numeral, possibly led by digits ("三百万", "一千五" = 1500,
    "1.5万", "两万五千", "十八", "一千零五"); None when ``said`` is not one."""
    lead = re.match(r"\d+(?:\.\d+)?", said)
    digit: float | None = float(lead.group(0)) if lead else None
    total, section, last_unit, zero = 0.0, 0.0, 0, False
    for ch in said[lead.end() :] if lead else said:
        if ch in "零〇":
            zero = True
        elif ch in _DIGIT:
            if digit is not None:
                return None  # "一二": digits in a row are not a numeral
            digit = _DIGIT[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit, last_unit, zero = None, _SMALL[ch], False
        elif ch in _BIG:
            total += (section + (digit or 0) or 1) * _BIG[ch]
            section, digit, last_unit, zero = 0.0, None, _BIG[ch], False
        else:
            return None
    if digit is not None:
        # "一千五", "两万五": a digit right after a magnitude counts in the next unit down
        section += digit * (last_unit // 10 if last_unit >= 100 and not zero else 1)
    return total + section


def _text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _zh(m: re.Match[str]) -> str:
    value = zh_value(m.group(m.lastindex or 0))
    if value is None:
        return m.group(0)
    return (m.group(1) if (m.lastindex or 0) > 1 else "") + _text(value)


# --- English -----------------------------------------------------------------------------------

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_TENS |= {"eighty": 80, "ninety": 90}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join([*_ONES, *_TENS, *_SCALE, "a", "and"])
_EN_RUN = rf"(?:{'|'.join([*_ONES, *_TENS])})(?:[\s-]+(?:{_WORD})\b)*"
_EN_BEFORE = (
    r"\b(?:over|above|under|below|more than|less than|fewer than|greater than|higher than|"
    r"lower than|at least|at most|no more than|no less than|exceeds?|exceeding|between|"
    r"reaches|hits|drops below|falls below)\s+(?:\$\s*)?"
    r"|\d[\d,.]*\s*(?:[a-z]+\s+)?(?:to|and)\s+(?:\$\s*)?"
)
_EN_BARE = re.compile(rf"(?<![\w-])({_EN_RUN})(?![\w-])", re.IGNORECASE)
_EN_CONTEXT = re.compile(
    rf"{_EN_BEFORE}$|^\s*(?:[a-z]+\s+)?or\s+(?:more|less|fewer|above|below|higher|lower)\b",
    re.IGNORECASE,
)
_DIGIT_SCALE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(thousand|million|billion)\b", re.IGNORECASE
)


def _en_value(said: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", said.lower()):
        if word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALE:
            total += (current or 1) * _SCALE[word]
            current = 0
        elif word not in ("a", "and"):
            return None
    return total + current


def _english(text: str) -> str:
    text = _DIGIT_SCALE.sub(lambda m: _text(float(m.group(1)) * _SCALE[m.group(2).lower()]), text)
    out, at = [], 0
    for m in _EN_BARE.finditer(text):
        run = re.sub(r"[\s-]+(?:and|a)$", "", m.group(1), flags=re.IGNORECASE)
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.start() + len(run) :]
        if not (_EN_CONTEXT.search(before) or _EN_CONTEXT.match(after[:30])):
            continue
        value = _en_value(run)
        if value is None:
            continue
        out += [text[at : m.start()], _text(value)]
        at = m.start() + len(run)
    return "".join([*out, text[at:]])


# "10,000": thousands grouped by commas; "$500 to $5,000": a range's currency signs
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")
_MONEY_RANGE = re.compile(
    r"[$€£¥￥]?\s*\d[\d.]*\s*[kKmM]?\s*(?:to|and|-|–|~)\s*[$€£¥￥]\s*(?=\d)", re.IGNORECASE
)


# a grouped number is an amount only beside a currency or a comparison ("over 10,000",
# "$1,500", "10,000元"); "codes 404,500 and 503" and "IDs 100,200,300" are lists
_AMOUNT_BEFORE = re.compile(
    r"(?:[$€£¥￥]|\b(?:over|above|under|below|than|least|most|exceeds?|between|from|to|of)|"
    r"超过|低于|高于|大于|小于|不到|不足|满|到)\s*$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(
    r"^\s*(?:dollars?|euros?|pounds?|usd|eur|gbp|rmb|cny|yuan|元|块|美元|欧元|\+|or (?:more|less))",
    re.IGNORECASE,
)


def _ungrouped(m: re.Match[str]) -> str:
    before, after = m.string[max(0, m.start() - 12) : m.start()], m.string[m.end() :]
    if _AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(after):
        return m.group(0).replace(",", "")
    return m.group(0)


def said_numbers(text: str) -> str:
    """``text`` with the numbers said in words written in digits (see the module's rules)."""
    text = _GROUPED.sub(_ungrouped, text)
    text = _MONEY_RANGE.sub(lambda m: re.sub(r"[$€£¥￥]\s*", "", m.group(0)), text)
    text = _MAGNITUDE.sub(_zh, text)
    text = _ZH_BOUND.sub(_zh, text)
    text = _ZH_BARE.sub(_zh, text)
    return _english(text)

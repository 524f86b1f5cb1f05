"""A condition on the mail provider of an address: "they signed up with a gmail, yahoo or
outlook address", "their email is a hotmail address", "用的是qq、163或者126邮箱",
"邮箱是qq或163的".

Invariants: the condition is on the ``email`` field; one provider is ``contains "@<name>."``
(a provider said with its domain, "gmail.com", is ``contains "@gmail.com"``), several are
one condition of op ``any`` over those parts; words that name no provider list (no "address"
/ "email" / "邮箱" after them, or no "email" field said before them) give None. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition

_WORD = r"[a-z0-9][a-z0-9.-]{1,20}"
_LIST_EN = rf"(?P<l>{_WORD}(?:\s*[,/]\s*{_WORD})*(?:,?\s+(?:or|and)\s+{_WORD})?)"
# "signed up with a gmail, yahoo or outlook address", "their email is a hotmail address",
# "uses an outlook or yahoo email"
_EN = re.compile(
    r"^(?:.*?\b(?:with|uses?|using|has|have|from)\s+|.*?\be-?mail(?:\s+address)?\s+"
    r"(?:is|ends with|is from)\s+)(?:an?\s+)?"
    + _LIST_EN
    + r"\s+(?:e-?mail\s+)?(?:address(?:es)?|e-?mails?|accounts?|domains?|inbox(?:es)?)\b.*$",
    re.IGNORECASE,
)
_ZW = r"[a-z0-9][a-z0-9.-]{0,20}"
_LIST_ZH = rf"(?P<l>{_ZW}(?:\s*(?:、|，|,|/|或者|或是|或|和|跟)\s*{_ZW})*)"
# "用的是qq、163或者126邮箱", "邮箱是qq或163的", "使用gmail邮箱注册"
_ZH = re.compile(
    r"^.*?(?:(?:邮箱|邮件地址|电子邮件)(?:地址)?(?:是|为|用的是|属于)\s*"
    + _LIST_ZH
    + r"\s*(?:的|邮箱)"
    r"|(?:用的?是?|使用|用)\s*" + _LIST_ZH.replace("?P<l>", "?P<m>") + r"\s*邮箱).*$",
    re.IGNORECASE,
)
# "the email domain is on our blocklist (mailinator.com, tempmail.com)", "the email ends with
# a.com or b.com": domains said with their dots and no noun after them; a single domain only
# after a list word ("the email domain is outlook.com" is a domain equal to it)
_DOTTED = r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+"
_MORE_DOTTED = rf"(?:\s*(?:,|/|、|，|\bor\b|或者|或是|或)\s*(?:or\s+)?{_DOTTED})"
# "whose address is gmail.com or hotmail.com": an address said alone is the email when two
# or more domains follow it
_LISTED = re.compile(
    r"^.*?\b(?:e-?mail(?:\s+address)?|address)(?:\s+domain)?\s+(?:is\s+(?:on|in)\s+"
    rf"(?:our|the|a)\s+[\w-]*\s*list\s*[(（:：]?\s*(?P<d>{_DOTTED}{_MORE_DOTTED}*)|"
    rf"(?:is\s+(?:one\s+of\s+)?|ends\s+(?:with|in)\s+)(?P<e>{_DOTTED}{_MORE_DOTTED}+))"
    r"\s*[)）]?\s*$|"
    # "邮箱是gmail.com或hotmail.com", "邮箱以a.com或b.com结尾的"
    rf"^.*?(?:邮箱|邮件地址|电子邮箱)(?:地址|域名)?(?:是|为|以)\s*(?P<z>{_DOTTED}{_MORE_DOTTED}+)"
    r"\s*(?:结尾|后缀)?的?\s*$",
    re.IGNORECASE,
)
# words before "address"/"email" that say a kind of address, not a provider
_NOT_PROVIDER = {
    "company",
    "work",
    "business",
    "personal",
    "corporate",
    "valid",
    "new",
    "different",
    "free",
    "school",
    "private",
    "their",
    "the",
    "own",
    "real",
    "fake",
    "other",
    "same",
}
_SPLIT = re.compile(r"\s*(?:,|、|，|/|\bor\b|\band\b|或者|或是|或|和|跟)\s*", re.IGNORECASE)


def mail_domain_condition(text: str, phrase: str) -> Condition | None:
    """The address's provider is one of those said, or None when no list of providers is."""
    m = _EN.match(text.strip()) or _ZH.match(text.strip()) or _LISTED.match(text.strip())
    if m is None:
        return None
    said = next(g for g in (m.groupdict().get(k) for k in ("l", "m", "d", "e", "z")) if g)
    names = [w.lower() for w in _SPLIT.split(said) if w and w.lower() not in ("a", "an")]
    if not names or any(n in _NOT_PROVIDER for n in names):
        return None
    parts = tuple(Condition("email", "contains", _domain(n), phrase) for n in names)
    return parts[0] if len(parts) == 1 else Condition("email", "any", parts, phrase)


def _domain(name: str) -> str:
    """ "gmail" → "@gmail." (any of its top-level domains); "qq.com" → "@qq.com"."""
    return "@" + name if "." in name else "@" + name + "."


# "邮箱是公司域名的", "用企业邮箱注册的", "their email is a company domain", "a work address":
# an address of the person's own organisation, i.e. of no free mail provider
_WORK_ZH = re.compile(
    r"(?:邮箱|邮件地址|电子邮件|email)[^，,。；;]{0,6}?(?:公司|企业|工作|单位)(?:的)?(?:域名|邮箱)?|(?:公司|企业|工作|单位)(?:的)?(?:域名)?邮箱",
    re.IGNORECASE,
)
_WORK_EN = re.compile(
    r"\b(?:company|work|business|corporate)\s+(?:e-?mail|address|domain)\b|"
    r"\be-?mail(?:\s+address)?\s+(?:is\s+)?(?:from\s+|on\s+)?(?:an?\s+)?(?:their\s+)?"
    r"(?:company|work|business|corporate)\b",
    re.IGNORECASE,
)
# the providers it is said not to be ("（不是gmail、qq、163这种）", "(not gmail or yahoo)")
_NOT_THESE = re.compile(
    r"(?:不是|不包括|非)\s*"
    + _LIST_ZH.replace("?P<l>", "?P<n>")
    + r"|\b(?:not|no)\s+"
    + _LIST_EN.replace("?P<l>", "?P<e>"),
    re.IGNORECASE,
)
_FREE = ("gmail", "yahoo", "hotmail", "outlook", "qq", "163", "126")


def work_address_condition(text: str, phrase: str) -> Condition | None:
    """ "邮箱是公司域名的" -> the email contains none of the free providers (those said after
    "不是"/"not" when a list is, else the common ones); None when no work address is said or
    the domain itself is (an "@…" said)."""
    if not (_WORK_ZH.search(text) or _WORK_EN.search(text)) or "@" in text:
        return None  # "公司邮箱（@acme.com结尾）": the company's own domain is said
    said = _NOT_THESE.search(text)
    listed = (said.group("n") or said.group("e")) if said else ""
    names = [w.lower() for w in _SPLIT.split(listed) if w]
    names = [n for n in names if n not in _NOT_PROVIDER and n not in ("or", "and")] or list(_FREE)
    parts = tuple(Condition("email", "not_contains", _domain(n), phrase) for n in names)
    return parts[0] if len(parts) == 1 else Condition("email", "all", parts, phrase)

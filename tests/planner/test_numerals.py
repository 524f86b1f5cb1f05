"""Numbers said in words are read as digits where a number is expected, and only there."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_bullets import bullets_as_sentences
from flowsmith.planner.parse_numerals import said_numbers, zh_value


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("三百万", 3_000_000),
        ("一千五", 1500),
        ("两万五", 25000),
        ("两万五千", 25000),
        ("一千零五", 1005),
        ("十八", 18),
        ("1.5万", 15000),
        ("3千", 3000),
        ("一亿两千万", 120_000_000),
    ],
)
def test_zh_value(said: str, value: float) -> None:
    assert zh_value(said) == value


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("金额两千块以上", "金额2000块以上"),
        ("两百到两千", "200到2000"),
        ("预算超过三百万的", "预算超过3000000的"),
        ("年龄不满十八岁的", "年龄不满18岁的"),
        ("三到五天", "3到5天"),
        ("over two thousand dollars", "over 2000 dollars"),
        ("three stars or less", "3 stars or less"),
        ("above 3 million", "above 3000000"),
        ("$500 to $5,000", "500 to 5000"),
    ],
)
def test_numbers_are_read(text: str, read: str) -> None:
    assert said_numbers(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "一个一个用Twilio发",
        "千万别发",
        "万一失败",
        "周一到周五",
        "星期三下午",
        "第一步",
        "我一到公司就",
        "百度",
        "one by one",
        "send it to one person",
    ],
)
def test_words_holding_numerals_stay(text: str) -> None:
    assert said_numbers(text) == text


def test_bulleted_lines_become_sentences() -> None:
    text = "分情况：\n- 两千以上 → 钉钉\n- 两千以下不用管"
    assert bullets_as_sentences(text) == "分情况：；两千以上 → 钉钉；两千以下不用管"
    assert bullets_as_sentences("one line\n- just one bullet") == "one line\n- just one bullet"

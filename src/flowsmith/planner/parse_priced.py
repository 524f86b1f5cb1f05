"""The money field a comparison said of a noun compares: "the order is over $500" -> amount,
"the Pro plan drops below $49" / "看的房子500万以上" -> price.

Invariants: a name that already is a money measure (amount, budget, 预算, 房价 …) is kept; an
item a sum is paid for (an order, an invoice, a deal) compares its ``amount``; any other noun
compared with a money value, or a thing bought (a house, a car, a plan) compared with a bare
number of ten thousand or more said in Chinese ("500万"), compares its ``price``. A counted
unit after the number ("500件", "3 items") is no money, so the name is kept. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx

__all__ = ["priced_field"]

_MONEY = re.compile(r"[$€£¥￥]|\b(?:dollars?|euros?|usd|eur|gbp)\b|元|块|美元", re.IGNORECASE)
# an item a sum is paid for: its money value is its amount
_PRICED_ITEM = re.compile(
    r"orders?|payments?|invoices?|deals?|charges?|transactions?|purchases?|expenses?|refunds?|"
    r"sales?|bills?|quotes?|opportunit(?:y|ies)|subscriptions?|carts?|donations?|pledges?|"
    r"contributions?|订单|付款|发票|报销|交易|捐赠|打赏|红包"
)
# a name that already is a sum of money (or a measure a money value may be said of)
_MONEY_MEASURE = re.compile(
    r".*(?:amount|total|price|cost|budget|revenue|value|worth|salary|balance|fee|spen[dt]|"
    r"income|profit|mrr|arr|rent|wage|fare|bid|payout|gmv|ltv|tax|discount|deposit|limit|"
    r"credit|debt|sum|paid|pay|rate|sales|score|rating|tip)s?|"
    r".*(?:额|价|费|金|资|薪|款|钱|租|预算|收入|成本|利润|分|率|合计|总计|总和|共计|累计|小计)"
)
# a participle ("approved", "signed"): a state, not a thing priced
_STATE = re.compile(r"[a-z]ed$")
# a thing bought whose bare "500万" is a price ("看的房子500万以上", "看中的车30万以上")
_GOODS = re.compile(
    r"[\u4e00-\u9fff]{0,3}(?:房子|房产|住房|公寓|别墅|车|车子|套餐|商品|产品|门票|机票)"
)


def priced_field(name: str, said: str, number: object) -> str:
    """The field a comparison ``said`` ("5000000以上", "below $49") of ``name`` compares."""
    if not name:
        return name
    if _MONEY.search(said) and lx.QUOTED_ASSET.fullmatch(name):
        return "price"  # "比特币低于6万美元", "金价跌破400元": what the market quotes
    if _MONEY_MEASURE.fullmatch(name.lower()) or _STATE.search(name):
        return name  # "it's approved and over $5k": no noun a price is said of
    if _MONEY.search(said):
        if _PRICED_ITEM.fullmatch(name):
            return "amount"  # "the order is over $500": the order's amount
        return "price"  # "the Pro plan drops below $49": the plan's price
    big = isinstance(number, (int, float)) and number >= 10000
    if big and _GOODS.fullmatch(name) and not _COUNTED.search(said):
        return "price"  # "看的房子500万以上": the house's price
    return name


# a counting word after the number: "500套以上", "超过3辆" count the things, no money
_COUNTED = re.compile(r"\d\s*(?:个|件|套|辆|台|间|次|人|条|张|份|units?|items?|pcs)")

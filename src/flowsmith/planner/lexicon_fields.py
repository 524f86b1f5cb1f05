"""Chinese field words the user compares on, and the item field each names ("价格" -> price).

Common data words only, never a service's: a service's own fields come from the catalog. The
request parser reads it through :mod:`flowsmith.planner.lexicon` (``FIELD_ZH_NAMES``).
"""

from __future__ import annotations

import re

FIELD_ZH_NAMES: dict[str, str] = {
    "价格": "price",
    "价钱": "price",
    "金额": "amount",
    "预算": "budget",
    "月租": "monthly_rent",
    "租金": "rent",
    "运费": "shipping_cost",
    "数量": "quantity",
    "库存": "stock",
    "温度": "temperature",
    "气温": "temperature",
    "分数": "score",
    "评分": "rating",
    "总额": "total",
    "状态": "status",
    "订单金额": "amount",
    "退款金额": "amount",
    "退款": "amount",  # "退款超过500元的": the refund's amount
    "销量": "sales",
    "余额": "balance",
    "内容": "text",
    "标题": "title",
    "备注": "note",
    "订单备注": "note",
    "邮件": "text",
    "消息": "text",
    "优先级": "priority",
    "严重程度": "severity",
    "严重性": "severity",
    "紧急程度": "urgency",
    "风险等级": "risk",
    "类别": "category",
    "类型": "type",
    "回复": "reply",
    "国家": "country",
    "主题": "subject",
    "邮箱": "email",
    "邮件地址": "email",
    "电话": "phone",
    "手机号": "phone",
    "附件": "attachment",
    "情绪": "sentiment",
    "情感": "sentiment",
    "时长": "duration",
    "公司": "company",
    "公司规模": "company_size",
    "城市": "city",
    "支付方式": "payment_method",
    "付款方式": "payment_method",
    "配送方式": "shipping_method",
    "汇率": "rate",
    "工时": "hours",
    "湿度": "humidity",
    "安全库存": "safety_stock",
    "改动的文件": "changed_files",
    "改动文件": "changed_files",
    "变更的文件": "changed_files",
    "修改的文件": "changed_files",
    "级别": "level",
    "等级": "level",
}

# things a market quotes a price for: "Bitcoin is below $60k", "比特币低于6万美元" compares
# the price (a money value said of one of them is never a field named after it)
QUOTED_ASSET = re.compile(
    r"bitcoin|btc|ethereum|eth|crypto|gold|silver|oil|stocks?|shares?|"
    r"比特币|以太坊|黄金|金价|白银|原油|油价|股票|股价|币价",
    re.IGNORECASE,
)

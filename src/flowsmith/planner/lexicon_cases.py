"""Words that make two case labels the two sides of one condition: antonyms of a place, a
scope or a state ("inside"/"outside", "国内"/"国外"), read by
:mod:`flowsmith.planner.parse_label_cases`. Common words only, never a service's.
"""

from __future__ import annotations

# pairs of words whose labels are each other's complement ("Internal deals: …. External
# deals: …", "境内客户的…；境外客户的…"); the first of a pair is the "inside" side, and the
# first PLACES pairs say where an item is (a case on its country)
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("inside", "outside"),
    ("within", "outside"),
    ("domestic", "international"),
    ("domestic", "foreign"),
    ("domestic", "overseas"),
    ("国内", "国外"),
    ("国内", "海外"),
    ("国内", "境外"),
    ("境内", "境外"),
    ("internal", "external"),
    ("内部", "外部"),
    ("已付款", "未付款"),
    ("成功", "失败"),
)
PLACES = 9
# an English place word before a place ("outside the EU"): how the item's country compares
PLACE_POLES: dict[str, str] = {"inside": "eq", "within": "eq", "outside": "ne"}

"""Numbers as written → float: ASCII with separators, Chinese numerals, 万/亿 multipliers."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import cn2an

CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6, "千": 1e3}
_PLAIN_RE = re.compile(r"^\d+(?:\.\d+)?$")


@lru_cache(maxsize=4096)
def parse_number(numeral: str) -> float | None:
    """Value of one numeral (no unit, no multiplier suffix): '1,234.5' → 1234.5, '二十' → 20.
    Returns None for what is not a number, and inf for a number too large for a float."""
    cleaned = numeral.replace(",", "").replace("，", "")
    if _PLAIN_RE.match(cleaned):
        return float(cleaned)
    try:
        # cn2an is a maintained converter covering 两, 〇/零 and mixed forms.
        return float(cn2an.cn2an(cleaned, "smart"))
    except OverflowError:  # a Chinese numeral beyond a float ("九" * 400)
        return math.inf
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def apply_multiplier(value: float, multiplier: str | None) -> float:
    return value * _MULTIPLIERS[multiplier] if multiplier else value


def tidy(value: float) -> float | int:
    """Whole numbers as int, others rounded to remove binary noise (1.2*10000 = 12000.000000000002)."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 1e15 else rounded

"""Article references (第22条, 第31条第（一）项) in the reader's language.

Statutory citations are data of the deadline and notice tables (``article = "第23条"``); Chinese pages show
them as written, English pages as "Art. 23", "Art. 31 item (1)".
"""

from __future__ import annotations

import re

from django.utils.translation import get_language

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _n(chinese: str) -> str:
    if chinese.startswith("十"):
        return str(10 + _DIGITS.get(chinese[1:], 0))
    if len(chinese) == 2 and chinese.endswith("十"):
        return str(_DIGITS[chinese[0]] * 10)
    return str(_DIGITS.get(chinese, chinese))


_N = "[一二三四五六七八九十]+"
_RULES: tuple[tuple[re.Pattern[str], object], ...] = (
    (re.compile(rf"第（({_N})）至（({_N})）项"), lambda m: f" items ({_n(m[1])})–({_n(m[2])})"),
    (re.compile(rf"第（({_N})）项"), lambda m: f" item ({_n(m[1])})"),
    (re.compile(rf"第({_N})至({_N})款"), lambda m: f" paras. {_n(m[1])}–{_n(m[2])}"),
    (re.compile(rf"第({_N})款"), lambda m: f" para. {_n(m[1])}"),
    (re.compile(r"第(\d+)条"), lambda m: f"Art. {m[1]}"),
)


def cite(text: str) -> str:
    """``text`` with its article references in English when the active language is English."""
    if not text or not (get_language() or "").startswith("en"):
        return text
    out = str(text)
    for pattern, repl in _RULES:
        out = pattern.sub(repl, out)  # type: ignore[arg-type]
    return out.replace("、", ", ").replace("（", " (").replace("）", ")").replace("；", "; ")

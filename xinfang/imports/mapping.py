"""Column mappings: which column of an export fills which field of a case, presets for the common
exports, the guess from a header row, and the tables that turn an old system's labels into codes.

A mapping is a plain dict, saved on `ImportSource.mapping` and copied onto each batch:
``{"preset": "12345", "columns": {field: header, ...}, "defaults": {field: constant, ...}}``.
The fields (`FIELDS`) are the importer's targets, not model fields: `received` becomes
`Case.received_on`/`registered_at`, `request` 诉求, `district` 问题属地, `state` the old status label.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from xinfang.cases.models import Channel, Purpose
from xinfang.cases.states import Outcome

#: target field -> (Chinese label, the column names it is known by in real exports)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "external_id": ("原系统编号", ("工单编号", "留言编号", "信访件编号", "编号", "工单号", "案件编号",
                                  "信访编号", "件号", "序号")),
    "received": ("信访日期", ("来电时间", "留言时间", "信访日期", "登记时间", "受理时间", "来信来访时间",
                             "上报时间", "提交时间", "日期", "时间")),
    "name": ("信访人姓名", ("信访人", "姓名", "来电人", "反映人", "投诉人", "联系人")),
    "user_ref": ("原系统用户标识", ("留言用户", "用户", "用户编号", "账号")),
    "id_number": ("身份证号", ("身份证号", "身份证号码", "证件号码", "证件号")),
    "phone": ("电话", ("电话", "联系电话", "手机号码", "手机", "来电号码")),
    "district": ("问题属地", ("所属区县", "问题属地", "区县", "所属区域", "区域", "属地", "发生地")),
    "title": ("概况", ("留言主题", "标题", "主题", "概况", "问题概况", "事项")),
    "request": ("诉求", ("诉求内容", "留言详情", "诉求", "内容", "问题描述", "反映内容", "来电内容",
                        "投诉内容", "详情")),
    "facts": ("事实和理由", ("事实和理由", "事实与理由", "理由")),
    "channel": ("信访形式", ("信访形式", "来源渠道", "渠道", "来源")),
    "purpose": ("信访目的或原系统标签", ("目的", "信访目的", "诉求类型", "工单类型", "类型", "性质")),
    "handling_unit": ("办理单位", ("办理单位", "承办单位", "责任单位", "处理单位", "答复单位")),
    "state": ("原系统状态", ("状态", "办理状态", "工单状态")),
    "closed": ("办结日期", ("办结时间", "办结日期", "答复时间", "回复时间", "结案时间", "完成时间")),
    "reply": ("答复内容", ("回复内容", "答复意见", "处理意见", "答复内容", "办理结果", "处理结果")),
}
REQUIRED = ("received", "request")

PRESETS: dict[str, dict[str, Any]] = {
    "12345": {"label": "12345热线工单", "columns": {
        "external_id": "工单编号", "received": "来电时间", "request": "诉求内容", "district": "所属区县",
        "handling_unit": "办理单位", "closed": "办结时间", "reply": "回复内容"},
        "defaults": {"channel": Channel.PLATFORM.value}},
    "teddy": {"label": "网络问政平台留言（泰迪杯数据格式）", "columns": {
        "external_id": "留言编号", "user_ref": "留言用户", "title": "留言主题", "received": "留言时间",
        "request": "留言详情", "reply": "答复意见", "closed": "答复时间"},
        "defaults": {"channel": Channel.LEADER_MAILBOX.value}},
    "legacy": {"label": "原信访信息系统", "columns": {
        "external_id": "信访件编号", "name": "信访人", "id_number": "身份证号", "phone": "电话",
        "received": "信访日期", "district": "问题属地", "request": "诉求", "facts": "事实和理由",
        "channel": "信访形式", "purpose": "目的", "state": "状态", "closed": "办结日期",
        "reply": "处理意见"},
        "defaults": {}},
}

_KNOWN = {name for _, names in FIELDS.values() for name in names}


def known_header(text: str) -> bool:
    return re.sub(r"\s+", "", text) in _KNOWN


@dataclass
class Mapping:
    """What `guess_mapping` proposes: the preset it looks like (or ""), the columns, the defaults,
    and the required fields no column fills."""

    preset: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.columns]

    def as_dict(self) -> dict[str, Any]:
        return {"preset": self.preset, "columns": dict(self.columns), "defaults": dict(self.defaults)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        return cls(preset=data.get("preset", ""), columns=dict(data.get("columns") or {}),
                   defaults=dict(data.get("defaults") or {}))


def preset_mapping(code: str) -> Mapping:
    """A preset by code (12345, teddy, legacy); KeyError for another."""
    p = PRESETS[code]
    return Mapping(preset=code, columns=dict(p["columns"]), defaults=dict(p["defaults"]))


def guess_mapping(headers: list[str]) -> Mapping:
    """The preset whose columns the headers hold most of (at least half), completed by the known
    names of each remaining field; without a preset, the known names alone."""
    present = set(headers)
    best, score = "", 0.0
    for code, p in PRESETS.items():
        share = sum(1 for h in p["columns"].values() if h in present) / len(p["columns"])
        if share > score:
            best, score = code, share
    mapping = Mapping()
    if best and score >= 0.5:
        mapping = preset_mapping(best)
        mapping.columns = {f: h for f, h in mapping.columns.items() if h in present}
    used = set(mapping.columns.values())
    for target, (_label, names) in FIELDS.items():
        if target in mapping.columns:
            continue
        header = next((n for n in names if n in present and n not in used), None)
        if header:
            mapping.columns[target] = header
            used.add(header)
    return mapping


def check_mapping(mapping: Mapping, headers: list[str]) -> list[str]:
    """What is wrong with a mapping for these headers (Chinese; empty: usable)."""
    problems = [f"“{FIELDS[f][0]}”没有对应的列" for f in mapping.missing]
    problems += [f"“{FIELDS[f][0] if f in FIELDS else f}”对应的列“{h}”不在文件中"
                 for f, h in mapping.columns.items() if h not in headers]
    problems += [f"未知的字段：{f}" for f in mapping.columns if f not in FIELDS]
    if (c := mapping.defaults.get("channel")) and c not in Channel.values:
        problems.append(f"默认信访形式“{c}”不是可选值")
    return problems


# --- labels of the old systems -----------------------------------------------------------------------

#: a label's words -> channel (first match wins)
CHANNEL_WORDS = (
    (("来信", "信件", "书信"), Channel.LETTER),
    (("来访", "走访", "上访"), Channel.VISIT),
    (("12345", "热线", "平台", "数字城管", "政务服务"), Channel.PLATFORM),
    (("信箱", "留言", "问政"), Channel.LEADER_MAILBOX),
    (("网上", "网络", "网信", "邮件", "微信", "app", "APP"), Channel.ONLINE),
    (("电话", "来电"), Channel.PHONE),
)

#: a label's words -> purpose. 举报/投诉 are NOT 揭发控告: an export's "举报" names no accused unit
#: and is often a report of a nuisance; the label is recorded, the purpose stays "other" (Art. 30's
#: protection is decided by staff, never invented by an import).
PURPOSE_WORDS = (
    (("揭发控告", "检举控告", "控告"), Purpose.ACCUSATION),
    (("申诉",), Purpose.APPEAL),
    (("意见建议", "建议", "意见", "咨询", "表扬"), Purpose.SUGGESTION),
    (("求决", "求助", "诉求", "求助求决"), Purpose.REQUEST),
)

CLOSED_WORDS = ("办结", "结案", "已答复", "已回复", "完成", "已处理", "终结", "归档")
OPEN_HANDLING_WORDS = ("受理", "办理中", "处理中", "在办")
OUTCOME_WORDS = (("予以支持", Outcome.SUPPORT), ("不予支持", Outcome.REJECT),
                 ("解释说明", Outcome.EXPLAIN))


def channel_of(label: str) -> str | None:
    label = label.strip()
    if label in Channel.values:
        return label
    for words, channel in CHANNEL_WORDS:
        if any(w in label for w in words):
            return channel.value
    return None


def purpose_of(label: str) -> str:
    """The purpose a label states (Art. 30 is never inferred from 举报/投诉: see PURPOSE_WORDS)."""
    label = label.strip()
    if label in Purpose.values:
        return label
    for words, purpose in PURPOSE_WORDS:
        if any(w in label for w in words):
            return purpose.value
    return Purpose.OTHER.value


def outcome_of(text: str) -> str:
    """The Art. 32 outcome a reply states in so many words (exactly one of the three), else ""."""
    found = {o.value for w, o in OUTCOME_WORDS if w in text}
    return found.pop() if len(found) == 1 else ""


# --- cell values ---------------------------------------------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y%m%d%H%M%S", "%Y-%m-%dT%H:%M:%S")
CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[时:：](\d{1,2})(?:[分:：](\d{1,2}))?)?")
NUMERIC_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001  (a wall-clock date, made aware below)


def text_of(value: Any) -> str:
    """A cell as text: integral numbers without ".0" (Excel stores 2549 as 2549.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    text = str(value).strip()
    if re.fullmatch(r"\d+\.0+", text):
        return text.split(".")[0]
    return text


def parse_datetime(value: Any) -> dt.datetime | None:
    """A date or time cell as an aware datetime (Asia/Shanghai); None when it is not one.

    Accepts Excel dates, Excel serial numbers, 2019/4/25 9:32:09, 2019-04-25, 2019年4月25日, 20190425."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        moment = EXCEL_EPOCH + dt.timedelta(days=float(value))
    else:
        text = text_of(value).replace("T", " ") if not isinstance(value, str) else value.strip()
        moment = None
        if m := NUMERIC_DATE.fullmatch(text) or CN_DATE.fullmatch(text):  # the usual forms, fast
            parts = [int(p) if p else 0 for p in m.groups()]
            try:
                moment = dt.datetime(*parts[:3], parts[3], parts[4], parts[5])  # noqa: DTZ001
            except ValueError:
                return None
        else:
            for fmt in DATE_FORMATS:
                try:
                    moment = dt.datetime.strptime(text, fmt)  # noqa: DTZ007  (made aware below)
                    break
                except ValueError:
                    continue
        if moment is None:
            return None
    if moment.year < 1980:
        return None
    if moment.tzinfo is None:  # what make_aware does, without asking for the current zone per cell
        return moment.replace(tzinfo=timezone.get_default_timezone())
    return moment

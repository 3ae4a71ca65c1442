"""Does a written petition answer (信访处理意见书) contain what the law requires?

《信访工作条例》(2022) Art. 32: a 信访处理意见书 must state the petitioner's request (投诉请求), the facts and
reasons (事实和理由), the decision (处理意见: 予以支持 / 作出解释说明 / 不予支持) and its legal basis
(法律法规依据). Art. 35 gives the remedy: within 30 days of receiving the written answer the petitioner may ask
the next-higher unit (上一级机关、单位) for a review (复查). Telling the petitioner so in the answer is local
practice, hence ``require_remedy`` (default on, switch off where local rules do not ask for it).

Two entry points, no Django, no third-party packages:

* ``check_opinion(text, request=None, require_remedy=True)`` for a free-text answer;
* ``check_opinion_fields(request=..., facts=..., decision=..., legal_basis=..., remedy=...)`` for forms in
  which each part is its own field.

Both return a ``ComplianceReport``: one ``PartResult`` per part (present / missing, the evidence spans that
were found, and a Chinese message telling the handler exactly what is missing), the detected outcome, and
``ok`` (every required part present).

The rules (transparent on purpose: a handler must be able to see why a draft was flagged)
-----------------------------------------------------------------------------------------
The text is first width-folded (full-width letters/digits/brackets to ASCII, 1:1 so spans stay exact) and
courtesy formulas are masked so that "感谢您对我们工作的支持" never reads as a decision to support.

投诉请求 (request) is present when the answer restates what was asked:
  * a quoted restatement after 反映/提出/咨询/要求/建议/投诉/留言 ("您反映的“……”"),
  * "关于……的问题/事项/诉求/请求", "您/你……反映/提出/咨询……的……问题" with real content (the bare
    "您反映的问题已收悉" does not count), "投诉请求：" / "信访请求：" / "请求事项：" headings;
  * or, when ``request`` (the petition or its subject) is given, enough of its distinct character bigrams
    (minus generic ones such as 问题, 情况, 反映) reappear in the answer: at least
    clamp(ceil(REQUEST_OVERLAP x bigrams), 2, REQUEST_OVERLAP_CAP) = clamp(ceil(0.2 n), 2, 6).
事实和理由 (facts_and_reasons) needs all three of
  * a substantive body of at least MIN_BODY_CHARS = 30 characters once salutation, "已收悉", "现回复如下",
    courtesy lines and the closing date are removed,
  * a fact marker: an investigation phrase (经查, 据查, 经核实, 经调查, 经……研究/核实, 调查核实, 现场查看,
    查明, 发现, 经与……联系/核实), a completed action (已……沟通/检查/整治/下达, 进行了, 开展了, 已于),
    a description (位于, 现状, 实际情况如下, 目前已/正在/尚), or at least two concrete particulars
    (dates such as 2018年11月8日, amounts with units such as 108.33亩, 600万元),
  * a reason marker: 由于/因为/因……/鉴于/因此/所以/导致/造成/原因/理由/考虑到/属于/符合/根据/按照/必须/
    应当/方可 ..., or a specific legal citation (a legal basis is a reason).
处理意见 (decision) and the outcome:
  * formal phrases decide the outcome: 予以支持 / 支持……请求 / 同意……请求 / 予以解决(退还, 纠正 ...) → 支持;
    作出解释说明 / (予以|进行)解释说明 / 特此说明 → 解释说明; 不予支持 / 不支持……请求 / 不予采纳 /
    请求缺乏事实(法律)依据 → 不予支持. Several different formal outcomes → ``mixed`` (e.g. one request
    supported, another not); all of them are listed in ``outcomes_found``;
  * without formal phrases, informal cues are counted and the most frequent outcome wins (ties:
    不予支持 > 支持 > 解释说明): 已责成……整改 / 已拆除 / 将尽快修复 / 可以申请 / 符合条件 / 反映属实 → 支持;
    望理解 / 目前正在 / 暂未 / 将研究 / 建议您咨询 / 可拨打 / 如您有异议 → 解释说明; 不符合……条件 /
    不能办理 / 无法满足 / 不属于……范围 / 不存在……问题 / 不属实 / 不宜 → 不予支持. The decision then
    counts as present, with a note that the standard wording is missing;
  * an answer that only says the matter was passed on (已转交……核实处理, 待核实后回复) has no decision.
法律法规依据 (legal_basis) needs one specific citation:
  * a title in 《》 ending in 法 / 条例 (law, regulation) or 办法 / 规定 / 细则 / 规则 / 决定 / 通知 / 通告 /
    意见 / 规程 / 规范 / 标准 / 方案 / 批复 / 复函 / 解释 / 目录 / 准则 / 通则 / 规划 / 纲要 / 公告 / 制度 /
    指南 / 指引 / 章程 (rules and normative documents); also a law named without 《》 right before 第X条. Column names, certificates, contracts (《问政西地省》, 《……许可证》,
    《……合同》) do not count;
  * an article: 第X条 (Chinese or Arabic numerals), also "十七条之规定";
  * a document number: 〔2018〕75号, [2014]247号, 【2014】92号, ﹝2019﹞2号.
  Only generic wording (按照相关规定, 依法依规, 根据政策) is reported as "not specific" and counts as missing.
救济途径 (remedy) needs, in the sentence offering a 复查 (or 复核):
  * the offer itself: 申请/请求/提出……复查(复核), 复查申请, or 不服/异议 …… 复查 in one sentence (so
    "经复查" or "进行了复查", meaning a re-inspection, does not count),
  * the period: "30日内", "三十日", "30天" (any "N日/天内" is accepted and reported),
  * where to go: 上一级 / 上级, or "向……(政府|局|委员会|办公室|机关|单位|部门)".
  Other routes (行政复议, 行政诉讼, 仲裁) are shown as evidence but do not satisfy the 信访 remedy.

Limits: rules read wording, not meaning. They cannot tell whether the cited law is the right one, whether
the facts are true, or whether the outcome matches the facts; a restatement is recognised by its form, not
checked against the petition unless ``request`` is given; unusual phrasing can be missed and unrelated
sentences can match. The report is an aid for the handler and the reviewer, not a legal judgement.
Measured on real message-board replies in docs/compliance.md (bench/reply_compliance.py).
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from xinfang.core.conf import get

__all__ = [
    "CORE_PARTS",
    "PARTS",
    "PART_LABELS",
    "ComplianceReport",
    "Outcome",
    "PartResult",
    "Span",
    "check_opinion",
    "check_opinion_fields",
    "completeness_prediction",
    "Conflict",
    "decision_conflict",
    "read_replies",
    "teddy2020_dir",
]

REQUEST = "request"
FACTS = "facts_and_reasons"
DECISION = "decision"
LEGAL_BASIS = "legal_basis"
REMEDY = "remedy"

#: The four parts Art. 32 requires, in the order an opinion is written.
CORE_PARTS: tuple[str, ...] = (REQUEST, FACTS, DECISION, LEGAL_BASIS)
#: All parts checked; the remedy (Art. 35, stated by local practice) is required unless switched off.
PARTS: tuple[str, ...] = CORE_PARTS + (REMEDY,)
PART_LABELS: dict[str, str] = {
    REQUEST: "投诉请求",
    FACTS: "事实和理由",
    DECISION: "处理意见",
    LEGAL_BASIS: "法律法规依据",
    REMEDY: "救济途径（复查告知）",
}

#: Minimum characters (letters, digits, CJK) per field in ``check_opinion_fields``.
FIELD_MIN_CHARS: dict[str, int] = {
    REQUEST: 4,
    FACTS: 15,
    DECISION: 4,
    LEGAL_BASIS: 4,
    REMEDY: 10,
}
#: Minimum substantive body (characters) for facts and reasons in a free-text answer.
MIN_BODY_CHARS = 30
#: Share of the request's distinct content bigrams that must reappear in the answer (at least 2, at most the cap).
REQUEST_OVERLAP = 0.2
REQUEST_OVERLAP_CAP = 6


class Outcome(StrEnum):
    SUPPORT = "支持"
    EXPLAIN = "解释说明"
    REJECT = "不予支持"
    MIXED = "mixed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Span:
    """Evidence: ``text[start:end]`` of the checked text (of the field, in ``check_opinion_fields``)."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class PartResult:
    name: str
    label: str
    present: bool
    required: bool
    evidence: tuple[Span, ...] = ()
    message: str = ""  # why the part is missing (Chinese); empty when present
    notes: tuple[str, ...] = ()  # remarks on a present part (e.g. informal wording)


@dataclass(frozen=True)
class ComplianceReport:
    parts: tuple[PartResult, ...]
    outcome: Outcome
    outcome_evidence: tuple[Span, ...] = ()
    outcomes_found: tuple[Outcome, ...] = ()

    @property
    def ok(self) -> bool:
        return all(p.present for p in self.parts if p.required)

    def part(self, name: str) -> PartResult:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(name)

    @property
    def missing(self) -> list[str]:
        """Names of required parts that are missing, in document order."""
        return [p.name for p in self.parts if p.required and not p.present]

    @property
    def messages(self) -> list[str]:
        """What the handler must add, in Chinese, one line per missing required part."""
        return [p.message for p in self.parts if p.required and not p.present]

    @property
    def score(self) -> int:
        """How many of the four Art. 32 parts are present (0-4); the remedy is not counted."""
        return sum(self.part(n).present for n in CORE_PARTS)

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "outcome": self.outcome.value,
            "outcomes_found": [o.value for o in self.outcomes_found],
            "score": self.score,
            "missing": self.missing,
            "messages": self.messages,
            "parts": [
                {
                    "name": p.name,
                    "label": p.label,
                    "present": p.present,
                    "required": p.required,
                    "message": p.message,
                    "notes": list(p.notes),
                    "evidence": [
                        {"start": s.start, "end": s.end, "text": s.text, "kind": s.kind}
                        for s in p.evidence
                    ],
                }
                for p in self.parts
            ],
            "outcome_evidence": [
                {"start": s.start, "end": s.end, "text": s.text, "kind": s.kind}
                for s in self.outcome_evidence
            ],
        }


# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH.update(
    {0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0xFE5D: ord("〔"), 0xFE5E: ord("〕")}
)
_MASK = "\x00"

# Courtesy formulas that contain decision words (支持, 理解) but decide nothing.
_COURTESY = re.compile(
    r"(感谢|谢谢|欢迎|多谢)[^。!?\n]{0,30}?(支持|理解|关心|监督|关注|信任|配合)[^。!?\n]{0,20}"
    r"|请(?!求|示)[^。!?\n]{0,10}?(予以)?支持(和|与|、)?(理解|配合)?"
    r"|(您|你)也表示理解"
)
_SALUTATION = re.compile(
    r"^[^。!?\n]{0,40}?(您好|你好)[!,.。，、:]?"
    r"|(您|你)?(的|在)?[^。!?\n]{0,30}?(留言|来信|帖子|帖文|信件|问题|诉求|反映|情况)[^。!?\n]{0,6}?(已)?(收悉|阅办|收到)[!.。，,]?"
    r"|现(将|就|对)[^。:\n]{0,30}?(回复|答复|说明|函复|汇报|报告)(说明)?如下[:：]?"
    r"|特此(回复|答复|函复|说明)[!。.]?"
    r"|(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?\s*$"
)
_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")


def _fold(text: str) -> str:
    """Width-fold 1:1 (same length, so spans found in the folded text index the original)."""
    return text.translate(_WIDTH)


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: _MASK * (m.end() - m.start()), text)


def _chars(text: str) -> int:
    return len(_WORD.findall(text))


# --------------------------------------------------------------------------------------------------
# Patterns (kept as tables so docs and tests can point at them)
# --------------------------------------------------------------------------------------------------

_NUM = r"[0-9一二三四五六七八九十百千零〇两]"
_S = r"[^。!?;；\n\x00]"  # any character inside one sentence
_C = r"[^。!?;；,，：:\n\x00]"  # any character inside one clause

REQUEST_PATTERNS: tuple[tuple[str, str], ...] = (
    ("投诉请求标题", r"(投诉|信访|申诉)?(请求|诉求)(事项)?\s*[:：]"),
    (
        "引述请求",
        r"(反映|提出|咨询|询问|要求|请求|建议|投诉|举报|留言|诉求|(?<!简)称|提到)"
        + _S
        + r"{0,12}[\"“‘「][^\"”’」]{2,120}[\"”’」]",
    ),
    ("关于……问题", r"关于" + _S + r"{2,80}?(的)?(问题|事宜|事项|诉求|请求|建议|投诉|申请)"),
    (
        "复述请求",
        r"(您|你|网友|来信人|信访人|投诉人|反映人|申请人)"
        + _S
        + r"{0,8}?(所)?(反映|提出|咨询|询问|投诉|举报|建议|要求|请求|诉求|希望)"
        r"(的|了|关于)?(?!的?(问题|情况|事项|事宜|诉求|建议|请求)(已|我|，|。|,|并|收))"
        + _C
        + r"{2,80}?(问题|事项|事宜|情况|诉求|请求|建议)",
    ),
)

_FACT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "调查核实",
        r"经(过)?(调查|查|核查|核实|了解|查实|查证|研究|走访|实地|现场|询问|审查|审核|检测|鉴定)"
        r"|经(?!营|济|费|常|理|验|历|典|销|纪|过程)"
        + _C
        + r"{1,20}?(调查|核查|核实|研究|了解|查实|查明|检查|勘察|勘查|走访|审查|检测|鉴定|查看|论证|调阅)"
        r"|已(经)?(?!转|交由|移交|收悉|收到)"
        + _C
        + r"{0,20}?(沟通|对接|协调|检查|调查|整治|查处|办理|完成|开展|组织|召开|签订|下达|约谈)"
        r"|(进行|开展|组织|召开|签订|办理|下达|完成|成立)了|据(查|了解|核实)|调查(核实|了解|发现|显示|处理)"
        r"|核实(情况|发现)|现场(核实|查看|勘察|勘查|检查|调查)|查明|查看了?|经与"
        + _S
        + r"{1,20}(联系|沟通|核实|了解)"
        r"|(事实|基本情况|实际情况|具体情况)(如下|是|为)|位于|现状|已于|(目前|现)(已|正在|尚)|发现",
    ),
)
_PARTICULARS = re.compile(
    r"(19|20)\d{2}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d+(\.\d+)?\s*(万|亿)?\s*(元|平方米|㎡|m2|米|公里|千米|亩|户|人|台|辆|所|栋|吨|%|个月|年)"
)
_REASON = re.compile(
    r"由于|因为|(?<![原基诱起成主])因(?![素子此为])|鉴于|因此|所以|从而|故(而|此)?[,，]?(?=[不无应需将对该其])|导致|造成|致使|原因|理由|考虑到|之所以"
    r"|(?<!不)属于|(?<!不)符合|不符合|不属于|按照|根据|依据|依照|必须|应当|需要|方可|才能"
)

_FORMAL_OUTCOMES: tuple[tuple[Outcome, str, str], ...] = (
    (
        Outcome.REJECT,
        "不予支持",
        r"不予支持|不支持" + _S + r"{0,12}?(请求|诉求|要求|申请)|不予采纳|部分不予支持",
    ),
    (
        Outcome.REJECT,
        "请求缺乏依据",
        r"(请求|诉求|要求)(缺乏|没有|无)"
        + _S
        + r"{0,6}?(事实|法律|政策)"
        + _S
        + r"{0,4}?(根据|依据)"
        r"|(请求|诉求|要求)(不符合|不合理|不成立)",
    ),
    (
        Outcome.SUPPORT,
        "予以支持",
        r"(?<![不未])予以支持|(?<![不未])支持(您|你|信访人|来信人|申请人)"
        + _S
        + r"{0,10}?(请求|诉求|要求|申请)",
    ),
    (
        Outcome.SUPPORT,
        "同意请求",
        r"(?<![不未])同意(您|你|信访人|来信人|申请人)"
        + _S
        + r"{0,10}?(请求|诉求|要求|申请)|(请求|诉求|要求)(合理|成立)(?!但)"
        r"|(?<![不未])予以(解决|采纳|办理|补发|退还|返还|纠正|撤销|补偿|赔偿|落实)",
    ),
    (
        Outcome.EXPLAIN,
        "解释说明",
        r"(作出|做出|作|予以|进行|现作)(了)?(如下)?解释(和|与|、)?说明|解释说明如下|特此(说明|解释)",
    ),
)
_INFORMAL_OUTCOMES: tuple[tuple[Outcome, str, str], ...] = (
    (
        Outcome.REJECT,
        "不符合/不能/无法",
        r"(?<!是否)不(符合|满足|具备)" + _S + r"{0,20}?(条件|规定|要求|标准|政策)"
        r"|不(能|可|得|予)(以|再)?"
        + _C
        + r"{0,4}?(申领|办理|享受|申请|领取|支持|受理|购买|迁入|退还|补偿|认定|批准|同意|变更)"
        r"|无法(满足|办理|支持|实现|受理|同意)|不(属于|在)" + _S + r"{0,20}?(范围|职责|管辖|受理)"
        r"|不存在"
        + _S
        + r"{0,20}?(情况|问题|行为|现象)|不宜|与事实不符|不属实|(反映|情况)失实|(没有|无)(法律|政策)(依据|规定)",
    ),
    (
        Outcome.SUPPORT,
        "已处理/可办理",
        r"已(经)?(责成|督促|要求|安排|协调|组织|联系)"
        + _S
        + r"{0,30}?(整改|处理|拆除|修复|疏通|清理|解决|查处|整治|更换|维修|安装|退还|补发|清运)"
        r"|已(经)?(?!转|交由|移交|收悉|收到)"
        + _C
        + r"{0,15}?(支付|到位|整改|修复|恢复|清理|拆除|处理完毕|解决|办结|疏通|查处|退还|补发|安装|清运|关停|取缔|纠正"
        r"|纳入|启动|施划|设置|增设|更换|维修|落实|责令|下达|约谈|处罚|立案|查封|制止|暂扣)"
        r"|((?<![委大协议学工商现])(将|会)|拟|计划|力争)"
        + _C
        + r"{0,25}?(尽快|抓紧|及时|加快|继续|进一步)?(加强|加大|督促|跟进|优化|调整"
        r"|推进|解决|整改|纳入|安排|修复|落实|实施|启动|建设|检测|清理|查处|整治|拆除|安装|增加|增设|发放|完成|办结|处置|施工|开工|完工)"
        r"|反映(的)?(情况|问题)?(基本)?属实"
        r"|(?<!不)(可以|可)"
        + _C
        + r"{0,8}?(申请|办理|享受|申领|领取|迁入|购买|报销)|(?<!不)符合"
        + _S
        + r"{0,15}?(条件|规定|要求|政策)|(?<!不)采纳",
    ),
    (
        Outcome.EXPLAIN,
        "说明情况",
        r"(望|请|敬请|恳请)(您)?(理解|谅解|知晓|知悉)|(目前|现阶段|暂时?)"
        + _S
        + r"{0,10}?(正在|尚未|还未|暂未|暂不|暂无|无法|不具备)"
        r"|待"
        + _S
        + r"{1,25}?(后|之后)|(?<![委大协议学工商现])(将|会)"
        + _C
        + r"{0,15}?(考虑|研究|论证|调研)"
        r"|建议(您|你)?"
        + _S
        + r"{0,10}?(咨询|拨打|致电|联系|前往|向)|(可|可以|请)(直接)?(拨打|致电|咨询|联系|前往|通过|关注|登录)"
        r"|(可|可以)"
        + _C
        + r"{0,10}?(协商|向人民法院|提起|申请仲裁|申请行政复议)|如(您|你)"
        + _C
        + r"{0,15}?(异议|疑问|需要|认为|有意见|不满意)"
        r"|(目前|现)" + _C + r"{0,10}?(处于|处在)" + _C + r"{0,10}?阶段",
    ),
)
_TRANSFER_ONLY = re.compile(
    r"(已|我们已|我办已)?(转|转交|转至|转送|转办|交由|移交)(给)?"
    + _S
    + r"{0,20}?(单位|部门|政府|局|办|街道|乡|镇|委|中心|管委会|公司)"
    r"|待" + _S + r"{0,15}?(后|清楚后)(予以|再)?(回复|答复)"
)

_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_TITLE_TAIL = re.compile(r"[(（][^()（）]{0,12}[)）]$")
_LAW_SUFFIX = ("法",)
_REGULATION_SUFFIX = ("条例",)
_RULE_SUFFIX = (
    "办法",
    "规定",
    "细则",
    "规则",
    "决定",
    "通知",
    "通告",
    "意见",
    "规程",
    "规范",
    "标准",
    "方案",
    "批复",
    "复函",
    "解释",
    "目录",
    "准则",
    "通则",
    "规划",
    "纲要",
    "公告",
    "制度",
    "指南",
    "指引",
    "章程",
)
_NOT_RULE_SUFFIX = ("通知书", "决定书", "意见书", "告知书", "申请书", "许可证", "合同", "协议")
_ARTICLE = re.compile(
    r"第\s*"
    + _NUM
    + r"+\s*条|(?<![第0-9一二三四五六七八九十百])[一二三四五六七八九十百]+条(之)?(规定|第)"
)
_DOC_NUMBER = re.compile(
    r"[〔\[【(]\s*(19|20)\d{2}\s*[〕\]】)]\s*第?\s*\d{1,4}\s*号|\[政府发文\]\s*〔?\d*〕?\s*\d{1,4}\s*号"
)
_UNQUOTED_LAW = re.compile(
    r"[\u4e00-\u9fff]{2,25}?(法|条例|办法|规定|细则)(?=\s*第\s*" + _NUM + r"+\s*条)"
)
_GENERIC_BASIS = re.compile(
    r"(根据|依据|按照|依照|遵照|对照)"
    + _S
    + r"{0,30}?(规定|政策|要求|精神|文件|法律|法规)|依法(依规)?|于法有据|法律法规"
)

_REMEDY_OFFER = re.compile(
    r"(申请|请求|提出)" + _C + r"{0,8}?(复查|复核)|(复查|复核)(申请|请求)"
    r"|(不服|异议)" + _S + r"{0,60}?(复查|复核)"
)
_REMEDY_PERIOD = re.compile(r"(" + _NUM + r"+)\s*(个)?\s*(工作)?(日|天)(内|之内)?")
_REMEDY_UNIT = re.compile(
    r"上一级|上级|向"
    + _S
    + r"{1,30}?(人民政府|政府|局|委员会|委|办公室|办|厅|部|机关|单位|部门|中心)"
)
_OTHER_REMEDY = re.compile(r"行政复议|申请复议|行政诉讼|提起(民事|行政)?诉讼|向人民法院|仲裁")
_SENTENCE = re.compile(r"[^。!?;；\n\s][^。!?;；\n]*[。!?;；]?")

_STOP_BIGRAMS = frozenset(
    "问题 情况 您的 你的 我们 工作 反映 留言 感谢 支持 已经 目前 相关 有关 进行 没有 一个 如下 回复 希望 请求 要求 "
    "政府 部门 什么 怎么 为什么 可以 是否 能否 这个 关于 建议 咨询 投诉 领导 您好 你好 市民 网友 谢谢 请问 一下 "
    "我们 自己 他们 非常 严重 没有 不能 现在 如何".split()
)


_REQUEST_RE = tuple((kind, re.compile(p)) for kind, p in REQUEST_PATTERNS)
_FACT_RE = tuple((kind, re.compile(p)) for kind, p in _FACT_PATTERNS)
_FORMAL_RE = tuple((o, kind, re.compile(p)) for o, kind, p in _FORMAL_OUTCOMES)
_INFORMAL_RE = tuple((o, kind, re.compile(p)) for o, kind, p in _INFORMAL_OUTCOMES)
_TIE_ORDER = (Outcome.REJECT, Outcome.SUPPORT, Outcome.EXPLAIN)


def _spans(
    original: str, folded: str, pattern: re.Pattern[str], kind: str, limit: int = 5
) -> list[Span]:
    out = []
    for m in pattern.finditer(folded):
        if m.end() > m.start():
            out.append(Span(m.start(), m.end(), original[m.start() : m.end()], kind))
            if len(out) >= limit:
                break
    return out


def _sentences(folded: str) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE.finditer(folded):
        yield m.start(), m.end()


# --------------------------------------------------------------------------------------------------
# Detectors: each returns (present, evidence, message, notes) for one part
# --------------------------------------------------------------------------------------------------


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in re.findall(r"[0-9A-Za-z\u4e00-\u9fff]+", text):
        for i in range(len(run) - 1):
            bg = run[i : i + 2]
            if bg not in _STOP_BIGRAMS:
                out.add(bg)
    return out


def _detect_request(original: str, folded: str, request: str | None):
    evidence: list[Span] = []
    for kind, rx in _REQUEST_RE:
        evidence += _spans(original, folded, rx, kind, limit=2)
    if request and request.strip():
        want = _bigrams(_fold(request))
        if want:
            have = _bigrams(folded.replace(_MASK, " "))
            shared = want & have
            need = min(max(math.ceil(REQUEST_OVERLAP * len(want)), 2), REQUEST_OVERLAP_CAP)
            if len(shared) >= need:
                pos = sorted(folded.find(bg) for bg in shared)
                start, end = pos[0], pos[-1] + 2
                if end - start > 120:
                    end = start + 120
                evidence.append(
                    Span(start, end, original[start:end], f"与来信内容重合{len(shared)}处")
                )
    if evidence:
        return True, evidence, "", ()
    msg = "缺少投诉请求：未复述信访人的投诉请求（如“您反映的……问题”“关于……的诉求”）"
    if request and request.strip():
        msg += "，答复内容与来信请求也几乎没有重合"
    return False, [], msg, ()


def _detect_facts(original: str, folded: str, legal_strong: list[Span]):
    body = _mask(folded, _SALUTATION)  # same length: spans found in body index the original
    n = _chars(body)
    facts: list[Span] = []
    for kind, rx in _FACT_RE:
        facts += _spans(original, body, rx, kind, limit=3)
    particulars = _spans(original, body, _PARTICULARS, "具体时间/数量", limit=5)
    if not facts and len(particulars) >= 2:
        facts = particulars[:2]
    reasons = _spans(original, folded, _REASON, "理由", limit=3) or legal_strong[:1]
    if n < MIN_BODY_CHARS:
        return (
            False,
            facts + reasons,
            f"缺少事实和理由：答复正文仅{n}字，未说明调查核实的事实和作出处理的理由",
            (),
        )
    if not facts:
        return (
            False,
            reasons,
            "缺少事实：未写明调查核实查明的事实（如“经查……”及时间、地点、数量等）",
            (),
        )
    if not reasons:
        return (
            False,
            facts,
            "缺少理由：只陈述了情况，未说明作出处理意见的理由（如“由于……”“根据……规定”）",
            (),
        )
    return True, facts + reasons, "", ()


def _detect_outcome(original: str, folded: str):
    """Returns (outcome, outcomes_found, evidence, formal)."""
    formal: dict[Outcome, list[Span]] = {}
    claimed: list[tuple[int, int]] = []
    for outcome, kind, rx in _FORMAL_RE:
        for s in _spans(original, folded, rx, kind):
            if any(s.start < e and b < s.end for b, e in claimed):
                continue  # "不予支持" must not also count as "予以支持"-like support
            claimed.append((s.start, s.end))
            formal.setdefault(outcome, []).append(s)
    if formal:
        found = tuple(o for o in _TIE_ORDER if o in formal)
        evidence = [s for o in found for s in formal[o]]
        if len(found) == 1:
            return found[0], found, evidence, True
        return Outcome.MIXED, found, evidence, True
    # "已转交……核实处理" / "待核实后回复" only pass the matter on: they must not read as "已处理" or "待……后"
    claimed += [(m.start(), m.end()) for m in _TRANSFER_ONLY.finditer(folded)]
    informal: dict[Outcome, list[Span]] = {}
    for outcome, kind, rx in _INFORMAL_RE:
        for s in _spans(original, folded, rx, kind, limit=10):
            if any(s.start < e and b < s.end for b, e in claimed):
                continue
            claimed.append((s.start, s.end))
            informal.setdefault(outcome, []).append(s)
    if not informal:
        return Outcome.UNKNOWN, (), [], False
    best = max(_TIE_ORDER, key=lambda o: (len(informal.get(o, ())), -_TIE_ORDER.index(o)))
    found = tuple(o for o in _TIE_ORDER if o in informal)
    return best, found, informal[best][:3], False


def _detect_decision(original: str, folded: str):
    outcome, found, evidence, formal = _detect_outcome(original, folded)
    if outcome is Outcome.UNKNOWN:
        transfer = _spans(original, folded, _TRANSFER_ONLY, "转办", limit=2)
        if transfer:
            msg = "缺少处理意见：仅告知已转办或待核实后回复，未作出予以支持、作出解释说明或不予支持的处理意见"
        else:
            msg = "缺少处理意见：未写明予以支持、作出解释说明或不予支持的结论"
        return (False, transfer, msg, ()), outcome, found, evidence
    notes = (
        ()
        if formal
        else ("处理意见未使用规范表述（予以支持/作出解释说明/不予支持），结论由措辞推断",)
    )
    return (True, evidence, "", notes), outcome, found, evidence


def _legal_citations(original: str, folded: str) -> list[Span]:
    out: list[Span] = []
    for m in _TITLE.finditer(folded):
        title = _TITLE_TAIL.sub("", m.group(1).strip())
        if title.endswith(_NOT_RULE_SUFFIX):
            continue
        if title.endswith(_REGULATION_SUFFIX):
            kind = "法规"
        elif title.endswith(_LAW_SUFFIX) and not title.endswith(
            ("办法", "方法", "做法", "写法", "说法", "想法")
        ):
            kind = "法律"
        elif title.endswith(_RULE_SUFFIX):
            kind = "规章/规范性文件"
        else:
            continue
        out.append(Span(m.start(), m.end(), original[m.start() : m.end()], kind))
    covered = [(s.start, s.end) for s in out]
    for m in _UNQUOTED_LAW.finditer(folded):
        if not any(m.start() < e and b < m.end() for b, e in covered):
            out.append(
                Span(m.start(), m.end(), original[m.start() : m.end()], "法律法规（未加书名号）")
            )
    out += _spans(original, folded, _ARTICLE, "条款")
    out += _spans(original, folded, _DOC_NUMBER, "文号")
    out.sort(key=lambda s: s.start)
    return out


def _legal_result(strong: list[Span], generic: list[Span]):
    if strong:
        return True, strong[:6], "", ()
    if generic:
        return (
            False,
            generic[:3],
            "法律法规依据不具体：只有“按照相关规定”“依法”等笼统表述，未写明法律、法规或政策文件的名称及条款",
            (),
        )
    return False, [], "缺少法律法规依据：未引用任何法律、法规或政策文件", ()


def _detect_remedy(original: str, folded: str):
    other = _spans(original, folded, _OTHER_REMEDY, "其他救济途径", limit=2)
    best: tuple[int, int, list[Span], list[str]] | None = None
    for start, end in _sentences(folded):
        sent = folded[start:end]
        if not _REMEDY_OFFER.search(sent):
            continue
        ev = [Span(start, end, original[start:end], "复查告知")]
        lacking = []
        period = _REMEDY_PERIOD.search(sent)
        if period:
            ev.append(
                Span(
                    start + period.start(),
                    start + period.end(),
                    original[start + period.start() : start + period.end()],
                    "期限",
                )
            )
        else:
            lacking.append("申请期限（自收到答复之日起30日内）")
        unit = _REMEDY_UNIT.search(sent)
        if unit:
            ev.append(
                Span(
                    start + unit.start(),
                    start + unit.end(),
                    original[start + unit.start() : start + unit.end()],
                    "复查机关",
                )
            )
        else:
            lacking.append("向哪一机关申请（原办理机关的上一级机关、单位）")
        if best is None or len(lacking) < len(best[3]):
            best = (start, end, ev, lacking)
    if best is None:
        msg = "缺少救济途径告知：未告知信访人不服处理意见时可在收到答复之日起30日内向上一级机关、单位申请复查"
        if other:
            msg += "（仅提到行政复议、诉讼等其他途径）"
        return False, other, msg, ()
    _, _, ev, lacking = best
    if lacking:
        return False, ev, "救济途径告知不完整：未写明" + "、".join(lacking), ()
    notes = ()
    period_text = next(s.text for s in ev if s.kind == "期限")
    digits = re.sub(r"\D", "", _fold(period_text))
    if digits and digits != "30" or (not digits and "三十" not in period_text):
        notes = (f"复查期限写为“{period_text}”，《信访工作条例》第三十五条规定为30日",)
    return True, ev, "", notes


# --------------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------------


def check_opinion(
    text: str, *, request: str | None = None, require_remedy: bool = True
) -> ComplianceReport:
    """Check a free-text 信访处理意见书 (or any written answer) against Art. 32 (+ Art. 35 remedy).

    ``request``: the petition or its subject, if known; used as extra evidence that the answer restates it.
    """
    original = text or ""
    folded = _mask(_fold(original), _COURTESY)

    legal_strong = _legal_citations(original, folded)
    legal_generic = _spans(original, folded, _GENERIC_BASIS, "笼统依据", limit=3)
    decision, outcome, found, outcome_ev = _detect_decision(original, folded)
    results = {
        REQUEST: _detect_request(original, folded, request),
        FACTS: _detect_facts(original, folded, legal_strong),
        DECISION: decision,
        LEGAL_BASIS: _legal_result(legal_strong, legal_generic),
        REMEDY: _detect_remedy(original, folded),
    }
    return _report(results, require_remedy, outcome, found, outcome_ev)


def check_opinion_fields(
    *,
    request: str | None = None,
    facts: str | None = None,
    decision: str | None = None,
    legal_basis: str | None = None,
    remedy: str | None = None,
    require_remedy: bool = True,
    min_chars: dict[str, int] | None = None,
) -> ComplianceReport:
    """Check a form whose parts are separate fields. Evidence offsets are relative to each field.

    A field is missing when empty, too short (``FIELD_MIN_CHARS``, overridable by ``min_chars``), or, for
    ``decision`` / ``legal_basis`` / ``remedy``, when the content check of ``check_opinion`` fails on it.
    """
    mins = {**FIELD_MIN_CHARS, **(min_chars or {})}
    values = {
        REQUEST: request,
        FACTS: facts,
        DECISION: decision,
        LEGAL_BASIS: legal_basis,
        REMEDY: remedy,
    }
    results = {}
    outcome, found, outcome_ev = Outcome.UNKNOWN, (), []
    for name, value in values.items():
        label = PART_LABELS[name]
        value = (value or "").strip()
        n = _chars(value)
        if not value:
            results[name] = (False, [], f"缺少{label}：该栏未填写", ())
            continue
        if n < mins[name]:
            results[name] = (False, [], f"{label}过于简略：仅{n}字，至少应有{mins[name]}字", ())
            continue
        folded = _mask(_fold(value), _COURTESY)
        whole = [Span(0, len(value), value, "填写内容")]
        if name == DECISION:
            res, outcome, found, outcome_ev = _detect_decision(value, folded)
            if not res[0]:
                res = (False, [], "处理意见未写明结论：应写明予以支持、作出解释说明或不予支持", ())
            results[name] = res
        elif name == LEGAL_BASIS:
            results[name] = _legal_result(
                _legal_citations(value, folded),
                _spans(value, folded, _GENERIC_BASIS, "笼统依据", 3),
            )
        elif name == REMEDY:
            results[name] = _detect_remedy(value, folded)
        else:
            results[name] = (True, whole, "", ())
    return _report(results, require_remedy, outcome, found, outcome_ev)


def _report(results, require_remedy, outcome, found, outcome_ev) -> ComplianceReport:
    parts = []
    for name in PARTS:
        present, evidence, message, notes = results[name]
        parts.append(
            PartResult(
                name=name,
                label=PART_LABELS[name],
                present=bool(present),
                required=(name != REMEDY) or require_remedy,
                evidence=tuple(evidence),
                message="" if present else message,
                notes=tuple(notes),
            )
        )
    return ComplianceReport(
        parts=tuple(parts),
        outcome=outcome,
        outcome_evidence=tuple(outcome_ev),
        outcomes_found=tuple(found),
    )


# --------------------------------------------------------------------------------------------------
# Art. 32 consistency: the chosen decision against the opinion's own text
# --------------------------------------------------------------------------------------------------

_NEG = r"(?:不|未|无法|不能|难以|不宜|不应|不可|未能|无从|不再)"
#: Wording by which the opinion itself declines the request (不予支持 family, 驳回).
_DECLINES = re.compile(
    r"不予(?:以)?支持"
    r"|" + _NEG + r"(?:予以|予)?支持(?=" + _C + r"{0,14}?(?:请求|诉求|要求|申请))"
    r"|(?:不能|无法|难以|不宜|不应|不可|未能|无从)(?:予以|予)?支持"
    r"|(?:请求|诉求|要求|申请)" + _C + r"{0,4}?不(?:予以|予)?支持"
    r"|予以驳回|驳回(?:您|你|信访人|来信人|申请人|投诉人|其)" + _C + r"{0,12}?(?:请求|诉求|要求|申请)"
)
#: Wording by which the opinion grants the request (not negated: checked on the preceding text).
_GRANTS = re.compile(
    r"予以支持"
    r"|支持(?:您|你|信访人|来信人|申请人|投诉人|其)" + _C + r"{0,14}?(?:请求|诉求|要求|申请)"
    r"|同意(?:您|你|信访人|来信人|申请人|投诉人|其)" + _C + r"{0,14}?(?:请求|诉求|要求|申请)"
)
_NEGATED_BEFORE = re.compile(_NEG + r"(?:能|再|予)?(?:以)?$")
#: Text that is not this opinion's decision: the petitioner's words in quotes.
_QUOTED = re.compile(r"[\"“‘「『][^\"”’」』]{0,300}[\"”’」』]")
_CLAUSE = re.compile(r"[^。!?;；,，:：\n]+")
#: A clause about another body's decision (a court, an arbitration, the earlier opinion).
_OTHER_BODY = re.compile(
    r"法院|仲裁|复议机关|判决|裁定|裁决|原(?:处理|复查|信访)?(?:意见|决定)|原(?:办理|处理)?(?:机关|单位)"
    r"|一审|二审|原审")
#: A clause that only promises a decision on a condition (如符合条件……届时将予以支持).
_CONDITIONAL = re.compile(r"(?<![例比譬])如(?:果|若)?(?![下实此今同何期])|(?<!干)若(?!干)|假如|倘若|届时|一旦"
                          r"|待" + _C + r"{1,15}?后")
#: A clause opening with the petitioner asking (您要求政府予以支持……信访人请求……): a restatement,
#: unlike 对您……的请求予以支持 or 支持您……的请求.
_RESTATED = re.compile(
    r"^\s*(?:此前|之前|前期|曾经)?(?:您|你|信访人|来信人|申请人|投诉人|反映人)(?:多次|曾|一直|再次|又)?"
    r"(?:请求|要求|希望|申请|提出|诉求|认为|称)(?!的)")


@dataclass(frozen=True)
class Conflict:
    """The chosen decision and the text's own contrary wording (Art. 32)."""

    chosen: Outcome
    found: Outcome
    evidence: tuple[Span, ...]
    message: str


def _own_decisions(original: str) -> dict[Outcome, list[Span]]:
    """Support / rejection wording that is the opinion's own decision, clause by clause."""
    folded = _mask(_mask(_fold(original), _COURTESY), _QUOTED)
    found: dict[Outcome, list[Span]] = {}
    for clause in _CLAUSE.finditer(folded):
        text = clause.group()
        if _OTHER_BODY.search(text) or _CONDITIONAL.search(text) or _RESTATED.search(text):
            continue
        taken: list[tuple[int, int]] = []
        for m in _DECLINES.finditer(text):
            taken.append((m.start(), m.end()))
            start = clause.start() + m.start()
            found.setdefault(Outcome.REJECT, []).append(
                Span(start, start + len(m.group()), original[start:start + len(m.group())],
                     "不予支持"))
        for m in _GRANTS.finditer(text):
            if any(m.start() < e and b < m.end() for b, e in taken):
                continue  # the 支持 inside 不予支持
            if _NEGATED_BEFORE.search(text[:m.start()]):
                continue  # 无法予以支持, 不能支持……
            start = clause.start() + m.start()
            found.setdefault(Outcome.SUPPORT, []).append(
                Span(start, start + len(m.group()), original[start:start + len(m.group())],
                     "予以支持"))
    return found


DECISION_WORDS = {Outcome.SUPPORT: "予以支持", Outcome.REJECT: "不予支持",
                  Outcome.EXPLAIN: "作出解释说明"}


def decision_conflict(text: str, chosen: Outcome | str) -> Conflict | None:
    """Art. 32: the chosen decision contradicted by the opinion's own wording, else None.

    Only the two opposite decisions are compared: 予以支持 chosen while the text alone declines
    (不予支持, 不支持……请求, 驳回), or 不予支持 chosen while the text alone grants (予以支持,
    支持/同意……请求). A text with both (one request granted, another declined) and 作出解释说明 (a
    reasonable request without legal basis is often "不予支持" in wording) are not flagged. Quoted and
    restated requests, other bodies' decisions and conditional promises are ignored.
    """
    chosen = Outcome(chosen)
    opposite = {Outcome.SUPPORT: Outcome.REJECT, Outcome.REJECT: Outcome.SUPPORT}.get(chosen)
    if opposite is None:
        return None
    found = _own_decisions(text or "")
    if chosen in found or opposite not in found:
        return None
    evidence = tuple(found[opposite][:3])
    quoted = "、".join(f"“{s.text}”" for s in evidence)
    return Conflict(
        chosen=chosen, found=opposite, evidence=evidence,
        message=(f"处理意见选择了“{DECISION_WORDS[chosen]}”，但意见内容写明{quoted}"
                 f"（{DECISION_WORDS[opposite]}）：处理意见与事实和理由相互矛盾"
                 "（《信访工作条例》第三十二条），请核对后再出具"),
    )


# --------------------------------------------------------------------------------------------------
# Evaluation helpers shared by bench/reply_compliance.py and the data-backed test
# --------------------------------------------------------------------------------------------------

#: A message-board reply is judged "complete" when at least this many of the four Art. 32 parts are present.
COMPLETE_MIN_PARTS = 3


def completeness_prediction(report: ComplianceReport, min_parts: int = COMPLETE_MIN_PARTS) -> int:
    """Map a report to the binary 完整性指标 of the Teddy Cup labels: 1 when ``score >= min_parts``.

    The remedy is left out: message-board replies are not formal opinions and almost never state it.
    """
    return int(report.score >= min_parts)


def teddy2020_dir(path: str | os.PathLike | None = None) -> Path:
    """Folder of the 2020 Teddy Cup message data.

    ``path`` wins; else ``$XINFANG_SHARED_DATA/teddy2020`` (the variable points at ``shared/data``);
    else ``<repo>/../shared/data/teddy2020``.
    """
    if path is not None:
        return Path(path)
    return Path(get("XINFANG_SHARED_DATA")) / "teddy2020"


def read_replies(
    path: str | os.PathLike | None = None, *, labelled: bool = False
) -> list[dict[str, str]]:
    """Rows of messages_with_replies.csv (or replies_quality_labelled.csv) as dicts of strings.

    Raises FileNotFoundError when the data is absent.
    """
    name = "replies_quality_labelled.csv" if labelled else "messages_with_replies.csv"
    with open(teddy2020_dir(path) / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))

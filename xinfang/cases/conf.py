"""The cases app's settings, declared once (xinfang/core/conf.py): attachments, requests by post,
the simplified procedure, the follow-up of routed-away items, the sign-off of answers, 并案."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

from .filecheck import CONTENT_TYPES

# the default mapping, spelled out here so that the settings module does not import the models
SOURCE_PURPOSES_DEFAULT = {
    "投诉": "request", "求助": "request", "求决": "request", "申诉": "appeal",
    "建议": "suggestion", "意见": "suggestion", "意见建议": "suggestion",
    "咨询": "other", "举报": "other", "反映": "other", "表扬": "other",
    "检举控告": "accusation", "揭发控告": "accusation",
}

#: The exclusions of the simplified procedure enforced by default (国信办发〔2022〕17号: all of them).
SIMPLIFIED_EXCLUDE_DEFAULT = ("procedure_route", "repeat", "collective", "assigned", "accusation")
#: Days without news before a routed-away item is flagged (practice, not law).
QUIET_DAYS_DEFAULT = 30
MIB = 1024 * 1024

CASES = Group("cases", "Cases: attachments, requests by post, simplified procedure", (
    Setting("XINFANG_ATTACHMENT_MAX_BYTES", int, 10 * MIB, min=1, shown="10 MiB",
            doc="Largest attachment accepted (bytes).",
            more="The content must match the extension "
                 "([security.md](security.md#附件只经权限检查下载))."),
    Setting("XINFANG_ATTACHMENT_TYPES", list, [".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx",
                                               ".txt", ".mp3", ".wav"],
            choices=tuple(CONTENT_TYPES), shown="`.pdf,.jpg,.jpeg,.png,.doc,.docx,.txt,.mp3,.wav`",
            doc="Allowed attachment types (extensions, comma-separated); each has its content check in "
                "`xinfang/cases/filecheck.py`, so no other type can be added here."),
    Setting("XINFANG_ATTACHMENT_MAX_PER_CASE", int, 50, min=1,
            doc="Most attachments one case may have (checked by the service, every channel)."),
    Setting("XINFANG_ATTACHMENT_MAX_TOTAL_BYTES", int, 200 * MIB, min=1, shown="200 MiB",
            doc="Most bytes of attachments one case may have together."),
    Setting("XINFANG_REQUEST_POSTMARK_COUNTS", bool, True, shown="on",
            doc="Art. 35/36: a 复查/复核 request sent by post (申请方式 来信, with 邮戳日期) is timely when "
                "its postmark is within the 30 days, even if it arrives later.",
            more="Time in the post is not counted (民事诉讼法 Art. 85 期间不包括在途时间; the 条例 is "
                 "silent, and the default protects the petitioner's right). Off (`0`): the day the "
                 "request is received counts. See [law-audit.md](law-audit.md)."),
    Setting("XINFANG_SIMPLIFIED_EXCLUDE", list, list(SIMPLIFIED_EXCLUDE_DEFAULT),
            choices=SIMPLIFIED_EXCLUDE_DEFAULT, shown="all five",
            doc="国信办发〔2022〕17号: the matters the simplified procedure (简易办理) refuses: "
                "`procedure_route` (导入法定程序), `repeat` (非初次), `collective` (集体或多人), "
                "`assigned` (上级交办), `accusation` (揭发控告).",
            more="A locality may drop some; they are checked when staff choose 简易办理 at triage."),
    Setting("XINFANG_ANCHOR_FILE", str, "", shown="`VAR_DIR/timeline-anchors.jsonl`",
            doc="Art. 21: the append-only file outside the database to which `manage.py anchor_timeline` "
                "(daily at 23:50) appends the heads of every case's hash chain; `none`: the log only.",
            more="`verify_timeline --anchors FILE` checks them. Keep it off the database server, ideally "
                 "append-only (`chattr +a`) or shipped to another host. See "
                 "[security.md](security.md#锚定记录链数据库之外)."),
    Setting("XINFANG_OPINION_SIGN_OFF", str, "auto", choices=("auto", "always", "optional"),
            doc="Practice (审签): who issues a written answer (处理/复查/复核意见, Art. 32, 35, 36).",
            more="`auto`: a unit that has both an active 承办人 and an active 审批人 answers only by its head "
                 "signing a draft the officer submitted (拟稿 → 提交审签 → 退回修改 or 签发; the opinion "
                 "issued is exactly the signed draft); a unit without an officer answers directly. "
                 "`always`: every unit signs drafts off. `optional`: the head may also write the answer "
                 "directly (a submitted draft, if any, is still what is signed). The 条例 does not "
                 "prescribe the sign-off (Art. 34 names the 负责人 only for extensions), hence a setting; "
                 "the default follows the practice of a unit that has the staff for it. The test suite "
                 "runs with `optional` (set in its environment by `config/testmode.py`) so its many answers stay about content and "
                 "delivery; the sign-off's own tests and the demo seed test use `auto`."),
    Setting("XINFANG_CASE_MERGE", bool, True, shown="on",
            doc="Practice: 并案办理, merging a repeat petition of the same matter into the case in "
                "handling (no article of the 条例).",
            more="Same petitioner, or linked as the same matter; both open at the same holding unit; an "
                 "accusation only with one against the same accused unit. `0` turns the step off."),
    Setting("XINFANG_SOURCE_PURPOSES", dict, dict(SOURCE_PURPOSES_DEFAULT),
            shown="`cases/purposes.py` SOURCE_PURPOSES_DEFAULT",
            doc="Practice: the label another system gives a record (投诉, 举报, 建议, 咨询…) → its 信访目的 "
                "(`request`, `appeal`, `suggestion`, `accusation`, `other`), for imports and the API's "
                "`source_label`.",
            more="举报 is `other` (反映情况) by default, not 揭发控告: an accusation needs an accused unit or "
                 "person (Art. 30). A label not in the table is refused with its name."),
    Setting("XINFANG_ROUTE_FOLLOW_UP_DAYS", int, QUIET_DAYS_DEFAULT, min=1,
            doc="Practice: a routed-away item with no news for this many days is marked 长时间无进展 and "
                "reminded to the routing unit (daily job).",
            more="See [law-audit.md](law-audit.md#诉访分离与导入程序跟踪)."),
    Setting("XINFANG_SEARCH_TEXT", str, "bigram", choices=("bigram", "jieba", "trigram"),
            doc="How the search finds words of the text on PostgreSQL: `bigram` (each Chinese term by its "
                "two-character pieces in the cases' search `tsvector`, GIN), `jieba` (by its jieba words, "
                "same index: may miss a word the text splits otherwise) or `trigram` (`pg_trgm` GIN "
                "indexes on the three texts: no help for a term of two characters).",
            more="The migrations build the index of `bigram` and `jieba`; `trigram` needs its three "
                 "indexes created first (statements in [scaling.md](scaling.md#search); migration "
                 "cases 0019 drops them, as every written case paid for them). The measurements "
                 "behind the default are there too. SQLite matches the text with `LIKE`. The words "
                 "stored follow the method: after changing it to `jieba`, run "
                 "`manage.py backfill_search_tokens --all`."),
))

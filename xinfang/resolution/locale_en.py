"""English for the resolution interface (see locale/fill_po.py)."""

EN = {
    # hearing actions and forms
    "决定举行听证": "Decide to hold a hearing", "选定听证员": "Choose hearing panel members",
    "发出听证通知": "Send hearing notice", "举行听证并记录": "Hold the hearing and record it",
    "出具听证结论": "Issue hearing conclusion", "取消听证": "Cancel hearing",
    "听证事由（重大、复杂、疑难的理由）": "Reason for the hearing (why the matter is major, complex or difficult)",
    "听证时间": "Hearing time", "听证地点": "Hearing place", "提名方": "Nominated by",
    "工作单位": "Employer", "主持人": "Chair", "通知补充说明": "Additional notes for the notice",
    "听证笔录": "Hearing record", "听证结论（听证员多数意见）": "Hearing conclusion (majority of the panel)",
    "依法向社会公示": "Publish as required by law", "取消理由": "Reason for cancelling",
    # mediation actions and forms
    "委派调解": "Refer to mediation", "网格上报纠纷": "Dispute reported by a grid worker",
    "受理调解": "Accept mediation", "记录调解会": "Record a mediation session",
    "达成调解协议": "Reach a mediation agreement", "调解不成": "Mediation failed",
    "申请司法确认": "Apply for judicial confirmation", "司法确认有效": "Judicial confirmation granted",
    "司法确认驳回": "Judicial confirmation refused", "当事人（每行一名）": "Parties (one per line)",
    "委派说明": "Referral note", "纠纷概况": "Summary of the dispute", "纠纷情况": "The dispute",
    "涉港澳台或涉外": "Involves Hong Kong, Macao, Taiwan or foreign parties",
    "双方当事人同意调解（第33条）": "Both parties agree to mediation (Art. 33)", "地点": "Place",
    "调解情况": "Mediation notes",
    "协议内容（各方权利义务、履行方式和期限）":
        "Agreement (each party's rights and duties, how and by when they are performed)",
    "受理法院": "Court", "默认为调解组织所在地基层人民法院":
        "Defaults to the basic people's court where the mediation organisation sits",
    "双方当事人共同申请": "Both parties apply jointly", "裁定书文号": "Ruling number",
    "裁定日期": "Ruling date",
    # models
    "业务": "Process", "化解督办记录": "Resolution and supervision record", "升级层级": "Escalation level",
    "督办关注单位": "Unit watching the case",
    "超期后逐级上报到的单位，其督查员和领导可见":
        "The unit an overdue case has been escalated to; its supervisors and leaders can see it",
    "最近升级日期": "Last escalated on", "人民调解": "People's mediation",
    "行业性专业性调解": "Trade or professional mediation", "律师调解": "Lawyer mediation",
    "调解类型": "Mediation type", "司法确认法院": "Court for judicial confirmation",
    "调解组织所在地基层人民法院": "Basic people's court where the mediation organisation sits",
    "擅长领域": "Fields of expertise", "在册": "On the roster", "调解员名册": "Mediator roster",
    "已委派调解": "Referred to mediation", "已受理调解": "Mediation accepted", "调解中": "In mediation",
    "已申请司法确认": "Judicial confirmation applied for", "网格排查（信访前）": "Grid check (before a petition)",
    "当事人": "Parties", "每行一名当事人": "One party per line", "委派单位": "Referring unit",
    "委派人": "Referred by", "委派日期": "Referred on", "双方当事人同意调解": "Both parties agree to mediation",
    "结束日期": "End date", "结果说明": "Outcome note", "协议书编号": "Agreement number",
    "调解协议内容": "Terms of the mediation agreement", "申请司法确认日期": "Judicial confirmation applied on",
    "调解会": "Mediation session", "已决定听证": "Hearing decided", "已发听证通知": "Hearing notice sent",
    "已举行": "Held", "已出具听证结论": "Conclusion issued", "已取消": "Cancelled",
    "办理（第31条第（六）项）": "Handling (Art. 31 item 6)", "复核（第36条）": "Re-examination (Art. 36)",
    "举行听证的单位": "Unit holding the hearing", "决定日期": "Decided on", "听证事由": "Reason for the hearing",
    "复核期限已中止": "Re-examination clock paused", "通知日期": "Notified on", "听证通知": "Hearing notice",
    "举行日期": "Held on", "结论日期": "Concluded on", "听证结论": "Hearing conclusion", "听证": "Hearing",
    "人大代表、政协委员": "People's congress deputy or CPPCC member", "律师": "Lawyer",
    "信访人方推荐人员": "Person recommended by the petitioner", "群众代表、专家": "Public representative or expert",
    "听证单位提名": "Nominated by the hearing unit", "信访人提名": "Nominated by the petitioner",
    "双方共同选定": "Chosen jointly", "听证员": "Hearing panel member",
    # supervision
    "催办": "Reminder", "待回复": "Awaiting reply", "督办单位": "Supervising unit",
    "空：系统自动催办": "Empty: automatic reminder by the system", "被督办单位": "Supervised unit",
    "下达日期": "Issued on", "督办要求": "Requirements", "因该法定期限超期而自动催办":
        "Automatic reminder because this statutory deadline is overdue",
    "回复内容": "Reply", "回复日期": "Replied on", "退回重办次数": "Times sent back", "督办单": "Supervision order",
    # leader owns a case
    "包案中": "In progress", "已结案销号": "Closed and signed off", "包案领导": "Leader in charge",
    "包案日期": "Assigned on", "化解方案": "Resolution plan", "销号日期": "Signed off on",
    "包案结果": "Outcome", "领导包案": "Leader in charge of a case",
    # three recommendations
    "改进工作建议": "Recommendation to improve work", "完善政策建议": "Recommendation to improve policy",
    "追究责任建议": "Recommendation to hold accountable", "已发出，待书面反馈": "Sent, awaiting written feedback",
    "已书面反馈": "Written feedback received", "已归档": "Archived", "采纳": "Adopted",
    "部分采纳": "Partly adopted", "未采纳": "Not adopted", "建议单位": "Recommending unit",
    "收件单位": "Receiving unit", "发出日期": "Sent on", "发现的问题": "Problems found",
    "建议内容": "Recommendation", "建议书": "Recommendation letter", "书面反馈": "Written feedback",
    "采纳情况": "Adoption", "反馈日期": "Feedback date", "三项建议": "Three recommendations",
    # follow-up visits
    "待回访": "Follow-up due", "已回访": "Followed up",
    "经回访已理解或问题已解决": "Understood or solved after the follow-up visit", "仍不满意": "Still dissatisfied",
    "无法联系": "Could not be reached", "回访单位": "Visiting unit", "回访原因": "Reason for the follow-up",
    "生成日期": "Created on", "回访日期": "Visit date", "回访方式": "How", "回访结果": "Result",
    "回访记录": "Follow-up visit record", "回访": "Follow-up visit", "生成回访任务": "Create follow-up visit",
    "记录回访": "Record follow-up visit", "超期升级": "Escalated when overdue", "上门": "Home visit",
    "约见": "Appointment",
    # supervision actions
    "下达督办/催办": "Issue supervision order / reminder", "超期自动催办": "Automatic reminder when overdue",
    "回复督办": "Reply to supervision order", "认可回复、办结": "Accept reply and close",
    "退回重办": "Send back", "默认：督办15日、催办5日（本地规定可调整）":
        "Default: 15 days for a supervision order, 5 for a reminder (local rules may differ)",
    "退回理由": "Reason for sending back", "确定包案领导": "Name the leader in charge",
    "包案销号": "Sign off", "发出建议书": "Send recommendation letter",
    "书面反馈采纳情况": "Record written feedback", "归档": "Archive", "建议类型": "Recommendation type",
    # case panel and pages
    "调解·听证·督办·评价": "Mediation · hearing · supervision · rating", "尚未评价": "Not rated yet",
    "记录信访人评价": "Record the petitioner's rating",
    "信访人对承办单位和信访部门分别评价；不满意的自动生成回访任务（第21条）。":
        "The petitioner rates the handling unit and the petition bureau separately; a dissatisfied rating "
        "creates a follow-up visit (Art. 21).",
    "记录评价": "Record rating", "可发起": "Can start", "生成复盘溯源报告": "Create case review report",
    "已升级%(n)s级": "Escalated (level %(n)s)", "纠纷": "Dispute", "委派": "Referred",
    "下载（Word）": "Download (Word)", "司法确认": "Judicial confirmation", "时间地点": "Time and place",
    "事由": "Reason", "主持": "Chair", "复核期限": "Re-examination deadline",
    "听证期间中止计算（第36条）": "The clock is paused during the hearing (Art. 36)",
    "依法公示": "Published as required by law", "系统自动": "automatic",
    "督办单位→被督办单位": "Supervising unit → supervised unit", "回复期限": "Reply due",
    "已上报": "Escalated to", "回复": "Reply", "结果": "Result",
    "建议书（Word）": "Recommendation letter (Word)", "建议单位→收件单位": "Recommending unit → receiving unit",
    "反馈期限": "Feedback due", "调解、听证、督办与评价": "Mediation, hearings, supervision and ratings",
    "工作指标": "Indicators", "起": "From", "止": "To",
    "每项为“比率（分子/分母）”；口径见 docs/indicators.md。":
        "Each item is “rate (numerator/denominator)”; definitions in docs/indicators.md.",
    "平均用时·%(label)s": "Average time · %(label)s", "合计": "Total", "本期没有数据": "No data for this period",
    "上报至本单位的超期督办": "Overdue cases escalated to my unit", "第%(n)s级": "Level %(n)s",
    "暂无记录。": "No records yet.", "暂无": "None", "复盘溯源报告": "Case review report",
    "信访事项复盘溯源报告（初稿）": "Case review report (draft)", "下载 Word 版": "Download Word version",
    "督办与包案": "Supervision and leaders in charge", "指标": "Indicators",
    "已记录对%(w)s的评价": "Rating of %(w)s recorded",
    "类别": "Category", "不予受理调解": "Decline mediation", "调解员": "Mediator",
    "调解会日期不能晚于今天": "The session date cannot be in the future", "申请日期": "Applied on",
    "原状态": "Old status", "新状态": "New status", "办理期限": "Handling deadline",
    "所属调解组织": "Mediation organisation", "调解组织不予受理": "Declined by the mediation organisation",
    "办理期限已中止": "Handling clock paused", "调解": "Mediation", "相关单位工作人员": "Staff of a related unit",
    "督办": "Supervision order", "已回复": "Replied", "督办人": "Issued by",
    "对信访部门的评价": "Rating of the petition bureau", "电话": "Phone",
    "对承办单位的评价": "Rating of the handling unit", "回复期限（日）": "Days allowed to reply",
    "重新回复期限（日）": "Days allowed for a new reply", "要求": "Requirements", "问题": "Problems",
    "建议": "Recommendation", "原因": "Reason", "分类": "Category", "新建": "Start new", "统计": "Show",
    "没有找到该记录，或您无权查看": "No such record, or you may not see it",
}

# What each step of the resolution workflows is, with its article (shown under each action button)
EN.update({
    "办理中的申诉求决类事项，经当事人同意可委派调解（第33条、第37条）。":
        "A request or appeal in handling may be referred to mediation with the parties' consent "
        "(Art. 33, Art. 37).",
    "网格排查发现的矛盾纠纷，在形成信访前就地委派调解（第37条，多元预防调处化解）。":
        "A dispute found by grid workers is referred to mediation on the spot before it becomes a "
        "petition (Art. 37, prevention and resolution by many means).",
    "调解组织受理：记录双方当事人同意调解，指定调解员；涉港澳台或涉外纠纷由内地和境外调解员共同调解（第33条）。":
        "The mediation organisation accepts: record both parties' consent and name the mediators; a dispute "
        "involving Hong Kong, Macao, Taiwan or abroad is mediated jointly by a mainland and an outside "
        "mediator (Art. 33).",
    "调解组织不予受理（如当事人不同意调解），退回委派单位继续办理（第33条）。":
        "The mediation organisation declines (e.g. a party does not consent); the matter returns to the "
        "referring unit (Art. 33).",
    "记录调解会：时间、地点、调解情况（第33条）。":
        "Record a mediation session: time, place, what happened (Art. 33).",
    "经调解达成一致意见，制作调解协议书（第33条）。":
        "The parties agreed: draw up the mediation agreement (Art. 33).",
    "调解不成，回流原办理单位依法办理，出具信访处理意见书（第31条第（六）项、第34条）。":
        "Mediation failed: the matter returns to the handling unit, which issues a written opinion "
        "(Art. 31 item (6), Art. 34).",
    "双方当事人自调解协议生效之日起30日内共同向人民法院申请司法确认（人民调解法第33条、民事诉讼法第205条）。":
        "Both parties jointly apply to the people's court for judicial confirmation within 30 days of the "
        "agreement taking effect (People's Mediation Law Art. 33, Civil Procedure Law Art. 205).",
    "人民法院裁定调解协议有效，一方拒绝履行的，对方可申请强制执行（人民调解法第33条）。":
        "The court confirms the agreement; if one party refuses to perform, the other may apply for "
        "enforcement (People's Mediation Law Art. 33).",
    "人民法院裁定驳回：当事人可重新调解、变更协议或提起诉讼（人民调解法第33条）。":
        "The court rejects the application: the parties may mediate again, change the agreement or sue "
        "(People's Mediation Law Art. 33).",
    "信访人评价不满意的，由信访部门回访，了解原因、做好解释疏导（第21条、第27条）。":
        "When the petitioner is dissatisfied, the petition bureau follows up: learns why, explains and "
        "guides (Art. 21, Art. 27).",
    "记录回访方式、结果和信访人意见（第27条：思想教育到位、帮扶救助到位）。":
        "Record how the follow-up was done, its result and the petitioner's view (Art. 27: explanation "
        "and help given).",
    "回访超期未完成的，逐级上报上一级单位（第43条）。":
        "A follow-up not done in time is reported to the level above, level by level (Art. 43).",
    "对重大、复杂、疑难的信访事项可以举行听证（第31条第（六）项）；复核中举行听证的，听证时间不计入复核期限（第36条）。":
        "A major, complex or difficult matter may be heard (Art. 31 item (6)); time spent on a hearing during "
        "re-examination does not count against its time limit (Art. 36).",
    "听证员由听证单位和信访人方共同选定（人大代表、政协委员、律师、相关单位人员、信访人推荐人员；第31条第（六）项，本地做法）。":
        "Hearing officers are chosen by the hearing unit and the petitioner's side together (people's "
        "congress deputies, CPPCC members, lawyers, staff of units concerned, people the petitioner "
        "proposes; Art. 31 item (6), local practice).",
    "听证前书面通知信访人、有关单位和听证员听证的时间、地点和事由（第31条第（六）项，本地做法：3日前）。":
        "Before the hearing, tell the petitioner, the units concerned and the officers in writing when, "
        "where and why (Art. 31 item (6); local practice: 3 days before).",
    "举行听证，听取信访人陈述事实和理由，制作听证笔录（第31条第（六）项）。":
        "Hold the hearing: hear the petitioner's facts and reasons and keep a record (Art. 31 item (6)).",
    "出具听证结论；经过听证的复核意见可以依法向社会公示，复核期限恢复计算（第36条）。":
        "Issue the hearing's conclusion; a re-examination opinion after a hearing may be made public; the "
        "re-examination clock runs again (Art. 36).",
    "取消听证，复核期限恢复计算（第36条）。":
        "Cancel the hearing; the re-examination clock runs again (Art. 36).",
    "信访部门对推诿、敷衍、拖延等情形及时督办（第40条），疑难复杂问题列入督查（第38条）。":
        "The petition bureau supervises buck-passing, perfunctory handling and delay promptly (Art. 40); "
        "difficult matters are put under inspection (Art. 38).",
    "法定期限超期，系统自动向责任单位催办（第40条、第44条）。":
        "A statutory time limit has passed: the system presses the responsible unit automatically "
        "(Art. 40, Art. 44).",
    "被督办单位在督办期限内书面回复办理情况（第40条）。":
        "The supervised unit answers in writing within the supervision time limit (Art. 40).",
    "督办单位认可回复，督办事项办结（第40条）。":
        "The supervising unit accepts the answer; the supervision item is closed (Art. 40).",
    "回复不符合要求的，退回重办并重新确定回复期限（第40条）。":
        "An inadequate answer is sent back to be redone, with a new time limit (Art. 40).",
    "督办超期未回复，逐级上报上一级单位督查员和领导（第43条：应当履行督办职责）。":
        "No answer in time: reported level by level to the inspectors and leaders above (Art. 43: duty "
        "to supervise).",
    "疑难复杂信访问题由领导包案，一名领导对一件信访事项负总责（第10条、第38条）。":
        "A difficult matter is taken on by a leader, who is answerable for it as a whole (Art. 10, Art. 38).",
    "事项化解或依法终结后包案销号（第37条第三款：终结后仍应做好化解帮扶）。":
        "When the matter is resolved or lawfully concluded, the leader's case is closed (Art. 37 para. 3: "
        "help continues after conclusion).",
    "信访部门提出改进工作、完善政策、追究责任的建议（第40条第一至三款）。":
        "The petition bureau recommends improving work, improving policy or holding people accountable "
        "(Art. 40 paras. 1–3).",
    "有关机关、单位应当书面反馈采纳情况（第40条第四款）。":
        "The bodies concerned answer in writing whether they adopted it (Art. 40 para. 4).",
    "信访部门核实反馈后归档，纳入年度报告（第41条第（三）项）。":
        "The petition bureau checks the answer, files it and includes it in the annual report "
        "(Art. 41 item (3)).",
    "逾期未书面反馈的，逐级上报上一级单位（第40条第四款）。":
        "No written answer in time: reported to the level above, level by level (Art. 40 para. 4).",
})

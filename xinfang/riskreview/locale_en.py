"""English for 重大决策稳评 (risk assessment and legality review of major decisions), staff pages
(see locale/fill_po.py). Strings other apps already translate (状态, 暂无, 件数...) are theirs."""

EN = {
    # timeline
    "，评估为%(level)s（数据提示%(suggested)s）": ", assessed as %(level)s (the data suggest %(suggested)s)",
    "，审查意见：%(opinion)s": ", review opinion: %(opinion)s",
    "，决策：%(outcome)s": ", decision: %(outcome)s",
    "汇总评估数据": "Assessment data drawn",
    "汇总近%(days)s日涉及的信访%(total)s件（群体性%(group)s件），未办结预警%(warnings)s条，数据提示%(suggested)s":
        "Drawn over the last %(days)s days: %(total)s petitions touching it (%(group)s group "
        "petitions), %(warnings)s open warnings; the data suggest %(suggested)s",
    "跟踪检查": "Follow-up check",
    "决策后新增涉及的信访%(new_cases)s件（按评估时水平预计%(expected)s件），群体性%(new_group)s件，新增预警%(new_warnings)s条":
        "Since the decision: %(new_cases)s new petitions touching it (%(expected)s expected at the "
        "assessment's rate), %(new_group)s group petitions, %(new_warnings)s new warnings",
    "；信访上升，已提示": "; a rise, flagged and told",
    # models and forms
    "决策事项": "Decision", "决策类型": "Kind of decision", "主要内容": "Content",
    "范围、涉及人数、补偿安置方案要点等": "Extent, people affected, main points of compensation and resettlement",
    "涉及地域": "Places touched",
    "决策涉及的乡镇（街道）、村（社区），可多选": "The townships and villages (communities) it touches; several may be chosen",
    "涉及问题分类": "Categories touched",
    "统计这些内容分类（含下级分类）的信访件": "Petitions of these categories (and those below them) are counted",
    "多个关键词用逗号或顿号分隔，在信访件概况和诉求中查找":
        "Separate keywords with commas; they are looked for in the petitions' summaries and requests",
    "拟决策日期": "Planned decision date",
    "请至少选择一个涉及问题分类或填写一个关键词": "Choose at least one category or give at least one keyword",
    "回溯天数": "Look-back days",
    "统计评估前多少天内的信访件；不填则按本地设置":
        "How many days of petitions before the assessment are counted; empty: the local setting",
    "不填则沿用本次评估的回溯天数": "Empty: the assessment's window is kept",
    "评估风险等级": "Assessed risk level", "等级理由": "Reasons for the level",
    "与数据提示的等级不同时必须说明理由": "Required when the level differs from the one the data suggest",
    "风险点": "Risk points", "风险防范措施": "Mitigation measures",
    "中风险、高风险必须填写防范措施和处置预案": "Medium and high risk require measures and a contingency plan",
    "合法性审查意见": "Legality review opinion", "审查理由": "Reasons of the review",
    "决策权限、程序、内容是否合法，需修改之处":
        "Whether the authority, procedure and content are lawful; what must be amended",
    "决策结果": "Decision taken", "决策理由": "Reasons for the decision",
    "如：经县政府常务会议集体讨论决定": "e.g. decided collectively by the county government's executive meeting",
    "检查说明": "Check note", "结束说明": "Closing note",
    "决策编号": "Decision number", "决策承办单位": "Unit preparing the decision",
    "数据快照": "Data snapshot", "数据汇总时间": "Data drawn at",
    "数据提示风险等级": "Risk level the data suggest", "评估人": "Assessed by",
    "评估时间": "Assessed at", "审查人": "Reviewed by", "审查部门": "Reviewing office",
    "审查时间": "Reviewed at", "决策人": "Decided by", "决策时间": "Decided at",
"重大决策": "Major decision", "检查时间": "Checked at",
    "统计起日": "Counted from", "统计止日": "Counted to", "新增信访件": "New petitions",
    "按评估时水平预计": "Expected at the assessment's rate",
    "新增群体性信访": "New group petitions", "新增预警": "New warnings", "信访上升": "Rise",
    "检查人": "Checked by", "重大决策记录": "Major decision history",
    # the rule's reasons
    "涉及信访%(n)s件，达到%(limit)s件": "%(n)s petitions touch it, at least %(limit)s",
    "群体性信访%(n)s件，达到%(limit)s件": "%(n)s group petitions, at least %(limit)s",
    "有%(n)s条橙色或红色预警未办结": "%(n)s orange or red warnings are open",
    "有%(n)s条预警或热点问题未办结": "%(n)s warnings or hot issues are open",
    "近三个月%(n)s件，超过前三个月（%(limit)s件）的规定倍数":
        "%(n)s in the last three months, more than the set multiple of the three before (%(limit)s)",
    # states
    "风险评估中": "Being assessed", "已评估": "Assessed", "已审查": "Reviewed",
    "已决策": "Decided", "跟踪中": "Followed up",    "登记重大决策": "Register a major decision", "启动风险评估": "Start the risk assessment",
    "重新汇总数据": "Draw the data again", "确定风险等级": "Set the risk level",
    "合法性审查": "Legality review", "作出决策": "Decide", "结束跟踪": "Close the follow-up",
    "土地征收": "Land requisition", "房屋征收拆迁": "Housing expropriation and demolition",
    "重大建设项目": "Major construction project", "重大公共政策": "Major public policy",
    "其他重大事项": "Other major matter",
    "低风险": "Low risk", "中风险": "Medium risk", "高风险": "High risk",
    "合法": "Lawful", "需修改": "To be amended", "不合法": "Unlawful",
    "实施": "Proceed", "采取防范措施后实施": "Proceed with measures", "暂缓实施": "Postpone",
    "不予实施": "Abandon",
    # pages
    "社会稳定风险评估": "Social-stability risk assessment", "涉及信访件": "Petitions touching it",
    "涉及人次": "People", "群体性信访": "Group petitions", "重复信访": "Repeated petitions",
    "未办结预警": "Open warnings", "其中热点问题": "of which hot issues",
    "近三个月": "Last three months", "前三个月": "Three months before",
    "各项指标均未达到中风险的规定值。": "No figure reaches the medium-risk thresholds.",
    "每月涉及的信访件": "Petitions touching it, by month", "月份": "Month",
    "未办结的预警和热点问题": "Open warnings and hot issues", "统计的信访件": "Petitions counted",
    "尚未启动风险评估。": "The risk assessment has not started.", "决策": "Decision",
    "统计期间": "Period", "结论": "Finding", "平稳": "Steady", "下次定期检查": "Next periodic check",
    "每月信访量柱状图，数据见下表": "Bar chart of petitions per month; the data are in the table below",
    "数据快照：%(at)s汇总，统计%(start)s至%(end)s受理登记的信访件（评估人可见范围内；揭发控告类不计入，第三十条）。":
        "Data snapshot drawn at %(at)s: petitions received from %(start)s to %(end)s within the "
        "assessor's reach (accusations are never counted, Art. 30).",
    "列出最近的%(n)s件，您可查看的共%(total)s件。": "The latest %(n)s are listed, of %(total)s you may open.",
    "另有%(n)s件不在您的查看范围内，不列出。": "%(n)s more are outside your reach and not listed.",
    "重大决策稳评": "Major decision risk review",
    "重大行政决策作出前的社会稳定风险评估和合法性审查，以及决策后的跟踪检查。":
        "The social-stability risk assessment and legality review before a major administrative "
        "decision, and the follow-up checks after it.",
    "拟作出土地征收、房屋征收拆迁、重大建设项目、重大公共政策等重大行政决策的，先登记；信访部门据涉及地域和问题的信访、预警数据开展社会稳定风险评估，合法性审查部门出具审查意见后，方可作出决策。":
        "Register a major administrative decision being prepared (land requisition, housing "
        "expropriation and demolition, a major project, a major policy) first: the petition bureau "
        "assesses its social-stability risk from the petitions and warnings of the places and "
        "matters it touches, the legal office reviews its legality, and only then may it be decided.",
    "没有找到该重大决策，或您无权查看": "No such major decision, or you may not see it",
    "已登记：%(n)s": "Registered: %(n)s",
    # guards and notifications
    "评估等级与数据提示的等级（%(s)s）不同，须说明理由":
        "The level differs from the one the data suggest (%(s)s): give the reasons",
    "中风险、高风险须提出风险防范措施和处置预案（《重大行政决策程序暂行条例》第二十三条）":
        "Medium and high risk require mitigation measures and a contingency plan (Interim "
        "Regulations on Major Administrative Decision Procedures, Art. 23)",
    "尚未完成风险评估，不能作出决策（《重大行政决策程序暂行条例》第二十四条）":
        "The risk assessment is not complete: no decision yet (Interim Regulations on Major "
        "Administrative Decision Procedures, Art. 24)",
    "尚未经合法性审查，不能作出决策（《重大行政决策程序暂行条例》第二十八条）":
        "No legality review yet: no decision (Interim Regulations on Major Administrative "
        "Decision Procedures, Art. 28)",
    "高风险的决策须采取防范措施确保风险可控后方可实施（《重大行政决策程序暂行条例》第二十四条）":
        "A high-risk decision may proceed only with measures that make the risk controllable "
        "(Interim Regulations on Major Administrative Decision Procedures, Art. 24)",
    "评估未提出防范措施，不能选择“采取防范措施后实施”":
        "The assessment proposed no measures: \"Proceed with measures\" cannot be chosen",
    "经合法性审查不合法的，不得作出实施的决策（《重大行政决策程序暂行条例》第二十八条）":
        "Found unlawful by the legality review: it may not proceed (Interim Regulations on Major "
        "Administrative Decision Procedures, Art. 28)",
    "下次跟踪检查日期为%(d)s": "The next follow-up check is due on %(d)s",
    "实施的决策须至少经一次跟踪检查后方可结束跟踪":
        "A decision that proceeds needs at least one follow-up check before it is closed",
    "重大决策信访上升 %(n)s": "Petitions rising on major decision %(n)s",
    "%(t)s：决策后新增涉及的信访%(c)s件（按评估时水平预计%(e)s件），群体性%(g)s件，新增预警%(w)s条，请研判。":
        "%(t)s: since the decision %(c)s new petitions touch it (%(e)s expected at the "
        "assessment's rate), %(g)s group petitions, %(w)s new warnings; please look into it.",
}

"""English for the institutions interface (see locale/fill_po.py)."""

EN = {
    # states and models
    "重大": "Major", "紧急": "Urgent", "已紧急上报": "Reported urgently", "各级已签收": "Signed for at every level",
    "紧急上报": "Urgent report", "各级签收完毕": "Signed for at every level",
    "待签收": "Awaiting receipt", "逾期未签收": "Sign-off overdue", "已签收": "Signed for",
    "签收": "Sign for", "标记逾期未签收": "Mark sign-off overdue", "再次提醒签收": "Remind again to sign for",
    "性质": "Nature", "情况摘要": "Summary", "已采取的措施": "Measures taken", "上报单位": "Reporting unit",
    "上报人": "Reported by", "上报时间": "Reported at", "各级签收完毕时间": "Signed for at every level at",
    "接报单位": "Receiving unit", "层级次序": "Level order", "1为最近的一级": "1 is the nearest level",
    "签收时限": "Sign-off due by", "最近提醒时间": "Last reminded at", "提醒次数": "Reminders",
    "签收时间": "Signed for at", "签收人": "Signed for by", "签收意见": "Note on signing",
    "接报签收": "Sign-off by receiving levels",
    # forms
    "可能造成的社会影响：人数、地点、诉求、动向":
        "Possible social impact: number of people, place, demands, what they intend to do",
    "请填写情况摘要": "Please write a summary",
    "如领导批示、已采取或将采取的措施": "E.g. a leader's instruction, measures taken or planned",
    # workflow messages and timeline
    "您的单位之上没有可接报的党委政府或信访部门，无法紧急上报":
        "There is no party committee, government or petition bureau above your unit to report to",
    "【催办】紧急上报尚未签收": "[Reminder] Urgent report not yet signed for",
    "【紧急上报】请签收": "[Urgent report] Please sign for it",
    "%(unit)s于%(at)s上报%(grade)s信访事项（%(number)s）：%(summary)s。"
    "请于%(due)s前在平台“紧急上报”页面签收（《信访工作条例》第二十五条）。":
        "%(unit)s reported a %(grade)s petition matter (%(number)s) at %(at)s: %(summary)s. Please "
        "sign for it on the platform's \"Urgent report\" page by %(due)s (Regulation on Petition "
        "Work, Art. 25).",
    "紧急上报已签收 %(number)s": "Urgent report signed for %(number)s",
    "%(unit)s已签收您单位上报的%(grade)s信访事项（%(number)s）。":
        "%(unit)s has signed for the %(grade)s petition matter (%(number)s) your unit reported.",
    "（%(grade)s；报送：%(units)s）": " (%(grade)s; sent to: %(units)s)",
    "（接报单位：%(unit)s）": " (receiving unit: %(unit)s)",
    "，超过签收时限": ", after the sign-off deadline", "，第%(n)s次提醒": ", reminder no. %(n)s",
    # pages
    "没有找到该信访件，或您无权查看": "No such case, or you may not see it",
    "没有找到该紧急上报，或您无权查看": "No such urgent report, or you may not see it",
    "没有找到该接报记录，或您无权查看": "No such receipt, or you may not see it",
    "可能造成社会影响的重大、紧急信访事项，向上级紧急上报（《信访工作条例》第二十五条）":
        "Report a major or urgent matter that may have social impact to the levels above at once "
        "(Regulation on Petition Work, Art. 25)",
    "重大、紧急信访事项和信访信息及时报告，接报各级签收（《信访工作条例》第二十五条）":
        "Major and urgent petition matters are reported at once and each receiving level signs for "
        "them (Regulation on Petition Work, Art. 25)",
    "本单位待签收": "For my unit to sign for", "未签收": "Not signed for",
    "本单位上报": "Reported by my unit", "返回紧急上报": "Back to urgent reports",
    "已提醒%(n)s次": "reminded %(n)s times",
    "年度信访工作报告": "Annual petition work report", "年度": "Year",
    "生成报告初稿": "Draft the report",
    "依据《信访工作条例》第四十一条，由平台数据生成报告初稿（.docx），供信访部门修改后报送。":
        "Under Art. 41 of the Regulation on Petition Work: a first draft (.docx) drawn from the "
        "platform's data, for the petition bureau to edit before it is submitted.",
    "只有党委和政府信访部门（或党委政府）的领导、审批人、督查员可以生成年度信访工作报告":
        "Only leaders, approvers and supervisors of a petition bureau (or a party committee and "
        "government) may draw up the annual petition work report",
    "请选择近六年中的一个年度": "Please choose one of the last six years",
    # ---- the joint conference (Art. 13) and Art. 24 disputes ----
    "所属党委政府": "Party committee and government", "联席会议办公室": "Conference office",
    "一般设在本级信访部门": "Usually in the petition bureau of the same level",
    "成员单位": "Member units", "信访工作联席会议": "Joint conference on petition work",
    "职务": "Position", "如：县委副书记、副县长": "E.g. deputy party secretary, deputy county head",
    "召集人": "Convenor", "召集人所在单位": "Convenor's unit",
    "挂点乡镇和部门": "Townships and departments covered", "总召集人": "Lead convenor",
    "召集人（分片挂点）": "Convenors (each covering townships and departments)",
    "联席会议": "Joint conference", "会议类型": "Meeting type", "会议名称": "Meeting",
    "会议日期": "Meeting date", "会议纪要": "Minutes", "安排人": "Planned by",
    "联席会议会议": "Joint conference meeting", "序号": "No.",    "提出单位": "Proposed by", "议定事项": "Decision", "办结时限": "Due by",
    "落实情况": "What was done", "报告办结日期": "Reported done on",
    "核验办结日期": "Verified on", "逾期上报时间": "Escalated as overdue at",
    "联席会议记录": "Joint conference record", "争议单位": "Disputing units",
    "提请单位": "Raised by unit", "提请人": "Raised by", "提请时间": "Raised at",
    "争议情况": "The dispute", "决定机关": "Deciding authority",
    "协调的联席会议": "Coordinating joint conference", "决定的受理单位": "Unit decided",
    "决定人": "Decided by", "决定时间": "Decided at", "决定理由": "Reasons for the decision",
    "受理争议": "Jurisdiction dispute", "全体会议": "Plenary meeting", "专题会议": "Topic meeting",
    "已安排": "Planned", "已召开": "Held", "安排会议": "Plan a meeting",
    "列入议题": "Put on the agenda", "召开并记录纪要": "Hold and record the minutes",
    "取消会议": "Cancel the meeting", "逾期未办结": "Overdue", "已报告办结": "Reported done",
    "已核验办结": "Verified done", "交办议定事项": "Assign a decision", "报告办结": "Report done",
    "核验办结": "Verify done", "逾期上报": "Escalate as overdue", "待决定": "Awaiting decision",
    "已决定（待移送）": "Decided (to be transferred)", "已按决定办理": "Carried out",
    "协商一致撤回": "Withdrawn (agreed by consultation)",
    "提请决定受理机关": "Ask for a decision on who accepts",
    "决定受理机关": "Decide who accepts", "按决定转送": "Transfer as decided",
    "按决定由本单位受理": "Kept by this unit as decided",
    "召集人不是该联席会议的召集人": "This convenor is not a convenor of that joint conference",
    "关联信访件编号": "Case numbers linked",
    "多个编号用空格或逗号分隔；只能关联本单位管辖范围内的信访件":
        "Separate numbers with spaces or commas; only cases within your unit's jurisdiction",
    "请填写议题": "Please write the agenda item",
    "一个议题最多关联50件信访件": "An agenda item links at most 50 cases",
    "找不到信访件%(numbers)s，或不在您的管辖范围内":
        "Case %(numbers)s not found, or outside your jurisdiction",
    "研究的议题、各单位意见、议定事项": "Items discussed, each unit's view, what was decided",
    "办结时限不能早于今天": "The deadline cannot be before today",
    "做了什么、结果如何、信访人是否满意":
        "What was done, with what result, whether the petitioner is satisfied",
    "核验意见": "Verification note",
    "对受理有争议的两个或者两个以上机关、单位（可以包括本单位）":
        "The two or more units disputing acceptance (may include your own)",
    "各单位的意见和理由，协商的经过": "Each unit's view and reasons, and how consultation went",
    "请选择两个或者两个以上有争议的单位": "Please choose two or more disputing units",
    "转送说明": "Note on the transfer",
    "（议题%(order)s：%(title)s）": " (item %(order)s: %(title)s)",
    "（责任单位：%(unit)s）": " (responsible unit: %(unit)s)",
    "，办结时限%(due)s": ", due by %(due)s", "，超过办结时限": ", after the deadline",
    "，已报告挂点召集人：%(names)s": ", escalated to the convenor: %(names)s",
    "联席会议“%(title)s”（%(date)s）": "Joint conference \"%(title)s\" (%(date)s): ",
    "（争议单位：%(parties)s；决定机关：%(decider)s）":
        " (disputing units: %(parties)s; deciding authority: %(decider)s)",
    "（受理单位：%(unit)s）": " (accepting unit: %(unit)s)",
    "只有联席会议办公室或本级党委政府的人员可以安排本联席会议的会议":
        "Only the conference office or the party committee and government of its level may plan "
        "its meetings",
    "第30条：信访件%(number)s是检举控告，被检举、揭发的单位参加本联席会议，不能列入议题":
        "Art. 30: case %(number)s is an accusation and the accused unit sits in this joint "
        "conference: it cannot go on the agenda",
    "会议还没有议题，请先列入议题": "The meeting has no agenda item yet: put one on the agenda first",
    "会议召开后才能交办议定事项": "Decisions are assigned once the meeting has been held",
    "所选议题不属于本次会议": "That agenda item is not of this meeting",
    "第30条：议题所涉检举控告不得交由被检举、揭发的单位（%(unit)s）办理":
        "Art. 30: an accusation on this item may not be given to the accused unit (%(unit)s)",
    "【联席会议交办】%(title)s": "[Joint conference decision] %(title)s",
    "%(conference)s%(date)s会议议定：%(text)s。请于%(due)s前落实并在平台“联席会议”页面报告办结（《信访工作条例》第十三条）。":
        "%(conference)s decided at its meeting of %(date)s: %(text)s. Please carry it out by "
        "%(due)s and report it done on the platform's \"Joint conference\" page (Regulation on "
        "Petition Work, Art. 13).",
    "【联席会议】议定事项退回重办": "[Joint conference] Decision returned to be done again",
    "“%(text)s”落实情况被退回：%(reason)s。请于%(due)s前重新落实并报告。":
        "The report on \"%(text)s\" was returned: %(reason)s. Please carry it out and report "
        "again by %(due)s.",
    "【逾期】联席会议议定事项未按期办结": "[Overdue] Joint conference decision not done in time",
    "%(unit)s承担的议定事项“%(text)s”（%(conference)s%(date)s会议）已超过办结时限%(due)s，尚未报告办结（《信访工作条例》第十三条：督促落实）。":
        "The decision \"%(text)s\" assigned to %(unit)s (%(conference)s, meeting of %(date)s) "
        "is past its deadline %(due)s and not reported done (Regulation on Petition Work, "
        "Art. 13).",
    "第24条：本件受理有争议，正等待%(decider)s决定受理机关；决定并按决定移送后才能继续办理":
        "Art. 24: acceptance of this case is disputed and awaits the decision of %(decider)s; "
        "it goes on once decided and carried out",
    "只有已登记、尚未转送或受理的信访件可以提请决定受理机关（收到转送、交办的单位认为不属于本单位职权的，依第23条第三款提出异议）":
        "Only a registered case not yet sent on or accepted can be raised as a dispute (a unit "
        "that received a case by transfer objects under Art. 23 para. 3)",
    "本件已有待决定的受理争议": "This case already has a dispute awaiting decision",
    "第30条：检举控告不得转给被检举、揭发的单位（%(unit)s）":
        "Art. 30: an accusation may not go to the accused unit (%(unit)s)",
    "%(unit)s不在本单位可转送的范围内：请由共同的信访部门提请":
        "%(unit)s is outside the units yours may send the case to: ask the common petition "
        "bureau to raise it",
    "这些单位没有共同的上一级机关、单位，也没有共同的信访工作联席会议":
        "These units have no common superior and no common joint conference",
    "决定的受理单位须是争议单位之一": "The unit decided must be one of the disputing units",
    "决定由本单位受理，无需转送": "Decided for this unit: nothing to transfer",
    "【受理争议】请决定受理机关 %(number)s": "[Jurisdiction dispute] Please decide who accepts %(number)s",
    "%(unit)s提请：%(parties)s对信访件%(number)s的受理有争议（%(reason)s）。请在平台“受理争议”页面决定受理机关（《信访工作条例》第二十四条）。":
        "%(unit)s asks: %(parties)s dispute acceptance of case %(number)s (%(reason)s). Please "
        "decide who accepts it on the platform's \"Jurisdiction dispute\" page (Regulation on "
        "Petition Work, Art. 24).",
    "【受理争议】已决定 %(number)s": "[Jurisdiction dispute] Decided %(number)s",
    "%(decider)s决定信访件%(number)s由%(unit)s受理：%(reason)s。请按决定转送。":
        "%(decider)s decided that %(unit)s accepts case %(number)s: %(reason)s. Please "
        "transfer it as decided.",
    "没有找到该会议，或您无权查看": "No such meeting, or you may not see it",
    "没有找到该议定事项，或您无权查看": "No such decision, or you may not see it",
    "没有找到该受理争议，或您无权查看": "No such dispute, or you may not see it",
    "本单位待落实的议定事项": "Decisions for my unit to carry out",
    "联席会议议定事项由责任单位在时限内落实并报告，联席会议办公室核验（《信访工作条例》第十三条：督促落实）":
        "Joint conference decisions are carried out and reported by the responsible unit in "
        "time and verified by the conference office (Regulation on Petition Work, Art. 13)",
    "未核验办结": "Not verified", "现办理单位": "Holding unit", "信访件期限": "Case deadlines",
    "第二十四条未规定争议期间不计入期限：争议期间各项期限照常计算":
        "Art. 24 does not exclude the time of a dispute: every deadline keeps running",
    "返回受理争议": "Back to jurisdiction disputes", "会议记录": "Record of the meeting",
    "返回联席会议": "Back to the joint conference",
    "受理有争议的，由共同的上一级机关、单位决定受理机关；没有共同上一级的，由共同的信访工作联席会议协调处理（《信访工作条例》第二十四条）":
        "Where acceptance is disputed, the common superior decides who accepts; without one, the "
        "common joint conference coordinates (Regulation on Petition Work, Art. 24)",
    "待本单位决定": "For my unit to decide", "本单位提请": "Raised by my unit",
    "党委统一领导、政府组织落实、信访工作联席会议协调、信访部门推动、各方齐抓共管（《信访工作条例》第七条、第十三条）":
        "Led by the party committee, organised by the government, coordinated by the joint "
        "conference, driven by the petition bureau, with every party sharing the work "
        "(Regulation on Petition Work, Art. 7, 13)",
    "您的单位不在任何信访工作联席会议中": "Your unit sits in no joint conference",
    "两个以上单位对受理有争议的，提请共同的上一级机关、单位决定受理机关（《信访工作条例》第二十四条）":
        "Two or more units dispute who accepts: ask their common superior to decide "
        "(Regulation on Petition Work, Art. 24)",
"会议": "Meeting",}

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
}

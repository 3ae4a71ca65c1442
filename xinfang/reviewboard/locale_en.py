"""English for the review lawyers and the 复查复核委员会 (see locale/fill_po.py). Strings other apps
already translate (律师, 理由, 会议日期, 复查, 复核, 已撤回, 暂无...) are theirs."""

EN = {
    # events
    "（律师：%(lawyer)s，%(firm)s）": " (lawyer: %(lawyer)s, %(firm)s)",
    "：%(member)s %(vote)s": ": %(member)s %(vote)s",
    "，律师结论：%(c)s": "; the lawyer's conclusion: %(c)s",
    "（%(committee)s，会议日期%(day)s）": " (%(committee)s, meeting on %(day)s)",
    "，结论：%(c)s（维持%(u)s、撤销%(r)s、变更%(ch)s、弃权%(a)s；到会%(p)s/委员%(m)s）":
        "; conclusion: %(c)s (uphold %(u)s, revoke %(r)s, change %(ch)s, abstain %(a)s; "
        "%(p)s present of %(m)s members)",
    "律师意见": "Lawyer's opinion", "复查复核委员会": "Review committee",
    # forms and models
    "请律师研究的问题": "Question for the lawyer",
    "如：原处理意见认定事实是否清楚、适用依据是否正确":
        "e.g. whether the original opinion found the facts clearly and applied the right rules",
    "律师结论": "Lawyer's conclusion", "律师书面意见": "Lawyer's written opinion",
    "出具日期不能晚于今天": "The date issued cannot be after today",
    "提请审议的问题": "Question for the committee",
    "疑难之处：事实认定、政策适用或处理尺度上的分歧":
        "What is hard: disagreement on the facts, the policy that applies or the measure",
    "会议地点": "Meeting place",
    "会议日期不能早于30日前（复查、复核期限为30日）":
        "The meeting date cannot be more than 30 days ago (a review is answered within 30 days)",
    "委员": "Member", "表决意见": "Vote", "结论理由": "Reasons for the conclusion",
    "委员会多数意见的理由，复查（复核）意见书将引用":
        "The reasons of the committee's majority; the review opinion cites them",
    "律师姓名": "Lawyer's name", "律师事务所": "Law firm", "执业证号": "Licence number",
    "所在律师工作室（单位）": "Lawyers' office (unit)",
    "律师工作室设在的信访部门或复查复核机关":
        "The petition bureau or review body that hosts the lawyers' office",
    "值班单位（接待场所）": "Duty unit (reception point)", "值班日期": "Duty date",
    "值班地点": "Duty place",
    "如：县人民来访接待中心律师值班室": "e.g. the lawyers' room of the county reception centre",
    "律师值班": "Lawyers on duty", "复查复核机关": "Review body",
    "委员会名称": "Committee name", "委员会": "Committee", "委员姓名": "Member's name",
    "工作单位及职务": "Employer and position", "在任": "Serving",
    "委员会委员": "Committee members", "请求人": "Requested by", "请求时间": "Requested at",
    "撤回理由": "Reason for withdrawing", "委员会结论": "Committee's conclusion",
    "委员总数": "Members", "到会表决人数": "Present and voting",
    "结论时间": "Concluded at", "委员会审议": "Committee referral", "记录人": "Recorded by",
    "委员表决": "Members' votes",
    # the citation in the review opinion
    "本件经%(committee)s于%(day)s审议，委员%(members)s人，到会表决%(present)s人，"
    "维持%(u)s票、撤销%(r)s票、变更%(ch)s票、弃权%(a)s票，结论为%(conclusion)s：%(reasons)s":
        "%(committee)s deliberated this matter on %(day)s: %(members)s members, %(present)s "
        "present and voting; uphold %(u)s, revoke %(r)s, change %(ch)s, abstain %(a)s; "
        "conclusion %(conclusion)s: %(reasons)s",
    "%(firm)s律师%(lawyer)s于%(day)s出具书面法律意见，意见为%(conclusion)s：%(reasons)s":
        "Lawyer %(lawyer)s of %(firm)s gave a written legal opinion on %(day)s: "
        "%(conclusion)s, because %(reasons)s",
    # states and actions
    "待律师出具意见": "Awaiting the lawyer's opinion", "律师已出具意见": "Lawyer's opinion in",
    "请律师出具意见": "Ask a lawyer for an opinion", "录入律师意见": "Enter the lawyer's opinion",
    "撤回律师意见请求": "Withdraw the request to the lawyer",
    "维持": "Uphold", "撤销": "Revoke", "变更": "Change", "弃权": "Abstain",
    "待委员会审议": "Before the committee", "委员会已作出结论": "Committee concluded",
    "提交复查复核委员会": "Refer to the review committee", "记录委员表决": "Record a member's vote",
    "宣布委员会结论": "Announce the committee's conclusion",
    "撤回委员会审议": "Withdraw the referral",
    "主任": "Chair", "机关工作人员": "Official", "外聘专家": "External expert",
    # workflow messages
    "没有找到该委员会审议，或您无权查看": "No such committee referral, or you may not see it",
    "没有找到该律师意见，或您无权查看": "No such lawyer's opinion, or you may not see it",
    "%(a)s：已请律师出具书面意见，意见录入（或撤回请求）后才能出具%(s)s意见":
        "%(a)s: a lawyer was asked for a written opinion; the %(s)s opinion can be issued once it "
        "is entered (or the request withdrawn)",
    "%(a)s：本件已提交复查复核委员会审议，委员会作出结论（或撤回审议）后才能出具%(s)s意见":
        "%(a)s: the matter is before the review committee; the %(s)s opinion can be issued once "
        "it concludes (or the referral is withdrawn)",
    "%(a)s：本地规定复查、复核须有律师书面意见，请先请律师出具意见":
        "%(a)s: local rules require a lawyer's written opinion for every review; ask a lawyer first",
    "只有复查中、复核中的信访件可以请律师出具意见或提交复查复核委员会（第35条、第36条）":
        "Only a case under review or re-examination can go to a lawyer or the review committee "
        "(Art. 35, 36)",
    "本件已不在该阶段，不能再录入律师意见":
        "The case has left that stage; the lawyer's opinion can no longer be entered",
    "已有待律师出具的意见，录入或撤回后再请":
        "A lawyer's opinion is already awaited; enter or withdraw it first",
    "本件已在复查复核委员会审议中": "The matter is already before the review committee",
    "本机关尚未设立复查复核委员会或委员会没有在任委员（请在管理后台配置）":
        "This body has no review committee, or none of its members serves (set it up in the admin)",
    "委员会会议定于%(d)s召开，会议召开后才能记录表决":
        "The committee meets on %(d)s; votes are recorded once it meets",
    "%(m)s不是%(c)s的委员": "%(m)s is not a member of %(c)s",
    "%(m)s已表决，表决记录不能更改": "%(m)s has voted; a vote cannot be changed",
    "到会表决委员%(p)s人，未超过委员总数%(m)s人的%(s)s，不能作出结论":
        "%(p)s members present and voting is not more than %(s)s of the %(m)s members: no quorum",
    "没有一种意见超过到会表决委员的%(s)s，未形成委员会结论；可撤回后重新提交审议":
        "No choice has more than %(s)s of the members present and voting: no conclusion; the "
        "referral can be withdrawn and made again",
    # pages
    "律师意见与复查复核委员会": "Lawyers' opinions and the review committee",
    "请律师工作室的律师出具书面意见（作出复查、复核意见前参考；期限照常计算）":
        "Ask a lawyer of the lawyers' office for a written opinion (considered before the review "
        "opinion; the time limits keep running)",
    "疑难事项提交本机关复查复核委员会审议（委员会作出结论后才能出具意见）":
        "Refer a hard matter to this body's review committee (the opinion waits for its "
        "conclusion)",
    "到会表决 %(p)s 人 / 委员 %(m)s 人": "%(p)s present and voting / %(m)s members",
    "复查复核律师与委员会": "Review lawyers and committee",
    "暂无提交委员会审议的信访件": "No case before the committee",
    "待律师出具的意见": "Lawyers' opinions awaited",
    "本辖区尚未设立复查复核委员会（在管理后台配置）":
        "No review committee in your jurisdiction (set one up in the admin)",
    "律师工作室": "Lawyers' office", "暂无在册律师": "No lawyer on the roster",
    "律师值班安排": "Lawyers' duty days", "暂无值班安排": "No duty days",
    "结论作出后表决结果固定，不再改动": "Once concluded, the votes are fixed and cannot change",
    "尚无表决记录": "No votes recorded yet", "已离任": "No longer serving",
    "返回复查复核律师与委员会": "Back to review lawyers and committee",
}

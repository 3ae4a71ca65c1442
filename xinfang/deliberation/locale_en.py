"""English for 众人议事厅, staff and portal pages (see locale/fill_po.py)."""

EN = {
    # states and models
    "草稿": "Draft", "议事中": "Open for deliberation", "已截止": "Closed",
    "已决定": "Decided", "已公布": "Published", "已撤销": "Cancelled",
    "发起议题": "Open a topic", "关联信访事项": "Linked petitions", "取消关联": "Unlink a petition",
    "发布议事": "Publish for deliberation", "截止并计票": "Close and count",
    "记录决定": "Record the decision", "公布结果": "Publish the result", "撤销议题": "Cancel the topic",
    "屏蔽评论": "Hide a comment",
    "名册内居民（含工作人员核实的参与人）":
        "Residents on the roster (including participants verified by staff)",
    "仅工作人员核实的参与人": "Only participants verified by staff",
    "居民名册": "Residents' roster", "工作人员核实": "Verified by staff",
    "所属村（社区、小区）": "Village, community or estate", "姓名": "Name", "手机号码": "Mobile number",
    "来源": "Source", "核实情况": "How verified", "有效": "Active","议事参与人": "Participant", "议事参与人名册": "Participants' roster",
    "议题编号": "Topic number", "议题": "Topic", "基本情况": "The facts", "表决选项": "Options",
    "议事地点（乡镇、村、小区）": "Place (township, village, estate)", "参与范围": "Who takes part",
    "开始时间": "Opens at", "截止时间": "Closes at", "状态": "Status", "表决结果": "Result",
    "结果校验值": "Result checksum", "截止计票时间": "Counted at", "决定": "Decision",    "决定时间": "Decided at", "公布时间": "Published at", "撤销理由": "Reason for cancelling",
    "发起人": "Opened by", "更新时间": "Updated at", "议事议题": "Deliberation topics",
"关联时间": "Linked at", "选项": "Option", "投票时间": "Voted at",
    "表决票": "Votes", "评论人": "By", "评论内容": "Comment", "评论时间": "Posted at",
    "已屏蔽": "Hidden", "屏蔽理由": "Reason for hiding", "屏蔽时间": "Hidden at",
    "议事评论": "Deliberation comments", "议事记录": "Deliberation history",
    "议题已截止计票，表决结果不能更改": "The votes of this topic are counted: the result cannot be changed",
    "表决票一经投出不能更改": "A vote once cast cannot be changed",
    "表决票一经投出不能删除": "A vote once cast cannot be deleted",
    "众人议事厅": "Deliberation hall",
    # events
"%(action)s：%(old)s → %(new)s": "%(action)s: %(old)s → %(new)s",
    "，应参与%(eligible)s人": ", %(eligible)s eligible", "，投票%(votes)s人": ", %(votes)s voted",
    "关联信访事项：%(case_label)s": "Petition linked: %(case_label)s",
    "取消关联信访事项：%(case_label)s": "Petition unlinked: %(case_label)s",
    "屏蔽%(author)s的评论": "Comment by %(author)s hidden",
    "议事结果公布": "Deliberation result published",
    "议题“%(title)s”（%(topic)s）结果公布：%(result)s":
        "Result of the topic \"%(title)s\" (%(topic)s) published: %(result)s",
    "一件检举控告类事项": "an accusation",
    # workflow and services
    "没有找到信访事项%(n)s，或不在本单位可查阅的范围内":
        "Petition %(n)s was not found, or is outside what your unit may see",
    "第三十条：检举控告类事项不能关联到被检举、揭发单位（或其下属单位）的议题":
        "Art. 30: an accusation cannot be linked to a topic of the accused unit (or a unit below it)",
    "信访事项%(n)s已关联本议题": "Petition %(n)s is already linked to this topic",
    "信访事项%(n)s未关联本议题": "Petition %(n)s is not linked to this topic",
    "截止时间已过，不能发布；请撤销后重新发起议题":
        "The closing time has passed: it cannot be published; cancel it and open a new topic",
    "%(u)s的参与人名册中没有可以参与的居民，请先登记参与人":
        "The roster of %(u)s has nobody who may take part: enter participants first",
    "议事期限尚未届满（截止时间：%(t)s），不能提前截止计票":
        "The period has not ended (closes at %(t)s): it cannot be closed and counted early",
    "本议题没有这条评论": "This topic has no such comment", "这条评论已屏蔽": "This comment is already hidden",
    "参与%(v)s人/应参与%(e)s人；%(rows)s": "%(v)s of %(e)s voted; %(rows)s",
    "该手机号码已在%(u)s的参与人名册中": "This mobile number is already on the roster of %(u)s",
    "议事验证码": "Deliberation code",
    "【众人议事厅】您参与议题“%(t)s”的验证码为%(c)s，%(m)s分钟内有效。请勿告诉他人。":
        "[Deliberation hall] Your code for the topic \"%(t)s\" is %(c)s, valid for %(m)s minutes. "
        "Do not tell anyone.",
    "议事已截止，不能再投票或评论": "The deliberation is closed: no more votes or comments",
    "议事尚未开始": "The deliberation has not started yet",
    "您不在本议题的参与范围内": "You are not among those who take part in this topic",
    "请选择一个表决选项": "Please choose an option",
    "您已经投过票。每人每个议题只能投一次票，投出后不能更改。":
        "You have already voted. Each person votes once per topic, and a vote cannot be changed.",
    "请填写评论内容": "Please write your comment",
    # forms
    "如：小古城村遗址区块农户是否逐步外迁建房":
        "E.g. should the households of the heritage zone gradually move out",
    "写明事实、政策依据和各方案的利弊，至少10个字":
        "State the facts, the policy and the pros and cons of each option; at least 10 characters",
    "每行一个，2至8个，如“赞成”“反对”或几个具体方案":
        "One per line, 2 to 8, e.g. \"For\" and \"Against\", or several named plans",
    "该地参与人名册内的居民可以参与": "The residents on this place's roster may take part",
    "请填写2至8个表决选项，每行一个": "Please give 2 to 8 options, one per line",
    "表决选项不能重复": "The options must differ", "每个选项不超过60个字": "At most 60 characters per option",
    "截止时间须晚于开始时间": "The closing time must be after the opening time",
    "信访事项编号": "Petition number",
    "本单位可查阅的信访事项，如 QHXF-2026-00012": "A petition your unit may see, e.g. QHXF-2026-00012",
    "说明": "Note",
    "结合议事结果作出的决定，如：按多数意见实施逐步外迁方案":
        "The decision taken in the light of the result, e.g. carry out the gradual move as most wished",
    "说明决定的理由和依据，公布时一并公开": "The reasons and basis of the decision, published with it",
    "如：含他人个人信息；人身攻击；广告": "E.g. contains someone's personal data; abuse; advertising",
    "居民在网上参与时用此号码接收验证码": "The resident receives the code for taking part online here",
    "经工作人员当面或上门核实": "Verified by staff in person or at home",
    "如：户籍在册；租户，经网格员上门核实": "E.g. registered household; tenant, verified at home by the grid worker",
    "请填写11位手机号码": "Please enter an 11-digit mobile number",
    "村（社区）登记在参与人名册上的手机号码": "The mobile number on your village's roster",
    "短信验证码": "SMS code", "发送到您手机的6位数字": "The 6 digits sent to your phone",
    "验证码是6位数字": "The code is 6 digits", "我的意见": "My choice",
    "我的意见和建议": "My comments and suggestions",
    # views
    "没有找到该议题": "Topic not found", "没有找到该议题，或您无权查看": "Topic not found, or not yours to see",
    "已%(action)s": "Done: %(action)s", "此表单已经提交过：%(n)s": "This form was already sent: %(n)s",
    "已发起议题%(n)s（草稿）。关联信访事项、核对名册后即可发布。":
        "Topic %(n)s opened (draft). Link the petitions and check the roster, then publish it.",
    "您没有登记参与人的权限": "You may not enter participants",
    "请选择村（社区、小区）": "Please choose a village, community or estate",
    "已登记参与人": "Participant entered",
    "操作过于频繁，请稍后再试。": "Too many attempts: please try again later.",
    "验证码不正确或已过期，请核对短信，或返回重新获取。":
        "The code is wrong or has expired: check the SMS, or go back and get a new one.",
    "验证成功，您可以参与本议题的表决和评论。": "Verified: you may now vote and comment on this topic.",
    "请先用参与人名册上的手机号码验证身份。": "Please first verify with the mobile number on the roster.",
    "您的表决已记录，感谢参与。议事截止后公布结果。":
        "Your vote is recorded, thank you. The result is published after the closing time.",
    "评论已发表。": "Comment posted.",
    # staff templates
    "参与人名册": "Participants' roster", "参与情况和结果": "Participation and results",
    "已发布议题 %(n)s 个，已截止计票 %(c)s 个；投票 %(v)s 人次，应参与 %(e)s 人次":
        "%(n)s topics published, %(c)s closed and counted; %(v)s votes of %(e)s eligible",
    "参与率 %(p)s%%": "turnout %(p)s%%", "议事地点": "Place", "应参与": "Eligible", "投票": "Vote",
    "参与率": "Turnout", "多数意见": "Majority",
    "参与率 = 截止时投票人数 ÷ 截止时应参与人数（名册内有效的居民）；多数意见的占比 = 该选项票数 ÷ 投票人数。":
        "Turnout = voters at closing ÷ eligible at closing (active residents on the roster); the "
        "majority's share = its votes ÷ votes cast.",
    "全部": "All", "筛选": "Filter", "编号": "Number", "暂无": "None",
    "议事期限": "Period", "参与情况": "Participation",
    "截止时投票 %(v)s 人 / 应参与 %(e)s 人": "%(v)s voted of %(e)s eligible at closing",
    "已投票 %(votes)s 人 / 名册内可参与 %(eligible)s 人": "%(votes)s voted of %(eligible)s on the roster",
    "共关联 %(n)s 件，其余不在您可查阅的范围内。": "%(n)s linked in all; the others are outside what you may see.",
    "居民意见": "Residents' comments", "暂无评论。": "No comments yet.",
    "办理": "Handling",    "在门户网站查看": "See it on the portal",    "乡镇、村（社区）或小区就群众关切的公共事务发起协商议题：写明基本情况和表决选项，确定参与范围和议事期限。发起后为草稿，可关联相关信访事项，发布后居民即可在门户网站评论和表决。":
        "A township, village or estate puts a public matter people care about to deliberation: "
        "state the facts and the options, who takes part and the period. It starts as a draft, "
        "to which petitions can be linked; once published, residents comment and vote on the portal.",
    "村（社区）、小区登记可以参与议事的居民；姓名和手机号码加密保存，列表中只显示部分。居民在门户网站用名册上的手机号码接收验证码后参与。":
        "Villages, communities and estates enter the residents who may take part; names and "
        "numbers are encrypted and shown only in part. A resident takes part on the portal after "
        "a code is sent to the number on the roster.",
    "村（社区、小区）": "Village, community or estate",
    "登记参与人：%(u)s": "Enter a participant: %(u)s",    # result
    "参与表决 %(v)s 人，应参与 %(e)s 人，参与率 %(p)s%%": "%(v)s voted of %(e)s eligible, turnout %(p)s%%",
    "票数": "Votes", "占投票数": "Share of votes", "多数意见：%(l)s（%(p)s%%）": "Majority: %(l)s (%(p)s%%)",
    "%(at)s 截止计票，结果已固定，不能更改。": "Counted at %(at)s; the result is fixed and cannot be changed.",
    "校验值": "Checksum",
    "投票 %(v)s 人 / 应参与 %(e)s 人": "%(v)s voted of %(e)s eligible",
    # portal
    "本村（社区、小区）的事大家议：评论和表决": "Your village's matters, decided together: comment and vote",
    "村（社区）、小区的公共事务，由大家一起商量。登记在参与人名册上的居民，用手机号码验证后可以发表意见、参加表决（每人每个议题一票）。截止后公布表决结果和决定。":
        "Public matters of a village, community or estate, discussed together. Residents on the "
        "roster verify with their mobile number, then comment and vote (one vote per person per "
        "topic). The result and the decision are published after the closing time.",
    "正在议事": "Open for deliberation", "%(c)s 截止": "closes %(c)s",
    "暂无正在议事的议题。": "No topic is open now.", "议事结果": "Results", "暂无议事结果。": "No results yet.",
    "上一页": "Previous", "下一页": "Next", "%(o)s 至 %(c)s": "%(o)s to %(c)s",
    "本议题关联 %(n)s 件信访事项，结果将记入这些事项。":
        "%(n)s petition(s) are linked to this topic; the result will be recorded on them.",
    "%(at)s 公布": "Published %(at)s", "参与议事": "Take part",
    "您好，%(n)s（已验证）": "Hello, %(n)s (verified)",
    "您已投票。每人每个议题只能投一次票，投出后不能更改。":
        "You have voted. Each person votes once per topic, and a vote cannot be changed.",
    "每人每个议题一票，投出后不能更改。": "One vote per person per topic; it cannot be changed.",
    "发表评论": "Post a comment", "退出本次参与": "Leave",
    "请输入村（社区）登记在参与人名册上的手机号码，我们将发送短信验证码。":
        "Enter the mobile number on your village's roster; we will send a code by SMS.",
    "获取验证码": "Get a code",
    "另有 %(n)s 条评论因不符合议事规则已屏蔽。": "%(n)s more comment(s) hidden for breaking the rules.",
    "短信验证": "SMS verification",
    "如果该号码在本议题的参与人名册中，验证码已发送，10分钟内有效。没有收到短信，请联系村（社区）核实名册。":
        "If this number is on the topic's roster, a code has been sent, valid for 10 minutes. If no "
        "SMS arrives, ask your village to check the roster.",
    "验证": "Verify", "返回议题": "Back to the topic",
    "为保护您的信息，连续输错多次后需要等待30分钟才能再次验证。":
        "To protect you, after several wrong codes you must wait 30 minutes before trying again.",
    "评论": "Comment", "我所在的村（社区、小区）": "My village, community or estate", "查看": "Show",
    # the dashboard and the Excel sheet 基层治理与人民建议 (xinfang/warning)
    "近一年开始议事的议题数（不含草稿和撤销的）":
        "Topics whose deliberation opened in the last 12 months (not drafts, not cancelled)",
    "已截止计票": "Closed and counted", "其中已截止计票的（结果已固定）": "Of them, closed and counted (result fixed)",
    "议事参与率（%）": "Deliberation turnout (%)",
    "已截止议题的投票人数之和 ÷ 截止时应参与人数之和":
        "Sum of votes over the closed topics ÷ sum of those eligible at closing",
    "参与率（%）：投票人数 ÷ 截止时应参与人数；多数意见：": "Turnout (%): votes ÷ eligible at closing; majority: ",
    "议事参与率": "Deliberation turnout", "各议题参与和结果": "Participation and result of each topic",
    "议事参与率：近一年开始、已截止计票的议题，投票人数之和 ÷ 截止时应参与人数之和；各议题：投票人数 ÷ 应参与人数，多数意见占比 = 该选项票数 ÷ 投票人数":
        "Deliberation turnout: over the topics opened in the last 12 months and closed, the sum of "
        "votes ÷ the sum of those eligible at closing; per topic: votes ÷ eligible, the majority's "
        "share = its votes ÷ votes cast",
}

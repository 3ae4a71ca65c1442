"""English for the suggestion collection, staff and portal pages (see locale/fill_po.py)."""

EN = {
    # states and models
    "已提交": "Submitted", "已转交": "Referred", "不予采纳": "Not adopted", "已公开": "Published",
    "已采纳": "Adopted", "已答复": "Answered", "部分采纳": "Partly adopted",
    "网上提交建议": "Send a suggestion online", "登记建议": "Enter a suggestion",
    "转交研究": "Refer for study", "答复建议人": "Answer the proposer", "公开": "Publish",
    "记录奖励": "Record a reward",
    "网上提交": "Online", "工作人员登记": "Entered by staff",
    "经济发展": "Economic development", "城乡建设": "Urban and rural construction",
    "社会民生": "Livelihood", "生态环境": "Environment", "政务服务": "Government services",
    "建议编号": "Suggestion number", "建议题目": "Suggestion", "领域": "Area",
    "涉及地区或单位": "Place or unit concerned", "受理单位": "Receiving unit",
    "研究办理单位": "Deciding unit", "提出方式": "How it was made",
    "建议人姓名": "Proposer's name", "建议人手机号码": "Proposer's mobile number",
    "同意公开": "Agrees to publication",
    "同意公开建议内容及采纳情况（不公开姓名和联系方式）":
        "I agree that the suggestion and its outcome may be published (never my name or contact "
        "details)",
    "提出日期": "Submitted on", "转交日期": "Referred on", "答复意见": "Answer",
    "答复日期": "Answered on", "采纳情况说明": "Outcome explained",
    "决定日期": "Decided on", "公开日期": "Published on", "奖励": "Reward", "奖励日期": "Rewarded on",
    "人民建议": "Suggestions", "人民建议记录": "Suggestion history",
    "建议人": "Proposer", "匿名": "Anonymous",
    # workflow messages
    "建议人未同意公开，不能公开此建议":
        "The proposer did not agree to publication: this suggestion cannot be published",
    "本地未设立人民建议奖励（XINFANG_SUGGESTION_REWARDS 未开启）":
        "This locality grants no rewards for suggestions (XINFANG_SUGGESTION_REWARDS is off)",
    "只有被采纳的建议才能记录奖励": "Only an adopted suggestion can be rewarded",
    "此建议已记录奖励": "A reward is already recorded for this suggestion",
    "人民建议 %(n)s": "Suggestion %(n)s", "请填写奖励内容": "Please describe the reward",
    "【人民建议】您的建议“%(t)s”已收到，编号%(n)s，由%(u)s办理。可凭查询码查询办理情况。":
        "[Suggestion] Your suggestion \"%(t)s\" was received, number %(n)s, handled by %(u)s. "
        "Use your query code to follow it.",
    "转来人民建议 %(n)s": "Suggestion %(n)s referred to you",
    "%(u)s转来人民建议“%(t)s”，请研究论证并答复建议人（第二十九条）。":
        "%(u)s referred the suggestion \"%(t)s\": please study it and answer the proposer "
        "(Art. 29).",
    "【人民建议】您的建议“%(t)s”（%(n)s）已由%(u)s研究答复，可凭查询码查看答复意见。":
        "[Suggestion] %(u)s has studied and answered your suggestion \"%(t)s\" (%(n)s). Use your "
        "query code to read the answer.",
    "【人民建议】您的建议“%(t)s”（%(n)s）：%(o)s。可凭查询码查看说明。":
        "[Suggestion] Your suggestion \"%(t)s\" (%(n)s): %(o)s. Use your query code to read why.",
    "【人民建议】感谢您的建议“%(t)s”（%(n)s），按规定给予奖励：%(w)s。":
        "[Suggestion] Thank you for your suggestion \"%(t)s\" (%(n)s); it is rewarded: %(w)s.",
    "，转交%(unit_name)s": ", referred to %(unit_name)s", "，%(outcome)s": ", %(outcome)s", "奖励：%(reward)s": "Reward: %(reward)s",
    # forms
    "一句话概括，例如：建议在城关镇增设公共充电桩":
        "In one sentence, e.g. more public charging points in Chengguan town",

    "写明现状、问题和具体建议，至少10个字":
        "The present situation, the problem and what you suggest (at least 10 characters)",
    "匿名提出（不留姓名）": "Make it anonymously (no name)", "姓名": "Name",
    "手机号码": "Mobile number",
    "用于查询办理情况和接收答复短信，不会公开":
        "Used to look up your suggestion and to text you the answer; never published",
    "请填写11位手机号码": "Please enter an 11-digit mobile number",
    "请填写手机号码：查询办理情况时需要核对":
        "Please enter a mobile number: it is checked when you look up your suggestion",
    "请填写姓名，或选择匿名提出": "Please enter your name, or choose to make it anonymously",
    "建议涉及的地区": "Place the suggestion concerns", "请选择": "Please choose", "表单": "Form",
    "表单已失效，请刷新页面后重新填写": "The form has expired: please reload the page and fill it in again",
    "建议涉及的地区或单位": "Place or unit the suggestion concerns",
    "有权处理、负责研究论证的机关或单位": "The organ or unit competent to study and decide it",
    "转交说明": "Note to the deciding unit", "研究论证及答复意见": "Study and answer",
    "采纳情况（如何落实）": "Outcome (how it will be carried out)",
    "不予采纳的理由": "Reasons for not adopting it",
    "向建议人说明理由（第二十九条）": "The reasons given to the proposer (Art. 29)",
    "公开说明": "Note on publication", "奖励内容": "Reward",
    "如：颁发荣誉证书、奖金500元（按本地规定）":
        "e.g. a certificate of honour, 500 yuan (as local rules provide)",
    "查询码": "Query code",
    "回执上的16位查询码，可不输入“-”，不区分大小写":
        "The 16-character query code on your receipt; dashes and case do not matter",
    "提出建议时填写的手机号码": "The mobile number you gave with your suggestion",
    # staff pages
    "没有找到该建议，或您无权查看": "Suggestion not found, or not yours to see",
    "已登记建议%(n)s。请告知建议人查询码：%(c)s（只显示这一次）":
        "Suggestion %(n)s entered. Tell the proposer the query code: %(c)s (shown this once only)",
    "此表单已经提交过：建议%(n)s": "This form was already sent: suggestion %(n)s",
    "按主题归集": "By topic", "主要指标": "Key figures", "建议数": "Suggestions",
    "平均答复天数": "Average days to answer",
    "采纳率 = 采纳和部分采纳的件数 ÷ 已作出采纳决定的件数；平均答复天数 = 已答复建议从提出到答复的日历天数的平均值。":
        "Adoption rate = adopted and partly adopted ÷ suggestions decided; average days to answer "
        "= mean calendar days from submission to answer, over the answered suggestions.",
    "办理中": "In progress", "只看本单位受理或办理的": "Only those my unit received or decides",
    "以书信、电话、走访提出的建议由工作人员登记（第十七条、第二十九条）。登记后显示一次查询码，请告知建议人。":
        "Suggestions made by letter, phone or in person are entered by staff (Art. 17, 29). The "
        "query code is shown once after entry: tell it to the proposer.",
    "全部建议": "All suggestions", "办理中的建议": "Suggestions in progress",
    "个主题": "topic(s)", "只看办理中的": "Only those in progress",
    "包括已办结的": "Include finished ones", "返回列表": "Back to the list",
    "文字相近的建议归为同一主题（字符片段相似度，见 docs/suggestions.md）。":
        "Suggestions with similar wording are grouped into one topic (character n-gram "
        "similarity, see docs/suggestions.md).",
    "只归集最新的%(shown)s件": "only the newest %(shown)s grouped", "关键词": "Keywords",
    "转交": "referred", "建议人（网上）": "Proposer (online)", "办理": "Handling",

    # portal
    "人民建议征集": "People's suggestions",
    "人民建议征集：对政策和工作提出建议": "Suggest how policies and public work could be better",
    "我要提建议": "Make a suggestion", "提出建议": "Make a suggestion",
    "带*的必须填写。手机号码只用于查询和接收答复短信，不会公开。":
        "Fields marked * are required. Your mobile number is only used to look up your suggestion "
        "and to text you the answer; it is never published.",
    "您的建议": "Your suggestion", "提交建议": "Send the suggestion",
    "查询建议办理情况": "Follow my suggestion",
    "请输入回执上的查询码和提出建议时填写的手机号码。":
        "Enter the query code on your receipt and the mobile number you gave with your suggestion.",
    "为保护您的信息，连续输错多次后需要等待30分钟才能再次查询。":
        "To protect your information, after several wrong attempts you must wait 30 minutes.",
    "对经济社会发展、改进工作、保护公共利益有好的想法？欢迎提出建议。有关单位将认真研究论证，采纳或者说明不予采纳的理由，并答复您（《信访工作条例》第二十九条）。":
        "An idea for the economy and society, for better public work or the public interest? "
        "Suggest it. The competent unit studies it, adopts it or explains why not, and answers you "
        "(Regulations on Letters and Visits, Art. 29).",
    "填写后取得查询码": "You get a query code", "凭查询码和手机号码": "With your query code and mobile number",
    "已公开的建议": "Published suggestions",
    "经建议人同意公开，不显示建议人的姓名和联系方式。":
        "Published with the proposers' agreement; their names and contact details are never shown.",
    "暂无公开的建议。": "No published suggestions yet.",
    "建议已提交": "Suggestion sent",
    "感谢您的建议。请抄下或打印下面的查询码，查询办理情况时要用它。":
        "Thank you for your suggestion. Write down or print the query code below: you need it to "
        "follow your suggestion.",
    "查询码只显示在本回执上，系统不保存明文，丢失后无法找回。请勿告诉他人。":
        "The query code is shown only on this receipt and is not stored in clear: it cannot be "
        "recovered if lost. Do not tell it to anyone.",
    "此表单已经提交过。请使用第一次提交时得到的查询码。":
        "This form was already sent. Please use the query code you got the first time.",
    "受理单位将把建议转交有权处理的单位研究论证，并答复您是否采纳（第二十九条）。":
        "The receiving unit refers your suggestion to the competent unit, which studies it and "
        "tells you whether it is adopted (Art. 29).",
    "打印回执": "Print the receipt", "去查询办理情况": "Follow my suggestion",
    "建议办理情况": "My suggestion", "办理状态": "Status",
    "有关单位正在研究论证，答复后会以短信告知您。":
        "The competent unit is studying it; you will get a text message when it answers.",
    "返回人民建议征集": "Back to people's suggestions",
    "操作过于频繁，请稍后再试。": "Too many attempts: please try again later.",
    "计算结果不对，请重新计算下面的新题目": "Wrong answer: please work out the new sum below",
    "查询码或手机号码不正确。请核对回执上的查询码和提出建议时填写的手机号码。":
        "Wrong query code or mobile number. Check the code on your receipt and the mobile number "
        "you gave with your suggestion.",
    "回执": "Receipt",
}

"""English for the warning interface (see locale/fill_po.py)."""

EN = {
    # models
    "异常增长": "Unusual increase", "热点问题": "Hot issue", "超期集中": "Cluster of overdue cases",
    "对象（小区、企业、道路、学校等）": "Subject (housing estate, company, road, school, etc.)",
    "蓝色": "Blue", "黄色": "Yellow", "橙色": "Orange", "红色": "Red",
    "一般": "Moderate", "较重": "Serious", "严重": "Severe", "特别严重": "Very severe",
    "预警编号": "Warning number", "预警类型": "Warning type", "维度": "Dimension", "序列键": "Series key",
    "同一序列的预警用同一键，重算时据此合并":
        "Warnings of the same series share this key and are merged on recalculation",
    "预警对象": "Subject of the warning", "范围（属地）": "Area (place of the problem)",
    "检测方法": "Detection method", "统计量": "Statistic", "阈值": "Threshold", "观测数": "Observed",
    "期望数": "Expected", "预警等级": "Warning level", "首次信号日期": "First signal on",
    "最近信号日期": "Last signal on", "证据信访件": "Evidence cases", "提示函文号": "Warning letter number",
    "发函日期": "Letter sent on", "发函单位": "Sending unit", "反馈情况": "Feedback",
    "办结说明": "Closing note", "办结日期": "Closed on", "生成时间": "Created at", "预警": "Warning",
    "生成预警": "Warning raised", "信号更新": "Signal updated", "预警记录": "Warning history",
    "对象": "Subject", "信访件对象": "Case subject", "待处置": "To be handled",
    "已发提示函": "Warning letter sent", "单位已反馈": "Unit has replied",
    "发出预警提示函": "Send warning letter", "反馈处置情况": "Record the unit's feedback",
    "办结预警": "Close warning",
    # dashboard
    "本级": "own", "信访态势": "Petition dashboard", "统计截至": "Figures as of", "导出Excel": "Export Excel",
    "全部预警": "All warnings", "主要指标": "Key figures", "近30日信访量": "Petitions in the last 30 days",
    "环比": "vs previous 30 days", "同比": "vs a year earlier", "未办结预警": "Open warnings",
    "超期事项": "Overdue cases", "指标计算方法": "How the figures are computed",
    "环比：近30日 ÷ 前30日 − 1；同比：近30日 ÷ 上年同期30日 − 1":
        "vs previous 30 days: last 30 days ÷ previous 30 days − 1; vs a year earlier: last 30 days ÷ "
        "the same 30 days a year earlier − 1",
    "每日信访量（近90日）": "Petitions per day (last 90 days)",
    "每日信访量折线图，数据见下表": "Line chart of petitions per day; the data are in the table below",
    "数据表": "Data table", "件数": "Cases", "每周信访量（近26周）": "Petitions per week (last 26 weeks)",
    "每周信访量柱状图，数据见下表": "Bar chart of petitions per week; the data are in the table below",
    "周（周一）": "Week (Monday)", "信访形式（近一年）": "Channels (last 12 months)",
    "信访形式饼图，数据见下表": "Pie chart of channels; the data are in the table below",
    "内容分类与趋势": "Categories and trends",
    "各一级分类近30日、前30日、上年同期件数柱状图，数据见下表":
        "Bar chart of each top-level category for the last 30 days, the previous 30 days and a year "
        "earlier; the data are in the table below",
    "近30日": "Last 30 days", "近一年": "Last 12 months",
    "问题属地（近一年，含下级）": "Place of the problem (last 12 months, including subordinate units)",
    "属地矩形树图，数据见下方单位树": "Treemap of places; the data are in the unit tree below",
    "单位树": "Unit tree", "热度": "Score", "件": " cases", "等级": "Level", "最近信号": "Last signal",
    "逾期未反馈": "Feedback overdue",
    # detail and actions
    "监测情况": "What was detected", "观测/期望": "Observed/expected", "信号日期": "Signal date",
    "同时触发": "Also triggered", "限": "Feedback due by", "前反馈": "at the latest",
    "单位反馈": "Unit's feedback", "无可查看的信访件": "No cases you may see", "处置": "Actions",
    "您当前没有可执行的操作。": "You have no actions here now.", "未办结": "Open",
    "反馈期限（天）": "Days allowed for feedback", "附言": "Message",
    "排查化解情况": "What the unit checked and resolved",
    "没有找到该预警，或您无权查看": "No such warning, or you may not see it",
    "请检查填写的内容：": "Please check what you entered:", "已%(action)s": "Done: %(action)s",
    "该预警尚未发出提示函": "No warning letter has been sent for this warning yet",
    "数据计算于 %(at)s，每分钟更新": "Figures computed at %(at)s, updated every minute",
    "立即重算": "recompute now",
    # the grassroots figures (issue 18): 吹哨报到 and 人民建议 on the dashboard and in its Excel
    "基层治理与人民建议（近一年）": "Grassroots governance and people's suggestions (last 12 months)",
    "吹哨到办结平均天数": "Average days from whistle to close", "建议采纳率": "Suggestion adoption rate",
    "建议平均答复天数": "Average days to answer a suggestion", "按网格和部门": "By grid and department",
    "网格或部门": "Grid or department", "数值": "Value", "基层治理与人民建议": "Grassroots and suggestions",
    "吹哨事项：近一年吹哨的事项数；已办结：其中经网格确认办结的":
        "Whistled matters: matters whistled in the last 12 months; closed: those the grid confirmed closed",
    "吹哨到办结平均天数：已办结事项（办结时间 − 吹哨时间）的平均值，按小时折算为天":
        "Average days from whistle to close: the mean of (closed at − whistled at) over the closed "
        "matters, counted in hours and shown in days",
    "建议采纳率：采纳与部分采纳 ÷ 已作出采纳决定（采纳、部分采纳、不予采纳）的建议":
        "Suggestion adoption rate: adopted and partly adopted ÷ suggestions decided (adopted, partly "
        "adopted, not adopted)",
    "建议平均答复天数：已答复建议（答复日期 − 提出日期）的平均值":
        "Average days to answer a suggestion: the mean of (answered on − submitted on) over the "
        "answered suggestions",
    "近一年吹哨的事项数": "Matters whistled in the last 12 months",
    "其中经网格确认办结的": "Of them, those the grid confirmed closed",
    "已办结事项（办结时间 − 吹哨时间）的平均值，按小时折算为天":
        "Mean of (closed at − whistled at) over the closed matters, counted in hours, in days",
    "近一年提出的建议数": "Suggestions made in the last 12 months",
    "建议采纳率（%）": "Suggestion adoption rate (%)",
    "采纳与部分采纳 ÷ 已作出采纳决定（采纳、部分采纳、不予采纳）的建议":
        "Adopted and partly adopted ÷ suggestions decided (adopted, partly adopted, not adopted)",
    "已答复建议（答复日期 − 提出日期）的平均值":
        "Mean of (answered on − submitted on) over the answered suggestions",
    "吹哨到办结平均天数；分子为已办结，分母为吹哨事项":
        "Average days from whistle to close; numerator: closed, denominator: whistled",
}

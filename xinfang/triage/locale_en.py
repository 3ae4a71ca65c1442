"""English for the triage interface (see locale/fill_po.py)."""

EN = {
    # rules list (依法分类处理清单)
    "关联既往信访件": "Link earlier case", "作为群体性事项关联办理": "Link as one group matter (Art. 20)", "事项名称": "Item name", "关键词": "Keywords",
    "每行一个，出现任一行即符合；一行内用“+”连接的词须同时出现。留空表示不限。":
        "One per line; any line matches; words joined by “+” on one line must all appear. "
        "Leave empty for no restriction.",
    "排除词": "Excluded words",
    "每行一个，出现任一行则本条不适用。": "One per line; if any line appears, this item does not apply.",
    "内容分类（一级）": "Category (top level)",
    "每行一个一级分类名称，如“劳动和社会保障”。留空表示不限。":
        "One top-level category name per line, e.g. “劳动和社会保障”. Leave empty for no restriction.",
    "逗号分隔：request, suggestion, appeal, accusation, other。留空表示不限。":
        "Comma-separated: request, suggestion, appeal, accusation, other. Leave empty for no restriction.",
    "留空表示本条只建议承办单位": "Leave empty if this item only suggests the handling unit",
    "建议信访目的": "Suggested purpose", "可简易办理": "Simplified handling allowed",
    "仅对初次、个人、依信访程序办理的事项生效（国信办发〔2022〕17号）":
        "Applies only to first, individual petitions handled under the petition procedure "
        "(State Petition Bureau document 〔2022〕 No. 17)",
    "承办单位类型": "Handling unit type", "承办单位名称包含": "Handling unit name contains",
    "在问题属地所在县（区）内按名称查找，如“人力资源”":
        "Looked up by name within the county (district) of the place of the problem, e.g. “人力资源”",
    "指定承办单位": "Named handling unit", "依据条款": "Legal basis", "优先级": "Priority",
    "数值大者优先": "Higher numbers win", "修改人": "Changed by",
    "依法分类处理清单事项": "Classified handling list item", "依法分类处理清单": "Classified handling list",
    # proposals
    "未发现": "None found", "重复访（同一信访人、同一事项）": "Repeat petition (same petitioner, same matter)",
    "同一事项（其他信访人）": "Same matter (other petitioners)",
    "同一信访人的其他事项": "Other matters of the same petitioner", "模型分类": "Model category",
    "置信度": "Confidence", "建议承办单位": "Suggested handling unit", "需人工研判": "Needs human review",
    "依据清单事项": "Matching list item", "重复情况": "Duplicates", "既往信访件": "Earlier cases",
    "反映对象": "Subject", "同一对象的近期信访件": "Recent cases about the same subject",
    "群体人数": "Group size", "模型版本": "Model version", "研判时间": "Analysed at", "已处理": "Done",
    "分类研判建议": "Triage suggestion", "照单采纳": "Accepted as suggested", "改动项": "Changed fields",
    "建议值": "Suggested", "采用值": "Used", "一级分类": "Top-level category",
    "研判反馈": "Triage feedback",
    # case panel
    "请人工研判": "Please triage by hand",
    "模型置信度低于 %(t)s，不自动给出分类和承办单位。":
        "Model confidence is below %(t)s, so no category or handling unit is suggested.",
    "可以": "Yes", "否": "No", "群体性事项": "Group matter", "约 %(n)s 人": "about %(n)s people",
    "一键采纳并甄别分类": "Accept and triage", "人工填写分类结果": "Fill in the triage by hand",
    "修改后采纳": "Accept with changes", "按此甄别分类": "Triage with these values",
    "重新研判": "Analyse again",
    # home page
    "内容分类模型": "Category model", "训练样本 %(n)s 条": "%(n)s training samples",
    "低于此置信度转人工": "Below this confidence a person decides", "待人工研判": "Waiting for a person",
    "群体性事项建议": "Suggested group matters", "重复访与同一事项": "Repeat petitions and same matters",
    "采纳与修改统计": "Accepted and changed suggestions",
    "共处理 %(t)s 条建议：照单采纳 %(a)s 条，修改后采纳 %(c)s 条。":
        "%(t)s suggestions handled: %(a)s accepted as suggested, %(c)s accepted with changes.",
    "采纳率": "Acceptance rate", "修改 %(n)s 次": "changes: %(n)s",
    "修改记录会用于下一次训练：manage.py train_triage": "Changes are used in the next training: manage.py train_triage",
    "最近的研判建议": "Recent suggestions", "待人工": "Needs a person", "待采纳": "Not decided",
    # views
    "已采纳研判建议并完成甄别分类": "Suggestion accepted and case triaged",
    "已按修改后的结果完成甄别分类，修改已记录用于改进模型":
        "Case triaged with your changes; the changes are recorded to improve the model",
    "本件已不在待甄别分类状态，或您无权甄别分类": "This case no longer awaits triage, or you may not triage it",
    "已重新研判": "Analysed again",
    # the shared duplicate index (dupindex.py, build_dup_index)
    "查重索引项": "Duplicate index posting", "查重索引记录": "Duplicate index entry",
    "查重索引状态": "Duplicate index state", "更新（或重建）信访件查重索引": "Update (or rebuild) the duplicate index of cases",
    "清空后重建": "Empty the index and build it again", "并行进程数（PostgreSQL）": "Worker processes (PostgreSQL)",
    "每个事务的信访件数": "Cases per transaction", "workers 与 chunk 须为正整数。": "workers and chunk must be positive integers.",
    "查重索引有重复项：请运行 build_dup_index --rebuild。":
        "The duplicate index holds a posting twice: run build_dup_index --rebuild.",
}

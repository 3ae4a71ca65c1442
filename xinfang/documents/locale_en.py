"""English for the documents interface (see locale/fill_po.py)."""

EN = {
    # models
    "回执扫描件": "Scanned receipt", "PDF或图片，不超过5MB": "PDF or image, up to 5 MB",
    "回执扫描件应为PDF或图片": "The scanned receipt must be a PDF or an image",
    "回执扫描件不能超过5MB": "The scanned receipt cannot exceed 5 MB",
    "转送告知书": "Transfer notice", "交办告知书": "Assignment notice",
    "延期办理告知书": "Extension notice", "听证通知书": "Hearing notice",
    "调解协议书": "Mediation agreement", "督办函": "Supervision order letter",
    "三项建议函": "Three recommendations letter", "预警提示函": "Warning letter",
    "文书种类": "Document type", "适用单位": "Unit",
    "留空为全平台默认模板；下级单位没有自己的模板时使用上级单位的":
        "Leave empty for the platform-wide default; a unit without its own template uses its parent unit's",
    "模板名称": "Template name", "模板文件（.docx）": "Template file (.docx)",
    "随系统提供": "Shipped with the system", "更新时间": "Updated at", "更新人": "Updated by",
    "文书模板": "Document template", "直接送达": "In person", "邮寄送达": "By post",
    "电子送达（短信、邮件、网上信访平台）": "Electronic (SMS, e-mail, online petition platform)",
    "留置送达": "Left at the address", "委托送达": "Through an agent", "公告送达": "By public notice",
    "发文单位": "Issuing unit", "对应操作": "Related action", "主送": "Addressee",
    "所用模板": "Template used", "填写内容": "Filled-in content", "Word文件": "Word file",
    "正文文本": "Body text", "PDF文件": "PDF file", "PDF生成失败原因": "Why the PDF could not be made",
    "出具时间": "Issued at", "出具人": "Issued by", "回执文件名": "Receipt file name",
    "送达记录": "Delivery record", "送达方式": "Delivery method", "回执": "Receipt",
    "签收人、邮件单号或短信回执编号": "Person who signed, postal tracking number or SMS receipt number",
    # templates
    "文书与送达": "Documents and delivery", "下载": "Download", "有扫描件": "Scan attached",
    "尚未登记送达": "Delivery not recorded", "登记送达": "Record delivery",
    "本件尚未出具文书。受理、不予受理、转送、交办、延期和出具意见时，系统自动生成相应告知书。":
        "No documents issued for this case yet. The system generates the notice when a case is accepted, "
        "not accepted, transferred, assigned or extended, and when an opinion is issued.",
    "出具其他文书": "Issue another document", "出具%(k)s": "Issue %(k)s",
    "文书与消息": "Documents and messages", "近期文书": "Recent documents",
    "仅未登记送达": "Only without recorded delivery", "暂无文书": "No documents yet",
    "我的消息": "My messages", "查看信访件": "View case", "标为已读": "Mark as read",
    "暂无消息": "No messages",
    # views and services
    "无法生成PDF：%(e)s": "Could not make the PDF: %(e)s",
    "您没有登记送达的权限": "You may not record deliveries",
    "%(k)s自送达之日（%(s)s）起重新计算，至%(d)s":
        "%(k)s restarts from the delivery date (%(s)s) and ends on %(d)s",
    "只有承办人或审批人可以出具文书": "Only a handler or an approver may issue documents",
    "已出具《%(k)s》%(n)s": "Issued “%(k)s” %(n)s", "请填写：%(f)s": "Please fill in: %(f)s",
    "受理告知书": "Acceptance notice", "不予受理告知书": "Notice of non-acceptance",
    "不再受理告知书": "Notice of no further acceptance", "信访处理意见书": "Written opinion on the petition",
    "复查意见书": "Written review opinion", "复核意见书": "Written re-examination opinion",
    "文号": "Document number", "出具": "Issue", "送达": "Delivery",
    "没有找到该文书，或您无权查看": "No such document, or you may not see it",
    "已登记送达：%(n)s": "Delivery recorded: %(n)s",
}

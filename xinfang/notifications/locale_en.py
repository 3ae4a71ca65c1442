"""English for the notifications interface (see locale/fill_po.py)."""

EN = {
    "短信": "SMS", "电子邮件": "E-mail", "站内消息": "In-app message", "待发送": "Waiting to send",
    "发送失败（已放弃）": "Sending failed (given up)", "渠道": "Channel",
    "收件信访人": "Petitioner (recipient)", "手机号或邮箱": "Mobile number or e-mail",
    "标题": "Title", "尝试次数": "Attempts", "下次尝试": "Next attempt", "最近错误": "Last error",
    "回执编号": "Receipt number", "创建时间": "Created at", "发送时间": "Sent at",
    "阅读时间": "Read at", "消息": "Message", "消息（发件箱）": "Messages (outbox)",
    "已发送": "Sent", "收件工作人员": "Staff recipient", "内容": "Content",
}

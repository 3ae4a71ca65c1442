"""English for the indicator rollup (see locale/fill_po.py)."""

EN = {
    "指标日汇总": "Daily indicator rollup", "汇总台账": "Rollup ledger",
    "已汇总的最后事件": "Last event folded", "最近汇总时间": "Last folded at",
    "汇总进度": "Rollup progress",
}
